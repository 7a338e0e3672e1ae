import Foundation
import MotCuaHTTP
import Synchronization
import Testing

@Suite("Server-Sent Events")
struct EventStreamTests {
    @Test func serializationSplitsDataLinesAndStripsBreaksFromFields() {
        let bytes = EventStream.serialize(event: "called\nx", data: "A001\nQuầy 1", id: "7")
        #expect(String(decoding: bytes, as: UTF8.self) == "event: called x\nid: 7\ndata: A001\ndata: Quầy 1\n\n")
    }

    @Test func streamDeliversEventsHeartbeatsAndReportsClientGone() async throws {
        let closed = Collected<String>()
        let streams = Collected<EventStream>()
        var router = Router()
        router.get("/events") { _ in
            .eventStream { stream in
                streams.append(stream)
                stream.onClose { closed.append("closed") }
                stream.send(event: "hello", data: "first", id: "1")
            }
        }
        try await withServer(router: router, configure: { $0.heartbeatInterval = .milliseconds(100) }) { server in
            let c = try await blocking { () -> LoopbackHTTPClientBox in
                let c = try client(server)
                let head = try c.request("GET", "/events")
                #expect(head.status == 200)
                #expect(head.headers["Content-Type"] == "text/event-stream")
                #expect(head.headers["Cache-Control"] == "no-cache")
                #expect(head.headers["Content-Length"] == nil)
                return LoopbackHTTPClientBox(c)
            }
            let stream = try #require(streams.all.first)
            stream.send(event: "called", data: "A001\nQuầy 2", id: "2")
            stream.send(data: "plain")
            let events = try await blocking {
                try c.withClient { c in
                    let a = try c.readNextEvent(), b = try c.readNextEvent(), d = try c.readNextEvent()
                    var heartbeat: LoopbackHTTPClient.ServerSentEvent
                    repeat { heartbeat = try c.readEvent() } while heartbeat.comment == nil
                    return [a, b, d, heartbeat]
                }
            }
            #expect(events[0] == .init(event: "hello", data: "first", id: "1", comment: nil))
            #expect(events[1] == .init(event: "called", data: "A001\nQuầy 2", id: "2", comment: nil))
            #expect(events[2].data == "plain")
            #expect(events[3].comment == "hb")
            #expect(closed.all.isEmpty)
            c.drop()
            #expect(try await eventually { closed.all == ["closed"] })
            #expect(stream.isClosed)
            #expect(stream.send(data: "late") == false)
        }
    }

    @Test func serverSideCloseEndsTheStream() async throws {
        var router = Router()
        router.get("/events") { _ in .eventStream { stream in
            stream.send(data: "bye")
            stream.close()
        } }
        try await withServer(router: router) { server in
            let (event, closed) = try await blocking {
                let c = try client(server)
                _ = try c.request("GET", "/events")
                return (try c.readNextEvent().data, c.waitForClose())
            }
            #expect(event == "bye")
            #expect(closed)
        }
    }

    @Test func hubFansOutToTwoHundredStreams() async throws {
        let hub = EventHub()
        var router = Router()
        router.get("/board/:topic") { request in
            let topic = request.parameters["topic"] ?? ""
            return .eventStream { stream in hub.subscribe(stream, to: topic) }
        }
        try await withServer(router: router) { server in
            let clients = try await blocking { () -> LoopbackHTTPClientBox in
                let box = LoopbackHTTPClientBox(nil)
                for index in 0..<200 {
                    let c = try client(server)
                    try c.sendRequest("GET", index % 2 == 0 ? "/board/even" : "/board/odd")
                    box.add(c)
                }
                try box.forEach { _ = try $0.readResponse() }
                return box
            }
            #expect(try await eventually { hub.subscriberCount(topic: "even") == 100 && hub.subscriberCount(topic: "odd") == 100 })
            #expect(hub.publish(topic: "even", event: "called", data: "B017", id: "9") == 100)
            #expect(hub.publish(topic: "nobody", data: "x") == 0)
            #expect(hub.publish(topic: "odd", data: "C002") == 100)
            let received = try await blocking {
                var data: [String] = []
                try clients.forEach { c in data.append(try c.readNextEvent().data) }
                return data
            }
            #expect(received == (0..<200).map { $0 % 2 == 0 ? "B017" : "C002" })
            clients.drop()
            #expect(try await eventually { hub.subscriberCount(topic: "even") == 0 })
        }
    }
}

/// Carries blocking clients between the test's threads.
final class LoopbackHTTPClientBox: Sendable {
    private let clients = Mutex<[LoopbackHTTPClient]>([])

    init(_ client: LoopbackHTTPClient?) {
        if let client { add(client) }
    }

    func add(_ client: LoopbackHTTPClient) { clients.withLock { $0.append(client) } }

    func withClient<T>(_ body: (LoopbackHTTPClient) throws -> T) throws -> T {
        try body(clients.withLock { $0[0] })
    }

    func forEach(_ body: (LoopbackHTTPClient) throws -> Void) throws {
        try clients.withLock { $0 }.forEach(body)
    }

    func drop() { clients.withLock { $0.removeAll() } }
}
