import MotCuaCore
import MotCuaHTTP

/// Errors a browser sees as pages in the layout (404, 403, 500); the API and scripts keep the
/// JSON problem shape.
extension Application {
    /// Whether the request comes from a browser navigating (it accepts HTML) rather than the
    /// API or a page's script (which ask for JSON).
    static func wantsPage(_ request: HTTPRequest) -> Bool {
        guard !request.path.hasPrefix("/api/") else { return false }
        return (request.headers["Accept"] ?? "").contains("text/html")
    }

    /// Addresses people remember from older versions or documents, and where they live now.
    static let movedPages: [String: String] = ["/console": "/counter"]

    /// A path no route has: an old address is sent on; a browser gets the "page not found"
    /// page; everything else the JSON 404.
    func answerUnknownPath(_ request: HTTPRequest) async -> HTTPResponse {
        if request.method == .get || request.method == .head, let target = Self.movedPages[request.path] {
            var response = HTTPResponse(status: .seeOther)
            response.headers.add("Location", target)
            return response
        }
        let problem = Problem("http.not-found", status: 404, en: "No resource at \(request.path).", vi: "Không có tài nguyên tại \(request.path).")
        guard Self.wantsPage(request), request.method == .get || request.method == .head else { return .problem(problem) }
        return errorPage(problem, status: .notFound, request: request)
    }

    /// The error page for `status`, in the layout, in the caller's language.
    func errorPage(_ problem: Problem?, status: HTTPStatus, request: HTTPRequest) -> HTTPResponse {
        let caller = (try? caller(for: request)) ?? .citizen
        let context = RequestContext(request: request, caller: caller, language: language(for: request), clientAddress: clientAddress(of: request))
        let page = pageContext(context)
        let markup: Markup = switch status.code {
        case 404: Pages.notFound(context: page)
        case 401, 403: Pages.forbidden(context: page, message: problem?.message ?? WebStrings.forbidden)
        case 400..<500: Pages.errorPage(context: page, title: WebStrings.requestRefused, message: problem?.message ?? WebStrings.requestFailed)
        case 503 where problem.map(Self.isOutage) ?? false:
            Pages.errorPage(context: page, title: WebStrings.storeUnavailable, message: problem?.message ?? WebStrings.storeUnavailableNote)
        default: Pages.errorPage(context: page, title: WebStrings.serverError, message: WebStrings.serverErrorNote)
        }
        var response = HTTPResponse.html(markup, status: status)
        response.headers.add("Cache-Control", "no-store")
        if let problem, Self.isOutage(problem) { response.headers.add("Retry-After", String(Self.outageRetrySeconds)) }
        return response
    }

    /// The 403 page for a credential of another centre of the province (`home`, at `homePath`).
    func otherCentrePage(_ request: HTTPRequest, home: LocalizedText, homePath: String) -> HTTPResponse {
        let context = RequestContext(request: request, caller: .citizen, language: language(for: request), clientAddress: clientAddress(of: request))
        var response = HTTPResponse.html(Pages.otherCentre(context: pageContext(context), home: home, homePath: homePath), status: .forbidden)
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}
