import MotCuaCore
import MotCuaHTTP
import MotCuaStore

/// What protects browsers using MotCua: cross-site request forgery checks on every
/// state-changing request, and the security headers every answer carries.
///
/// SameSite=Strict cookies are the first wall; this is the second. A state-changing request
/// (any method but GET, HEAD and OPTIONS) is refused when the browser says it comes from
/// another site: `Sec-Fetch-Site` other than `same-origin`/`none`, or an `Origin` or
/// `Referer` whose host is not the request's `Host`. A browser request that carries its
/// cookies but neither header must carry the per-session token (`X-CSRF-Token`, which
/// every page puts in `<meta name="csrf-token">`). Programs that are not browsers
/// (devices with `Authorization: Bearer`, scripts) send none of these headers and hold no
/// cookie a foreign page could borrow.
enum BrowserSafety {
    /// The header carrying the per-session token.
    static let tokenHeader = "X-CSRF-Token"

    /// The Content-Security-Policy of every answer: our own scripts, styles and images only,
    /// no inline script, never framed.
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// The headers every answer carries, added where a handler did not set them.
    static let headers: [(String, String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
    ]

    /// Adds the security headers a response lacks.
    static func secure(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        for (name, value) in headers where !response.headers.contains(name) { response.headers.add(name, value) }
        return response
    }

    /// The per-session token for a session or device cookie value: derived, never stored,
    /// unguessable without the HttpOnly cookie itself.
    static func token(forCookie value: String) -> String {
        SHA256.hex("motcua-csrf:" + value)
    }

    /// The token for the cookie this request carries, if any.
    static func token(for request: HTTPRequest) -> String? {
        (Cookies.value(Cookies.session, in: request) ?? Cookies.value(Cookies.device, in: request)).map(token(forCookie:))
    }

    /// Why a request must be refused as a cross-site forgery, or nil.
    static func refusal(for request: HTTPRequest) -> Problem? {
        switch request.method {
        case .get, .head, .options: return nil
        default: break
        }
        let host = request.headers["Host"]?.lowercased()
        if let site = request.headers["Sec-Fetch-Site"]?.lowercased(), site != "same-origin", site != "none" {
            return crossSite
        }
        if let origin = request.headers["Origin"] {
            return authority(of: origin) == host && host != nil ? nil : crossSite
        }
        if let referer = request.headers["Referer"] {
            return authority(of: referer) == host && host != nil ? nil : crossSite
        }
        let browser = request.headers["Sec-Fetch-Mode"] != nil || (request.headers["User-Agent"]?.hasPrefix("Mozilla/") ?? false)
        guard browser, let expected = token(for: request) else { return nil }
        guard let sent = request.headers[tokenHeader], ConstantTime.equals(Array(sent.utf8), Array(expected.utf8)) else {
            return Problem("request.csrf-token", status: 403,
                           en: "This form was sent without the page's security token; reload the page and try again.",
                           vi: "Biểu mẫu được gửi thiếu mã bảo vệ của trang; hãy tải lại trang rồi thử lại.")
        }
        return nil
    }

    /// Why a state-changing API request's content type must be refused, or nil.
    ///
    /// The three types an HTML form can send without JavaScript (and without a CORS
    /// preflight) are never accepted by the API: JSON routes take `application/json`, the
    /// bank statement import `text/csv`. So no form on another site can drive the API.
    static func contentTypeRefusal(for request: HTTPRequest) -> Problem? {
        switch request.method {
        case .get, .head, .options: return nil
        default: break
        }
        guard request.path.hasPrefix("/api/"), let type = request.headers["Content-Type"]?.lowercased() else { return nil }
        let essence = type.split(separator: ";").first.map { $0.trimmingSpaces() } ?? ""
        guard ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"].contains(essence) else { return nil }
        return Problem("request.content-type", status: 415, en: "Send the body as application/json.",
                       vi: "Hãy gửi nội dung dạng application/json.")
    }

    /// `host[:port]` of an absolute URL, lowercased; nil for `null` or anything else.
    static func authority(of url: String) -> String? {
        guard let scheme = url.firstRange(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<end].lowercased()
        return authority.isEmpty ? nil : authority
    }

    private static let crossSite = Problem(
        "request.cross-origin", status: 403,
        en: "Refused: this request came from another website. Use MotCua's own pages.",
        vi: "Bị từ chối: yêu cầu này đến từ một trang web khác. Hãy dùng các trang của MotCua.")
}
