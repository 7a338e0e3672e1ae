#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// The Decision 766/QĐ-TTg self-assessment: the indicators a centre can compute from its own
/// journal (progress 2, digitised components 4b, satisfaction 5c, online payment 6a), with
/// the others entered by a supervisor or marked "not measured here".
///
/// Maxima and thresholds are configuration (`Settings.indicators`), defaulting to the
/// 2022 edition as the national portal scores it. Points are kept in hundredths.
public struct ReportingIndex766: ScoredReporting {
    /// The manifest section `"reporting.index766": {}`.
    public struct Settings: Decodable, Sendable {
        /// A name for the scoring rules, printed on the page; `qd766-2022` by default.
        public var edition: String?
        /// Per-indicator overrides of the maximum points and the threshold (per mille).
        public var indicators: [String: IndicatorSetting]?
        /// Which payments count as online for 6a (`OnlinePayment`); `nonCash` by default.
        public var onlinePayment: String?
    }

    /// What 6a counts as an online payment (Docs/Reports.md gives the reason for the default).
    public enum OnlinePayment: String, Sendable, CaseIterable {
        /// Any payment that is not cash: a VietQR transfer confirmed on the bank statement counts,
        /// wherever the QR was shown, even at the counter.
        case nonCash
        /// Only non-cash payments of dossiers received online (channel `online`).
        case onlineDossiers
    }

    /// An override of one indicator's maximum or threshold.
    public struct IndicatorSetting: Decodable, Sendable {
        /// The most points, e.g. 20.
        public var max: Double?
        /// The ratio giving full points, per mille, e.g. 900 for 90 %.
        public var thresholdPerMille: Int?
    }

    /// One indicator of the index.
    public struct Indicator: Sendable, Hashable {
        public enum Source: String, Sendable, Hashable { case computed, manual }
        public var id: String
        public var group: String
        public var title: LocalizedText
        public var maxHundredths: Int64
        /// The ratio at which full points are reached, per mille (1000 = proportional).
        public var thresholdPerMille: Int
        public var source: Source
    }

    /// The 2022 edition: 100 points in six groups.
    public static let edition2022: [Indicator] = {
        func item(_ id: String, _ group: String, _ vi: String, _ en: String, _ max: Int64, _ source: Indicator.Source, threshold: Int = 1000) -> Indicator {
            Indicator(id: id, group: group, title: LocalizedText(vi: vi, en: en), maxHundredths: max * 100, thresholdPerMille: threshold, source: source)
        }
        return [
            item("1a", "1", "Công khai thủ tục hành chính đúng hạn", "Procedures published on time", 6, .manual),
            item("1b", "1", "Công khai đầy đủ", "Publication complete", 4, .manual),
            item("1c", "1", "Đồng bộ trạng thái hồ sơ", "Dossier status synchronised", 2, .manual),
            item("1d", "1", "Đồng bộ theo thời gian thực", "Synchronised in real time", 6, .manual),
            item("2", "2", "Tiến độ giải quyết hồ sơ", "Progress of dossiers", 20, .computed),
            item("3", "3", "Dịch vụ công trực tuyến toàn trình", "Fully online dossiers", 12, .manual, threshold: 500),
            item("4a", "4", "Cấp kết quả điện tử", "Electronic results", 6, .manual, threshold: 800),
            item("4b", "4", "Số hoá thành phần hồ sơ", "Dossier components digitised", 4, .computed, threshold: 800),
            item("4c", "4", "Số hoá kết quả", "Results digitised", 2, .manual, threshold: 800),
            item("4d", "4", "Khai thác dữ liệu số hoá", "Digitised data reused", 2, .manual),
            item("4e", "4", "Tái sử dụng dữ liệu", "Data reused", 4, .manual),
            item("4f", "4", "Khai thác CSDL quốc gia", "National databases used", 2, .manual),
            item("4g", "4", "Kết quả điện tử được tái sử dụng", "Electronic results reused", 2, .manual),
            item("5a", "5", "Xử lý phản ánh, kiến nghị đúng hạn", "Feedback handled on time", 6, .manual),
            item("5b", "5", "Phản ánh không bị đánh giá kém, lặp lại, trễ", "Feedback not disliked, repeated or late", 6, .manual),
            item("5c", "5", "Mức độ hài lòng", "Satisfaction", 6, .computed, threshold: 900),
            item("6a", "6", "Thanh toán trực tuyến (hồ sơ có phí)", "Online payment (fee-bearing dossiers)", 6, .computed),
            item("6b", "6", "Thanh toán trực tuyến (tỷ lệ B)", "Online payment (ratio B)", 2, .manual),
            item("6c", "6", "Thanh toán trực tuyến (tỷ lệ C)", "Online payment (ratio C)", 2, .manual),
        ]
    }()

    /// The groups' names.
    public static let groups: [String: LocalizedText] = [
        "1": LocalizedText(vi: "Công khai, minh bạch", en: "Transparency"),
        "2": LocalizedText(vi: "Tiến độ giải quyết", en: "Progress"),
        "3": LocalizedText(vi: "Dịch vụ trực tuyến", en: "Online service"),
        "4": LocalizedText(vi: "Số hoá hồ sơ", en: "Digitisation"),
        "5": LocalizedText(vi: "Mức độ hài lòng", en: "Satisfaction"),
        "6": LocalizedText(vi: "Thanh toán trực tuyến", en: "Online payment"),
    ]

    public static let id: PluginID = "reporting.index766"
    public static let version = "0.1.0"
    public static let summary = LocalizedText(vi: "Tự đánh giá Bộ chỉ số 766 từ dữ liệu của trung tâm",
                                              en: "Decision 766 self-assessment from the centre's own data")
    public static let migrations = [
        Migration(version: 1, name: "create-facts", statements: [
            "CREATE TABLE reporting_index766_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL)",
            "INSERT INTO reporting_index766_cursor (id, last_seq) VALUES (1, 0)",
            """
            CREATE TABLE reporting_index766_dossiers (
                subject TEXT PRIMARY KEY, received_ms INTEGER NOT NULL, due_ms INTEGER, done_ms INTEGER, verdict TEXT, ended_ms INTEGER,
                documents INTEGER NOT NULL DEFAULT 0, digitised INTEGER NOT NULL DEFAULT 0, dissatisfied INTEGER NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX reporting_index766_dossiers_received ON reporting_index766_dossiers (received_ms)",
            "CREATE INDEX reporting_index766_dossiers_done ON reporting_index766_dossiers (done_ms)",
            "CREATE INDEX reporting_index766_dossiers_open ON reporting_index766_dossiers (ended_ms, received_ms)",
            """
            CREATE TABLE reporting_index766_payments (
                receipt TEXT PRIMARY KEY, dossier TEXT, online INTEGER NOT NULL, at_ms INTEGER NOT NULL, voided INTEGER NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX reporting_index766_payments_at ON reporting_index766_payments (at_ms)",
            """
            CREATE TABLE reporting_index766_manual (
                month TEXT NOT NULL, indicator TEXT NOT NULL, points INTEGER NOT NULL, note TEXT, entered_by TEXT NOT NULL, at_ms INTEGER NOT NULL,
                PRIMARY KEY (month, indicator)
            )
            """,
        ]),
        // When a dossier began waiting for the citizen's supplement (not counted against its
        // deadline), and its channel (for 6a's `onlineDossiers`). The facts are projected again.
        Migration(version: 2, name: "supplement-pause-and-channel", statements: [
            "ALTER TABLE reporting_index766_dossiers ADD COLUMN paused_ms INTEGER",
            "ALTER TABLE reporting_index766_dossiers ADD COLUMN channel TEXT",
            "DELETE FROM reporting_index766_dossiers",
            "DELETE FROM reporting_index766_payments",
            "UPDATE reporting_index766_cursor SET last_seq = 0 WHERE id = 1",
        ]),
    ]

    static let kinds: Set<String> = ["dossier.received", "dossier.status-changed", "dossier.due-overridden", "dossier.extended",
                                     "payment.collected", "payment.confirmed", "payment.voided", "rating.submitted"]

    public var reportIDs: [String] { [Self.scoring.report] }

    public func title(report id: String) -> LocalizedText {
        LocalizedText(vi: "Bộ chỉ số 766 (\(editionName.vi))", en: "Decision 766 index (\(editionName.en))")
    }

    /// The scoring rules' name in words: the default edition is the Decision of 2022; a
    /// province's own edition is printed as its manifest names it.
    var editionName: LocalizedText {
        edition == "qd766-2022" ? LocalizedText(vi: "Quyết định 766/QĐ-TTg năm 2022", en: "Decision 766/QĐ-TTg of 2022") : LocalizedText(vi: edition, en: edition)
    }

    /// The 766 score: `index766.<indicator>`, `index766.<indicator>.max`, `index766.total`.
    public static let scoring = ReportScoring(report: "index766", figurePrefix: "index766.")
    /// The indicators with the deployment's overrides applied.
    public let indicators: [Indicator]
    /// The edition's name.
    public let edition: String
    /// What 6a counts as an online payment.
    public let onlinePayment: OnlinePayment
    private let context: HostContext

    public init(settings: Settings, context: HostContext) throws {
        var indicators = Self.edition2022
        for (id, setting) in settings.indicators ?? [:] {
            guard let index = indicators.firstIndex(where: { $0.id == id }) else {
                throw Problem("index766.unknown-indicator", status: 500,
                              en: "reporting.index766: unknown indicator \"\(id)\"; use one of \(Self.edition2022.map(\.id).joined(separator: ", ")).",
                              vi: "reporting.index766: không có chỉ tiêu \"\(id)\".")
            }
            if let max = setting.max {
                guard max >= 0, max <= 100 else {
                    throw Problem("index766.max", status: 500, en: "reporting.index766: indicator \(id) max \(max) must be 0–100.",
                                  vi: "reporting.index766: điểm tối đa của \(id) phải từ 0 đến 100.")
                }
                indicators[index].maxHundredths = Int64((max * 100).rounded())
            }
            if let threshold = setting.thresholdPerMille {
                guard (1...1000).contains(threshold) else {
                    throw Problem("index766.threshold", status: 500, en: "reporting.index766: indicator \(id) threshold must be 1–1000 per mille.",
                                  vi: "reporting.index766: ngưỡng của \(id) phải từ 1 đến 1000 phần nghìn.")
                }
                indicators[index].thresholdPerMille = threshold
            }
        }
        self.indicators = indicators
        edition = settings.edition ?? "qd766-2022"
        guard let onlinePayment = OnlinePayment(rawValue: settings.onlinePayment ?? OnlinePayment.nonCash.rawValue) else {
            throw Problem("index766.online-payment", status: 500,
                          en: "reporting.index766: onlinePayment \"\(settings.onlinePayment ?? "")\" must be one of \(OnlinePayment.allCases.map(\.rawValue).joined(separator: ", ")).",
                          vi: "reporting.index766: onlinePayment \"\(settings.onlinePayment ?? "")\" phải là một trong \(OnlinePayment.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        self.onlinePayment = onlinePayment
        self.context = context
    }

    // MARK: Catching up with the journal

    private var projection: JournalProjection {
        JournalProjection(store: context.store, cursorTable: "reporting_index766_cursor", kinds: Self.kinds)
    }

    /// Applies journal entries after the cursor to the fact tables, in batches.
    @discardableResult
    public func catchUp() throws -> Int {
        try projection.catchUp(batch: applyBatch)
    }

    public func rebuild() throws -> Int {
        try projection.rebuild(emptying: ["reporting_index766_dossiers", "reporting_index766_payments"], batch: applyBatch)
    }

    /// What a run of journal entries does to one dossier's row, folded in journal order so
    /// the row is written once per batch instead of up to three statements per entry.
    ///
    /// The statements it stands for: a deadline named sets `due_ms`; every status change sets
    /// `paused_ms` (when a supplement wait began, else NULL); the first done or returned sets
    /// `done_ms` and `verdict` unless the row already has them; done, returned, refused and
    /// stopped set `ended_ms` unless it is set; a dissatisfied rating sets `dissatisfied`.
    private struct DossierChanges {
        var due: Int64?
        /// Nil without a status change; `.some(nil)` when the last one ended any supplement wait.
        var paused: Int64??
        var done: (ms: Int64, verdict: String?)?
        var ended: Int64?
        var dissatisfied = false

        /// Folds one dossier entry or dossier rating, after those folded before it.
        mutating func fold(_ entry: JournalEntry, _ payload: JSONValue) {
            let ms = JournalEntry.milliseconds(entry.at)
            let named = payload["dueAt"]?.stringValue.flatMap(JournalEntry.instant(iso:)).map(JournalEntry.milliseconds)
            switch entry.kind {
            case "dossier.status-changed":
                if let named { due = named }
                let to = payload["to"]?.stringValue
                // Waiting for the citizen's supplement stops the clock until the next move.
                paused = .some(to == "supplementRequested" ? ms : nil)
                switch to {
                case "done", "returned":
                    if done == nil { done = (ms, payload["verdict"]?.stringValue) }
                    if ended == nil { ended = ms }
                case "refused", "stopped":
                    if ended == nil { ended = ms }
                default:
                    break
                }
            case "dossier.due-overridden", "dossier.extended":
                if let named { due = named }
            case "rating.submitted":
                // Dissatisfied: the lower half of the scale (1 and 2 of 5).
                if let level = payload["level"]?.int64Value, let scale = payload["scale"]?.int64Value, level <= scale / 2 { dissatisfied = true }
            default:
                break
            }
        }

        /// The columns `due_ms, paused_ms, done_ms, verdict, ended_ms, dissatisfied` of a new
        /// row received with `receivedDue` as its deadline, after the changes.
        func row(receivedDue: SQLValue) -> [SQLValue] {
            [due.map { .integer($0) } ?? receivedDue, (paused ?? nil).map { .integer($0) } ?? .null, done.map { .integer($0.ms) } ?? .null,
             done?.verdict.map { .text($0) } ?? .null, ended.map { .integer($0) } ?? .null, .integer(dissatisfied ? 1 : 0)]
        }

        /// Applies the changes to an existing row (none when the dossier has no row), in one statement.
        func update(_ subject: String, _ database: any StoreTransaction) throws {
            var assignments: [String] = [], values: [SQLValue] = []
            if let due { assignments.append("due_ms = ?"); values.append(.integer(due)) }
            if let paused { assignments.append("paused_ms = ?"); values.append(paused.map { .integer($0) } ?? .null) }
            if let done {
                // Both read the row as it was: the first finish recorded keeps its time and verdict.
                assignments.append("done_ms = COALESCE(done_ms, ?), verdict = CASE WHEN done_ms IS NULL THEN ? ELSE verdict END")
                values += [.integer(done.ms), done.verdict.map { .text($0) } ?? .null]
            }
            if let ended { assignments.append("ended_ms = COALESCE(ended_ms, ?)"); values.append(.integer(ended)) }
            if dissatisfied { assignments.append("dissatisfied = 1") }
            guard !assignments.isEmpty else { return }
            try database.execute("UPDATE reporting_index766_dossiers SET \(assignments.joined(separator: ", ")) WHERE subject = ?", values + [.text(subject)])
        }
    }

    /// A dossier's entries in the batch being applied.
    private struct DossierRun {
        /// The columns of the row a `dossier.received` of this batch inserts, before ``changes``.
        var received: [SQLValue]?
        /// The changes of the dossier's later entries in the batch.
        var changes = DossierChanges()
    }

    /// Applies one batch: each dossier's entries are folded in memory and written once (a
    /// dossier received in the batch with one INSERT, another with one UPDATE); receipts
    /// are written entry by entry. Entries of different dossiers touch different rows, so
    /// only each dossier's own order matters, and it is kept.
    private func applyBatch(_ entries: [JournalEntry], _ database: any StoreTransaction) throws {
        var dossiers: [String: DossierRun] = [:]
        var order: [String] = []
        for entry in entries {
            let payload = entry.payloadValue
            guard entry.kind.hasPrefix("dossier.") || (entry.kind == "rating.submitted" && entry.subject.hasPrefix("dossier:")) else {
                try apply(entry, payload, database)
                continue
            }
            if dossiers[entry.subject] == nil {
                order.append(entry.subject)
                dossiers[entry.subject] = DossierRun()
            }
            guard entry.kind == "dossier.received" else {
                dossiers[entry.subject]!.changes.fold(entry, payload)
                continue
            }
            // Received twice in the batch: the second INSERT would change nothing.
            guard dossiers[entry.subject]!.received == nil else { continue }
            // Changes before the receipt go to the row an earlier batch may have written.
            try dossiers[entry.subject]!.changes.update(entry.subject, database)
            let ms = JournalEntry.milliseconds(entry.at)
            let received = payload["receivedAt"]?.stringValue.flatMap(JournalEntry.instant(iso:)).map(JournalEntry.milliseconds) ?? ms
            let due = payload["dueAt"]?.stringValue.flatMap(JournalEntry.instant(iso:)).map { SQLValue.integer(JournalEntry.milliseconds($0)) } ?? .null
            dossiers[entry.subject] = DossierRun(received: [.text(entry.subject), .integer(received), due, .integer(payload["documents"]?.int64Value ?? 0),
                                                            .integer(payload["digitised"]?.int64Value ?? 0), payload["channel"]?.stringValue.map { .text($0) } ?? .null])
        }
        for subject in order {
            let run = dossiers[subject]!
            guard let received = run.received else {
                try run.changes.update(subject, database)
                continue
            }
            let inserted = try database.execute("""
                INSERT INTO reporting_index766_dossiers (subject, received_ms, documents, digitised, channel, due_ms, paused_ms, done_ms, verdict, ended_ms, dissatisfied)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, [received[0], received[1], received[3], received[4], received[5]] + run.changes.row(receivedDue: received[2]))
            // Received before, in an earlier batch: the later entries change that row.
            if inserted == 0 { try run.changes.update(subject, database) }
        }
    }

    /// Applies one receipt entry.
    private func apply(_ entry: JournalEntry, _ payload: JSONValue, _ database: any StoreTransaction) throws {
        let ms = JournalEntry.milliseconds(entry.at)
        let subject = SQLValue.text(entry.subject)
        switch entry.kind {
        case "payment.collected", "payment.confirmed":
            guard let series = payload["series"]?.stringValue, let number = payload["number"] else { return }
            let receipt = "receipt:\(series)/\(number.stringValue ?? number.int64Value.map(String.init) ?? "?")"
            // A confirmed transfer (VietQR) is an online payment; cash at the counter is not.
            let online = entry.kind == "payment.confirmed" || payload["method"]?.stringValue != "payments.cash"
            try database.execute("INSERT INTO reporting_index766_payments (receipt, dossier, online, at_ms) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                 [.text(receipt), payload["dossier"]?.stringValue.map { .text($0) } ?? .null, .integer(online ? 1 : 0), .integer(ms)])
        case "payment.voided":
            try database.execute("UPDATE reporting_index766_payments SET voided = 1 WHERE receipt = ?", [subject])
        default:
            break
        }
    }

    // MARK: Scoring

    /// The inputs behind the computed indicators for one period.
    public struct Inputs: Sendable, Hashable {
        public var finished = 0, finishedInTime = 0, open = 0, openWithin = 0
        public var documents = 0, digitised = 0
        public var bad = 0
        public var feeDossiers = 0, paidOnline = 0
    }

    /// Reads the computed indicators' inputs for `[start, end)`, in milliseconds.
    public func inputs(start: Int64, end: Int64) throws -> Inputs {
        try context.store.read { database in
            var inputs = Inputs()
            let s = SQLValue.integer(start), e = SQLValue.integer(end)
            if let row = try database.query("""
                SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN verdict IN ('early', 'onTime') THEN 1 ELSE 0 END), 0) AS good,
                       COALESCE(SUM(CASE WHEN verdict = 'late' OR dissatisfied = 1 THEN 1 ELSE 0 END), 0) AS bad
                FROM reporting_index766_dossiers WHERE done_ms >= ? AND done_ms < ?
                """, [s, e]).first {
                inputs.finished = try row.int("n"); inputs.finishedInTime = try row.int("good"); inputs.bad = try row.int("bad")
            }
            if let row = try database.query("""
                -- A dossier waiting for the citizen's supplement is within its deadline when it
                -- was within it when the wait began: supplement time is not counted.
                SELECT COUNT(*) AS n,
                       COALESCE(SUM(CASE WHEN due_ms IS NULL OR due_ms >= ? OR (paused_ms IS NOT NULL AND paused_ms < ? AND due_ms >= paused_ms)
                                    THEN 1 ELSE 0 END), 0) AS within FROM (
                    SELECT due_ms, paused_ms FROM reporting_index766_dossiers WHERE ended_ms IS NULL AND received_ms < ?
                    UNION ALL SELECT due_ms, paused_ms FROM reporting_index766_dossiers WHERE ended_ms >= ? AND received_ms < ?) AS counted
                """, [e, e, e, e, e]).first {
                inputs.open = try row.int("n"); inputs.openWithin = try row.int("within")
            }
            if let row = try database.query("""
                SELECT COALESCE(SUM(documents), 0) AS documents, COALESCE(SUM(digitised), 0) AS digitised
                FROM reporting_index766_dossiers WHERE received_ms >= ? AND received_ms < ?
                """, [s, e]).first {
                inputs.documents = try row.int("documents"); inputs.digitised = try row.int("digitised")
            }
            if let row = try database.query("""
                SELECT COUNT(DISTINCT p.dossier) AS fee,
                       COUNT(DISTINCT CASE WHEN p.online = 1 AND (? = 0 OR d.channel = 'online') THEN p.dossier END) AS online
                FROM reporting_index766_payments p LEFT JOIN reporting_index766_dossiers d ON d.subject = 'dossier:' || p.dossier
                WHERE p.at_ms >= ? AND p.at_ms < ? AND p.voided = 0
                """, [.integer(onlinePayment == .onlineDossiers ? 1 : 0), s, e]).first {
                inputs.feeDossiers = try row.int("fee"); inputs.paidOnline = try row.int("online")
            }
            return inputs
        }
    }

    /// `max × min(1, (numerator ÷ denominator) ÷ threshold)`, in hundredths, rounded half up; nil without a denominator.
    static func points(max: Int64, thresholdPerMille: Int, numerator: Int, denominator: Int) -> Int64? {
        guard denominator > 0 else { return nil }
        let top = max * Int64(numerator) * 1000
        let bottom = Int64(denominator) * Int64(thresholdPerMille)
        return Swift.min(max, (2 * top + bottom) / (2 * bottom))
    }

    /// One indicator's result.
    public struct Score: Sendable, Hashable {
        public var indicator: Indicator
        /// Points in hundredths; nil when not measured (no data, or no hand entry).
        public var pointsHundredths: Int64?
        /// Computed, entered by hand, or neither.
        public var source: String
        /// The inputs, as `name=value` pairs.
        public var inputs: String
    }

    /// Scores every indicator for a period.
    public func scores(period: ReportPeriod) throws -> [Score] {
        try catchUp()
        let calendar = context.calendar
        let start = JournalEntry.milliseconds(calendar.instant(period.from, LocalTime(hour: 0, minute: 0)!))
        let end = min(JournalEntry.milliseconds(calendar.instant(period.to.adding(days: 1), LocalTime(hour: 0, minute: 0)!)),
                      Swift.max(start, JournalEntry.milliseconds(context.clock.now)))
        let inputs = try self.inputs(start: start, end: end)
        let manual = try manualEntries(period: period)
        return indicators.map { indicator in
            let numerator: Int, denominator: Int, text: String
            switch indicator.id {
            case "2":
                numerator = inputs.finishedInTime + inputs.openWithin; denominator = inputs.finished + inputs.open
                text = "đúng/trước hạn=\(inputs.finishedInTime), đã giải quyết=\(inputs.finished), đang trong hạn=\(inputs.openWithin), đang giải quyết=\(inputs.open)"
            case "4b":
                numerator = inputs.digitised; denominator = inputs.documents
                text = "đã số hoá=\(inputs.digitised), thành phần=\(inputs.documents)"
            case "5c":
                numerator = inputs.finished - inputs.bad; denominator = inputs.finished
                text = "hồ sơ=\(inputs.finished), không hài lòng hoặc trễ=\(inputs.bad)"
            case "6a":
                numerator = inputs.paidOnline; denominator = inputs.feeDossiers
                text = "thanh toán trực tuyến=\(inputs.paidOnline), hồ sơ có phí=\(inputs.feeDossiers)"
            default:
                if let entry = manual[indicator.id] {
                    return Score(indicator: indicator, pointsHundredths: Swift.min(indicator.maxHundredths, entry.pointsHundredths), source: "manual",
                                 inputs: entry.note ?? "")
                }
                return Score(indicator: indicator, pointsHundredths: nil, source: "none", inputs: "")
            }
            let points = Self.points(max: indicator.maxHundredths, thresholdPerMille: indicator.thresholdPerMille,
                                     numerator: numerator, denominator: denominator)
            return Score(indicator: indicator, pointsHundredths: points, source: "computed", inputs: text)
        }
    }

    /// Hand entries whose month lies in the period, the latest month winning.
    private func manualEntries(period: ReportPeriod) throws -> [String: ManualEntry] {
        let rows = try context.store.read { database in
            try database.query("""
                SELECT month, indicator, points, note FROM reporting_index766_manual WHERE month >= ? AND month <= ? ORDER BY month
                """, [.text(String(period.from.description.prefix(7))), .text(String(period.to.description.prefix(7)))])
        }
        var entries: [String: ManualEntry] = [:]
        for row in rows {
            let entry = ManualEntry(indicator: try row.string("indicator"), month: try row.string("month"),
                                    pointsHundredths: try row.int64("points"), note: try row.optionalString("note"))
            entries[entry.indicator] = entry
        }
        return entries
    }

    public var manualIndicators: [ManualIndicator] {
        indicators.filter { $0.source == .manual }.map { ManualIndicator(id: $0.id, title: $0.title, maxHundredths: $0.maxHundredths) }
    }

    public func enterManual(_ entry: ManualEntry, by principal: Principal) throws {
        guard let indicator = indicators.first(where: { $0.id == entry.indicator && $0.source == .manual }) else {
            throw Problem("index766.not-manual", en: "Indicator \"\(entry.indicator)\" is not entered by hand; use one of \(manualIndicators.map(\.id).joined(separator: ", ")).",
                          vi: "Chỉ tiêu \"\(entry.indicator)\" không nhập tay được.",
                          details: [.init(field: "indicator", code: "unknown", message: LocalizedText(vi: "Chỉ tiêu không hợp lệ", en: "Unknown indicator"))])
        }
        guard (0...indicator.maxHundredths).contains(entry.pointsHundredths) else {
            throw Problem("index766.points", en: "Indicator \(indicator.id) takes 0 to \(Report.Figure(id: "", title: indicator.title, value: indicator.maxHundredths, decimals: 2).text) points.",
                          vi: "Chỉ tiêu \(indicator.id) nhận từ 0 đến \(Report.Figure(id: "", title: indicator.title, value: indicator.maxHundredths, decimals: 2).text) điểm.",
                          details: [.init(field: "points", code: "range", message: LocalizedText(vi: "Ngoài khoảng", en: "Out of range"))])
        }
        guard entry.month.count == 7, LocalDate(iso: entry.month + "-01") != nil else {
            throw Problem("index766.month", en: "Give the month as yyyy-MM, e.g. 2026-03.", vi: "Hãy nhập tháng dạng yyyy-MM, ví dụ 2026-03.",
                          details: [.init(field: "month", code: "invalid", message: LocalizedText(vi: "Tháng không hợp lệ", en: "Invalid month"))])
        }
        let now = context.clock.now
        let payload = JSONValue.object(JSONObject([
            ("indicator", .string(entry.indicator)), ("month", .string(entry.month)),
            ("points", .number(.integer(entry.pointsHundredths))), ("note", entry.note.map { .string($0) } ?? .null),
        ])).serialized()
        try context.store.write { transaction in
            try transaction.execute("""
                INSERT INTO reporting_index766_manual (month, indicator, points, note, entered_by, at_ms) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (month, indicator) DO UPDATE SET points = excluded.points, note = excluded.note,
                    entered_by = excluded.entered_by, at_ms = excluded.at_ms
                """, [.text(entry.month), .text(entry.indicator), .integer(entry.pointsHundredths), entry.note.map { .text($0) } ?? .null,
                      .text(principal.description), .integer(JournalEntry.milliseconds(now))])
            try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "index766.entered",
                                                       subject: "index766:\(entry.month)/\(entry.indicator)", payload: payload))
        }
    }

    // MARK: The report

    public func produce(report id: String, period: ReportPeriod) throws -> Report {
        guard id == "index766" else {
            throw Problem("reporting.unknown-report", status: 404, en: "reporting.index766 has no report \"\(id)\"; it has index766.",
                          vi: "reporting.index766 không có báo cáo \"\(id)\"; chỉ có index766.")
        }
        let scores = try scores(period: period)
        func text(_ value: Int64?) -> String {
            value.map { Report.Figure(id: "", title: LocalizedText(vi: "", en: ""), value: $0, decimals: 2).text } ?? "—"
        }
        let total = scores.compactMap(\.pointsHundredths).reduce(0, +)
        let measuredMax = scores.filter { $0.pointsHundredths != nil }.map(\.indicator.maxHundredths).reduce(0, +)
        var figures: [Report.Figure] = [
            .init(id: "index766.total", title: LocalizedText(vi: "Tổng điểm 766", en: "766 total"), value: total, decimals: 2),
            .init(id: "index766.measured-max", title: LocalizedText(vi: "Điểm tối đa của các chỉ tiêu đã có số liệu", en: "Maximum of the indicators measured"),
                  value: measuredMax, decimals: 2),
        ]
        for score in scores {
            if let points = score.pointsHundredths {
                figures.append(.init(id: "index766.\(score.indicator.id)", title: score.indicator.title, value: points, decimals: 2))
            }
            figures.append(.init(id: "index766.\(score.indicator.id).max", title: score.indicator.title, value: score.indicator.maxHundredths, decimals: 2))
        }
        let indicatorTable = Report.Table(
            id: "indicators", title: LocalizedText(vi: "Các chỉ tiêu", en: "Indicators"),
            columns: [LocalizedText(vi: "Chỉ tiêu", en: "Indicator"), LocalizedText(vi: "Tên", en: "Name"), LocalizedText(vi: "Điểm", en: "Points"),
                      LocalizedText(vi: "Tối đa", en: "Maximum"), LocalizedText(vi: "Nguồn", en: "Source"), LocalizedText(vi: "Số liệu", en: "Inputs")],
            rows: scores.map { [$0.indicator.id, $0.indicator.title.vi, text($0.pointsHundredths), text($0.indicator.maxHundredths), $0.source, $0.inputs] })
        let groupTable = Report.Table(
            id: "groups", title: LocalizedText(vi: "Theo nhóm", en: "By group"),
            columns: [LocalizedText(vi: "Nhóm", en: "Group"), LocalizedText(vi: "Điểm", en: "Points"), LocalizedText(vi: "Tối đa", en: "Maximum")],
            rows: Self.groups.keys.sorted().map { group in
                let items = scores.filter { $0.indicator.group == group }
                return [group + ". " + (Self.groups[group]?.vi ?? ""), text(items.compactMap(\.pointsHundredths).reduce(0, +)),
                        text(items.map(\.indicator.maxHundredths).reduce(0, +))]
            },
            labels: Self.groups.keys.sorted().map { group in
                LocalizedText(vi: group + ". " + (Self.groups[group]?.vi ?? ""), en: group + ". " + (Self.groups[group]?.en ?? ""))
            })
        // The trend: the computed and entered total of each of the last six months of the period.
        var months: [(String, Int64?)] = []
        var month = LocalDate(year: period.to.year, month: period.to.month, day: 1)!.adding(months: -5)
        for _ in 0..<6 {
            let range = ReportPeriod.containing(month, unit: .month)
            // A month with no data at all is a gap, not a zero.
            let points = try self.scores(period: range).compactMap(\.pointsHundredths)
            months.append((String(month.description.prefix(7)), points.isEmpty ? nil : points.reduce(0, +)))
            month = month.adding(months: 1)
        }
        let trend = Report.Table(id: "trend", title: LocalizedText(vi: "Xu hướng theo tháng", en: "Trend by month"),
                                 columns: [LocalizedText(vi: "Tháng", en: "Month"), LocalizedText(vi: "Điểm", en: "Points")],
                                 rows: months.map { [$0.0, text($0.1)] })
        let chart = Report.Chart(id: "index766-trend", title: LocalizedText(vi: "Điểm 766 theo tháng", en: "766 score by month"), style: .line,
                                 unit: "điểm", labels: months.map(\.0), values: months.map { $0.1.map { Double($0) / 100 } })
        return Report(id: "index766", title: title(report: "index766"),
                      period: period, tables: [groupTable, indicatorTable, trend], figures: figures, charts: [chart])
    }
}
