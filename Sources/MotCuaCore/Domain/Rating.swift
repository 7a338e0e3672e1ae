#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A citizen's satisfaction rating of one service: a ticket or a dossier.
public struct Rating: Sendable, Hashable, Codable {
    /// What was rated.
    public enum Subject: Sendable, Hashable, Codable {
        case ticket(String)
        case dossier(String)

        private enum Keys: String, CodingKey { case ticket, dossier }

        /// Reads `{"ticket": "<id>"}` or `{"dossier": "<code>"}`.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            if let id = try container.decodeIfPresent(String.self, forKey: .ticket) {
                self = .ticket(id)
            } else {
                self = .dossier(try container.decode(String.self, forKey: .dossier))
            }
        }

        /// Writes `{"ticket": "<id>"}` or `{"dossier": "<code>"}`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            switch self {
            case .ticket(let id): try container.encode(id, forKey: .ticket)
            case .dossier(let code): try container.encode(code, forKey: .dossier)
            }
        }

        /// The journal subject, `ticket:<id>` or `dossier:<code>`.
        public var journalSubject: String {
            switch self {
            case .ticket(let id): "ticket:\(id)"
            case .dossier(let code): "dossier:\(code)"
            }
        }
    }

    /// Where the rating was given.
    public enum Channel: String, Sendable, Hashable, Codable {
        /// The paired tablet at the counter.
        case tablet
        /// The public lookup page, by dossier code.
        case lookup
    }

    /// The rated service.
    public var subject: Subject
    /// The level on the deployment's scale, 1 (worst) to the scale's size (best).
    public var level: Int
    /// Reason ids chosen for a low rating.
    public var reasons: [String]
    /// An optional free comment.
    public var comment: String?
    /// When it was given.
    public var at: Date
    /// Where it was given.
    public var channel: Channel
    /// The counter that served: for a tablet, the tablet's own counter (the plugin refuses a
    /// rating of a service finished at another counter); filled in by the plugin otherwise.
    public var counter: String?
    /// The clerk who served; filled in by the plugin from the journal.
    public var clerk: String?
    /// The sector of the service; filled in by the plugin from the journal.
    public var sector: String?
    /// The number of levels of the scale it was given on; filled in by the plugin.
    public var scale: Int?

    /// Creates a rating.
    public init(subject: Subject, level: Int, reasons: [String] = [], comment: String? = nil, at: Date,
                channel: Channel = .tablet, counter: String? = nil, clerk: String? = nil, sector: String? = nil, scale: Int? = nil) {
        self.subject = subject
        self.level = level
        self.reasons = reasons
        self.comment = comment
        self.at = at
        self.channel = channel
        self.counter = counter
        self.clerk = clerk
        self.sector = sector
        self.scale = scale
    }
}

/// The deployment's rating scale: its levels, the reasons offered for low ratings and how
/// long a tablet waits.
public struct RatingScale: Sendable, Hashable, Codable {
    /// One level, 1 the worst.
    public struct Level: Sendable, Hashable, Codable {
        /// 1 (worst) to the number of levels (best).
        public var value: Int
        /// Its words, e.g. "Rất hài lòng".
        public var label: LocalizedText
        /// Creates a level.
        public init(value: Int, label: LocalizedText) {
            self.value = value
            self.label = label
        }
    }

    /// A reason a citizen may give for a low rating.
    public struct Reason: Sendable, Hashable, Codable {
        /// Stable id, stored in the rating.
        public var id: String
        /// Its words.
        public var label: LocalizedText
        /// Creates a reason.
        public init(id: String, label: LocalizedText) {
            self.id = id
            self.label = label
        }
    }

    /// The levels, worst first.
    public var levels: [Level]
    /// The reasons offered for a low rating.
    public var reasons: [Reason]
    /// A level at or below this is low: the tablet asks for reasons.
    public var lowAtOrBelow: Int
    /// Seconds the tablet shows the scale before going back to sleep.
    public var timeoutSeconds: Int

    /// Creates a scale.
    public init(levels: [Level], reasons: [Reason], lowAtOrBelow: Int, timeoutSeconds: Int) {
        self.levels = levels
        self.reasons = reasons
        self.lowAtOrBelow = lowAtOrBelow
        self.timeoutSeconds = timeoutSeconds
    }

    /// The number of levels.
    public var size: Int { levels.count }

    /// Whether `level` is low enough to ask for reasons.
    public func isLow(_ level: Int) -> Bool { level <= lowAtOrBelow }
}

/// A service a rating tablet may ask about now: the last ticket finished or dossier returned
/// at its counter, not yet rated, within the timeout.
public struct RatingTarget: Sendable, Hashable, Codable {
    /// What to rate.
    public var subject: Rating.Subject
    /// The ticket number or dossier code to show.
    public var label: String
    /// The counter that served.
    public var counter: String?
    /// The clerk who served.
    public var clerk: String?
    /// The sector.
    public var sector: String?
    /// When the service ended.
    public var servedAt: Date

    /// Creates a target.
    public init(subject: Rating.Subject, label: String, counter: String?, clerk: String?, sector: String?, servedAt: Date) {
        self.subject = subject
        self.label = label
        self.counter = counter
        self.clerk = clerk
        self.sector = sector
        self.servedAt = servedAt
    }
}

/// Ratings counted per level for each value of one dimension over a period.
public struct RatingSummary: Sendable, Hashable, Codable {
    /// What the rows are.
    public enum Dimension: String, Sendable, Hashable, Codable, CaseIterable {
        case clerk, counter, sector, day, month
    }

    /// One row: a clerk, a counter, a sector or a period.
    public struct Row: Sendable, Hashable, Codable {
        /// The clerk login, counter id, sector id, `yyyy-MM-dd` or `yyyy-MM`; `-` when unknown.
        public var key: String
        /// Ratings per level: index 0 is level 1.
        public var counts: [Int]
        /// Number of ratings.
        public var total: Int
        /// Ratings at or above the lowest "satisfied" level, in per mille (0–1000).
        public var satisfiedPerMille: Int
        /// Creates a row.
        public init(key: String, counts: [Int], total: Int, satisfiedPerMille: Int) {
            self.key = key
            self.counts = counts
            self.total = total
            self.satisfiedPerMille = satisfiedPerMille
        }
    }

    /// The dimension of the rows.
    public var dimension: Dimension
    /// The period covered.
    public var period: ReportPeriod
    /// The number of levels.
    public var scale: Int
    /// The rows, by key.
    public var rows: [Row]

    /// Creates a summary.
    public init(dimension: Dimension, period: ReportPeriod, scale: Int, rows: [Row]) {
        self.dimension = dimension
        self.period = period
        self.scale = scale
        self.rows = rows
    }
}
