#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// Satisfaction ratings at the counter tablet and on the lookup page, linked to the ticket
/// or dossier rated and to the counter, clerk and sector that served it.
///
/// The plugin never asks the queueing or intake plugins anything: it reads the journal
/// entries of the rated subject (`ticket.finished`, `dossier.status-changed` to `returned`)
/// through ``Store/journalEntries(matching:)``, as `Docs/Events.md` describes.
public struct RatingsCounter: RatingsPlugin {
    /// The manifest section, e.g. `"ratings.counter": { "scale": 5, "timeoutSeconds": 30 }`.
    public struct Settings: Decodable, Sendable {
        /// The number of levels, 3 to 10; 5 by default. Ignored when `levels` is given.
        public var scale: Int?
        /// The levels' words, best first; by default the five levels Rất hài lòng … Rất không hài lòng.
        public var levels: [LocalizedText]?
        /// A level at or below this asks for reasons; by default the middle level (3 of 5).
        public var lowAtOrBelow: Int?
        /// The reasons offered for a low rating; a default list when absent.
        public var reasons: [ReasonSetting]?
        /// Seconds the tablet shows the scale, 5 to 600; 30 by default.
        public var timeoutSeconds: Int?
    }

    /// One configured reason.
    public struct ReasonSetting: Decodable, Sendable {
        /// The stable id stored with the rating.
        public var id: String
        /// Vietnamese words.
        public var vi: String
        /// English words.
        public var en: String
    }

    public static let id: PluginID = "ratings.counter"
    public static let version = "0.1.0"
    public static let summary = LocalizedText(vi: "Đánh giá mức độ hài lòng tại quầy và khi tra cứu hồ sơ",
                                              en: "Satisfaction ratings at the counter tablet and on the lookup page")
    public static let migrations = [
        Migration(version: 1, name: "create-ratings", statements: [
            """
            CREATE TABLE ratings_counter_ratings (
                subject TEXT PRIMARY KEY,
                level INTEGER NOT NULL,
                scale INTEGER NOT NULL,
                reasons TEXT NOT NULL,
                comment TEXT,
                counter TEXT,
                clerk TEXT,
                sector TEXT,
                channel TEXT NOT NULL,
                at_ms INTEGER NOT NULL,
                day TEXT NOT NULL
            )
            """,
            "CREATE INDEX ratings_counter_by_day ON ratings_counter_ratings (day)",
        ]),
    ]

    /// The default five levels, best first, as Vietnamese centres print them.
    public static let defaultLevels: [LocalizedText] = [
        LocalizedText(vi: "Rất hài lòng", en: "Very satisfied"),
        LocalizedText(vi: "Hài lòng", en: "Satisfied"),
        LocalizedText(vi: "Bình thường", en: "Neutral"),
        LocalizedText(vi: "Không hài lòng", en: "Dissatisfied"),
        LocalizedText(vi: "Rất không hài lòng", en: "Very dissatisfied"),
    ]

    /// The default reasons offered for a low rating.
    public static let defaultReasons: [RatingScale.Reason] = [
        .init(id: "waiting", label: LocalizedText(vi: "Chờ lâu", en: "Long wait")),
        .init(id: "attitude", label: LocalizedText(vi: "Thái độ chưa tốt", en: "Unfriendly staff")),
        .init(id: "guidance", label: LocalizedText(vi: "Hướng dẫn chưa rõ", en: "Unclear guidance")),
        .init(id: "documents", label: LocalizedText(vi: "Yêu cầu thêm giấy tờ", en: "Extra documents asked")),
        .init(id: "late", label: LocalizedText(vi: "Trả kết quả trễ hẹn", en: "Result returned late")),
        .init(id: "facilities", label: LocalizedText(vi: "Cơ sở vật chất", en: "Facilities")),
    ]

    public let scale: RatingScale
    private let context: HostContext

    public init(settings: Settings, context: HostContext) throws {
        let labels: [LocalizedText]
        if let levels = settings.levels {
            labels = levels
        } else {
            let size = settings.scale ?? 5
            labels = size == 5 ? Self.defaultLevels
                : (1...max(1, size)).reversed().map { LocalizedText(vi: "\($0) sao", en: "\($0) star" + ($0 == 1 ? "" : "s")) }
        }
        guard (3...10).contains(labels.count) else {
            throw Problem("ratings.scale", status: 500,
                          en: "ratings.counter: a scale of \(labels.count) levels must have 3 to 10; correct \"scale\" or \"levels\" in the manifest.",
                          vi: "ratings.counter: thang \(labels.count) mức phải có từ 3 đến 10 mức; hãy sửa \"scale\" hoặc \"levels\" trong tệp cấu hình.")
        }
        let low = settings.lowAtOrBelow ?? (labels.count + 1) / 2
        guard (0..<labels.count).contains(low) else {
            throw Problem("ratings.low-level", status: 500,
                          en: "ratings.counter: lowAtOrBelow \(low) must be from 0 to \(labels.count - 1).",
                          vi: "ratings.counter: lowAtOrBelow \(low) phải từ 0 đến \(labels.count - 1).")
        }
        let timeout = settings.timeoutSeconds ?? 30
        guard (5...600).contains(timeout) else {
            throw Problem("ratings.timeout", status: 500,
                          en: "ratings.counter: timeoutSeconds \(timeout) must be from 5 to 600.",
                          vi: "ratings.counter: timeoutSeconds \(timeout) phải từ 5 đến 600.")
        }
        let reasons = settings.reasons.map { $0.map { RatingScale.Reason(id: $0.id, label: LocalizedText(vi: $0.vi, en: $0.en)) } }
            ?? Self.defaultReasons
        guard Set(reasons.map(\.id)).count == reasons.count, !reasons.contains(where: { $0.id.isEmpty }) else {
            throw Problem("ratings.reasons", status: 500, en: "ratings.counter: reason ids must be unique and not empty.",
                          vi: "ratings.counter: mã lý do phải khác nhau và không rỗng.")
        }
        // Settings list levels best first, as forms print them; the scale keeps 1 = worst.
        let levels = labels.reversed().enumerated().map { RatingScale.Level(value: $0.offset + 1, label: $0.element) }
        scale = RatingScale(levels: levels, reasons: reasons, lowAtOrBelow: low, timeoutSeconds: timeout)
        self.context = context
    }

    // MARK: Submitting

    public func submit(_ rating: Rating, by principal: Principal) throws -> Rating {
        guard (1...scale.size).contains(rating.level) else {
            throw Problem("ratings.level", en: "Rating \(rating.level) is outside the scale 1–\(scale.size).",
                          vi: "Mức đánh giá \(rating.level) nằm ngoài thang 1–\(scale.size).",
                          details: [.init(field: "level", code: "range", message: LocalizedText(vi: "Ngoài thang đánh giá", en: "Outside the scale"))])
        }
        let known = Set(scale.reasons.map(\.id))
        if let unknown = rating.reasons.first(where: { !known.contains($0) }) {
            throw Problem("ratings.unknown-reason", en: "Unknown reason \"\(unknown)\"; use one of \(scale.reasons.map(\.id).joined(separator: ", ")).",
                          vi: "Không có lý do \"\(unknown)\"; hãy chọn một trong \(scale.reasons.map(\.id).joined(separator: ", ")).",
                          details: [.init(field: "reasons", code: "unknown", message: LocalizedText(vi: "Lý do không hợp lệ", en: "Unknown reason"))])
        }
        if !rating.reasons.isEmpty, !scale.isLow(rating.level) {
            throw Problem("ratings.reasons-not-low", en: "Reasons are asked only for a rating of \(scale.lowAtOrBelow) or less.",
                          vi: "Chỉ nêu lý do khi đánh giá từ mức \(scale.lowAtOrBelow) trở xuống.",
                          details: [.init(field: "reasons", code: "not-low", message: LocalizedText(vi: "Không cần lý do", en: "No reasons needed"))])
        }
        let comment = rating.comment?.trimmed()
        if let comment, comment.count > 500 {
            throw Problem("ratings.comment-long", en: "The comment has \(comment.count) characters; keep it to 500.",
                          vi: "Góp ý dài \(comment.count) ký tự; tối đa 500 ký tự.",
                          details: [.init(field: "comment", code: "too-long", message: LocalizedText(vi: "Quá dài", en: "Too long"))])
        }
        if rating.channel == .lookup, case .ticket = rating.subject {
            throw Problem("ratings.lookup-dossier", en: "The lookup page rates dossiers by their code, not tickets.",
                          vi: "Trang tra cứu chỉ đánh giá hồ sơ theo mã hồ sơ.",
                          details: [.init(field: "dossier", code: "required", message: LocalizedText(vi: "Nhập mã hồ sơ", en: "Give the dossier code"))])
        }
        let served = try service(rating.subject)
        if rating.channel == .tablet, let tabletCounter = rating.counter, served.counter != tabletCounter {
            throw Problem("ratings.other-counter", status: 409,
                          en: "\(served.label.en) was served at counter \(served.counter ?? "?"), not at this tablet's counter \(tabletCounter).",
                          vi: "\(served.label.vi) được phục vụ tại quầy \(served.counter ?? "?"), không phải quầy \(tabletCounter) của máy này.")
        }
        var stored = rating
        stored.comment = (comment?.isEmpty ?? true) ? nil : comment
        stored.counter = served.counter
        stored.clerk = served.clerk
        stored.sector = served.sector
        stored.scale = scale.size
        stored.at = context.clock.now
        let subject = rating.subject.journalSubject
        let payload = Self.payload(stored)
        let day = context.calendar.local(stored.at).date.description
        try context.store.write { transaction in
            guard try transaction.query("SELECT 1 FROM ratings_counter_ratings WHERE subject = ?", [.text(subject)]).isEmpty else {
                throw Problem("ratings.already-rated", status: 409, en: "\(served.label.en) has already been rated; each service is rated once.",
                              vi: "\(served.label.vi) đã được đánh giá; mỗi lượt phục vụ chỉ đánh giá một lần.")
            }
            try transaction.execute("""
                INSERT INTO ratings_counter_ratings (subject, level, scale, reasons, comment, counter, clerk, sector, channel, at_ms, day)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(subject), .integer(Int64(stored.level)), .integer(Int64(scale.size)),
                      .text(stored.reasons.joined(separator: ",")), stored.comment.map { .text($0) } ?? .null,
                      Self.optional(stored.counter), Self.optional(stored.clerk), Self.optional(stored.sector),
                      .text(stored.channel.rawValue), .integer(JournalEntry.milliseconds(stored.at)), .text(day)])
            try transaction.appendJournal(JournalDraft(at: stored.at, actor: principal.description, kind: "rating.submitted",
                                                       subject: subject, payload: payload))
        }
        context.events.publish(DomainEvent(topic: "ratings", kind: "rating.submitted", subject: subject, at: stored.at, payload: payload))
        return stored
    }

    /// The `rating.submitted` payload of Docs/Events.md.
    static func payload(_ rating: Rating) -> String {
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        return JSONValue.object(JSONObject([
            ("level", .number(.integer(Int64(rating.level)))), ("scale", .number(.integer(Int64(rating.scale ?? 0)))),
            ("reasons", .array(rating.reasons.map { .string($0) })), ("comment", text(rating.comment)),
            ("counter", text(rating.counter)), ("clerk", text(rating.clerk)), ("sector", text(rating.sector)),
            ("channel", .string(rating.channel.rawValue)),
        ])).serialized()
    }

    private static func optional(_ value: String?) -> SQLValue {
        value.map { .text($0) } ?? .null
    }

    // MARK: Finding what was served

    /// What the journal says about the service behind a subject.
    struct Service {
        /// "Phiếu A-7" / "Hồ sơ H-1", for messages.
        var label: LocalizedText
        var counter: String?
        var clerk: String?
        var sector: String?
        var at: Date
    }

    /// Reads the subject's history; refuses an unknown subject (404) and one not served yet (409).
    func service(_ subject: Rating.Subject) throws -> Service {
        let entries = try context.store.journalEntries(matching: JournalQuery(subject: subject.journalSubject))
        switch subject {
        case .ticket(let id):
            guard !entries.isEmpty else {
                throw Problem("ratings.unknown-ticket", status: 404, en: "No ticket \"\(id)\" was issued here; check the number.",
                              vi: "Không có phiếu số \"\(id)\" tại trung tâm; hãy kiểm tra lại.",
                              details: [.init(field: "ticket", code: "unknown", message: LocalizedText(vi: "Phiếu không tồn tại", en: "Unknown ticket"))])
            }
            let number = entries.lazy.compactMap { Self.payload(of: $0)["number"]?.stringValue }.first ?? id
            guard let finished = entries.last(where: { $0.kind == "ticket.finished" }) else {
                throw Problem("ratings.nothing-served", status: 409, en: "Ticket \(number) has not been served yet; rate it after the clerk finishes.",
                              vi: "Phiếu \(number) chưa được phục vụ xong; hãy đánh giá sau khi cán bộ hoàn thành.")
            }
            let payload = Self.payload(of: finished)
            return Service(label: LocalizedText(vi: "Phiếu \(number)", en: "Ticket \(number)"), counter: payload["counter"]?.stringValue,
                           clerk: payload["clerk"]?.stringValue ?? Self.login(finished.actor), sector: payload["sector"]?.stringValue, at: finished.at)
        case .dossier(let code):
            guard !entries.isEmpty else {
                throw Problem("ratings.unknown-dossier", status: 404, en: "No dossier \"\(code)\" was received here; check the code on the receipt.",
                              vi: "Không có hồ sơ \"\(code)\"; hãy kiểm tra mã trên giấy tiếp nhận.",
                              details: [.init(field: "dossier", code: "unknown", message: LocalizedText(vi: "Hồ sơ không tồn tại", en: "Unknown dossier"))])
            }
            guard let returned = entries.last(where: { $0.kind == "dossier.status-changed" && Self.payload(of: $0)["to"]?.stringValue == "returned" }) else {
                throw Problem("ratings.nothing-served", status: 409, en: "Dossier \(code) has not been returned yet; rate it once you receive the result.",
                              vi: "Hồ sơ \(code) chưa trả kết quả; hãy đánh giá sau khi nhận kết quả.")
            }
            let payload = Self.payload(of: returned)
            let received = entries.first(where: { $0.kind == "dossier.received" }).map(Self.payload(of:)) ?? [:]
            return Service(label: LocalizedText(vi: "Hồ sơ \(code)", en: "Dossier \(code)"),
                           counter: payload["counter"]?.stringValue ?? received["counter"]?.stringValue,
                           clerk: payload["clerk"]?.stringValue ?? Self.login(returned.actor) ?? received["clerk"]?.stringValue,
                           sector: payload["sector"]?.stringValue ?? received["sector"]?.stringValue, at: returned.at)
        }
    }

    static func payload(of entry: JournalEntry) -> JSONValue {
        (try? JSONParser().parse(entry.payload)) ?? .object(JSONObject())
    }

    /// `lan` from `user:lan` or `staff:lan`; nil for devices and the system.
    static func login(_ actor: String) -> String? {
        if actor.hasPrefix("user:") { return String(actor.dropFirst(5)) }
        if actor.hasPrefix("staff:") { return String(actor.dropFirst(6)) }
        return nil
    }

    // MARK: The tablet

    public func pending(counter: String) throws -> RatingTarget? {
        let now = context.clock.now
        let recent = try context.store.journalEntries(matching: JournalQuery(
            kinds: ["ticket.finished", "dossier.status-changed"], from: now.addingTimeInterval(-Double(scale.timeoutSeconds)),
            to: now.addingTimeInterval(1), limit: 200, newestFirst: true))
        for entry in recent {
            let payload = Self.payload(of: entry)
            let subject: Rating.Subject
            if entry.kind == "ticket.finished" {
                guard payload["counter"]?.stringValue == counter else { continue }
                subject = .ticket(String(entry.subject.dropFirst("ticket:".count)))
            } else {
                guard payload["to"]?.stringValue == "returned", entry.subject.hasPrefix("dossier:") else { continue }
                subject = .dossier(String(entry.subject.dropFirst("dossier:".count)))
                guard let served = try? service(subject), served.counter == counter else { continue }
            }
            // The newest service at this counter is the one in front of the tablet; an older
            // one is not asked about again once the newest is rated.
            if try rating(of: subject) != nil { return nil }
            let served = try service(subject)
            let label = switch subject {
            case .ticket(let id): payload["number"]?.stringValue ?? id
            case .dossier(let code): code
            }
            return RatingTarget(subject: subject, label: label, counter: served.counter, clerk: served.clerk, sector: served.sector, servedAt: served.at)
        }
        return nil
    }

    public func rating(of subject: Rating.Subject) throws -> Rating? {
        let rows = try context.store.read { database in
            try database.query("""
                SELECT level, scale, reasons, comment, counter, clerk, sector, channel, at_ms
                FROM ratings_counter_ratings WHERE subject = ?
                """, [.text(subject.journalSubject)])
        }
        guard let row = rows.first else { return nil }
        let reasons = try row.string("reasons")
        return Rating(subject: subject, level: try row.int("level"), reasons: reasons.isEmpty ? [] : reasons.split(separator: ",").map(String.init),
                      comment: try row.optionalString("comment"), at: JournalEntry.date(milliseconds: try row.int64("at_ms")),
                      channel: Rating.Channel(rawValue: try row.string("channel")) ?? .tablet, counter: try row.optionalString("counter"),
                      clerk: try row.optionalString("clerk"), sector: try row.optionalString("sector"), scale: try row.int("scale"))
    }

    // MARK: Summaries

    public func summary(period: ReportPeriod, by dimension: RatingSummary.Dimension) throws -> RatingSummary {
        let key = switch dimension {
        case .clerk: "COALESCE(clerk, '-')"
        case .counter: "COALESCE(counter, '-')"
        case .sector: "COALESCE(sector, '-')"
        case .day: "day"
        case .month: "substr(day, 1, 7)"
        }
        let rows = try context.store.read { database in
            try database.query("""
                SELECT \(key) AS key, level, COUNT(*) AS n FROM ratings_counter_ratings
                WHERE day >= ? AND day <= ? GROUP BY key, level ORDER BY key
                """, [.text(period.from.description), .text(period.to.description)])
        }
        var counts: [String: [Int]] = [:]
        var order: [String] = []
        for row in rows {
            let name = try row.string("key")
            if counts[name] == nil { counts[name] = Array(repeating: 0, count: scale.size); order.append(name) }
            let level = try row.int("level")
            if (1...scale.size).contains(level) { counts[name]![level - 1] += try row.int("n") }
        }
        return RatingSummary(dimension: dimension, period: period, scale: scale.size, rows: order.map { name in
            let levels = counts[name]!
            let total = levels.reduce(0, +)
            let satisfied = levels[scale.lowAtOrBelow...].reduce(0, +)
            return RatingSummary.Row(key: name, counts: levels, total: total, satisfiedPerMille: total == 0 ? 0 : satisfied * 1000 / total)
        })
    }
}
