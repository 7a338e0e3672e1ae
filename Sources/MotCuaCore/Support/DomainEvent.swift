#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Something that happened, for live subscribers such as the display board.
///
/// Events are announcements, not the record: the record is the store and its journal,
/// written in the same transaction as the change. A plugin publishes after its write
/// commits, so a subscriber never hears of a change that was rolled back.
public struct DomainEvent: Sendable, Hashable {
    /// The stream subscribers listen to, e.g. `queue` or `intake`.
    public var topic: String
    /// What happened, e.g. `ticket.called`.
    public var kind: String
    /// What it happened to, e.g. `ticket:TP-015`.
    public var subject: String
    /// When it happened, by the host clock.
    public var at: Date
    /// The event's data as JSON text, ready to send to a browser.
    public var payload: String

    /// Creates an event.
    public init(topic: String, kind: String, subject: String, at: Date, payload: String) {
        self.topic = topic
        self.kind = kind
        self.subject = subject
        self.at = at
        self.payload = payload
    }
}

/// Where plugins publish events. The host fans them out to Server-Sent Events streams.
public protocol EventSink: Sendable {
    /// Publishes an event to every current subscriber of its topic.
    func publish(_ event: DomainEvent)
}

/// An event sink that keeps nothing; for tools that have no subscribers.
public struct DiscardingEventSink: EventSink {
    /// Creates the sink.
    public init() {}
    public func publish(_ event: DomainEvent) {}
}
