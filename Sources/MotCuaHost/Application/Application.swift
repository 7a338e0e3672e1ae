import Foundation
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
    /// The per-address limit shared by every public route.
    public let publicLimiter: PublicLimiter
    /// The single-use codes citizens rate their dossiers with.
    public let ratingCodes: RatingCodes

    /// Creates the application. Compose with ``HubEventSink`` over the same `hub` so plugin
    /// events reach the streams.
    public init(deployment: Deployment, composition: Composition, store: any Store, identity: IdentityService,
                clock: any WallClock, hub: EventHub, version: String = MotCuaVersion.current,
                logHandler: any LogHandler = SilentLogHandler(), publicLimits: PublicLimiter.Policy = .init()) {
        self.deployment = deployment
        self.composition = composition
        self.store = store
        self.identity = identity
        self.clock = clock
        self.hub = hub
        self.version = version
        logger = Logger(label: "host.http", handler: logHandler)
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
    public func makeRouter() -> Router {
        var router = Router()
        for (route, implementation) in routeTable {
            switch implementation {
            case .cached(let response):
                router.add(route.method, route.path, .sync { _ in response })
            case .handler(let handler):
                router.add(route.method, route.path, .async { [self] request in
                    await self.respond(to: request, route: route, handler: handler)
                })
            }
        }
        return router
    }

    /// Turns any error a handler throws into the MotCua error shape.
    public static let errorMapper: HTTPServer.ErrorMapper = { error, _ in
        response(for: error)
    }

    private func respond(to request: HTTPRequest, route: APIRoute, handler: RouteHandler) async -> HTTPResponse {
        do {
            let caller = try self.caller(for: request)
            let context = RequestContext(request: request, caller: caller, language: language(for: request))
            if let refusal = route.access.refusal(for: caller) {
                if route.isPage { return try pageRefusal(refusal, context: context) }
                return .problem(refusal)
            }
            if route.access == .anyone, case .citizen = caller {
                do {
                    try publicLimiter.admit(request.remoteAddress, code: Self.publicCode(of: request), at: clock.now)
                } catch let problem as Problem where route.isPage {
                    return publicPageProblem(problem, context: context)
                }
            }
            return try await handler(context)
        } catch {
            let response = Self.response(for: error)
            if response.status.code >= 500 {
                // The citizen sees a generic message; the operator needs the cause.
                logger.error("\(request.method) \(request.path) answered \(response.status.code): \(String(describing: error))")
            }
            return response
        }
    }

    static func response(for error: any Error) -> HTTPResponse {
        switch error {
        case let problem as Problem:
            return .problem(problem)
        case let error as StoreError:
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
            deviceToken = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        }
        if let deviceToken, let device = try identity.device(forToken: deviceToken) {
            return .device(device)
        }
        return .citizen
    }

    /// `?lang=` first, then the language cookie; Vietnamese by default.
    func language(for request: HTTPRequest) -> Language {
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
}

/// The version of MotCua this binary was built from.
public enum MotCuaVersion {
    /// The version string.
    public static let current = "0.1.0"
}
