#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP

/// What a centre answers a credential of another centre, and signing out inside a centre.
///
/// A centre knows only its own sessions and devices, so a clerk's session or a device token
/// of centre A sent to centre B is, for B, no credential at all (401, or the sign-in page).
/// Only then does the province look across its centres: when the credential is alive at
/// another centre the answer becomes 403 `auth.other-centre` (a page in B's style for a
/// browser, linking to the account's own centre). A credential alive nowhere stays 401, and
/// a request B accepts costs nothing more. One look reads every centre, so an address gets
/// 30 looks a minute (``crossCentreLooks``); past that a refusal stays 401, and a flood of
/// made-up tokens costs the centres nothing more.
extension ProvinceServer {
    /// The problem for a credential that belongs to another centre; it names no login, device or centre.
    public static let otherCentre = Problem(
        "auth.other-centre", status: 403,
        en: "This account belongs to another centre; use it at that centre's own address, or sign in with an account of this centre.",
        vi: "Tài khoản này thuộc trung tâm khác; hãy dùng nó tại địa chỉ của trung tâm đó, hoặc đăng nhập bằng tài khoản của trung tâm này.")

    /// `tenant`'s answer to `request`, with the province's part: 403 for another centre's
    /// credential, and a centre's sign-out that also ends the province session acting there.
    func answer(_ request: HTTPRequest, at tenant: Tenant) async -> HTTPResponse {
        let signsOutProvince = request.method == .delete && Tenant.stripped(request.path, prefix: tenant.prefix) == "/api/v1/session"
            && provinceActs(request, at: tenant)
        let answer = await tenant.respond(to: request)
        if signsOutProvince, answer.status.code < 300 {
            return endProvinceSession(answer, request: request)
        }
        guard refusesCredential(answer, at: tenant), let home = home(of: request, besides: tenant) else { return answer }
        if Application.wantsPage(request), request.method == .get || request.method == .head {
            return tenant.otherCentrePage(request, home: home)
        }
        return BrowserSafety.secure(.problem(Self.otherCentre))
    }

    /// Whether the centre's caller is the province account: a province session and no
    /// session of the centre's own.
    private func provinceActs(_ request: HTTPRequest, at tenant: Tenant) -> Bool {
        guard identity != nil, Cookies.value(Cookies.province, in: request) != nil else { return false }
        guard let own = Cookies.value(Cookies.session, in: request) else { return true }
        return (try? tenant.application.identity.account(forSession: own)) == nil
    }

    /// The centre's sign-out answer, also ending the province session and its cookie.
    private func endProvinceSession(_ answer: HTTPResponse, request: HTTPRequest) -> HTTPResponse {
        guard let identity, let token = Cookies.value(Cookies.province, in: request) else { return answer }
        do {
            try identity.signOut(token: token)
        } catch {
            return BrowserSafety.secure(Application.response(for: error))
        }
        var response = answer
        response.headers.add("Set-Cookie", Cookies.clear(Cookies.province))
        return response
    }

    /// Whether `answer` is the centre refusing a request for want of a credential (401
    /// `auth.required`, or a page sending to the centre's sign-in) while it carried one.
    private func refusesCredential(_ answer: HTTPResponse, at tenant: Tenant) -> Bool {
        switch answer.status.code {
        case 401:
            guard case .bytes(let bytes) = answer.body, let body = try? JSONParser().parse(bytes) else { return false }
            return body["error"]?["code"]?.stringValue == "auth.required"
        case 303:
            return answer.headers["Location"]?.hasPrefix(tenant.prefix + Pages.signInPath + "?") ?? false
        default:
            return false
        }
    }

    /// The centre other than `tenant` where the request's staff session or device token is
    /// alive, if any. Looked up only after `tenant` refused it.
    private func home(of request: HTTPRequest, besides tenant: Tenant) -> Tenant? {
        let session = Cookies.value(Cookies.session, in: request)
        var device = Cookies.value(Cookies.device, in: request)
        if let authorization = request.headers["Authorization"], authorization.hasPrefix("Bearer ") {
            device = String(authorization.dropFirst(7)).trimmingSpaces()
        }
        guard session != nil || device != nil,
              (try? crossCentreLooks.admit(request.remoteAddress, code: nil, at: clock.now)) != nil else { return nil }
        for other in tenants where other !== tenant {
            let identity = other.application.identity
            if let session, (try? identity.account(forSession: session)) != nil { return other }
            if let device, (try? identity.device(forToken: device)) != nil { return other }
        }
        return nil
    }
}

extension Tenant {
    /// The 403 page in this centre's style for another centre's credential, linking to `home`.
    func otherCentrePage(_ request: HTTPRequest, home: Tenant) -> HTTPResponse {
        let inner = Self.inward(request, prefix: prefix)
        let page = application.otherCentrePage(inner, home: home.deployment.centre.name, homePath: home.prefix + "/")
        var answer = Self.outward(page, prefix: prefix)
        // The link to the other centre is a province path, not one of this centre's.
        if case .bytes(let bytes) = answer.body {
            let wrong = "href=\"\(prefix)\(home.prefix)/\"", right = "href=\"\(home.prefix)/\""
            answer.body = .bytes(Array(String(decoding: bytes, as: UTF8.self).replacing(wrong, with: right).utf8))
        }
        return BrowserSafety.secure(answer)
    }
}
