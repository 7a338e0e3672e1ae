import Foundation
import MotCuaStore
import Testing

@Suite struct JournalBenchmarkTests {
    @Test func measuresBothSidesAndCleansUp() throws {
        try withTemporaryDirectory { directory in
            let result = try JournalBenchmark.run(directory: directory.path, count: 30, rounds: 3)
            #expect(result.count == 30)
            #expect(result.rawPerSecond > 0)
            #expect(result.journalPerSecond > 0)
            #expect(result.ratio > 0)
            #expect(result.summary.contains("30 each"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        }
    }

    @Test func refusesAZeroCount() throws {
        try withTemporaryDirectory { directory in
            expectStoreError("store.sql") { _ = try JournalBenchmark.run(directory: directory.path, count: 0) }
        }
    }

    /// The full measurement; run with `MOTCUA_BENCH_COUNT=2000 swift test --filter JournalBenchmark`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MOTCUA_BENCH_COUNT"] != nil))
    func fullMeasurement() throws {
        let count = Int(ProcessInfo.processInfo.environment["MOTCUA_BENCH_COUNT"] ?? "") ?? 2000
        let directory = ProcessInfo.processInfo.environment["MOTCUA_BENCH_DIR"]
        let temporary = directory == nil ? try TemporaryDirectory() : nil
        defer { temporary?.remove() }
        let result = try JournalBenchmark.run(directory: directory ?? temporary!.path, count: count)
        print("JournalBenchmark:", result.summary)
        #expect(result.ratio <= 1.5, "\(result.summary)")
    }
}
