#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One staff read of a dossier's personal data, as the journal records it
/// (`dossier.accessed`, Docs/Events.md): who, when, which dossier, which route, and the
/// reason given for a full export.
public struct DossierAccess: Sendable, Hashable {
    /// How the data was read.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The dossier's page.
        case page
        /// An API answer carrying its personal data.
        case api
        /// A printed form.
        case form
        /// A scanned document opened.
        case scan
        /// An export (register, ledger) carrying it unmasked.
        case export
    }

    /// The journal kind of an access entry.
    public static let journalKind = "dossier.accessed"

    /// The dossier code.
    public var dossier: String
    /// How it was read.
    public var kind: Kind
    /// The method and path, e.g. `GET /dossiers/H-1/forms/01`.
    public var route: String
    /// The actor, as the journal writes it (`staff:lan`).
    public var who: String
    /// When.
    public var at: Date
    /// The reason given (a full export); nil otherwise.
    public var reason: String?

    /// Creates an access record.
    public init(dossier: String, kind: Kind, route: String, who: String, at: Date, reason: String? = nil) {
        self.dossier = dossier
        self.kind = kind
        self.route = route
        self.who = who
        self.at = at
        self.reason = reason
    }

    /// The journal subject of a dossier.
    public static func subject(_ dossier: String) -> String { "dossier:\(dossier)" }

    /// The entry to append.
    public var draft: JournalDraft {
        var object = JSONObject([("kind", .string(kind.rawValue)), ("route", .string(route))])
        if let reason { object["reason"] = .string(reason) }
        return JournalDraft(at: at, actor: who, kind: Self.journalKind, subject: Self.subject(dossier), payload: JSONValue.object(object).serialized())
    }

    /// The access an entry records; nil for entries of other kinds.
    public init?(entry: JournalEntry) {
        guard entry.kind == Self.journalKind, entry.subject.hasPrefix("dossier:"),
              let payload = try? JSONParser().parse(Array(entry.payload.utf8)),
              let kind = payload["kind"]?.stringValue.flatMap(Kind.init(rawValue:)) else { return nil }
        self.init(dossier: String(entry.subject.dropFirst("dossier:".count)), kind: kind, route: payload["route"]?.stringValue ?? "",
                  who: entry.actor, at: entry.at, reason: payload["reason"]?.stringValue)
    }
}
