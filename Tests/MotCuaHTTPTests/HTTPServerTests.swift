import Foundation
import MotCuaHTTP
import Testing

@Suite("HTTP server over real sockets")
struct HTTPServerTests {
    @Test func getReturnsBodyAndServerHeaders() async throws {
        try await withServer(router: sampleRouter()) { server in
            let response = try await blocking { try client(server).request("GET", "/healthz") }
            #expect(response.status == 200)
            #expect(response.text == #"{"status":"ok"}"#)
            #expect(response.headers["content-type"] == "application/json; charset=utf-8")
            #expect(response.headers["Content-Length"] == "15")
            #expect(response.headers["Server"] == "MotCua")
            #expect(response.headers["Date"]?.hasSuffix(" GMT") == true)
        }
    }

    @Test func postBodyReachesHandler() async throws {
        try await withServer(router: sampleRouter()) { server in
            let payload = Array((0..<50_000).map { UInt8(truncatingIfNeeded: $0) })
            let response = try await blocking { try client(server).request("POST", "/echo", body: payload) }
            #expect(response.status == 201)
            #expect(response.headers["X-Length"] == "50000")
            #expect(response.body == payload)
        }
    }

    @Test func pathParametersQueryAndWildcard() async throws {
        try await withServer(router: sampleRouter()) { server in
            let (ticket, asset) = try await blocking {
                let c = try client(server)
                return (try c.request("GET", "/api/v1/tickets/A%20001?q=h%E1%BB%93+s%C6%A1&x"),
                        try c.request("GET", "/assets/css/site.css"))
            }
            #expect(ticket.text == "ticket A 001 q=hồ sơ")
            #expect(asset.text == "asset css/site.css")
        }
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() async throws {
        try await withServer(router: sampleRouter()) { server in
            let statuses = try await blocking {
                let c = try client(server)
                return try (0..<5).map { _ in try c.request("GET", "/healthz").status }
            }
            #expect(statuses == [200, 200, 200, 200, 200])
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await withServer(router: sampleRouter()) { server in
            let bodies = try await blocking {
                let c = try client(server)
                let host = "Host: x\r\n"
                try c.send(raw: "GET /api/v1/tickets/1 HTTP/1.1\r\n\(host)\r\nGET /slow HTTP/1.1\r\n\(host)\r\n"
                    + "POST /echo HTTP/1.1\r\n\(host)Content-Length: 3\r\n\r\nabcGET /api/v1/tickets/2 HTTP/1.1\r\n\(host)\r\n")
                return try (0..<4).map { _ in try c.readResponse().text }
            }
            #expect(bodies == ["ticket 1 q=-", "slow done", "abc", "ticket 2 q=-"])
        }
    }

    @Test func headAnswersWithoutBody() async throws {
        try await withServer(router: sampleRouter()) { server in
            let (head, next) = try await blocking {
                let c = try client(server)
                return (try c.request("HEAD", "/healthz"), try c.request("GET", "/healthz"))
            }
            #expect(head.status == 200)
            #expect(head.headers["Content-Length"] == "15")
            #expect(head.body.isEmpty)
            #expect(next.text == #"{"status":"ok"}"#, "the connection must still be in sync after HEAD")
        }
    }

    @Test func notFoundAndMethodNotAllowedDiffer() async throws {
        try await withServer(router: sampleRouter()) { server in
            let (missing, wrongMethod) = try await blocking {
                let c = try client(server)
                return (try c.request("GET", "/nope"), try c.request("PUT", "/api/v1/tickets/7"))
            }
            #expect(missing.status == 404)
            #expect(missing.text.contains(#""code":"http.not-found""#))
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.headers["Allow"] == "DELETE, GET, HEAD")
        }
    }

    @Test func asyncHandlerAnswers() async throws {
        try await withServer(router: sampleRouter()) { server in
            let response = try await blocking { try client(server).request("GET", "/slow") }
            #expect(response.status == 200)
            #expect(response.text == "slow done")
        }
    }

    @Test func http10ClosesUnlessKeepAlive() async throws {
        try await withServer(router: sampleRouter()) { server in
            let (closed, keptHeader, keptOpen) = try await blocking {
                let a = try client(server)
                try a.send(raw: "GET /healthz HTTP/1.0\r\n\r\n")
                let first = try a.readResponse()
                let closed = a.waitForClose()
                let b = try client(server)
                try b.send(raw: "GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let second = try b.readResponse()
                try b.send(raw: "GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                return (closed && first.headers["Connection"] == "close", second.headers["Connection"], try b.readResponse().status)
            }
            #expect(closed)
            #expect(keptHeader == "keep-alive")
            #expect(keptOpen == 200)
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await withServer(router: sampleRouter()) { server in
            let (status, closed) = try await blocking {
                let c = try client(server)
                let response = try c.request("GET", "/healthz", headers: [("Connection", "close")])
                return (response.status, c.waitForClose())
            }
            #expect(status == 200)
            #expect(closed)
        }
    }

    @Test func expectContinueGetsInterimResponse() async throws {
        try await withServer(router: sampleRouter()) { server in
            let (interim, response) = try await blocking {
                let c = try client(server)
                try c.send(raw: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
                // The interim response must arrive before the body is sent.
                let interim = try c.readResponseHeadOnly()
                try c.send(raw: "ping")
                return (interim, try c.readResponse())
            }
            #expect(interim == 100)
            #expect(response.text == "ping")
        }
    }

    @Test func requestLoggerGetsOneLinePerRequest() async throws {
        let lines = Collected<HTTPRequestLog>()
        try await withServer(router: sampleRouter(), requestLogger: { lines.append($0) }) { server in
            _ = try await blocking { try client(server).request("GET", "/nope") }
            #expect(try await eventually { lines.all.count == 1 })
        }
        let entry = try #require(lines.all.first)
        #expect(entry.method == "GET")
        #expect(entry.path == "/nope")
        #expect(entry.status == 404)
        #expect(entry.remoteAddress.hasPrefix("127.0.0.1:"))
        #expect(entry.line.hasPrefix("GET /nope 404 "))
    }

    struct Refusal: HTTPResponseError {
        var httpResponse: HTTPResponse { .error(.conflict, code: "test.refused", message: "refused") }
    }
    struct Crash: Error {}

    @Test func thrownErrorsAreMapped() async throws {
        var router = Router()
        router.get("/refuse") { _ in throw Refusal() }
        router.get("/crash", async: { _ in throw Crash() })
        try await withServer(router: router) { server in
            let (refused, crashed) = try await blocking {
                let c = try client(server)
                return (try c.request("GET", "/refuse"), try c.request("GET", "/crash"))
            }
            #expect(refused.status == 409)
            #expect(refused.text.contains("test.refused"))
            #expect(crashed.status == 500)
            #expect(crashed.text.contains("http.internal-error"))
        }
    }

    @Test func bindingABusyPortFailsWithClearError() async throws {
        try await withServer(router: Router()) { server in
            var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: server.port)
            configuration.loopThreads = 1
            let second = HTTPServer(configuration: configuration, router: Router())
            let error = #expect(throws: HTTPServerError.self) { try second.start() }
            #expect(error?.code == "http.address-in-use")
            #expect(error?.message.contains("address already in use: 127.0.0.1:\(server.port)") == true)
            #expect(error?.messageVi.contains("127.0.0.1:\(server.port)") == true)
        }
    }

    @Test func invalidBindAddressIsRefused() {
        let server = HTTPServer(configuration: .init(host: "not-an-ip", port: 0), router: Router())
        let error = #expect(throws: HTTPServerError.self) { try server.start() }
        #expect(error?.code == "http.invalid-address")
    }
}

extension LoopbackHTTPClient {
    /// Reads just a status line and headers (for interim responses).
    func readResponseHeadOnly() throws -> Int {
        let response = try readResponse(head: true, skippingInterim: false)
        return response.status
    }
}
