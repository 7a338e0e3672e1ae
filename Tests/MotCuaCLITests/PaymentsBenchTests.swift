import Foundation
import MotCuaBuiltins
import MotCuaCLI
import MotCuaCore
import Testing

@Suite("motcua bench payments")
struct PaymentsBenchTests {
    func main(_ arguments: [String]) async throws -> Int32 {
        let demo = try [UInt8](Data(contentsOf: packageRoot.appendingPathComponent("Sources/motcua/Embedded/demo-deployment.json")))
        return await MotCuaCLI.main(catalogue: BuiltinPlugins.catalogue, embeddedManifest: demo, arguments: arguments, products: [:])
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
}
