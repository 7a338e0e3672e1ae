import Foundation
import MotCuaStore

/// `motcua bench <what>`: measurements taken side by side in one run, reported as ratios.
struct BenchCommand: Command {
    static let name = "bench"
    static let summary = "Benchmarks, as ratios against a baseline in the same run (journal, http, payments)"
    static let usage = """
        motcua bench journal [--count 2000] [--dir /tmp]
          motcua bench http [--connections 64] [--seconds 10] [--idle 1000] [--streams 200]
          motcua bench payments [--count 2000] [--dir /tmp] [--manifest path]
    static let summary = "Benchmarks, as ratios against a baseline in the same run (journal, http, queue)"
    static let usage = """
        motcua bench journal [--count 2000] [--dir /tmp]
          motcua bench http [--connections 64] [--seconds 10] [--idle 1000] [--streams 200]
          motcua bench queue [--deployment Deployments/nghe-an/provincial-centre.json] [--tickets 3000] [--boards 200] [--calls 100] [--dir /tmp]
    static let summary = "Benchmarks, as ratios against a baseline in the same run (journal, http, intake)"
    static let usage = """
        motcua bench journal [--count 2000] [--dir /tmp]
          motcua bench http [--connections 64] [--seconds 10] [--idle 1000] [--streams 200]
          motcua bench intake [--days 5] [--per-day 1500] [--deployment manifest.json] [--dir /tmp] [--memory]
          motcua bench report [--days 365] [--tickets 3000] [--dossiers 1500] [--communes 148] [--deployment m.json] [--dir /tmp] [--keep DIR]
        """

    let target: String
    let count: Int
    let directory: String
    let http: HTTPBenchmark
    let manifest: String?

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["count", "dir", "connections", "seconds", "idle", "streams", "manifest"])
        try parsed.expectPositionals(1...1, "what to measure: journal, http or payments")
        target = parsed.positionals[0]
        guard ["journal", "http", "payments"].contains(target) else {
            throw UsageError("unknown benchmark \"\(target)\"; available: journal, http, payments")
        }
    let queue: QueueBenchmark  // queueing

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["count", "dir", "connections", "seconds", "idle", "streams",
                                                        "deployment", "tickets", "boards", "calls"])  // queueing: the last four
        try parsed.expectPositionals(1...1, "what to measure: journal, http or queue")
        target = parsed.positionals[0]
        guard ["journal", "http", "queue"].contains(target) else { throw UsageError("unknown benchmark \"\(target)\"; available: journal, http, queue") }
    // intake
    let intake: IntakeBenchmark

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["count", "dir", "connections", "seconds", "idle", "streams", "days", "per-day", "deployment"],
                                   switches: ["memory"])
        try parsed.expectPositionals(1...1, "what to measure: journal, http or intake")
        target = parsed.positionals[0]
        guard ["journal", "http", "intake"].contains(target) else { throw UsageError("unknown benchmark \"\(target)\"; available: journal, http, intake") }
    let report: ReportBenchmark

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["count", "dir", "connections", "seconds", "idle", "streams",
                                                         "days", "tickets", "dossiers", "communes", "deployment", "keep"])
        try parsed.expectPositionals(1...1, "what to measure: journal or http")
        target = parsed.positionals[0]
        guard ["journal", "http", "report"].contains(target) else { throw UsageError("unknown benchmark \"\(target)\"; available: journal, http, report") }
        count = try parsed.integer("count", in: 10...1_000_000) ?? 2_000
        directory = parsed.option("dir") ?? NSTemporaryDirectory()
        manifest = parsed.option("manifest")
        http = HTTPBenchmark(connections: try parsed.integer("connections", in: 1...10_000) ?? 64,
                             seconds: try parsed.integer("seconds", in: 1...600) ?? 10,
                             idleConnections: try parsed.integer("idle", in: 0...20_000) ?? 1_000,
                             streams: try parsed.integer("streams", in: 0...5_000) ?? 200)
        queue = QueueBenchmark(manifest: parsed.option("deployment"), tickets: try parsed.integer("tickets", in: 10...100_000) ?? 3_000,
                               boards: try parsed.integer("boards", in: 1...2_000) ?? 200, calls: try parsed.integer("calls", in: 1...10_000) ?? 100,
                               directory: directory)
        intake = IntakeBenchmark(days: try parsed.integer("days", in: 1...366) ?? 5, perDay: try parsed.integer("per-day", in: 1...100_000) ?? 1_500,
                                 directory: parsed.option("dir") ?? NSTemporaryDirectory(), manifest: parsed.option("deployment"),
                                 memory: parsed.flag("memory"))
        // reporting
        report = ReportBenchmark(days: try parsed.integer("days", in: 1...3_660) ?? 365, ticketsPerDay: try parsed.integer("tickets", in: 0...100_000) ?? 3_000,
                                 dossiersPerDay: try parsed.integer("dossiers", in: 0...100_000) ?? 1_500,
                                 communes: try parsed.integer("communes", in: 1...10_000) ?? 148, directory: directory, manifest: parsed.option("deployment"),
                                 keep: parsed.option("keep"))
    }

    func run() async throws {
        if target == "http" { return try await http.run() }
        // Payments
        if target == "payments" { return try await PaymentsBenchmark(count: count, directory: directory, manifest: manifest).run() }
        if target == "queue" { return try await queue.run() }
        if target == "intake" { return try await intake.run() }
        if target == "report" { return try await report.run() }
        let folder = (directory as NSString).appendingPathComponent("motcua-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Output.line("bench journal: \(count) durable transactions each (WAL, synchronous=FULL), in \(folder)")
        let result = try JournalBenchmark.run(directory: folder, count: count)
        Output.line(result.summary)
    }
}
