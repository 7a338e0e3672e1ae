#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaPostgres
import MotCuaStore

/// `motcua bench <what>`: measurements taken side by side in one run, reported as ratios.
struct BenchCommand: Command {
    static let name = "bench"
    static let summary = "Benchmarks, as ratios against a baseline in the same run (journal, http, queue, intake, payments, report, sync, province)"
    static let usage = """
        motcua bench journal [--count 2000] [--dir /tmp] [--database postgresql://user@host/db]
          motcua bench http [--connections 64] [--seconds 10] [--idle 1000] [--streams 200] [--flood 5000]
          motcua bench queue [--deployment Deployments/nghe-an/provincial-centre.json] [--tickets 3000] [--boards 200] [--calls 100] [--dir /tmp] [--database postgresql://…]
          motcua bench intake [--days 5] [--per-day 1500] [--deployment manifest.json] [--dir /tmp] [--memory]
          motcua bench payments [--count 2000] [--dir /tmp] [--manifest path]
          motcua bench sync [--dossiers 500] [--deployment manifest.json] [--dir /tmp]
          motcua bench report [--days 365] [--tickets 3000] [--dossiers 1500] [--communes 148] [--deployment m.json] [--dir /tmp] [--keep DIR]
          motcua bench province [--folder Deployments/phu-tho] [--database postgresql://…] [--boards 1000] [--speed 10] [--lookups 200] [--minutes 2 | --seconds S] [--centres N] [--counters 7] [--dir /tmp]
        """

    /// What one run measures, with the options that target takes.
    enum Target {
        case journal(count: Int)
        case http(HTTPBenchmark)
        case queue(QueueBenchmark)
        case intake(IntakeBenchmark)
        case payments(count: Int, manifest: String?)
        case report(ReportBenchmark)
        case sync(SyncBenchmark)
        case province(ProvinceBenchmark)
    }

    static let targets = ["journal", "http", "queue", "intake", "payments", "report", "sync", "province"]

    let target: Target
    let directory: String
    let database: DatabaseOption

    static var subcommands: [String] { targets }

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["count", "dir", "connections", "seconds", "idle", "streams", "flood", "manifest",
                                                        "deployment", "tickets", "boards", "calls", "days", "per-day",
                                                        "dossiers", "communes", "keep", "database", "folder", "speed", "lookups", "minutes",
                                                        "centres", "counters"],
                                   switches: ["memory"])
        try parsed.expectPositionals(1...1, "what to measure: " + Self.targets.joined(separator: ", "))
        let name = parsed.positionals[0]
        let directory = parsed.option("dir") ?? FileManager.default.temporaryDirectory.path
        self.directory = directory
        database = try DatabaseOption(parsed)
        if database.isPostgres, !["journal", "queue", "province"].contains(name) {
            throw UsageError("--database applies to bench journal, bench queue and bench province; bench \(name) runs on SQLite files under --dir "
                             + "(its baseline SQL is SQLite's)")
        }
        switch name {
        case "journal":
            target = .journal(count: try parsed.integer("count", in: 10...1_000_000) ?? 2_000)
        case "http":
            target = .http(HTTPBenchmark(connections: try parsed.integer("connections", in: 1...10_000) ?? 64,
                                         seconds: try parsed.integer("seconds", in: 1...600) ?? 10,
                                         idleConnections: try parsed.integer("idle", in: 0...20_000) ?? 1_000,
                                         streams: try parsed.integer("streams", in: 0...5_000) ?? 200,
                                         flood: try parsed.integer("flood", in: 0...20_000) ?? 5_000))
        case "queue":
            target = .queue(QueueBenchmark(manifest: parsed.option("deployment"), tickets: try parsed.integer("tickets", in: 10...100_000) ?? 3_000,
                                           boards: try parsed.integer("boards", in: 1...2_000) ?? 200,
                                           calls: try parsed.integer("calls", in: 1...10_000) ?? 100, directory: directory,
                                           database: database))
        case "intake":
            target = .intake(IntakeBenchmark(days: try parsed.integer("days", in: 1...366) ?? 5,
                                             perDay: try parsed.integer("per-day", in: 1...100_000) ?? 1_500,
                                             directory: directory, manifest: parsed.option("deployment"), memory: parsed.flag("memory")))
        case "payments":
            target = .payments(count: try parsed.integer("count", in: 10...1_000_000) ?? 2_000, manifest: parsed.option("manifest"))
        case "report":
            target = .report(ReportBenchmark(days: try parsed.integer("days", in: 1...3_660) ?? 365,
                                             ticketsPerDay: try parsed.integer("tickets", in: 0...100_000) ?? 3_000,
                                             dossiersPerDay: try parsed.integer("dossiers", in: 0...100_000) ?? 1_500,
                                             communes: try parsed.integer("communes", in: 1...10_000) ?? 148, directory: directory,
                                             manifest: parsed.option("deployment"), keep: parsed.option("keep")))
        case "sync":
            target = .sync(SyncBenchmark(dossiers: try parsed.integer("dossiers", in: 1...100_000) ?? 500, directory: directory,
                                         manifest: parsed.option("deployment")))
        case "province":
            let minutes = try parsed.integer("minutes", in: 1...600)
            let seconds = try parsed.integer("seconds", in: 1...36_000)
            if minutes != nil, seconds != nil { throw UsageError("give --minutes or --seconds, not both") }
            target = .province(ProvinceBenchmark(folder: parsed.option("folder") ?? "Deployments/phu-tho", database: database,
                                                 boards: try parsed.integer("boards", in: 1...20_000) ?? 1_000,
                                                 speed: try parsed.integer("speed", in: 1...1_000) ?? 10,
                                                 lookups: try parsed.integer("lookups", in: 0...20_000) ?? 200,
                                                 seconds: seconds ?? (minutes ?? 2) * 60,
                                                 centres: try parsed.integer("centres", in: 1...10_000),
                                                 countersPerCentre: try parsed.integer("counters", in: 1...100) ?? 7, directory: directory))
        default:
            throw UsageError("unknown benchmark \"\(name)\"; available: " + Self.targets.joined(separator: ", "))
        }
    }

    func run() async throws {
        switch target {
        case .http(let http): try await http.run()
        case .queue(let queue): try await queue.run()
        case .intake(let intake): try await intake.run()
        case .payments(let count, let manifest): try await PaymentsBenchmark(count: count, directory: directory, manifest: manifest).run()
        case .report(let report): try await report.run()
        case .sync(let sync): try await sync.run()
        case .province(let province): try await province.run()
        case .journal(let count):
            if let location = database.postgres {
                Output.line("bench journal: \(count) durable transactions each (synchronous_commit on), on \(location)")
                Output.line(try PostgresJournalBenchmark.run(location: location, count: count).summary)
                return
            }
            let folder = PlainText.join(directory, "motcua-bench-\(ProcessInfo.processInfo.processIdentifier)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            Output.line("bench journal: \(count) durable transactions each (WAL, synchronous=FULL), in \(folder)")
            let result = try JournalBenchmark.run(directory: folder, count: count)
            Output.line(result.summary)
        }
    }
}
