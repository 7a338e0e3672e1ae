import Foundation
import MotCuaStore

/// `motcua bench <what>`: measurements taken side by side in one run, reported as ratios.
struct BenchCommand: Command {
    static let name = "bench"
    static let summary = "Benchmarks, as ratios against a baseline in the same run (bench journal)"
    static let usage = "motcua bench journal [--count 2000] [--dir /tmp]"

    let target: String
    let count: Int
    let directory: String

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["count", "dir"])
        try parsed.expectPositionals(1...1, "what to measure: journal")
        target = parsed.positionals[0]
        guard target == "journal" else { throw UsageError("unknown benchmark \"\(target)\"; available: journal") }
        count = try parsed.integer("count", in: 10...1_000_000) ?? 2_000
        directory = parsed.option("dir") ?? NSTemporaryDirectory()
    }

    func run() async throws {
        let folder = (directory as NSString).appendingPathComponent("motcua-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Output.line("bench journal: \(count) durable transactions each (WAL, synchronous=FULL), in \(folder)")
        let result = try JournalBenchmark.run(directory: folder, count: count)
        Output.line(result.summary)
    }
}
