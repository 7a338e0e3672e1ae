import MotCuaCore
import MotCuaHTTP

/// Publishes plugins' domain events to the HTTP event hub, one topic per event topic.
public struct HubEventSink: EventSink {
    let hub: EventHub

    /// Creates a sink over a hub.
    public init(hub: EventHub) {
        self.hub = hub
    }

    public func publish(_ event: DomainEvent) {
        hub.publish(topic: event.topic, event: event.kind, data: event.payload, id: nil)
    }
}
