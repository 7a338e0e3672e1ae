#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP
import MotCuaStore

/// The running host of one deployment: its plugins, identity, live events and routes.
///
/// The CLI builds one and serves ``makeRouter()``; tests build one on a temporary store.
public final class Application: Sendable {
    /// The deployment served.
    public let deployment: Deployment
    /// Its composed plugins.
    public let composition: Composition
    /// The centre's database.
    public let store: any Store
    /// Staff accounts, sessions and devices.
    public let identity: IdentityService
    /// The clock.
    public let clock: any WallClock
    /// Live event fan-out to Server-Sent Events streams.
    public let hub: EventHub
    /// The version reported by `/healthz`.
    public let version: String
    /// Where unexpected failures (answers of 500 and above) are logged with their cause.
    let logger: Logger
    /// Addresses of reverse proxies whose `X-Forwarded-For` names the real client.
    public let trustedProxies: Set<String>
    /// The per-address limit shared by every public route.
    public let publicLimiter: PublicLimiter
    /// The single-use codes citizens rate their dossiers with.
    public let ratingCodes: RatingCodes
    /// Citizens' answers of pages marked ``APIRoute/rendersOnceFor``, by path, query and language.
    let renderedOnce = RenderedOnce<HTTPResponse>()
    /// Parts of pages that depend only on the deployment and the language (the catalogue).
    let renderedParts = RenderedOnce<Markup>()
    /// On a province server: the province's own staff (province supervisor, province
    /// administrator), who act in every centre with that role (Docs/Province.md).
    let provinceStaff: (@Sendable (HTTPRequest) throws -> StaffAccount?)?

    /// Creates the application. Compose with ``HubEventSink`` over the same `hub` so plugin
    /// events reach the streams.
    public init(deployment: Deployment, composition: Composition, store: any Store, identity: IdentityService,
                clock: any WallClock, hub: EventHub, version: String = MotCuaVersion.current,
                logHandler: any LogHandler = SilentLogHandler(), publicLimits: PublicLimiter.Policy = .init(),
                trustedProxies: [String] = [], provinceStaff: (@Sendable (HTTPRequest) throws -> StaffAccount?)? = nil) {
        self.deployment = deployment
        self.provinceStaff = provinceStaff
        self.composition = composition
        self.store = store
        self.identity = identity
        self.clock = clock
        self.hub = hub
        self.version = version
        logger = Logger(label: "host.http", handler: logHandler)
        self.trustedProxies = Set(trustedProxies.map(IdentityService.clientAddress))
        publicLimiter = PublicLimiter(policy: publicLimits)
        ratingCodes = RatingCodes(store: store, clock: clock, centre: deployment.centre.unitCode)
    }

    /// Every route with its implementation, in registration order.
    var routeTable: [(route: APIRoute, implementation: RouteImplementation)] {
        systemRoutes() + identityRoutes() + kindRoutes() + pageRoutes()
    }

    /// The routes, for the OpenAPI document and the access tests.
    public var routes: [APIRoute] { routeTable.map(\.route) }

    /// The router serving every route, with access checks in front of each handler.
    ///
    /// The route table and the OpenAPI document are built here, once.
    public func makeRouter() -> Router {
        var router = Router()
        let table = routeTable
        for (route, implementation) in table {
            switch implementation {
            case .cached(let response):
                let secured = BrowserSafety.secure(response)
                router.add(route.method, route.path, .sync { _ in secured })
            case .routeDocument:
                // Built on the first request: a province composes many centres, few are asked for it.
                let routes = table.map(\.route), document = RenderedOnce<HTTPResponse>(limit: 1)
                router.add(route.method, route.path, .sync { [deployment, version] _ in
                    document.value("") { BrowserSafety.secure(.json(OpenAPIDocument.make(routes: routes, deployment: deployment, version: version))) }
                })
            case .handler(let handler):
                router.add(route.method, route.path, .async { [self] request in
                    BrowserSafety.secure(await self.respond(to: request, route: route, handler: handler))
                })
            }
        }
        // A path no route has: a page for a browser, the JSON problem for the API and scripts.
        router.fallback = .async { [self] request in
            BrowserSafety.secure(await self.answerUnknownPath(request))
        }
        return router
    }

    /// Turns any error a handler throws into the MotCua error shape.
    public static let errorMapper: HTTPServer.ErrorMapper = { error, _ in
        response(for: error)
    }

    private func respond(to request: HTTPRequest, route: APIRoute, handler: RouteHandler) async -> HTTPResponse {
        if let refusal = BrowserSafety.refusal(for: request) ?? BrowserSafety.contentTypeRefusal(for: request) {
            return .problem(refusal)
        }
        do {
            let caller = try self.caller(for: request)
            let context = RequestContext(request: request, caller: caller, language: language(for: request), clientAddress: clientAddress(of: request))
            if let refusal = route.access.refusal(for: caller) {
                if route.isPage { return try pageRefusal(refusal, context: context) }
                return .problem(refusal)
            }
            if case .staff(let account) = caller, account.mustChangePassword, !Self.allowedBeforePasswordChange(route) {
                // A one-time password opens the change-password page and nothing else.
                if route.isPage {
                    var response = HTTPResponse(status: .seeOther)
                    response.headers.add("Location", Pages.accountPath)
                    return response
                }
                return .problem(Problem("identity.password-change-required", status: 403,
                                        en: "Choose your own password first, on the My account page (/account).",
                                        vi: "Hãy đặt mật khẩu của riêng mình trước, ở trang Tài khoản của tôi (/account)."))
            }
            if route.access == .anyone, case .citizen = caller {
                do {
                    try publicLimiter.admit(context.clientAddress, code: Self.publicCode(of: request), at: clock.now)
                } catch let problem as Problem where route.isPage {
                    return publicPageProblem(problem, context: context)
                }
            }
            if let names = route.rendersOnceFor, case .citizen = caller, BrowserSafety.token(for: request) == nil,
               request.queryItems.allSatisfy({ names.contains($0.name) }) {
                return try await renderOnce(route, context: context, handler: handler)
            }
            return try await handler(context)
        } catch {
            let response = Self.response(for: error)
            if response.status.code >= 500 {
                // The citizen sees a generic message; the operator needs the cause.
                logger.error("\(request.method) \(request.path) answered \(response.status.code): \(String(describing: error))")
            }
            // A page that fails is still a page in the layout for a browser, never JSON.
            if route.isPage, Self.wantsPage(request) {
                return errorPage((error as? Problem) ?? Self.outageProblem(error), status: response.status, request: request)
            }
            return response
        }
    }

    /// A citizen's answer of a page that depends only on the deployment, the language and the
    /// query (``APIRoute/rendersOnceFor``): the stored one, or the handler's, stored when it
    /// is a success.
    private func renderOnce(_ route: APIRoute, context: RequestContext, handler: RouteHandler) async throws -> HTTPResponse {
        let request = context.request
        let key = "\(request.path)?\(request.rawQuery)#\(context.language.rawValue)"
        if let stored = renderedOnce[key] { return stored }
        let response = try await handler(context)
        if response.status == .ok { renderedOnce.store(key, response) }
        return response
    }

    /// The path of the change-password route.
    static let changePasswordPath = "/api/v1/account/password"

    /// Routes a session with a one-time password may use: public ones, the session itself,
    /// and changing the password.
    static func allowedBeforePasswordChange(_ route: APIRoute) -> Bool {
        if route.access == .anyone { return true }
        switch (route.method, route.path) {
        case (.delete, "/api/v1/session"), (.post, changePasswordPath), (.get, Pages.accountPath), (.post, Pages.accountPath): return true
        default: return false
        }
    }

    static func response(for error: any Error) -> HTTPResponse {
        switch error {
        case let problem as Problem:
            return .problem(problem)
        case let error as StoreError:
            if let outage = outageProblem(error) { return .outage(outage) }
            var problem = error.problem
            if error.code == "store.busy" { problem.status = 503 }
            return .problem(problem)
        case let error as JSONDecodingError:
            return .problem(Problem("request.invalid-field", en: error.description, vi: error.messageVi))
        default:
            return .problem(Problem("internal", status: 500, en: "The server could not complete the request.",
                                    vi: "Máy chủ không xử lý được yêu cầu."))
        }
    }

    /// Who sent the request: a staff session cookie, a device token (header or cookie), or nobody.
    func caller(for request: HTTPRequest) throws -> Caller {
        if let token = Cookies.value(Cookies.session, in: request), let account = try identity.account(forSession: token) {
            return .staff(account)
        }
        var deviceToken = Cookies.value(Cookies.device, in: request)
        if let authorization = request.headers["Authorization"], authorization.hasPrefix("Bearer ") {
            deviceToken = String(authorization.dropFirst(7)).trimmingSpaces()
        }
        if let deviceToken, let device = try identity.device(forToken: deviceToken) {
            return .device(device)
        }
        if let provinceStaff, let account = try provinceStaff(request) { return .staff(account) }
        return .citizen
    }

    /// The real client's address, without a port.
    ///
    /// The peer's address, unless the peer is a trusted proxy: then the right-most address of
    /// `X-Forwarded-For` that is not itself a trusted proxy (the left part can be written by
    /// the client and is not believed). From any other peer the header is ignored, so a
    /// client cannot pick the address its failed sign-ins are counted under.
    public func clientAddress(of request: HTTPRequest) -> String {
        let peer = IdentityService.clientAddress(request.remoteAddress)
        guard trustedProxies.contains(peer), let forwarded = request.headers["X-Forwarded-For"] else { return peer }
        for hop in forwarded.split(separator: ",").reversed() {
            let address = IdentityService.clientAddress(hop.trimmingSpaces())
            guard IPAddress.isValid(address) else { return peer }
            if !trustedProxies.contains(address) { return address }
        }
        return peer
    }

    /// `?lang=` first, then the language cookie; Vietnamese by default.
    func language(for request: HTTPRequest) -> Language { Self.language(of: request) }

    /// `?lang=` first, then the language cookie; Vietnamese by default (the province's pages too).
    static func language(of request: HTTPRequest) -> Language {
        if let query = request.query("lang"), let language = Language(rawValue: query) { return language }
        if let cookie = Cookies.value(Cookies.language, in: request), let language = Language(rawValue: cookie) { return language }
        return .vi
    }
}

/// How a route is answered.
enum RouteImplementation: Sendable {
    /// The same bytes every time, answered on the loop thread without touching the store.
    case cached(HTTPResponse)
    /// A handler on the concurrency pool, behind the access check.
    case handler(RouteHandler)
    /// The OpenAPI document of the whole route table, built once by ``Application/makeRouter()``
    /// and answered on the loop thread.
    case routeDocument
}

/// The version of MotCua this binary was built from.
public enum MotCuaVersion {
    /// The version string.
    public static let current = "0.1.0"
}
