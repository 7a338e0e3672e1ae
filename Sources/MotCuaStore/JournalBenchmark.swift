#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// Measures what the hash-chained journal costs on top of a plain durable insert.
///
/// Both sides use the same PRAGMAs (WAL, `synchronous=FULL`) and one transaction per
/// operation, so each pays one fsync: (a) raw inserts one row into a plain table;
/// (b) journal runs one `write` that inserts the same kind of row and appends a journal
/// entry. The two run interleaved in rounds, so a burst of disk noise hits both alike.
/// The target is `ratio` ≤ 1.5. `motcua bench journal` prints the result.
public enum JournalBenchmark {
    /// What one run measured.
    public struct Result: Sendable, Hashable {
        /// Operations of each kind.
        public var count: Int
        /// Wall time of all raw inserts, in seconds.
        public var rawSeconds: Double
        /// Wall time of all journal writes, in seconds.
        public var journalSeconds: Double
        /// Raw durable inserts per second.
        public var rawPerSecond: Double { Double(count) / rawSeconds }
        /// Journal writes (state row + entry) per second.
        public var journalPerSecond: Double { Double(count) / journalSeconds }
        /// Cost of a journal write relative to a raw insert; 1.0 means no overhead.
        public var ratio: Double { journalSeconds / rawSeconds }

        /// Creates a result, for the other engine's benchmark.
        public init(count: Int, rawSeconds: Double, journalSeconds: Double) {
            self.count = count
            self.rawSeconds = rawSeconds
            self.journalSeconds = journalSeconds
        }

        /// One line for the CLI.
        public var summary: String {
            "\(count) each: raw durable insert \(rawPerSecond.fixed(0))/s, journal write \(journalPerSecond.fixed(0))/s, journal/raw cost \(ratio.fixed(2))x (target <= 1.50x)"
        }
    }

    /// Runs `count` operations of each kind in database files inside `directory`.
    ///
    /// The folder must exist and be on the disk the real database will use (a RAM disk
    /// measures nothing). Its two benchmark databases are deleted afterwards.
    public static func run(directory: String, count: Int, rounds: Int = 10) throws -> Result {
        guard count >= 1, rounds >= 1 else {
            throw StoreError.sql("the benchmark needs a count and rounds of at least 1 (got \(count), \(rounds))")
        }
        let rawPath = PlainText.join(directory, "motcua-bench-raw.sqlite")
        let journalPath = PlainText.join(directory, "motcua-bench-journal.sqlite")
        removeDatabase(rawPath)
        removeDatabase(journalPath)
        defer {
            removeDatabase(rawPath)
            removeDatabase(journalPath)
        }

        var raw: Connection? = try Connection(path: rawPath, busyTimeoutMilliseconds: 5000)
        try SQLiteStore.configure(raw!, requireWAL: true)
        try raw!.script("CREATE TABLE bench_state (id INTEGER PRIMARY KEY, subject TEXT NOT NULL, status TEXT NOT NULL)")
        var store: SQLiteStore? = try SQLiteStore(path: journalPath)
        try store!.migrate(MigrationSet(owner: "bench", migrations: [
            Migration(version: 1, name: "create-state", statements: [
                "CREATE TABLE bench_state (id INTEGER PRIMARY KEY, subject TEXT NOT NULL, status TEXT NOT NULL)",
            ]),
        ]))
        defer {
            // Close both before the files are removed.
            raw = nil
            store = nil
        }

        return try interleaved(count: count, rounds: rounds, raw: { index in
            try raw!.begin(immediate: true)
            try raw!.run("INSERT INTO bench_state (subject, status) VALUES (?, ?)", [.text(subject(index)), .text("issued")])
            try raw!.commit()
        }, journal: { index in
            try store!.write { transaction in
                try transaction.execute("INSERT INTO bench_state (subject, status) VALUES (?, ?)",
                                        [.text(subject(index)), .text("issued")])
                try transaction.appendJournal(draft(index))
            }
        })
    }

    /// The journal entry the benchmark appends for operation `index`.
    package static func draft(_ index: Int) -> JournalDraft {
        JournalDraft(at: Date(timeIntervalSince1970: 1_750_000_000 + Double(index)), actor: "device:kiosk-1",
                     kind: "ticket.issued", subject: subject(index), payload: #"{"sector":"tu-phap-ho-tich","priority":false}"#)
    }

    /// Times `raw` and `journal` for operations 0..<count, alternating in `rounds` so that
    /// disk or server noise hits both sides alike. Both engines' benchmarks run through it.
    package static func interleaved(count: Int, rounds: Int, raw: (Int) throws -> Void, journal: (Int) throws -> Void) throws -> Result {
        let clock = ContinuousClock()
        var rawTime = Duration.zero
        var journalTime = Duration.zero
        var done = 0
        for round in 0..<rounds {
            let size = count / rounds + (round < count % rounds ? 1 : 0)
            let range = done..<(done + size)
            done += size
            rawTime += try clock.measure { for index in range { try raw(index) } }
            journalTime += try clock.measure { for index in range { try journal(index) } }
        }
        return Result(count: count, rawSeconds: seconds(rawTime), journalSeconds: seconds(journalTime))
    }

    /// The subject of operation `index`, shaped like a real ticket's: the day, the sector's
    /// prefix and a zero-padded number (`ticket:20250615-TP-0042`), 3,000 a day over five
    /// sectors. Real subjects (tickets, dossier codes) arrive in nearly sorted order; an
    /// unpadded counter (`ticket:TP-10000` sorting before `ticket:TP-1001`) would scatter the
    /// journal's subject index in a way no MotCua journal does.
    package static func subject(_ index: Int) -> String {
        let day = LocalDate(year: 2025, month: 6, day: 15)!.adding(days: index / 3_000)
        let prefixes = ["TP", "DD", "CT", "BT", "HT"]
        return "ticket:\(day.year)\(day.month.zeroPadded(2))\(day.day.zeroPadded(2))-\(prefixes[index % 5])-\((index % 3_000 / 5 + 1).zeroPadded(4))"
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
