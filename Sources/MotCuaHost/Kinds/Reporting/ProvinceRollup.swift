#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaStore

/// A commune's signed summary of one period: aggregate figures only, no personal data.
///
/// On disk: `{"format": "motcua.rollup/1", "body": {…}, "signature": "<hex>"}`, where the
/// signature is HMAC-SHA256, with the key the province issued to the commune, over the body
/// serialised compactly exactly as written.
public struct RollupBundle: Sendable, Hashable {
    /// The format tag a bundle starts with.
    public static let format = "motcua.rollup/1"
    /// The commune's centre id, e.g. `phu-tho.dao-xa`.
    public var commune: String
    /// The commune's name.
    public var name: LocalizedText
    /// The period summarised.
    public var period: ReportPeriod
    /// The figures of every report, by figure id.
    public var figures: [Report.Figure]
    /// When it was made, ISO 8601.
    public var createdAt: String

    /// Creates a bundle.
    public init(commune: String, name: LocalizedText, period: ReportPeriod, figures: [Report.Figure], createdAt: String) {
        self.commune = commune
        self.name = name
        self.period = period
        self.figures = figures
        self.createdAt = createdAt
    }

    var body: JSONValue {
        .object(JSONObject([
            ("commune", .string(commune)), ("name", .object(JSONObject([("vi", .string(name.vi)), ("en", .string(name.en))]))),
            ("period", .string(period.text)), ("createdAt", .string(createdAt)),
            ("figures", .array(figures.map { figure in
                .object(JSONObject([("id", .string(figure.id)), ("value", .number(.integer(figure.value))),
                                    ("decimals", .number(.integer(Int64(figure.decimals)))),
                                    ("vi", .string(figure.title.vi)), ("en", .string(figure.title.en))]))
            })),
        ]))
    }

    /// The signed file's bytes.
    public func signed(key: [UInt8]) -> [UInt8] {
        let body = self.body
        let signature = HMACSHA256.authenticationCode(key: key, message: body.serialized())
        return JSONValue.object(JSONObject([("format", .string(Self.format)), ("body", body), ("signature", .string(Hex.encode(signature)))]))
            .serializedBytes(pretty: false)
    }

    /// Reads a bundle file and checks its signature with the key `keyFor` gives its commune.
    ///
    /// Throws `rollup.malformed`, `rollup.unknown-commune` (no key) or `rollup.forged`.
    public static func verified(_ bytes: [UInt8], name file: String, keyFor: (String) -> [UInt8]?) throws(Problem) -> RollupBundle {
        func malformed(_ why: String) -> Problem {
            Problem("rollup.malformed", en: "\(file) is not a MotCua roll-up bundle: \(why).", vi: "\(file) không phải gói số liệu MotCua: \(why).",
                    details: [.init(field: file, code: "malformed", message: LocalizedText(vi: "Gói hỏng", en: "Malformed bundle"))])
        }
        guard let value = try? JSONParser().parse(bytes) else { throw malformed("not JSON") }
        guard value["format"]?.stringValue == format else { throw malformed("the format is not \(format)") }
        guard let body = value["body"], body.objectValue != nil, let signature = value["signature"]?.stringValue.flatMap(Hex.decode) else {
            throw malformed("the body or the signature is missing")
        }
        guard let commune = body["commune"]?.stringValue, !commune.isEmpty else { throw malformed("no commune") }
        guard let key = keyFor(commune) else {
            throw Problem("rollup.unknown-commune", en: "\(file) comes from \(commune), which the province manifest does not list.",
                          vi: "\(file) đến từ \(commune), không có trong danh sách xã của tỉnh.",
                          details: [.init(field: file, code: "unknown-commune", message: LocalizedText(vi: "Xã không có trong danh sách", en: "Commune not listed"))])
        }
        let expected = HMACSHA256.authenticationCode(key: key, message: body.serialized())
        guard ConstantTime.equals(expected, signature) else {
            throw Problem("rollup.forged", en: "\(file) claims to come from \(commune) but its signature does not match that commune's key; it was altered or signed with another key.",
                          vi: "\(file) ghi là của \(commune) nhưng chữ ký không khớp khoá của xã; gói đã bị sửa hoặc ký bằng khoá khác.",
                          details: [.init(field: file, code: "forged", message: LocalizedText(vi: "Chữ ký sai", en: "Bad signature"))])
        }
        guard let periodText = body["period"]?.stringValue, let period = try? ReportPeriod(parsing: periodText),
              let vi = body["name"]?["vi"]?.stringValue, let en = body["name"]?["en"]?.stringValue,
              let items = body["figures"]?.arrayValue else { throw malformed("the period, name or figures are missing") }
        var figures: [Report.Figure] = []
        for item in items {
            guard let id = item["id"]?.stringValue, let value = item["value"]?.int64Value, let decimals = item["decimals"]?.int64Value,
                  (0...6).contains(decimals) else { throw malformed("a figure lacks its id, value or decimals") }
            figures.append(Report.Figure(id: id, title: LocalizedText(vi: item["vi"]?.stringValue ?? id, en: item["en"]?.stringValue ?? id),
                                         value: value, decimals: Int(decimals)))
        }
        return RollupBundle(commune: commune, name: LocalizedText(vi: vi, en: en), period: period, figures: figures,
                            createdAt: body["createdAt"]?.stringValue ?? "")
    }
}

/// The province's list of communes and the key it issued to each, from provincial IT.
///
/// A JSON file `{"province": "phu-tho", "communes": [{"id": "phu-tho.dao-xa", "key": "<64 hex>"}]}`;
/// it holds secrets, so keep it out of the manifests and off the centres' machines.
public struct ProvinceKeys: Sendable {
    /// The province's id.
    public var province: String
    /// Keys by commune id, in the file's order.
    public var communes: [(id: String, key: [UInt8])]

    /// Creates a key list.
    public init(province: String, communes: [(id: String, key: [UInt8])]) {
        self.province = province
        self.communes = communes
    }

    /// Reads the file's bytes; refuses keys shorter than 16 bytes and duplicate communes.
    public init(bytes: [UInt8], file: String) throws(Problem) {
        func bad(_ why: String) -> Problem {
            Problem("rollup.keys", en: "\(file): \(why).", vi: "\(file): \(why).")
        }
        guard let value = try? JSONParser().parse(bytes), let province = value["province"]?.stringValue,
              let items = value["communes"]?.arrayValue else { throw bad("expected {\"province\": …, \"communes\": [{\"id\", \"key\"}]}") }
        var communes: [(id: String, key: [UInt8])] = []
        for item in items {
            guard let id = item["id"]?.stringValue, let key = item["key"]?.stringValue.flatMap(Hex.decode), key.count >= 16 else {
                throw bad("each commune needs an id and a key of at least 32 hex digits")
            }
            guard !communes.contains(where: { $0.id == id }) else { throw bad("commune \(id) is listed twice") }
            communes.append((id, key))
        }
        self.province = province
        self.communes = communes
    }

    /// The key of a commune, if listed.
    public func key(_ commune: String) -> [UInt8]? {
        communes.first { $0.id == commune }?.key
    }
}

/// The province's store of imported bundles, and the ranking drawn from them.
public struct ProvinceRollup: Sendable {
    /// The tables, owned by `rollup.province`.
    public static let migrations = MigrationSet(owner: "rollup.province", migrations: [
        Migration(version: 1, name: "create-bundles", statements: [
            """
            CREATE TABLE rollup_bundles (
                commune TEXT NOT NULL, period TEXT NOT NULL, name_vi TEXT NOT NULL, name_en TEXT NOT NULL,
                created_at TEXT NOT NULL, signature TEXT NOT NULL, imported_ms INTEGER NOT NULL, PRIMARY KEY (commune, period)
            )
            """,
            """
            CREATE TABLE rollup_figures (
                commune TEXT NOT NULL, period TEXT NOT NULL, figure TEXT NOT NULL, value INTEGER NOT NULL, decimals INTEGER NOT NULL,
                title_vi TEXT NOT NULL, title_en TEXT NOT NULL, PRIMARY KEY (commune, period, figure)
            )
            """,
        ]),
    ])

    let store: any Store
    /// The scored report the communes are ranked by; nil ranks nobody.
    let scoring: ReportScoring?

    /// Opens the roll-up on a store, creating its tables; `scoring` names the scored report
    /// (a ``ScoredReporting`` plugin's) whose total ranks the communes.
    public init(store: any Store, scoring: ReportScoring? = nil) throws {
        try store.migrate(Self.migrations)
        self.store = store
        self.scoring = scoring
    }

    /// Makes a commune's bundle for a period from every report its reporting plugins produce.
    public static func bundle(deployment: Deployment, reporting: [any ReportingPlugin], period: ReportPeriod, createdAt: Date) throws -> RollupBundle {
        var figures: [Report.Figure] = []
        for plugin in reporting {
            for id in plugin.reportIDs {
                for figure in try plugin.produce(report: id, period: period).figures where !figures.contains(where: { $0.id == figure.id }) {
                    figures.append(figure)
                }
            }
        }
        return RollupBundle(commune: deployment.centre.id, name: deployment.centre.name, period: period, figures: figures,
                            createdAt: JournalEntry.isoText(createdAt))
    }

    /// Imports bundles all together or not at all: every bundle is read and checked first,
    /// then all are written in one transaction. Refuses (listing every problem) malformed,
    /// forged and foreign bundles, and a commune's second bundle for a period (the first stays).
    @discardableResult
    public func importBundles(_ files: [(name: String, bytes: [UInt8])], keys: ProvinceKeys, at now: Date, by principal: Principal) throws -> [RollupBundle] {
        var bundles: [RollupBundle] = []
        var problems: [Problem] = []
        for file in files {
            do {
                let bundle = try RollupBundle.verified(file.bytes, name: file.name, keyFor: keys.key)
                if bundles.contains(where: { $0.commune == bundle.commune && $0.period == bundle.period }) {
                    problems.append(Self.duplicate(file.name, bundle))
                } else {
                    bundles.append(bundle)
                }
            } catch {
                problems.append(error)
            }
        }
        let existing = try store.read { database in
            try database.query("SELECT commune, period FROM rollup_bundles", []).map { "\(try $0.string("commune")) \(try $0.string("period"))" }
        }
        for (index, bundle) in bundles.enumerated() where existing.contains("\(bundle.commune) \(bundle.period.text)") {
            problems.append(Self.duplicate(files[index].name, bundle))
        }
        guard problems.isEmpty else {
            throw Problem("rollup.import-refused", en: "Nothing was imported: " + problems.map(\.message.en).joined(separator: " "),
                          vi: "Không nhập gói nào: " + problems.map(\.message.vi).joined(separator: " "),
                          details: problems.flatMap(\.details))
        }
        try store.write { transaction in
            for (index, bundle) in bundles.enumerated() {
                let signature = (try? JSONParser().parse(files[index].bytes))?["signature"]?.stringValue ?? ""
                try transaction.execute("""
                    INSERT INTO rollup_bundles (commune, period, name_vi, name_en, created_at, signature, imported_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, [.text(bundle.commune), .text(bundle.period.text), .text(bundle.name.vi), .text(bundle.name.en), .text(bundle.createdAt),
                          .text(signature), .integer(JournalEntry.milliseconds(now))])
                for figure in bundle.figures {
                    try transaction.execute("""
                        INSERT INTO rollup_figures (commune, period, figure, value, decimals, title_vi, title_en) VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, [.text(bundle.commune), .text(bundle.period.text), .text(figure.id), .integer(figure.value),
                              .integer(Int64(figure.decimals)), .text(figure.title.vi), .text(figure.title.en)])
                }
                try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "rollup.imported",
                    subject: "rollup:\(bundle.commune)/\(bundle.period.text)",
                    payload: JSONValue.object(JSONObject([("commune", .string(bundle.commune)), ("period", .string(bundle.period.text)),
                                                          ("figures", .number(.integer(Int64(bundle.figures.count)))),
                                                          ("signature", .string(signature))])).serialized()))
            }
        }
        return bundles
    }

    private static func duplicate(_ file: String, _ bundle: RollupBundle) -> Problem {
        Problem("rollup.duplicate", status: 409, en: "\(file): \(bundle.commune) already sent its bundle for \(bundle.period.text); the first one is kept.",
                vi: "\(file): \(bundle.commune) đã gửi gói số liệu kỳ \(bundle.period.text); giữ gói nhận trước.",
                details: [.init(field: file, code: "duplicate", message: LocalizedText(vi: "Gói trùng", en: "Duplicate bundle"))])
    }

    /// One commune's place in the ranking.
    public struct Rank: Sendable, Hashable {
        /// 1 for the best; communes with equal scores share a rank.
        public var rank: Int
        /// The number of ranked communes.
        public var of: Int
        public var commune: String
        public var name: LocalizedText
        /// The 766 total in hundredths.
        public var scoreHundredths: Int64
        /// The indicators that lost the most points, largest first: (id, points lost in hundredths).
        public var gaps: [(indicator: String, lost: Int64)]

        public static func == (lhs: Rank, rhs: Rank) -> Bool {
            lhs.commune == rhs.commune && lhs.rank == rhs.rank && lhs.scoreHundredths == rhs.scoreHundredths
        }
        public func hash(into hasher: inout Hasher) { hasher.combine(commune) }
    }

    /// The periods imported, newest first.
    public func periods() throws -> [String] {
        try store.read { database in
            try database.query("SELECT DISTINCT period FROM rollup_bundles ORDER BY period DESC", []).map { try $0.string("period") }
        }
    }

    /// Ranks the communes of a period by their score's total, best first.
    public func ranking(period: ReportPeriod) throws -> [Rank] {
        guard let scoring else { return [] }
        let prefix = scoring.figurePrefix
        let rows = try store.read { database in
            try database.query("""
                SELECT b.commune, b.name_vi, b.name_en, f.figure, f.value FROM rollup_bundles b
                JOIN rollup_figures f ON f.commune = b.commune AND f.period = b.period
                WHERE b.period = ? AND substr(f.figure, 1, ?) = ?
                """, [.text(period.text), .integer(Int64(prefix.count)), .text(prefix)])
        }
        var names: [String: LocalizedText] = [:]
        var values: [String: [String: Int64]] = [:]
        for row in rows {
            let commune = try row.string("commune")
            names[commune] = LocalizedText(vi: try row.string("name_vi"), en: try row.string("name_en"))
            values[commune, default: [:]][try row.string("figure")] = try row.int64("value")
        }
        return Self.rank(names.map { Scorecard(commune: $0.key, name: $0.value, figures: values[$0.key] ?? [:]) }, scoring: scoring)
    }

    /// One commune's figures for a period, as the ranking reads them: from an imported bundle,
    /// or straight from the commune's reports on the province server.
    public struct Scorecard: Sendable {
        /// The commune's centre id.
        public var commune: String
        /// The commune's name.
        public var name: LocalizedText
        /// Its figures by id.
        public var figures: [String: Int64]

        /// A scorecard.
        public init(commune: String, name: LocalizedText, figures: [String: Int64]) {
            self.commune = commune
            self.name = name
            self.figures = figures
        }

        /// The scorecard of a bundle.
        public init(_ bundle: RollupBundle) {
            self.init(commune: bundle.commune, name: bundle.name,
                      figures: Dictionary(bundle.figures.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// Ranks communes by their score's total, best first; equal scores share a rank, and each
    /// commune's three largest losses are named.
    public static func rank(_ cards: [Scorecard], scoring: ReportScoring) -> [Rank] {
        let prefix = scoring.figurePrefix
        let scored = cards.map { card -> (Scorecard, Int64) in (card, card.figures[scoring.totalFigure] ?? 0) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.commune < $1.0.commune }
        var ranks: [Rank] = []
        for (index, (card, score)) in scored.enumerated() {
            let rank = index > 0 && scored[index - 1].1 == score ? ranks[index - 1].rank : index + 1
            var gaps: [(String, Int64)] = []
            for (id, maximum) in card.figures where id.hasPrefix(prefix) && id.hasSuffix(".max") {
                let indicator = String(id.dropFirst(prefix.count).dropLast(".max".count))
                let lost = maximum - (card.figures[prefix + indicator] ?? 0)
                if lost > 0 { gaps.append((indicator, lost)) }
            }
            gaps.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            ranks.append(Rank(rank: rank, of: scored.count, commune: card.commune, name: card.name, scoreHundredths: score,
                              gaps: Array(gaps.prefix(3)).map { (indicator: $0.0, lost: $0.1) }))
        }
        return ranks
    }

    /// Province-wide sums of the whole-number figures (tickets, dossiers, đồng, ratings) of a
    /// period, leaving out the score's own figures.
    public func totals(period: ReportPeriod) throws -> [Report.Figure] {
        let prefix = scoring?.figurePrefix ?? ""
        return try store.read { database in
            try database.query("""
                SELECT figure, MIN(title_vi) AS vi, MIN(title_en) AS en, SUM(value) AS total FROM rollup_figures
                WHERE period = ? AND decimals = 0 AND (? = 0 OR substr(figure, 1, ?) <> ?) AND figure NOT LIKE '%-seconds'
                GROUP BY figure ORDER BY figure
                """, [.text(period.text), .integer(Int64(prefix.count)), .integer(Int64(prefix.count)), .text(prefix)]).map { row in
                Report.Figure(id: try row.string("figure"), title: LocalizedText(vi: try row.string("vi"), en: try row.string("en")),
                              value: try row.int64("total"))
            }
        }
    }
}
