import Synchronization

/// Fans events out to every stream subscribed to a topic, serializing each event once.
///
/// Streams leave their topics by themselves when they close.
public final class EventHub: Sendable {
    private let topics = Mutex<[String: [ObjectIdentifier: EventStream]]>([:])

    /// An empty hub.
    public init() {}

    /// Adds `stream` to `topic` until it closes.
    public func subscribe(_ stream: EventStream, to topic: String) {
        let key = ObjectIdentifier(stream)
        topics.withLock { $0[topic, default: [:]][key] = stream }
        stream.onClose { [weak self] in
            self?.topics.withLock { topics in
                topics[topic]?[key] = nil
                if topics[topic]?.isEmpty == true { topics[topic] = nil }
            }
        }
    }

    /// Sends one event to every subscriber of `topic`; returns how many streams took it.
    @discardableResult
    public func publish(topic: String, event: String? = nil, data: String, id: String? = nil) -> Int {
        let streams = topics.withLock { $0[topic].map { Array($0.values) } ?? [] }
        if streams.isEmpty { return 0 }
        let bytes = EventStream.serialize(event: event, data: data, id: id)
        var delivered = 0
        for stream in streams where stream.send(serialized: bytes) { delivered += 1 }
        return delivered
    }

    /// How many open streams listen on `topic`.
    public func subscriberCount(topic: String) -> Int {
        topics.withLock { $0[topic]?.count ?? 0 }
    }

    /// Closes every subscribed stream (e.g. before shutting down).
    public func closeAll() {
        let streams = topics.withLock { $0.values.flatMap { $0.values } }
        for stream in streams { stream.close() }
    }
}
