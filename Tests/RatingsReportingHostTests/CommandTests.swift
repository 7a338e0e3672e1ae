import Foundation
import MotCuaCLI
import MotCuaCore
import MotCuaHarness
import MotCuaStore
import MotCuaTesting
import Testing

/// `motcua report` and `motcua rollup` run in process on a data folder holding a simulated month.
@Suite(.serialized) struct CommandTests {
    func run(_ arguments: [String]) async -> Int32 {
        await MotCuaCLI.main(catalogue: ReportsCentre.catalogue, embeddedManifest: Array(ReportsCentre.manifest().json.utf8), arguments: arguments)
    }

    @Test func reportRebuildExportImportAndRank() async throws {
        let folder = NSTemporaryDirectory() + "motcua-report-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = folder + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        do {
            let store = try SQLiteStore(path: data + "/motcua.sqlite")
            let deployment = try #require(try TestHost.load(ReportsCentre.manifest().json, catalogue: ReportsCentre.catalogue))
            let simulation = SimulatedJournal(deployment: deployment, seed: 5, ticketsPerDay: 10, dossiersPerDay: 5)
            for day in try ReportPeriod(parsing: "2026-03").days { try simulation.simulate(day: day, store: store) }
        }
        #expect(await run(["report", "period", "--period", "2026-03", "--data", data]) == 0)
        #expect(await run(["report", "period", "--period", "2026-03", "--format", "csv", "--cut", "counter", "--data", data]) == 0)
        #expect(await run(["report", "index766", "--period", "2026-03", "--data", data]) == 0)
        #expect(await run(["report", "period", "--period", "2026-03", "--cut", "colour", "--data", data]) == 2)
        #expect(await run(["report", "period", "--period", "2026-03-31..2026-03-01", "--data", data]) == 2)
        #expect(await run(["report", "nope", "--period", "2026-03", "--data", data]) == 1)
        #expect(await run(["report", "rebuild", "--data", data]) == 0)

        let key = String(repeating: "5a", count: 32)
        Array(key.utf8).withUnsafeBufferPointer { _ = FileManager.default.createFile(atPath: folder + "/commune.key", contents: Data($0)) }
        let keys = #"{"province":"p","communes":[{"id":"t.reports","key":"\#(key)"}]}"#
        _ = FileManager.default.createFile(atPath: folder + "/keys.json", contents: Data(keys.utf8))
        _ = FileManager.default.createFile(atPath: folder + "/other-keys.json",
                                           contents: Data(#"{"province":"p","communes":[{"id":"t.reports","key":"\#(String(repeating: "11", count: 32))"}]}"#.utf8))
        let bundle = folder + "/bundle.json"
        #expect(await run(["rollup", "export", "--period", "2026-03", "--key-file", folder + "/commune.key", "--out", bundle, "--data", data]) == 0)
        let province = folder + "/province"
        #expect(await run(["rollup", "import", "--keys", folder + "/other-keys.json", "--data", province, bundle]) == 1)
        #expect(await run(["rollup", "rank", "--data", province]) == 1)
        #expect(await run(["rollup", "import", "--keys", folder + "/keys.json", "--data", province, bundle]) == 0)
        #expect(await run(["rollup", "import", "--keys", folder + "/keys.json", "--data", province, bundle]) == 1)
        #expect(await run(["rollup", "rank", "--period", "2026-03", "--data", province]) == 0)
        #expect(await run(["rollup", "keys", "--province", "p", "a", "b"]) == 0)
        #expect(await run(["rollup", "export", "--period", "2026-03"]) == 2)
    }
}
