#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// The national portal (DVCQG): every dossier and every step pushed in the portal's words,
/// and the dossiers filed on the portal imported (Docs/Portal.md). An intake add-on.
///
/// The journal is the outbox. A durable cursor (`intake_portal_cursor`: the last entry done
/// and how many messages of the next one were answered) moves in the same transaction that
/// records the portal's answer, so a crash, a restart or a week offline loses nothing, and
/// a message is sent again only when its answer was never recorded — then the portal says
/// "already exists" and the dossier goes again as an update (`isUpdating`), never as new.
public struct IntakePortalSync: PortalSyncPlugin {
    /// The manifest section `"intake.portal": { … }`.
    public struct Settings: Decodable, Sendable {
        /// Where the two operations are posted, `https://…` (or `http://127.0.0.1…` for the stand-in).
        public var endpoint: String
        /// Where the session is asked for with the credentials.
        public var authEndpoint: String
        /// The centre's identifier code (mã định danh, QCVN 102), sent as `madonvi`.
        public var unitCode: String
        /// A JSON file `{"username": …, "password": …}` issued by the province; a relative
        /// path is read from the data folder. Read when sending, never logged.
        public var credentialsFile: String
        /// A proxy for the province's network, e.g. `http://proxy.tinh.gov.vn:3128`.
        public var proxy: String?
        /// Extra certificate authorities to trust (the provincial gateway's CA file).
        public var certificateAuthorities: String?
        /// Seconds to connect (default 10) and for a whole exchange (default 30).
        public var connectTimeoutSeconds: Int?
        public var timeoutSeconds: Int?
        /// First wait after a failure (default 2 s); it doubles up to `maxRetrySeconds` (default 600).
        public var retrySeconds: Int?
        public var maxRetrySeconds: Int?
        /// How often a refused message is tried before it is set aside (default 3).
        public var maxAttempts: Int?
        /// The portal's sector code of each sector id, when they differ.
        public var sectorCodes: [String: String]?
        /// The portal's procedure code of each local procedure code, when they differ.
        public var procedureCodes: [String: String]?
        /// The words sent as `NguoiXuLy` (default "Chuyên viên"): MotCua sends no login.
        public var officerTitle: String?
    }

    public static let id: PluginID = "intake.portal"
    public static let role = PluginRole.addOn
    public static let version = "0.1.0"
    public static let stability = PluginStability.alpha
    public static let summary = LocalizedText(vi: "Đồng bộ hồ sơ và tiến độ lên Cổng Dịch vụ công quốc gia, nhận hồ sơ nộp trực tuyến",
                                              en: "Dossiers and their steps synchronised to the national portal; online dossiers imported")
    public static let migrations = [
        Migration(version: 1, name: "create-outbox", statements: [
            // `inflight` 1: a new dossier at the cursor was sent and its answer is not recorded yet.
            """
            CREATE TABLE intake_portal_cursor (
                id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL, part INTEGER NOT NULL, inflight INTEGER NOT NULL DEFAULT 0
            )
            """,
            "INSERT INTO intake_portal_cursor (id, last_seq, part, inflight) VALUES (1, 0, 0, 0)",
            """
            CREATE TABLE intake_portal_dossiers (
                code TEXT PRIMARY KEY, portal_code TEXT NOT NULL, procedure TEXT NOT NULL, sector TEXT NOT NULL, channel TEXT NOT NULL,
                status TEXT NOT NULL, received_ms INTEGER NOT NULL, promised_ms INTEGER, finished_ms INTEGER, returned_ms INTEGER,
                refused_ms INTEGER, by_post INTEGER NOT NULL DEFAULT 0, digitised INTEGER NOT NULL DEFAULT 0, counter TEXT, note TEXT,
                last_step_ms INTEGER, previous_step_ms INTEGER, personal TEXT, applied_seq INTEGER NOT NULL,
                on_portal INTEGER NOT NULL DEFAULT 0, last_error_code TEXT, last_message TEXT, last_answer_ms INTEGER
            )
            """,
            """
            CREATE TABLE intake_portal_answers (
                id INTEGER PRIMARY KEY, code TEXT NOT NULL, seq INTEGER NOT NULL, part INTEGER NOT NULL, service TEXT NOT NULL,
                updating INTEGER NOT NULL, error_code TEXT NOT NULL, message TEXT NOT NULL, accepted INTEGER NOT NULL, at_ms INTEGER NOT NULL
            )
            """,
            "CREATE INDEX intake_portal_answers_code ON intake_portal_answers (code, id)",
            """
            CREATE TABLE intake_portal_refused (
                id INTEGER PRIMARY KEY, code TEXT NOT NULL, seq INTEGER NOT NULL, part INTEGER NOT NULL, service TEXT NOT NULL,
                body TEXT NOT NULL, error_code TEXT NOT NULL, message TEXT NOT NULL, queued INTEGER NOT NULL DEFAULT 0, at_ms INTEGER NOT NULL
            )
            """,
            "CREATE INDEX intake_portal_refused_code ON intake_portal_refused (code, id)",
            """
            CREATE TABLE intake_portal_status (
                id INTEGER PRIMARY KEY CHECK (id = 1), last_error_vi TEXT, last_error_en TEXT, last_error_ms INTEGER, last_success_ms INTEGER,
                accepted INTEGER NOT NULL DEFAULT 0
            )
            """,
            "INSERT INTO intake_portal_status (id, accepted) VALUES (1, 0)",
            "CREATE TABLE intake_portal_imports (portal_code TEXT PRIMARY KEY, code TEXT NOT NULL, at_ms INTEGER NOT NULL, actor TEXT NOT NULL)",
        ]),
    ]

    /// The journal kinds the sender reads.
    static let kinds: Set<String> = ["dossier.received", "dossier.status-changed", "dossier.extended", "dossier.due-overridden",
                                     "dossier.postal-registered"]

    let settings: Settings
    let context: HostContext
    let transport: PortalTransport
    let state = SenderState()

    public init(settings: Settings, context: HostContext) throws {
        var problems: [String] = []
        for (key, url) in [("endpoint", settings.endpoint), ("authEndpoint", settings.authEndpoint)] {
            if !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.count < 10 {
                problems.append("\(key) \"\(url)\" must be an http:// or https:// address")
            }
        }
        if settings.unitCode.trimmingSpaces().isEmpty { problems.append("unitCode must be the centre's identifier code, e.g. 000.00.12.H46") }
        if settings.credentialsFile.trimmingSpaces().isEmpty { problems.append("credentialsFile must name the credentials file") }
        for (key, value, range) in [("connectTimeoutSeconds", settings.connectTimeoutSeconds, 1...120), ("timeoutSeconds", settings.timeoutSeconds, 1...600),
                                    ("retrySeconds", settings.retrySeconds, 1...3600), ("maxRetrySeconds", settings.maxRetrySeconds, 1...86_400),
                                    ("maxAttempts", settings.maxAttempts, 1...100)] {
            if let value, !range.contains(value) { problems.append("\(key) \(value) must be from \(range.lowerBound) to \(range.upperBound)") }
        }
        guard problems.isEmpty else {
            throw Problem("intake.settings", status: 500, en: "intake.portal: \(problems.joined(separator: "; ")); correct it in the manifest.",
                          vi: "intake.portal: cấu hình chưa đúng (\(problems.joined(separator: "; "))); hãy sửa trong tệp cấu hình.")
        }
        self.settings = settings
        self.context = context
        transport = PortalTransport(settings: settings, context: context)
    }

    // The primary receives and moves dossiers; an add-on only adds its channel.
    public func receive(_ request: IntakeRequest, by principal: Principal) throws -> Dossier { throw Self.notPrimary }
    public func transition(dossier code: String, to status: Dossier.Status, note: String?, by principal: Principal) throws -> Dossier { throw Self.notPrimary }
    public func dossier(code: String) throws -> Dossier? { nil }

    static var notPrimary: Problem {
        Problem("intake.not-primary", status: 500, en: "The portal add-on does not receive dossiers itself.",
                vi: "Phần đồng bộ Cổng quốc gia không tự tiếp nhận hồ sơ.")
    }

    // MARK: The service

    public func run() async {
        var failures = 0
        while !Task.isCancelled {
            let pass = await sendPending()
            let wait: Duration
            if let retry = pass.retryAfter {
                failures += 1
                wait = retry
            } else {
                failures = 0
                wait = pass.accepted + pass.refused > 0 ? .zero : .seconds(2)
            }
            do { try await Task.sleep(for: wait) } catch { return }
        }
    }

    /// The wait after `failures` failures in a row: doubling from `retrySeconds`, capped.
    func backoff(_ failures: Int) -> Duration {
        let first = settings.retrySeconds ?? 2, cap = settings.maxRetrySeconds ?? 600
        return .seconds(min(cap, first << min(20, max(0, failures - 1))))
    }

    // MARK: Status

    public func syncStatus() throws -> PortalSyncStatus {
        let cursor = try context.store.read { db in try Self.cursor(db) }
        let waitingEntries = try context.store.journalEntries(matching: JournalQuery(kinds: Self.kinds, afterSequence: cursor.seq, limit: 100_000))
        return try context.store.read { db in
            let row = try db.queryFirst("SELECT * FROM intake_portal_status WHERE id = 1")
            let refused = try db.queryFirst("SELECT COUNT(*) AS n FROM intake_portal_refused")?.int("n") ?? 0
            let vi = try row?.optionalString("last_error_vi"), en = try row?.optionalString("last_error_en")
            return PortalSyncStatus(waiting: waitingEntries.count, oldestUnsent: waitingEntries.first?.at,
                                    lastError: vi.flatMap { vi in en.map { LocalizedText(vi: vi, en: $0) } },
                                    lastErrorAt: try row?.optionalInt64("last_error_ms").map(JournalEntry.date(milliseconds:)),
                                    lastSuccessAt: try row?.optionalInt64("last_success_ms").map(JournalEntry.date(milliseconds:)),
                                    refused: refused, accepted: try row?.int("accepted") ?? 0)
        }
    }

    public func syncState(dossier code: String) throws -> PortalDossierSync? {
        let cursor = try context.store.read { db in try Self.cursor(db) }
        let pending = try context.store.journalEntries(matching: JournalQuery(subject: "dossier:\(code)", kinds: Self.kinds, afterSequence: cursor.seq, limit: 1))
        return try context.store.read { db in
            guard let row = try db.queryFirst("SELECT * FROM intake_portal_dossiers WHERE code = ?", [.text(code)]) else {
                return pending.isEmpty ? nil : PortalDossierSync(state: .waiting, portalCode: code, onPortal: false, lastErrorCode: nil, lastMessage: nil, lastAnswerAt: nil)
            }
            let refused = try db.queryFirst("SELECT COUNT(*) AS n FROM intake_portal_refused WHERE code = ?", [.text(code)])?.int("n") ?? 0
            let state: PortalDossierSync.State = refused > 0 ? .refused : (pending.isEmpty ? .sent : .waiting)
            return PortalDossierSync(state: state, portalCode: try row.string("portal_code"), onPortal: try row.int("on_portal") == 1,
                                     lastErrorCode: try row.optionalString("last_error_code"), lastMessage: try row.optionalString("last_message"),
                                     lastAnswerAt: try row.optionalInt64("last_answer_ms").map(JournalEntry.date(milliseconds:)))
        }
    }

    public func resend(dossier code: String, by principal: Principal) throws {
        try context.store.write { transaction in
            guard try transaction.queryFirst("SELECT code FROM intake_portal_dossiers WHERE code = ?", [.text(code)]) != nil else {
                throw Problem("portal.unknown-dossier", status: 404,
                              en: "Dossier \(code) has not been prepared for the portal yet; it is sent in its turn.",
                              vi: "Hồ sơ \(code) chưa đến lượt gửi lên Cổng; hồ sơ sẽ được gửi theo thứ tự.")
            }
            // A dossier with nothing set aside is sent again whole: a dossier message with no stored body.
            if try transaction.execute("UPDATE intake_portal_refused SET queued = 1 WHERE code = ?", [.text(code)]) == 0 {
                try transaction.execute("""
                    INSERT INTO intake_portal_refused (code, seq, part, service, body, error_code, message, queued, at_ms)
                    VALUES (?, 0, 0, ?, '', '', '', 1, ?)
                    """, [.text(code), .text(PortalMapping.dossierService), .integer(JournalEntry.milliseconds(context.clock.now))])
            }
            try transaction.appendJournal(JournalDraft(at: context.clock.now, actor: principal.description, kind: "dossier.portal-resend",
                                                       subject: "dossier:\(code)", payload: "{}"))
        }
    }

    /// The sector and procedure codes of the settings, without imported dossiers.
    var codes: PortalCodes { PortalCodes(sectors: settings.sectorCodes ?? [:], procedures: settings.procedureCodes ?? [:]) }

    public func localProcedure(portalCode: String) -> String {
        codes.localProcedure(portal: portalCode)
    }

    public func portalCodes(dossiers: [String]) throws -> PortalCodes {
        var codes = self.codes
        guard !dossiers.isEmpty else { return codes }
        let wanted = Set(dossiers)
        for row in try context.store.read({ db in try db.query("SELECT portal_code, code FROM intake_portal_imports") }) {
            let code = try row.string("code")
            if wanted.contains(code) { codes.dossiers[code] = try row.string("portal_code") }
        }
        return codes
    }

    public func importedDossier(portalCode: String) throws -> String? {
        try context.store.read { db in try db.queryFirst("SELECT code FROM intake_portal_imports WHERE portal_code = ?", [.text(portalCode)])?.string("code") }
    }

    public func recordImport(portalCode: String, dossier: String, by principal: Principal) throws -> Bool {
        try context.store.write { transaction in
            let inserted = try transaction.execute("""
                INSERT INTO intake_portal_imports (portal_code, code, at_ms, actor) VALUES (?, ?, ?, ?) ON CONFLICT (portal_code) DO NOTHING
                """, [.text(portalCode), .text(dossier), .integer(JournalEntry.milliseconds(context.clock.now)), .text(principal.description)])
            return inserted > 0
        }
    }

    static func cursor(_ db: any SQLExecutor) throws -> (seq: Int64, part: Int) {
        let row = try db.queryFirst("SELECT last_seq, part FROM intake_portal_cursor WHERE id = 1")
        return (try row?.int64("last_seq") ?? 0, try row?.int("part") ?? 0)
    }
}
