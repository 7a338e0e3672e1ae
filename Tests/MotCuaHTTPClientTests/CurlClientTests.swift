import Foundation
#if canImport(Glibc)
import Glibc
#endif
import MotCuaCore
import MotCuaHTTP
import MotCuaHTTPClient
import Testing

/// The libcurl client against servers on 127.0.0.1 only.
@Suite("CurlClient")
struct CurlClientTests {
    /// Runs `body` with a MotCuaHTTP server on an ephemeral loopback port.
    func withServer(_ router: Router, _ body: (Int) async throws -> Void) async throws {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = 1
        let server = HTTPServer(configuration: configuration, router: router)
        try server.start()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            do { try await body(server.port) } catch {
                await server.shutdown(gracePeriod: .milliseconds(100))
                throw error
            }
            await server.shutdown(gracePeriod: .milliseconds(500))
            try await group.waitForAll()
        }
    }

    func router() -> Router {
        var router = Router()
        router.post("/echo") { request in
            HTTPResponse(status: request.headers["X-Unit"] == "000.00.12.H46" ? .created : .accepted, body: request.body)
        }
        router.post("/slow", async: { _ in
            try await Task.sleep(for: .seconds(3))
            return .text("late")
        })
        return router
    }

    @Test("posts the body and reads the status, headers sent and the whole answer")
    func postsAndReads() async throws {
        try await withServer(router()) { port in
            let body = Array(#"{"service":"DongBoHoSoMC","ChuHoSo":"Nguyễn Văn An"}"#.utf8) + Array(repeating: 0x20, count: 200_000)
            let answer = try await CurlClient().post(OutboundRequest(url: "http://127.0.0.1:\(port)/echo", body: body, headers: ["X-Unit": "000.00.12.H46"]))
            #expect(answer.status == 201)
            #expect(answer.body == body)
        }
    }

    @Test("nothing listening is unreachable, with the address in both languages")
    func unreachable() async throws {
        // Bind and close a port so nothing listens on it.
        let port = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
            var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
            configuration.loopThreads = 1
            let server = HTTPServer(configuration: configuration, router: Router())
            do { try server.start() } catch { continuation.resume(throwing: error); return }
            let port = server.port
            Task { await server.shutdown(gracePeriod: .milliseconds(10)); continuation.resume(returning: port) }
        }
        do {
            _ = try await CurlClient().post(OutboundRequest(url: "http://127.0.0.1:\(port)/x", body: []))
            Issue.record("a closed port answered")
        } catch {
            #expect(error.kind == .unreachable)
            #expect(error.message.en.contains("127.0.0.1:\(port)"))
            #expect(error.message.vi.contains("Không kết nối được"))
        }
    }

    @Test("a server that hangs times out after the total timeout")
    func timesOut() async throws {
        try await withServer(router()) { port in
            do {
                _ = try await CurlClient().post(OutboundRequest(url: "http://127.0.0.1:\(port)/slow", body: [], connectTimeout: 1, timeout: 1))
                Issue.record("the hanging server answered")
            } catch let error as OutboundFailure {
                #expect(error.kind == .timeout)
                #expect(error.message.en.contains("did not answer in time"))
            }
        }
    }

    @Test("a proxy that does not answer is used, not bypassed")
    func proxyIsUsed() async throws {
        try await withServer(router()) { port in
            let direct = try await CurlClient().post(OutboundRequest(url: "http://127.0.0.1:\(port)/echo", body: Array("a".utf8)))
            #expect(direct.status == 202)
            await #expect(throws: OutboundFailure.self) {
                _ = try await CurlClient().post(OutboundRequest(url: "http://127.0.0.1:\(port)/echo", body: Array("a".utf8), proxy: "http://127.0.0.1:9"))
            }
        }
    }

    @Test("a server whose answer is not TLS fails as TLS, never falls back to plain HTTP")
    func tlsRefused() async throws {
        // A bare loopback socket that answers plain HTTP at once, before any handshake.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        _ = listen(listener, 4)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let acceptor = Thread {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            let reply = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8)
            _ = reply.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, 0) }
            usleep(200_000)
            close(connection)
        }
        acceptor.start()
        do {
            _ = try await CurlClient().post(OutboundRequest(url: "https://127.0.0.1:\(port)/dvcqg", body: Array("a".utf8), connectTimeout: 2, timeout: 3))
            Issue.record("a plain answer was taken for TLS")
        } catch {
            #expect(error.kind == .tls)
            #expect(error.message.vi.contains("TLS"))
        }
    }
}
