#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension HostContext {
    /// Runs `body` in one write transaction and, once it commits, publishes every journal
    /// entry it appended as a live event on `topic`: what is journalled is what subscribers
    /// see, in the same order, and nothing is published for a write that rolled back.
    @discardableResult
    public func write<T: Sendable>(publishingOn topic: String, _ body: (any StoreTransaction) throws -> T) throws -> T {
        let (result, published) = try store.write { transaction -> (T, [DomainEvent]) in
            let recorder = PublishingTransaction(transaction, topic: topic)
            let result = try body(recorder)
            return (result, recorder.events)
        }
        for event in published { events.publish(event) }
        return result
    }
}

/// A write transaction that remembers each journal entry appended through it as an event.
private final class PublishingTransaction: StoreTransaction {
    private let base: any StoreTransaction
    private let topic: String
    private(set) var events: [DomainEvent] = []

    init(_ base: any StoreTransaction, topic: String) {
        self.base = base
        self.topic = topic
    }

    func execute(_ sql: String, _ params: [SQLValue]) throws -> Int { try base.execute(sql, params) }
    func query(_ sql: String, _ params: [SQLValue]) throws -> [SQLRow] { try base.query(sql, params) }

    func appendJournal(_ draft: JournalDraft) throws -> JournalEntry {
        let entry = try base.appendJournal(draft)
        events.append(DomainEvent(topic: topic, kind: entry.kind, subject: entry.subject, at: entry.at, payload: entry.payload))
        return entry
    }
}
