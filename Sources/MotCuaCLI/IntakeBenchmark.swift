#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import MotCuaStore

/// `motcua bench intake`: a busy province's year of dossiers through the full workflow, on a
/// durable database file, beside raw durable inserts on the same disk.
///
/// Each working day receives `perDay` dossiers spread over opening hours, moves each to
/// "in process" at once, asks 5 % for a supplement that comes back the next working day,
/// and decides and returns every dossier on its due day (3 % a day late, 20 % a day early).
/// Every step is one `write` (row + journal entry, `synchronous=FULL`). The baseline is one
/// plain insert per transaction with the same settings, as many transactions as the
/// workflow took. Then the overdue list is queried at the end of the simulated period.
struct IntakeBenchmark {
    var days: Int
    var perDay: Int
    var directory: String
    var manifest: String?
    /// Both stores in memory instead of on disk: a whole year in minutes, for the overdue
    /// list's query time; the throughput is then CPU only, compared with in-memory inserts.
    var memory: Bool

    func run() async throws {
        let deployment = try DeploymentLoading.deployment(manifest)
        let procedures = deployment.enabledProcedures
        guard !procedures.isEmpty else {
            Output.error("motcua bench intake: \(deployment.centre.id) enables no procedure")
            throw ExitCode.failure
        }
        let folder = PlainText.join(directory, "motcua-bench-intake-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Output.line("bench intake: \(deployment.centre.id), \(days) working day(s) × \(perDay) dossiers, \(procedures.count) procedures, \(memory ? "in memory" : "on disk in \(folder)")")
        // The same workflow with personal values sealed (as served) and in clear, twice each,
        // interleaved so a disk that slows down during the run weighs on both alike.
        var sealed = Run(), clear = Run()
        var last: (store: SQLiteStore, intake: any IntakePlugin, clock: ManualClock, day: LocalDate)?
        for round in 0..<2 {
            let plain = try workflow(deployment, procedures, folder: PlainText.join(folder, "clear-\(round)"), encrypted: false)
            clear.add(plain.run)
            let run = try workflow(deployment, procedures, folder: PlainText.join(folder, "sealed-\(round)"), encrypted: true)
            sealed.add(run.run)
            last = (run.store, run.intake, run.clock, run.day)
        }
        guard let last else { return }
        let (store, intake, clock, day) = last
        let calendar = deployment.calendar
        let transactions = sealed.transactions / 2
        let dossiers = sealed.dossiers / 2
        let seconds = sealed.seconds / 2

        // The overdue list at the end of the period, over everything received.
        clock.set(calendar.instant(day, LocalTime(hour: 8, minute: 0)!))
        var timings: [Double] = []
        var listed = 0
        for _ in 0..<21 {
            let start = ContinuousClock.now
            listed = try intake.overdue(at: clock.now).count
            let took = ContinuousClock.now - start
            timings.append(Double(took.components.seconds) * 1000 + Double(took.components.attoseconds) / 1e15)
        }
        timings.sort()

        // The baseline: as many one-row durable transactions on the same disk.
        let raw = memory ? try SQLiteStore.inMemory() : try SQLiteStore(path: PlainText.join(folder, "raw.sqlite"))
        try raw.migrate(MigrationSet(owner: "bench", migrations: [
            Migration(version: 1, name: "create", statements: ["CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, code TEXT NOT NULL, status TEXT NOT NULL)"]),
        ]))
        let baseline = min(transactions, 20_000)
        let rawStart = ContinuousClock.now
        for index in 0..<baseline {
            try raw.write { try $0.execute("INSERT INTO bench_rows (code, status) VALUES (?, ?)", [.text("X-\(index)"), .text("received")]) }
        }
        let rawElapsed = ContinuousClock.now - rawStart
        let rawSeconds = Double(rawElapsed.components.seconds) + Double(rawElapsed.components.attoseconds) / 1e18
        let rawPerSecond = Double(baseline) / rawSeconds
        let dossiersPerSecond = Double(dossiers) / seconds
        let journal = try store.verifyJournal()

        Output.line("\(dossiers) dossiers, \(transactions) transactions in \(seconds.fixed(1)) s: \(dossiersPerSecond.fixed(0)) dossiers/s through the full workflow (\((Double(transactions) / seconds).fixed(0)) transactions/s), personal values sealed")
        let clearPerSecond = Double(clear.dossiers) / clear.seconds
        Output.line("encryption at rest: \((Double(sealed.dossiers) / sealed.seconds).fixed(0)) dossiers/s sealed, \(clearPerSecond.fixed(0)) in clear (same workflow, 2 runs each, interleaved): sealing costs \((clearPerSecond / (Double(sealed.dossiers) / sealed.seconds)).fixed(2))× (goal ≤ 1.2×)")
        Output.line("raw insert (one row per transaction, \(memory ? "in memory" : "WAL, synchronous=FULL")): \(rawPerSecond.fixed(0))/s over \(baseline); one dossier costs \((rawPerSecond / dossiersPerSecond).fixed(1)) raw inserts (\((rawPerSecond / (Double(transactions) / seconds)).fixed(2)) per transaction)")
        Output.line("overdue list over \(dossiers) dossiers: \(listed) listed, median \((timings[timings.count / 2]).fixed(2)) ms, worst \((timings.last ?? 0).fixed(2)) ms (21 runs)")
        Output.line("journal: \(journal.message)")
    }

    /// Seconds and counts of workflow runs, summed.
    struct Run {
        var dossiers = 0
        var transactions = 0
        var seconds = 0.0

        mutating func add(_ other: Run) {
            dossiers += other.dossiers
            transactions += other.transactions
            seconds += other.seconds
        }
    }

    /// One run of the workflow on a fresh store in `folder`; `encrypted: false` replaces the
    /// key vault with one that stores values as they are, the cost before encryption.
    func workflow(_ deployment: Deployment, _ procedures: [Procedure], folder: String, encrypted: Bool) throws
        -> (run: Run, store: SQLiteStore, intake: any IntakePlugin, clock: ManualClock, day: LocalDate) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = memory ? try SQLiteStore.inMemory() : try SQLiteStore(path: PlainText.join(folder, "intake.sqlite"))
        let calendar = deployment.calendar
        var day = LocalDate(year: 2026, month: 1, day: 2)!
        let clock = ManualClock(calendar.instant(day, LocalTime(hour: 7, minute: 30)!))
        let composition: Composition
        do {
            composition = try Composition.compose(deployment, catalogue: CLIContext.catalogue, store: store, clock: clock, events: DiscardingEventSink(),
                                                  logHandler: SilentLogHandler(), dataFolder: URL(fileURLWithPath: folder),
                                                  vault: encrypted ? nil : UnsealedVault())
        } catch {
            for problem in error.problems { Output.error("motcua bench intake: \(problem.message.text(Output.language))") }
            throw ExitCode.failure
        }
        guard let intake = composition.intake else {
            Output.error("motcua bench intake: \(deployment.centre.id) composes no intake plugin")
            throw ExitCode.failure
        }
        let requests = procedures.map { IntakeSuite.sampleRequest($0, deployment) }
        let actor = Principal.staff("bench")
        var pending: [LocalDate: [String]] = [:]     // decide-and-return day → codes
        var supplements: [LocalDate: [String]] = [:] // supplement-returned day → codes
        var random = SeededRandom(seed: 766)
        var transactions = 0
        var dossiers = 0
        let started = ContinuousClock.now
        for _ in 0..<days {
            while !calendar.isWorkingDay(day) { day = day.adding(days: 1) }
            let opening = calendar.hours(on: day).first?.start.minutes ?? 450
            let closing = calendar.hours(on: day).last?.end.minutes ?? 1020
            func at(_ index: Int, of count: Int) {
                let minute = opening + (closing - opening - 1) * index / max(1, count)
                clock.set(calendar.instant(day, LocalTime(minutes: minute)!))
            }
            // Supplements come back in the morning, new dossiers arrive all day, and the
            // day's decisions are made and handed over just before closing.
            for (index, code) in (supplements.removeValue(forKey: day) ?? []).enumerated() {
                at(index, of: perDay)
                _ = try intake.transition(dossier: code, to: .supplemented, note: nil, by: actor)
                _ = try intake.transition(dossier: code, to: .inProcess, note: nil, by: actor)
                transactions += 2
            }
            for index in 0..<perDay {
                at(index, of: perDay)
                let dossier = try intake.receive(requests[Int(random.next() % UInt64(requests.count))], by: actor)
                _ = try intake.transition(dossier: dossier.code, to: .inProcess, note: nil, by: actor)
                transactions += 2
                dossiers += 1
                let dueDay = calendar.local(dossier.dueAt).date
                var finish: LocalDate
                switch random.next() % 100 {
                case 0..<5:  // a supplement, back the next working day; the due date moves one day
                    _ = try intake.transition(dossier: dossier.code, to: .supplementRequested, note: "Bổ sung giấy tờ", by: actor)
                    transactions += 1
                    let back = calendar.nextWorkingDay(after: day)
                    supplements[back, default: []].append(dossier.code)
                    finish = max(calendar.addingWorkingDays(1, to: dueDay), back)
                case 5..<25:  // early
                    finish = max(day, calendar.previousWorkingDay(before: dueDay))
                case 25..<28:  // late
                    finish = calendar.addingWorkingDays(1, to: dueDay)
                default:
                    finish = max(day, dueDay)
                }
                pending[finish, default: []].append(dossier.code)
            }
            clock.set(calendar.instant(day, LocalTime(minutes: closing - 1)!))
            for code in pending.removeValue(forKey: day) ?? [] {
                _ = try intake.transition(dossier: code, to: .done, note: nil, by: actor)
                _ = try intake.transition(dossier: code, to: .returned, note: nil, by: actor)
                transactions += 2
            }
            day = day.adding(days: 1)
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (Run(dossiers: dossiers, transactions: transactions, seconds: seconds), store, intake, clock, day)
    }
}

/// The baseline's vault: values stay as they are, no key is made. Only `bench intake` uses it.
private struct UnsealedVault: PersonalDataVault {
    func seal(_ plaintext: [UInt8], for subject: PersonalDataSubject, purpose: String, in transaction: any StoreTransaction) throws -> [UInt8] { plaintext }
    func open(_ sealed: [UInt8], subject: String, purpose: String, in database: any SQLExecutor) throws -> [UInt8]? { sealed }
    func markClosed(_ subject: String, at date: Date?, in transaction: any StoreTransaction) throws {}
}
