import Foundation
import MotCuaHTTP
import Testing

@Suite("HTTP server limits and malformed input")
struct HTTPServerLimitsTests {
    /// Sends `raw`, reads the answer, checks the server closes, then checks a fresh connection works.
    static func refusal(_ server: HTTPServer, _ raw: String, halfClose: Bool = false) throws -> (status: Int, closed: Bool, nextStatus: Int) {
        let c = try client(server)
        try c.send(raw: raw)
        if halfClose { c.shutdownWrite() }
        let response = try c.readResponse()
        let closed = c.waitForClose()
        let next = try client(server).request("GET", "/healthz")
        return (response.status, closed, next.status)
    }

    static let malformed: [(String, String)] = [
        ("no version", "GET /healthz\r\nHost: x\r\n\r\n"),
        ("two spaces", "GET  /healthz HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("bad method", "G(T /healthz HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("relative target", "GET healthz HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("header without colon", "GET /healthz HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n"),
        ("space before colon", "GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n"),
        ("bare LF", "GET /healthz HTTP/1.1\nHost: x\n\n"),
        ("control char in value", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\u{1}b\r\n\r\n"),
        ("bad percent in path", "GET /api/v1/tickets/%zz HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("truncated percent", "GET /api/v1/tickets/%4 HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("bad percent in query", "GET /healthz?q=%g1 HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("invalid UTF-8 after decoding", "GET /api/v1/tickets/%FF HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("missing Host", "GET /healthz HTTP/1.1\r\n\r\n"),
        ("non-numeric Content-Length", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\n"),
        ("negative Content-Length", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"),
        ("conflicting Content-Length", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"),
    ]

    @Test(arguments: malformed)
    func malformedRequestGets400AndServerStillServes(_ name: String, _ raw: String) async throws {
        try await withServer(router: sampleRouter()) { server in
            let outcome = try await blocking { try Self.refusal(server, raw) }
            #expect(outcome.status == 400, "\(name)")
            #expect(outcome.closed, "\(name): connection must close")
            #expect(outcome.nextStatus == 200, "\(name): next connection must be served")
        }
    }

    @Test func bodyShorterThanAnnouncedThenClose() async throws {
        try await withServer(router: sampleRouter()) { server in
            let outcome = try await blocking {
                try Self.refusal(server, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly a few", halfClose: true)
            }
            #expect(outcome.status == 400)
            #expect(outcome.nextStatus == 200)
        }
    }

    @Test func chunkedBodyIsRefusedWith411AndOtherCodingsWith501() async throws {
        try await withServer(router: sampleRouter()) { server in
            let (chunked, gzip) = try await blocking {
                (try Self.refusal(server, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
                 try Self.refusal(server, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"))
            }
            #expect(chunked.status == 411)
            #expect(chunked.closed)
            #expect(gzip.status == 501)
            #expect(gzip.closed)
        }
    }

    @Test func unsupportedVersionGets505() async throws {
        try await withServer(router: sampleRouter()) { server in
            let outcome = try await blocking { try Self.refusal(server, "GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n") }
            #expect(outcome.status == 505)
        }
    }

    @Test func oversizedHeadGets431() async throws {
        try await withServer(router: sampleRouter(), configure: { $0.maxHeadBytes = 1024 }) { server in
            let big = String(repeating: "a", count: 2000)
            let outcome = try await blocking { try Self.refusal(server, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: \(big)\r\n\r\n") }
            #expect(outcome.status == 431)
            #expect(outcome.nextStatus == 200)
        }
    }

    @Test func oversizedBodyGets413BeforeTheBodyIsRead() async throws {
        try await withServer(router: sampleRouter(), configure: { $0.maxBodyBytes = 1000 }) { server in
            let outcome = try await blocking {
                try Self.refusal(server, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + String(repeating: "b", count: 5000))
            }
            #expect(outcome.status == 413)
            #expect(outcome.closed)
            #expect(outcome.nextStatus == 200)
        }
    }

    @Test func overLimitAnswersSayWhyInBothLanguages() async throws {
        try await withServer(router: sampleRouter(), configure: { $0.maxHeadBytes = 1024; $0.maxBodyBytes = 1000 }) { server in
            let (head, body) = try await blocking {
                let big = String(repeating: "a", count: 2000)
                let head = try client(server).request("GET", "/healthz", headers: [("X-Big", big)])
                let body = try client(server).request("POST", "/echo", body: Array(repeating: 98, count: 5000))
                return (head, body)
            }
            #expect(head.status == 431)
            #expect(head.text.contains("\"code\":\"http.header-too-large\""))
            #expect(head.text.contains("\"messageVi\":\""))
            #expect(body.status == 413)
            #expect(body.text.contains("5000 bytes exceeds 1000 bytes"))
            #expect(body.text.contains("vượt quá 1000 byte"))
        }
    }

    @Test func slowHeaderGets408AndIsClosed() async throws {
        try await withServer(router: sampleRouter(), configure: { $0.headerReadTimeout = .milliseconds(300) }) { server in
            let (status, closed, elapsed) = try await blocking {
                let start = ContinuousClock.now
                let c = try client(server)
                try c.send(raw: "GET /healthz HTTP/1.1\r\nHost: x\r\n")
                let response = try c.readResponse()
                return (response.status, c.waitForClose(), ContinuousClock.now - start)
            }
            #expect(status == 408)
            #expect(closed)
            #expect(elapsed >= .milliseconds(290) && elapsed < .seconds(2))
        }
    }

    @Test func idleKeepAliveConnectionIsClosedAfterIdleTimeout() async throws {
        try await withServer(router: sampleRouter(), configure: { $0.idleTimeout = .milliseconds(200) }) { server in
            let (status, closed) = try await blocking {
                let c = try client(server)
                return (try c.request("GET", "/healthz").status, c.waitForClose())
            }
            #expect(status == 200)
            #expect(closed)
        }
    }

    @Test func connectionsBeyondTheLimitGet503() async throws {
        try await withServer(router: sampleRouter(), configure: { $0.maxConnections = 4 }) { server in
            let (fifth, retryAfter, afterRelease) = try await blocking {
                // Connections that have just arrived and sent nothing yet: none may be closed to
                // make room (an idle keep-alive one would be).
                var held = try (0..<4).map { _ in try client(server) }
                Thread.sleep(forTimeInterval: 0.05)
                let extra = try client(server)
                let refused = try extra.request("GET", "/healthz")
                held.removeAll()
                // Closing the held connections frees their slots.
                var status = 0
                for _ in 0..<50 where status != 200 {
                    Thread.sleep(forTimeInterval: 0.02)
                    status = (try? client(server).request("GET", "/healthz").status) ?? 0
                }
                return (refused.status, refused.headers["Retry-After"], status)
            }
            #expect(fifth == 503)
            #expect(retryAfter == "5")
            #expect(afterRelease == 200)
        }
    }
}

@Suite("HTTP server capacity")
struct HTTPServerCapacityTests {
    @Test func holdsAThousandIdleKeepAliveConnections() async throws {
        try await withServer(router: sampleRouter()) { server in
            let (first, second, open) = try await blocking {
                var clients: [LoopbackHTTPClient] = []
                var first = 0, second = 0
                for index in 0..<1000 {
                    // 250 per address, under the per-address limit.
                    let c = try LoopbackHTTPClient(port: server.port, from: "127.0.0.\(2 + index / 250)", timeout: .seconds(3))
                    if try c.request("GET", "/healthz").status == 200 { first += 1 }
                    clients.append(c)
                }
                let open = server.connectionCount
                for c in clients where try c.request("GET", "/healthz").status == 200 { second += 1 }
                return (first, second, open)
            }
            #expect(first == 1000)
            #expect(second == 1000, "every idle connection must still be usable")
            #expect(open == 1000)
        }
    }

    @Test func eventStreamOfAClientThatStopsReadingIsDropped() async throws {
        let closed = Collected<Bool>()
        let streams = Collected<EventStream>()
        var router = Router()
        router.get("/events") { _ in .eventStream { stream in
            streams.append(stream)
            stream.onClose { closed.append(true) }
        } }
        try await withServer(router: router, configure: { $0.maxStreamBacklogBytes = 64 * 1024 }) { server in
            let c = LoopbackHTTPClientBox(try client(server))
            _ = try await blocking { try c.withClient { try $0.request("GET", "/events").status } }
            let stream = try #require(streams.all.first)
            let chunk = String(repeating: "x", count: 16 * 1024)
            var sends = 0
            // Loopback socket buffers hold a few MB; keep pushing until the backlog limit trips.
            while !stream.isClosed && sends < 2000 {
                stream.send(data: chunk)
                sends += 1
                if sends % 50 == 0 { try await Task.sleep(for: .milliseconds(5)) }
            }
            #expect(try await eventually { closed.all == [true] })
            #expect(stream.send(data: "more") == false)
        }
    }
}
