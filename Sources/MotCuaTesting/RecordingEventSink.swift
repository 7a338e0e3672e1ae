import MotCuaCore
import Synchronization

/// Keeps every event published to it, for a test to read back.
public final class RecordingEventSink: EventSink {
    private let events = Mutex<[DomainEvent]>([])

    /// An empty recorder.
    public init() {}

    /// Records `event`.
    public func publish(_ event: DomainEvent) { events.withLock { $0.append(event) } }

    /// Every event so far, in order.
    public var all: [DomainEvent] { events.withLock { $0 } }

    /// The payload of the last event of `kind`, parsed; nil when none was published.
    public func payload(_ kind: String) throws -> JSONValue? {
        guard let event = all.last(where: { $0.kind == kind }) else { return nil }
        return try JSONParser().parse(Array(event.payload.utf8))
    }
}

/// Publishes each event to several sinks in turn.
struct FanOutEventSink: EventSink {
    let sinks: [any EventSink]
    init(_ sinks: [any EventSink]) { self.sinks = sinks }
    func publish(_ event: DomainEvent) { for sink in sinks { sink.publish(event) } }
}
