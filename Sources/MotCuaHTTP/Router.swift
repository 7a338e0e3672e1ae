/// Maps method + path patterns to handlers; build it before `HTTPServer.start()`.
///
/// Patterns are literal segments, `:name` parameters and a final `*` that takes the rest of
/// the path (`/assets/*` → `parameters["*"]` = `css/site.css`). Literal paths are found
/// with one dictionary lookup; patterns are tried in registration order. A path that
/// matches with another method gives 405 with `Allow`; `HEAD` uses the `GET` route and
/// drops the body.
///
/// ```swift
/// var router = Router()
/// router.get("/healthz") { _ in .text("ok") }                      // runs on the loop thread
/// router.get("/api/v1/tickets/:id", async: { req in try await load(req) })  // concurrency pool
/// ```
public struct Router: Sendable {
    /// A synchronous handler runs inline on the connection's loop thread: keep it cheap and
    /// never block in it. An asynchronous handler runs on the Swift concurrency pool.
    public enum Handler: Sendable {
        /// Runs inline on the loop thread (fast path: health checks, cached bytes).
        case sync(@Sendable (HTTPRequest) throws -> HTTPResponse)
        /// Runs on the server's handler threads (not the shared concurrency pool).
        case async(@Sendable (HTTPRequest) async throws -> HTTPResponse)
    }

    /// What `resolve` found for a method and path.
    public enum Resolution: Sendable {
        /// A handler and the path parameters it matched.
        case found(Handler, parameters: [String: String])
        /// No route has this path.
        case notFound
        /// The path exists for other methods (sorted, `HEAD` included when `GET` exists).
        case methodNotAllowed(allowed: [HTTPMethod])
    }

    private enum Segment: Sendable {
        case literal(String)
        case parameter(String)
        case tail
    }

    private struct PatternRoute: Sendable {
        var segments: [Segment]
        var handlers: [HTTPMethod: Handler]
    }

    private var literalRoutes: [String: [HTTPMethod: Handler]] = [:]
    private var patternRoutes: [PatternRoute] = []
    private var patternIndex: [String: Int] = [:]

    /// What answers a path no route has, instead of the plain JSON 404 (an application may
    /// answer a browser with a page); it is never used when the path exists for other methods.
    public var fallback: Handler?

    /// An empty router (every request gets 404).
    public init() {}

    /// Registers `handler` for `method` and `pattern`, replacing an earlier identical registration.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: Handler) {
        let segments = Self.parse(pattern)
        let isLiteral = segments.allSatisfy { if case .literal = $0 { return true } else { return false } }
        if isLiteral {
            literalRoutes[Self.normalized(pattern), default: [:]][method] = handler
        } else if let index = patternIndex[pattern] {
            patternRoutes[index].handlers[method] = handler
        } else {
            patternIndex[pattern] = patternRoutes.count
            patternRoutes.append(PatternRoute(segments: segments, handlers: [method: handler]))
        }
    }

    /// Registers a synchronous `GET` handler (runs on the loop thread).
    public mutating func get(_ pattern: String, _ handler: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) {
        add(.get, pattern, .sync(handler))
    }
    /// Registers an asynchronous `GET` handler (runs on the concurrency pool).
    public mutating func get(_ pattern: String, async handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        add(.get, pattern, .async(handler))
    }
    /// Registers a synchronous `POST` handler (runs on the loop thread).
    public mutating func post(_ pattern: String, _ handler: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) {
        add(.post, pattern, .sync(handler))
    }
    /// Registers an asynchronous `POST` handler (runs on the concurrency pool).
    public mutating func post(_ pattern: String, async handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        add(.post, pattern, .async(handler))
    }
    /// Registers a synchronous `PUT` handler (runs on the loop thread).
    public mutating func put(_ pattern: String, _ handler: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) {
        add(.put, pattern, .sync(handler))
    }
    /// Registers an asynchronous `PUT` handler (runs on the concurrency pool).
    public mutating func put(_ pattern: String, async handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        add(.put, pattern, .async(handler))
    }
    /// Registers a synchronous `PATCH` handler (runs on the loop thread).
    public mutating func patch(_ pattern: String, _ handler: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) {
        add(.patch, pattern, .sync(handler))
    }
    /// Registers an asynchronous `PATCH` handler (runs on the concurrency pool).
    public mutating func patch(_ pattern: String, async handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        add(.patch, pattern, .async(handler))
    }
    /// Registers a synchronous `DELETE` handler (runs on the loop thread).
    public mutating func delete(_ pattern: String, _ handler: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) {
        add(.delete, pattern, .sync(handler))
    }
    /// Registers an asynchronous `DELETE` handler (runs on the concurrency pool).
    public mutating func delete(_ pattern: String, async handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        add(.delete, pattern, .async(handler))
    }

    /// Finds the handler for `method` and decoded `path`.
    public func resolve(_ method: HTTPMethod, _ path: String) -> Resolution {
        var allowed: Set<HTTPMethod> = []
        if let handlers = literalRoutes[path] ?? (path.count > 1 && path.hasSuffix("/") ? literalRoutes[Self.normalized(path)] : nil) {
            if let found = Self.pick(method, handlers) { return .found(found, parameters: [:]) }
            allowed.formUnion(handlers.keys)
        }
        if !patternRoutes.isEmpty {
            let parts = Self.split(path)
            for route in patternRoutes {
                guard let parameters = Self.match(route.segments, parts) else { continue }
                if let found = Self.pick(method, route.handlers) { return .found(found, parameters: parameters) }
                allowed.formUnion(route.handlers.keys)
            }
        }
        if allowed.isEmpty { return fallback.map { .found($0, parameters: [:]) } ?? .notFound }
        if allowed.contains(.get) { allowed.insert(.head) }
        return .methodNotAllowed(allowed: allowed.sorted { $0.rawValue < $1.rawValue })
    }

    private static func pick(_ method: HTTPMethod, _ handlers: [HTTPMethod: Handler]) -> Handler? {
        if let handler = handlers[method] { return handler }
        if method == .head { return handlers[.get] }
        return nil
    }

    private static func normalized(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path.isEmpty ? "/" : path
    }

    private static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    private static func parse(_ pattern: String) -> [Segment] {
        let parts = split(pattern)
        return parts.enumerated().map { index, part in
            if part == "*" {
                precondition(index == parts.count - 1, "Router: '*' must be the last segment of \(pattern)")
                return .tail
            }
            if part.hasPrefix(":") { return .parameter(String(part.dropFirst())) }
            return .literal(String(part))
        }
    }

    private static func match(_ segments: [Segment], _ parts: [Substring]) -> [String: String]? {
        var parameters: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .tail:
                parameters["*"] = parts[index...].joined(separator: "/")
                return parameters
            case .literal(let literal):
                guard index < parts.count, parts[index] == literal else { return nil }
            case .parameter(let name):
                guard index < parts.count else { return nil }
                parameters[name] = String(parts[index])
            }
        }
        return parts.count == segments.count ? parameters : nil
    }
}
