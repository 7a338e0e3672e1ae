import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaHTTP

/// Sends requests to a ``TestHost``: through its router in this process, or over a socket.
///
/// The same calls work in both modes; only live event streams need a socket.
public struct TestClient: Sendable {
    /// How requests reach the application.
    public enum Mode: Sendable {
        /// In process: the request goes straight to the router, as the server would hand it over.
        case router
        /// Over a real socket to a server on 127.0.0.1, a fresh connection per request.
        case live
    }

    private enum Transport: Sendable {
        case router(Router)
        case socket(port: Int)
    }

    private let transport: Transport

    init(router: Router) { transport = .router(router) }

    /// An in-process client for an application built elsewhere (by the harness, say): the
    /// same requests as ``TestHost/test(_:_:)`` in `.router` mode, without a `TestHost`.
    public init(routing application: Application) { transport = .router(application.makeRouter()) }
    init(port: Int) { transport = .socket(port: port) }

    /// The mode this client works in.
    public var mode: Mode { if case .router = transport { .router } else { .live } }

    /// The server's port in `.live` mode (0 in process).
    public var port: Int { if case .socket(let port) = transport { port } else { 0 } }

    /// The `Host` the requests name: `127.0.0.1:<port>` over a socket, `motcua.test` in process.
    public var host: String { if case .socket(let port) = transport { "127.0.0.1:\(port)" } else { "motcua.test" } }

    /// Sends one request as `caller`; `body` goes with `Content-Type: contentType` when not empty.
    public func execute(_ method: String, _ target: String, as caller: Credential = .citizen, headers: [(String, String)] = [],
                        body: [UInt8] = [], contentType: String? = nil) async throws -> TestResponse {
        var fields = caller.headers.map { ($0.name, $0.value) } + headers
        if let contentType { fields.append(("Content-Type", contentType)) }
        switch transport {
        case .router(let router):
            var headers = HTTPHeaders()
            headers.add("Host", host)
            for (name, value) in fields { headers.add(name, value) }
            if !body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH" { headers.add("Content-Length", String(body.count)) }
            let response = await router.respond(HTTPMethod(rawValue: method), target, headers: headers, body: body,
                                                errorMapper: Application.errorMapper)
            return TestResponse(status: response.status.code, headers: response.headers, body: response.bodyBytes)
        case .socket(let port):
            let sent = fields
            let response = try await offPool { try LoopbackHTTPClient(port: port).request(method, target, headers: sent, body: body) }
            return TestResponse(status: response.status, headers: response.headers, body: response.body)
        }
    }

    /// `method target` as `caller`, with a JSON body when given.
    public func request(_ method: String, _ target: String, as caller: Credential = .citizen, json: String? = nil) async throws -> TestResponse {
        try await execute(method, target, as: caller, body: Array((json ?? "").utf8), contentType: json == nil ? nil : "application/json")
    }

    /// `GET target` as `caller`.
    public func get(_ target: String, as caller: Credential = .citizen) async throws -> TestResponse {
        try await execute("GET", target, as: caller)
    }

    /// `POST target` as `caller`, with a JSON body when given.
    public func post(_ target: String, json: String? = nil, as caller: Credential = .citizen) async throws -> TestResponse {
        try await execute("POST", target, as: caller, body: Array((json ?? "").utf8), contentType: json == nil ? nil : "application/json")
    }

    /// `PUT target` as `caller` with a JSON body.
    public func put(_ target: String, json: String, as caller: Credential = .citizen) async throws -> TestResponse {
        try await execute("PUT", target, as: caller, body: Array(json.utf8), contentType: "application/json")
    }

    /// `DELETE target` as `caller`.
    public func delete(_ target: String, as caller: Credential = .citizen) async throws -> TestResponse {
        try await execute("DELETE", target, as: caller)
    }

    /// Signs `login` in through `POST /api/v1/session` (paying the password check, as a browser
    /// does) and answers the session cookie. ``TestHost/signIn(_:)`` is the cheap way.
    public func signIn(_ login: String, password: String = TestHost.password) async throws -> Credential {
        let response = try await post("/api/v1/session", json: #"{"login":\#(TestManifest.quoted(login)),"password":\#(TestManifest.quoted(password))}"#)
        guard response.status == 200, let cookie = response.headers["Set-Cookie"] else { throw TestFailure("sign-in failed: \(response.text)") }
        return .cookie(String(cookie.split(separator: ";")[0]))
    }

    /// Opens a live event stream (`.live` only) and reads its response head.
    public func stream(_ target: String, as caller: Credential = .citizen) async throws -> TestEventStream {
        guard case .socket(let port) = transport else { throw TestFailure("event streams need a socket: use host.test(.live)") }
        let client = try LoopbackHTTPClient(port: port)
        let headers = caller.headers.map { ($0.name, $0.value) }
        try await offPool { try client.sendRequest("GET", target, headers: headers) }
        let head = try await offPool { try client.readResponse() }
        return TestEventStream(client: client, status: head.status, headers: head.headers)
    }
}

/// A Server-Sent Events stream opened by ``TestClient/stream(_:as:)``.
public struct TestEventStream: Sendable {
    let client: LoopbackHTTPClient
    /// The response status.
    public let status: Int
    /// The response headers.
    public let headers: HTTPHeaders

    /// The next event (comments and heartbeats skipped).
    public func next() async throws -> LoopbackHTTPClient.ServerSentEvent {
        let client = self.client
        return try await offPool { try client.readNextEvent() }
    }
}

/// What the application answered.
public struct TestResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The headers.
    public var headers: HTTPHeaders
    /// The body bytes.
    public var body: [UInt8]

    /// A response.
    public init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON.
    public func json() throws -> JSONValue { try JSONParser().parse(body) }

    /// The `error.code` of a MotCua error body, or nil.
    public var errorCode: String? { (try? json())?["error"]?["code"]?.stringValue }
}

/// Runs blocking socket work on a thread of its own, so a waiting test never holds one of
/// the few threads of the shared concurrency pool that the server's handlers may need.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
