#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import MotCuaStore

/// `motcua bench report`: a year of a busy province's journal, then the monthly report and
/// the 766 score timed in MotCua, every figure of the report again as plain SQL over the
/// journal in the same process on the same database (side by side, so the ratio is like for
/// like), the cost of a report request with nothing new, and the roll-up of 148 communes' bundles.
struct ReportBenchmark {
    var days: Int
    var ticketsPerDay: Int
    var dossiersPerDay: Int
    var communes: Int
    var directory: String
    var manifest: String?
    /// Keeps the data folder (with the bundles also imported into the centre's database) to
    /// serve and look at, instead of deleting it.
    var keep: String?

    func run() async throws {
        let folder = keep ?? PlainText.join(directory, "motcua-bench-report-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let deployment = try DeploymentLoading.deployment(manifest)
        let path = PlainText.join(folder, "motcua.sqlite")
        let store = try SQLiteStore(path: path)
        let calendar = deployment.calendar
        let first = LocalDate(year: 2025, month: 1, day: 1)!
        let last = first.adding(days: days - 1)
        Output.line("bench report: \(days) days of \(deployment.centre.id) at \(ticketsPerDay) tickets and \(dossiersPerDay) dossiers a working day, in \(folder)")

        // The journal, as queueing, intake, payments and ratings would write it.
        var started = ContinuousClock.now
        let simulation = SimulatedJournal(deployment: deployment, seed: 766, ticketsPerDay: ticketsPerDay, dossiersPerDay: dossiersPerDay)
        for offset in 0..<days { try simulation.simulate(day: first.adding(days: offset), store: store) }
        let written = ContinuousClock.now - started
        Output.line("journal: \(simulation.totals.entries) entries (\(simulation.totals.ticketsIssued) tickets, \(simulation.totals.dossiersReceived) dossiers) "
                    + "written in \(Output.seconds(written))")

        let clock = ManualClock(calendar.instant(last.adding(days: 1), LocalTime(hour: 0, minute: 0)!))
        let composition = try Composition.compose(deployment, catalogue: CLIContext.catalogue, store: store, clock: clock,
                                                  events: DiscardingEventSink(), logHandler: SilentLogHandler())
        guard let (standard, periodID) = composition.cutReport, let (index, scoring) = composition.scoredReport else {
            Output.error("bench report: the deployment must compose a period report (one with cuts) and a scored report")
            throw ExitCode.failure
        }
        started = ContinuousClock.now
        let replayedStandard = try standard.rebuild()
        let standardTime = ContinuousClock.now - started
        started = ContinuousClock.now
        let replayedIndex = try index.rebuild()
        let indexTime = ContinuousClock.now - started
        Output.line("projection rebuilt from the whole journal: period report \(Output.seconds(standardTime)) (\(replayedStandard) entries applied), "
                    + "766 score \(Output.seconds(indexTime)) (\(replayedIndex)); both \(Output.seconds(standardTime + indexTime))")
        // A report request first catches up with the journal; with nothing new that is all it pays.
        let (_, idle) = try Self.timed(21) { try standard.catchUp() + index.catchUp() }
        // One new entry of a kind the period report reads: the catch-up finds and applies it.
        try store.write { transaction in
            try transaction.appendJournal(JournalDraft(at: clock.now, actor: "device:bench", kind: "ticket.issued",
                                                       subject: "ticket:bench-catch-up", payload: #"{"sector":"bench"}"#))
        }
        started = ContinuousClock.now
        let fresh = try standard.catchUp() + index.catchUp()
        let freshTime = ContinuousClock.now - started
        Output.line("catch-up with nothing new (what every report request pays first, both plugins): \(Output.milliseconds(idle)); "
                    + "with one new entry: \(Output.milliseconds(freshTime)) (\(fresh) applied)")

        // The last full month of the simulated year.
        let month = ReportPeriod.containing(LocalDate(year: last.year, month: last.month, day: 1)!.adding(days: -1), unit: .month)
        let (report, reportTime) = try Self.timed(5) { try standard.produce(report: periodID, period: month) }
        let (score, scoreTime) = try Self.timed(5) { try index.produce(report: scoring.report, period: month) }

        let start = JournalEntry.milliseconds(calendar.instant(month.from, LocalTime(hour: 0, minute: 0)!))
        let end = JournalEntry.milliseconds(calendar.instant(month.to.adding(days: 1), LocalTime(hour: 0, minute: 0)!))
        var (reportSQL, reportSQLTime) = try Self.timed(5) { try Self.sql(store, Self.periodSQL(start: start, end: end)) }
        // The report counts a dossier without a deadline as within it.
        reportSQL["dossiers.open-within"] = String((Int64(reportSQL["within"] ?? "0") ?? 0) + (Int64(reportSQL["undated"] ?? "0") ?? 0))
        reportSQL["dossiers.open-past"] = reportSQL["past"]
        let (scoreSQL, scoreSQLTime) = try Self.timed(5) { try Self.sql(store, Self.progressSQL(start: start, end: end)) }

        // Every figure of the report, each against the plain SQL's answer (a figure the SQL
        // leaves without a row, e.g. the median of no waits, is 0 as in the report).
        let differing = report.figures.filter { figure in (reportSQL[figure.id] ?? "0") != String(figure.value) }
        let reportCheck = differing.isEmpty ? "same \(report.figures.count) figures"
            : "DIFFERENT: " + differing.map { "\($0.id) sql=\(reportSQL[$0.id] ?? "-") motcua=\($0.value)" }.joined(separator: ", ")
        // The inputs text MotCua shows for each computed indicator, rebuilt from the SQL answers.
        let inputs = Dictionary(uniqueKeysWithValues: (score.tables.first { $0.id == "indicators" }?.rows ?? []).map { ($0[0], $0[5]) })
        func sql(_ name: String) -> String { scoreSQL[name] ?? "?" }
        let expectedInputs = [
            "2": "đúng/trước hạn=\(sql("good")), đã giải quyết=\(sql("finished")), đang trong hạn=\(sql("within")), đang giải quyết=\(sql("open"))",
            "4b": "đã số hoá=\(sql("digitised")), thành phần=\(sql("documents"))",
            "5c": "hồ sơ=\(sql("finished")), không hài lòng hoặc trễ=\(sql("bad"))",
            "6a": "thanh toán trực tuyến=\(sql("online")), hồ sơ có phí=\(sql("fee"))",
        ]
        let differingInputs = expectedInputs.filter { inputs[$0.key] != $0.value }.keys.sorted()
        let scoreCheck = differingInputs.isEmpty ? "same numbers"
            : "DIFFERENT: " + differingInputs.map { "\($0) motcua \(inputs[$0] ?? "-") sql \(expectedInputs[$0]!)" }.joined(separator: "; ")
        Output.line(Output.table([
            ["MEASURE (\(month.text))", "MOTCUA", "PLAIN SQL ON THE JOURNAL, SAME PROCESS", "RATIO", "CHECK"],
            ["monthly period report", Output.seconds(reportTime), Output.seconds(reportSQLTime) + " (every figure)", Self.ratio(reportTime, reportSQLTime), reportCheck],
            ["766 score (+ 6-month trend)", Output.seconds(scoreTime), Output.seconds(scoreSQLTime) + " (indicators 2, 4b, 5c, 6a; one month)", Self.ratio(scoreTime, scoreSQLTime), scoreCheck],
        ]))

        // The roll-up: communes' bundles signed with their own keys, imported and ranked.
        var keys: [(id: String, key: [UInt8])] = []
        var files: [(name: String, bytes: [UInt8])] = []
        let base = try ProvinceRollup.bundle(deployment: deployment, reporting: composition.reporting, period: month, createdAt: clock.now)
        var random = SeededRandom(seed: 148)
        for number in 1...communes {
            let id = "bench.commune-\(number)"
            let key = try SecureRandom.bytes(32)
            keys.append((id, key))
            var bundle = base
            bundle.commune = id
            bundle.name = LocalizedText(vi: "Xã \(number)", en: "Commune \(number)")
            // Each commune scores 40–100 % of every indicator's maximum; the total is their sum.
            var figures = bundle.figures.filter { !($0.id.hasPrefix("index766.") && !$0.id.hasSuffix(".max")) }
            var total: Int64 = 0
            for maximum in bundle.figures where maximum.id.hasPrefix("index766.") && maximum.id.hasSuffix(".max") {
                let points = maximum.value * Int64(40 + random.next() % 61) / 100
                total += points
                figures.append(Report.Figure(id: String(maximum.id.dropLast(4)), title: maximum.title, value: points, decimals: 2))
            }
            figures.append(Report.Figure(id: "index766.total", title: LocalizedText(vi: "Tổng điểm 766", en: "766 total"), value: total, decimals: 2))
            bundle.figures = figures
            files.append(("\(id).json", bundle.signed(key: key)))
        }
        let province = try SQLiteStore(path: PlainText.join(folder, "province.sqlite"))
        let rollup = try ProvinceRollup(store: province, scoring: CLIContext.catalogue.scoring)
        started = ContinuousClock.now
        try rollup.importBundles(files, keys: ProvinceKeys(province: "bench", communes: keys), at: clock.now, by: .system)
        let imported = ContinuousClock.now - started
        started = ContinuousClock.now
        let ranking = try rollup.ranking(period: month)
        let ranked = ContinuousClock.now - started
        if keep != nil {
            try ProvinceRollup(store: store).importBundles(files, keys: ProvinceKeys(province: "bench", communes: keys), at: clock.now, by: .system)
        }
        Output.line("roll-up: \(communes) signed bundles (\(base.figures.count) figures each) verified and imported in \(Output.seconds(imported)), "
                    + "ranked in \(Output.seconds(ranked)); first \(ranking.first.map { "\($0.commune) \($0.rank)/\($0.of)" } ?? "-")")
        // A ratio against a baseline that computes something else measures nothing.
        if !differing.isEmpty || !differingInputs.isEmpty {
            Output.error("bench report: MotCua and the plain SQL disagree (see CHECK above); the ratios are not like for like.")
            throw ExitCode.failure
        }
    }

    /// The median of `count` runs of `body`, with the last result.
    static func timed<T>(_ count: Int, _ body: () throws -> T) throws -> (T, Duration) {
        var times: [Duration] = []
        var result: T?
        for _ in 0..<count {
            let started = ContinuousClock.now
            result = try body()
            times.append(ContinuousClock.now - started)
        }
        return (result!, times.sorted()[count / 2])
    }

    static func ratio(_ a: Duration, _ b: Duration) -> String {
        let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        return (seconds(a) / max(1e-9, seconds(b))).fixed(2) + "×"
    }

    /// Runs each statement of `statements` on a read snapshot of `store`, in this process;
    /// every row is a name and a value, answered as a dictionary.
    static func sql(_ store: SQLiteStore, _ statements: [String]) throws -> [String: String] {
        try store.read { db in
            var values: [String: String] = [:]
            for statement in statements {
                for row in try db.query(statement) where row.values.count == 2 {
                    guard case .text(let name) = row.values[0] else { continue }
                    switch row.values[1] {
                    case .integer(let value): values[name] = String(value)
                    case .real(let value): values[name] = String(Int64(value))
                    case .text(let value): values[name] = value
                    default: break
                    }
                }
            }
            return values
        }
    }

    /// Every figure of the period report as plain SQL over the journal (its kind/time and
    /// subject indexes), named by the report's figure ids.
    static func periodSQL(start: Int64, end: Int64) -> [String] {
        let range = "at_ms >= \(start) AND at_ms < \(end)"
        // The nearest-rank percentile p of the values `v` of a subquery, as the report takes it.
        func percentile(_ name: String, _ p: Int, _ values: String) -> String {
            """
            WITH w AS (\(values)) SELECT '\(name)', v FROM w ORDER BY v LIMIT 1 OFFSET (SELECT MAX(1, (\(p) * COUNT(*) + 99) / 100) - 1 FROM w)
            """
        }
        // A ticket's wait is its first call's; its service time is its finishing.
        let waits = "SELECT json_extract(payload, '$.waitSeconds') AS v FROM journal WHERE seq IN (SELECT MIN(seq) FROM journal WHERE kind = 'ticket.called' AND \(range) GROUP BY subject) AND json_extract(payload, '$.waitSeconds') IS NOT NULL"
        let services = "SELECT json_extract(payload, '$.serviceSeconds') AS v FROM journal WHERE kind = 'ticket.finished' AND \(range) AND json_extract(payload, '$.serviceSeconds') IS NOT NULL"
        // A dossier's work finished at its first change to done or returned; that change's verdict counts.
        let finished = """
            SELECT COALESCE(json_extract(d.payload, '$.verdict'), 'onTime') AS verdict FROM journal d
            WHERE d.kind = 'dossier.status-changed' AND d.\(range) AND json_extract(d.payload, '$.to') IN ('done', 'returned')
            AND NOT EXISTS (SELECT 1 FROM journal e INDEXED BY journal_by_subject WHERE e.subject = d.subject AND e.seq < d.seq
                            AND e.kind = 'dossier.status-changed' AND json_extract(e.payload, '$.to') IN ('done', 'returned'))
            """
        let paid = "kind IN ('payment.collected', 'payment.confirmed') AND \(range)"
        let voided = "kind = 'payment.voided' AND \(range)"
        let ratings = "kind = 'rating.submitted' AND \(range)"
        return [
            "SELECT 'tickets.issued', COUNT(*) FROM journal WHERE kind = 'ticket.issued' AND \(range)",
            "SELECT 'tickets.served', COUNT(*) FROM journal WHERE kind = 'ticket.finished' AND \(range)",
            "SELECT 'tickets.no-show', COUNT(*) FROM journal WHERE kind = 'ticket.no-show' AND \(range)",
            percentile("tickets.wait-median-seconds", 50, waits), percentile("tickets.wait-p90-seconds", 90, waits),
            percentile("tickets.service-median-seconds", 50, services), percentile("tickets.service-p90-seconds", 90, services),
            "SELECT 'dossiers.received', COUNT(*) FROM journal WHERE kind = 'dossier.received' AND \(range)",
            """
            SELECT 'dossiers.received.' || COALESCE(json_extract(payload, '$.channel'), 'counter'), COUNT(*) FROM journal
            WHERE kind = 'dossier.received' AND \(range) GROUP BY COALESCE(json_extract(payload, '$.channel'), 'counter')
            """,
            """
            WITH f AS (\(finished)) SELECT 'dossiers.early', COUNT(*) FROM f WHERE verdict = 'early'
            UNION ALL SELECT 'dossiers.late', COUNT(*) FROM f WHERE verdict = 'late'
            UNION ALL SELECT 'dossiers.on-time', COUNT(*) FROM f WHERE verdict NOT IN ('early', 'late')
            UNION ALL SELECT 'dossiers.on-time-percent', CASE WHEN COUNT(*) = 0 THEN 0 ELSE SUM(verdict <> 'late') * 1000 / COUNT(*) END FROM f
            """,
            """
            SELECT 'dossiers.returned', COUNT(DISTINCT subject) FROM journal
            WHERE kind = 'dossier.status-changed' AND \(range) AND json_extract(payload, '$.to') = 'returned'
            """,
            """
            SELECT 'fees.total', (SELECT COALESCE(SUM(json_extract(payload, '$.total')), 0) FROM journal WHERE \(paid))
              - (SELECT COALESCE(SUM(json_extract(payload, '$.total')), 0) FROM journal WHERE \(voided))
            """,
            "SELECT 'fees.receipts', (SELECT COUNT(*) FROM journal WHERE \(paid)) - (SELECT COUNT(*) FROM journal WHERE \(voided))",
            """
            SELECT 'fees.' || method, SUM(amount) FROM (
              -- How a fee was paid, as the report names it: a confirmed transfer, or cash collected
              -- at the counter. A void counts against how its receipt was paid: cash receipts are
              -- journalled under the receipt's subject, transfers under the payment's.
              SELECT CASE kind WHEN 'payment.confirmed' THEN 'transfer' ELSE 'cash' END AS method, json_extract(payload, '$.total') AS amount FROM journal WHERE \(paid)
              UNION ALL SELECT CASE WHEN EXISTS (SELECT 1 FROM journal p INDEXED BY journal_by_subject
                                                 WHERE p.subject = v.subject AND p.kind = 'payment.collected') THEN 'cash' ELSE 'transfer' END,
                -json_extract(v.payload, '$.total') FROM journal v WHERE \(voided))
            GROUP BY method
            """,
            "SELECT 'ratings.total', COUNT(*) FROM journal WHERE \(ratings)",
            "SELECT 'ratings.level-' || json_extract(payload, '$.level'), COUNT(*) FROM journal WHERE \(ratings) GROUP BY json_extract(payload, '$.level')",
            """
            SELECT 'ratings.satisfied', COALESCE(SUM(json_extract(payload, '$.level') > (MAX(1, json_extract(payload, '$.scale')) + 1) / 2), 0)
            FROM journal WHERE \(ratings)
            """,
            """
            SELECT 'ratings.satisfied-percent', CASE WHEN COUNT(*) = 0 THEN 0 ELSE
              SUM(json_extract(payload, '$.level') > (MAX(1, json_extract(payload, '$.scale')) + 1) / 2) * 1000 / COUNT(*) END
            FROM journal WHERE \(ratings)
            """,
        ] + openSQL(end: end)
    }

    /// Dossiers in process at `end` (received before it, not finished, returned, refused or
    /// stopped before it), and those of them still within their deadline.
    static func openSQL(end: Int64) -> [String] {
        let due = "CAST((julianday(json_extract(r.payload, '$.dueAt')) - 2440587.5) * 86400000 AS INTEGER)"
        return ["""
        WITH open AS (
          SELECT \(due) AS due_ms FROM journal r WHERE r.kind = 'dossier.received' AND r.at_ms < \(end)
          AND NOT EXISTS (SELECT 1 FROM journal s INDEXED BY journal_by_subject WHERE s.subject = r.subject AND s.kind = 'dossier.status-changed' AND s.at_ms < \(end)
                          AND json_extract(s.payload, '$.to') IN ('done', 'returned', 'refused', 'stopped')))
        SELECT 'open', COUNT(*) FROM open UNION ALL SELECT 'within', COUNT(*) FROM open WHERE due_ms >= \(end)
        UNION ALL SELECT 'past', COUNT(*) FROM open WHERE due_ms < \(end) UNION ALL SELECT 'undated', COUNT(*) FROM open WHERE due_ms IS NULL
        """]
    }

    /// The computed 766 indicators' inputs as plain SQL: progress (2), digitised components (4b),
    /// satisfaction (5c) and online payment (6a) for the month.
    static func progressSQL(start: Int64, end: Int64) -> [String] {
        let range = "at_ms >= \(start) AND at_ms < \(end)"
        return [
            "SELECT 'finished', COUNT(*) FROM journal WHERE kind = 'dossier.status-changed' AND \(range) AND json_extract(payload, '$.to') = 'done'",
            """
            SELECT 'good', COUNT(*) FROM journal WHERE kind = 'dossier.status-changed' AND \(range)
              AND json_extract(payload, '$.to') = 'done' AND json_extract(payload, '$.verdict') IN ('early', 'onTime')
            """,
            "SELECT 'documents', COALESCE(SUM(json_extract(payload, '$.documents')), 0) FROM journal WHERE kind = 'dossier.received' AND \(range)",
            "SELECT 'digitised', COALESCE(SUM(json_extract(payload, '$.digitised')), 0) FROM journal WHERE kind = 'dossier.received' AND \(range)",
            """
            SELECT 'bad', COUNT(*) FROM journal d WHERE d.kind = 'dossier.status-changed' AND d.\(range)
              AND json_extract(d.payload, '$.to') = 'done' AND (json_extract(d.payload, '$.verdict') = 'late'
                OR EXISTS (SELECT 1 FROM journal r INDEXED BY journal_by_subject WHERE r.subject = d.subject AND r.kind = 'rating.submitted'
                           AND json_extract(r.payload, '$.level') <= json_extract(r.payload, '$.scale') / 2))
            """,
            """
            SELECT 'fee', COUNT(DISTINCT json_extract(payload, '$.dossier')) FROM journal
              WHERE kind IN ('payment.collected', 'payment.confirmed') AND \(range)
            """,
            """
            SELECT 'online', COUNT(DISTINCT json_extract(payload, '$.dossier')) FROM journal
              WHERE kind IN ('payment.collected', 'payment.confirmed') AND \(range)
              AND (kind = 'payment.confirmed' OR json_extract(payload, '$.method') <> 'payments.cash')
            """,
        ] + openSQL(end: end)
    }
}
