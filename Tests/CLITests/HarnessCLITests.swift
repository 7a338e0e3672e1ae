import Foundation
import Testing

@Suite("motcua harness from the command line")
struct HarnessCLITests {
    @Test func printsOneRowPerDeploymentAndSkipsLayers() throws {
        // One commune of Phú Thọ by file and a whole province folder (with its abstract layer):
        // the 149 Phú Thọ deployments are `motcua harness Deployments/phu-tho`'s measured run, not a test.
        let result = try run(["harness", "Deployments/phu-tho/dao-xa.json", "Deployments/tuyen-quang"])
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        #expect(header.split(separator: " ", omittingEmptySubsequences: true) == ["CENTRE", "PASSED", "FAILED", "DAY", "TIME", "FILE"])
        let rows = lines.dropFirst().prefix { !$0.contains("deployment(s)") }.map { $0.split(separator: " ").map(String.init) }
        #expect(rows.map(\.first) == ["phu-tho.dao-xa", "tuyen-quang.dong-van", "tuyen-quang.trung-tam-tinh"])
        for row in rows {
            #expect((Int(row[1]) ?? 0) >= 3, "scenarios passed: \(row)")
            #expect(row[2] == "0", "scenarios failed: \(row)")
            #expect(row.last?.hasPrefix("Deployments/") == true)
        }
        #expect(result.output.contains("3 deployment(s)"))
        #expect(result.output.contains("abstract layer(s) skipped"))
    }

    @Test func aBrokenManifestFailsWithExit1AndAReplayLine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.json")
        try Data(#"{"centre": {"id": "x"}, "unknownKey": 1}"#.utf8).write(to: file)
        let result = try run(["harness", file.path, "--seed", "77"])
        #expect(result.status == 1)
        #expect(result.errors.contains("FAIL \(file.path)"))
        #expect(result.errors.contains("manifest:"))
        #expect(result.errors.contains("replay: motcua harness \(file.path) --seed 77"))
    }
}
