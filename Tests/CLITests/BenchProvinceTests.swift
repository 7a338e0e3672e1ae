import Foundation
import MotCuaPostgresTesting
import Testing

/// `motcua bench province` at a tiny size: two centres of Phú Thọ on the bench's own
/// PostgreSQL cluster, a few boards, a few seconds; and its refusals of bad arguments.
@Suite(.serialized)
struct BenchProvinceTests {
    @Test(.enabled(if: StoreEngine.all.contains(.postgresql)))
    func twoCentresRunWithNoEventLost() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(["bench", "province", "--folder", "Deployments/phu-tho", "--centres", "2", "--boards", "4",
                              "--seconds", "3", "--speed", "400", "--lookups", "10", "--dir", folder.path])
        #expect(result.status == 0, "\(result.output)\n\(result.errors)")
        let lostLine = result.output.split(separator: "\n").first { $0.hasPrefix("events expected / received / lost") }
        let lost = lostLine.map { $0.split(separator: " ", omittingEmptySubsequences: true).filter { $0.allSatisfy(\.isNumber) } } ?? []
        // Province and commune alone: expected, received, lost each; both lose nothing.
        #expect(lost.count == 6 && lost[2] == "0" && lost[5] == "0" && lost[0] != "0", "\(result.output)")
        #expect(result.output.contains("2 centres (2 communes)"))
        #expect(result.output.contains("no event lost"))
        // The run cleans up after itself: its cluster, its copy of the folder, the servers' data.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func badArgumentsAreRefusedWithTheirReason() throws {
        let speed = try run(["bench", "province", "--speed", "0"])
        #expect(speed.status == 2)
        #expect(speed.errors.contains("--speed"))
        let both = try run(["bench", "province", "--minutes", "1", "--seconds", "5"])
        #expect(both.status == 2)
        #expect(both.errors.contains("--minutes or --seconds"))
        let missing = try run(["bench", "province", "--folder", "/nonexistent/phu-tho", "--seconds", "1"])
        #expect(missing.status == 1)
        #expect(missing.errors.contains("no manifests under /nonexistent/phu-tho"))
    }
}
