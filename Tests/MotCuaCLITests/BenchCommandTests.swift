import Foundation
import MotCuaBuiltins
import MotCuaCLI
import MotCuaCore
import Testing

@Suite("motcua bench payments and report, run in process")
struct BenchCommandTests {
    func main(_ arguments: [String]) async throws -> Int32 {
        try await motcuaWithBuiltins(arguments)
    }

    @Test("runs on the embedded demo and cleans up its folder")
    func runs() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try await main(["bench", "payments", "--count", "10", "--dir", folder.path]) == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("refuses a layer, and a count out of range is a usage error")
    func refusals() async throws {
        #expect(try await main(["bench", "payments", "--manifest", packageRoot.appendingPathComponent("Deployments/catalogue/sectors.json").path]) == 1)
        #expect(try await main(["bench", "payments", "--count", "1"]) == 2)
    }

    /// Two months of the demo, with cash and transfers: every figure of the period report and
    /// every 766 input equals the plain SQL's, or the command fails (a baseline that computes
    /// something else would make the ratio meaningless).
    @Test("report: the plain-SQL baseline computes the same figures as the report, fees by how they were paid included")
    func reportBaselineAgrees() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try await main(["bench", "report", "--days", "45", "--tickets", "40", "--dossiers", "40", "--communes", "2",
                                "--dir", folder.path]) == 0)
    }
}
