import Foundation
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import MotCuaStore

/// `motcua bench report`: a year of a busy province's journal, then the monthly report and
/// the 766 score timed in MotCua, the same aggregates as plain SQL in the `sqlite3` shell on
/// the same database, and the roll-up of 148 communes' bundles.
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
        let folder = keep ?? (directory as NSString).appendingPathComponent("motcua-bench-report-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let deployment = try DeploymentLoading.deployment(manifest)
        let path = (folder as NSString).appendingPathComponent("motcua.sqlite")
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
        guard let standard = composition.reporting.first(where: { $0.reportIDs.contains("period") }),
              let index = composition.reporting.first(where: { $0.reportIDs.contains("index766") }) else {
            Output.error("bench report: the deployment must compose reporting.standard and reporting.index766")
            throw ExitCode.failure
        }
        started = ContinuousClock.now
        let replayed = try standard.rebuild() + index.rebuild()
        Output.line("projection from the whole journal (both plugins, \(replayed) entries read): \(Output.seconds(ContinuousClock.now - started))")

        // The last full month of the simulated year.
        let month = ReportPeriod.containing(LocalDate(year: last.year, month: last.month, day: 1)!.adding(days: -1), unit: .month)
        let (report, reportTime) = try Self.timed(5) { try standard.produce(report: "period", period: month) }
        let (score, scoreTime) = try Self.timed(5) { try index.produce(report: "index766", period: month) }

        let start = JournalEntry.milliseconds(calendar.instant(month.from, LocalTime(hour: 0, minute: 0)!))
        let end = JournalEntry.milliseconds(calendar.instant(month.to.adding(days: 1), LocalTime(hour: 0, minute: 0)!))
        let (reportSQL, reportSQLTime) = try Self.sqlite(path, Self.periodSQL(start: start, end: end))
        let (scoreSQL, scoreSQLTime) = try Self.sqlite(path, Self.progressSQL(start: start, end: end))

        func compare(_ sql: [String: String], _ pairs: [(String, String)], in report: Report) -> String {
            let differing = pairs.filter { sql[$0.0] != report.figure($0.1)?.text }
            return differing.isEmpty ? "same numbers" : "DIFFERENT: " + differing.map { "\($0.0) sql=\(sql[$0.0] ?? "-") motcua=\(report.figure($0.1)?.text ?? "-")" }.joined(separator: ", ")
        }
        let reportCheck = compare(reportSQL, [("issued", "tickets.issued"), ("served", "tickets.served"), ("noshow", "tickets.no-show"),
                                              ("received", "dossiers.received"), ("fees", "fees.total"), ("ratings", "ratings.total")], in: report)
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
            ["MEASURE (\(month.text))", "MOTCUA", "SQLITE3 SHELL, PLAIN SQL ON THE JOURNAL", "RATIO", "CHECK"],
            ["monthly period report", Output.seconds(reportTime), Output.seconds(reportSQLTime), Self.ratio(reportTime, reportSQLTime), reportCheck],
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
        let province = try SQLiteStore(path: (folder as NSString).appendingPathComponent("province.sqlite"))
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
        return String(format: "%.2f×", seconds(a) / max(1e-9, seconds(b)))
    }

    /// Runs `sql` in the sqlite3 shell; answers `name|value` lines as a dictionary and the wall time.
    static func sqlite(_ path: String, _ sql: String) throws -> ([String: String], Duration) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly", path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        let started = ContinuousClock.now
        do {
            try process.run()
        } catch {
            Output.error("bench report: cannot run the sqlite3 shell (\(error)); install it (apt-get install sqlite3)")
            throw ExitCode.environment
        }
        input.fileHandleForWriting.write(Data(sql.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - started
        var values: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "|", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        return (values, elapsed)
    }

    /// The period report's aggregates as plain SQL over the journal (its kind/time index).
    static func periodSQL(start: Int64, end: Int64) -> String {
        let range = "at_ms >= \(start) AND at_ms < \(end)"
        return """
        SELECT 'issued', COUNT(*) FROM journal WHERE kind = 'ticket.issued' AND \(range);
        SELECT 'served', COUNT(*) FROM journal WHERE kind = 'ticket.finished' AND \(range);
        SELECT 'noshow', COUNT(*) FROM journal WHERE kind = 'ticket.no-show' AND \(range);
        SELECT 'waitp50', json_extract(payload, '$.waitSeconds') FROM journal WHERE kind = 'ticket.called' AND \(range)
          ORDER BY json_extract(payload, '$.waitSeconds') LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM journal WHERE kind = 'ticket.called' AND \(range));
        SELECT 'received', COUNT(*) FROM journal WHERE kind = 'dossier.received' AND \(range);
        SELECT 'channel.' || json_extract(payload, '$.channel'), COUNT(*) FROM journal WHERE kind = 'dossier.received' AND \(range) GROUP BY json_extract(payload, '$.channel');
        SELECT 'verdict.' || json_extract(payload, '$.verdict'), COUNT(*) FROM journal WHERE kind = 'dossier.status-changed' AND \(range)
          AND json_extract(payload, '$.to') = 'done' GROUP BY json_extract(payload, '$.verdict');
        SELECT 'fees', (SELECT COALESCE(SUM(json_extract(payload, '$.total')), 0) FROM journal WHERE kind IN ('payment.collected', 'payment.confirmed') AND \(range))
          - (SELECT COALESCE(SUM(json_extract(payload, '$.total')), 0) FROM journal WHERE kind = 'payment.voided' AND \(range));
        SELECT 'ratings', COUNT(*) FROM journal WHERE kind = 'rating.submitted' AND \(range);
        SELECT 'level.' || json_extract(payload, '$.level'), COUNT(*) FROM journal WHERE kind = 'rating.submitted' AND \(range) GROUP BY json_extract(payload, '$.level');
        """
    }

    /// The computed 766 indicators' inputs as plain SQL: progress (2), digitised components (4b),
    /// satisfaction (5c) and online payment (6a) for the month.
    static func progressSQL(start: Int64, end: Int64) -> String {
        let due = "CAST((julianday(json_extract(r.payload, '$.dueAt')) - 2440587.5) * 86400000 AS INTEGER)"
        return """
        SELECT 'finished', COUNT(*) FROM journal WHERE kind = 'dossier.status-changed' AND at_ms >= \(start) AND at_ms < \(end) AND json_extract(payload, '$.to') = 'done';
        SELECT 'good', COUNT(*) FROM journal WHERE kind = 'dossier.status-changed' AND at_ms >= \(start) AND at_ms < \(end)
          AND json_extract(payload, '$.to') = 'done' AND json_extract(payload, '$.verdict') IN ('early', 'onTime');
        WITH open AS (
          SELECT \(due) AS due_ms FROM journal r WHERE r.kind = 'dossier.received' AND r.at_ms < \(end)
          AND NOT EXISTS (SELECT 1 FROM journal s INDEXED BY journal_by_subject WHERE s.subject = r.subject AND s.kind = 'dossier.status-changed' AND s.at_ms < \(end)
                          AND json_extract(s.payload, '$.to') IN ('done', 'returned', 'refused', 'stopped')))
        SELECT 'open', COUNT(*) FROM open UNION ALL SELECT 'within', COUNT(*) FROM open WHERE due_ms >= \(end);
        SELECT 'documents', COALESCE(SUM(json_extract(payload, '$.documents')), 0) FROM journal WHERE kind = 'dossier.received' AND at_ms >= \(start) AND at_ms < \(end);
        SELECT 'digitised', COALESCE(SUM(json_extract(payload, '$.digitised')), 0) FROM journal WHERE kind = 'dossier.received' AND at_ms >= \(start) AND at_ms < \(end);
        SELECT 'bad', COUNT(*) FROM journal d WHERE d.kind = 'dossier.status-changed' AND d.at_ms >= \(start) AND d.at_ms < \(end)
          AND json_extract(d.payload, '$.to') = 'done' AND (json_extract(d.payload, '$.verdict') = 'late'
            OR EXISTS (SELECT 1 FROM journal r INDEXED BY journal_by_subject WHERE r.subject = d.subject AND r.kind = 'rating.submitted'
                       AND json_extract(r.payload, '$.level') <= json_extract(r.payload, '$.scale') / 2));
        SELECT 'fee', COUNT(DISTINCT json_extract(payload, '$.dossier')) FROM journal
          WHERE kind IN ('payment.collected', 'payment.confirmed') AND at_ms >= \(start) AND at_ms < \(end);
        SELECT 'online', COUNT(DISTINCT json_extract(payload, '$.dossier')) FROM journal
          WHERE kind IN ('payment.collected', 'payment.confirmed') AND at_ms >= \(start) AND at_ms < \(end)
          AND (kind = 'payment.confirmed' OR json_extract(payload, '$.method') <> 'payments.cash');
        """
    }
}
