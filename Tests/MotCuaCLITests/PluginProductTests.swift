import Foundation
import MotCuaBuiltins
import MotCuaCLI
import MotCuaCore
import MotCuaHost
import Testing

@Suite("A plugin is declared once, with its product")
struct PluginProductTests {
    @Test("every built-in descriptor names its own module as product, and Package.swift lists exactly those products")
    func builtinsNameRealProducts() throws {
        let packageSwift = try String(contentsOf: packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        for descriptor in BuiltinPlugins.descriptors {
            #expect(descriptor.product == descriptor.module, "\(descriptor.id)")
            #expect(packageSwift.contains("(\"\(descriptor.product)\", "), "Package.swift does not list \(descriptor.product)")
        }
        #expect(BuiltinPlugins.catalogue.products["payments.cash"] == "PaymentsCash")
        #expect(BuiltinPlugins.catalogue.products.count == BuiltinPlugins.descriptors.count)
    }

    @Test("check and build refuse a plugin whose descriptor names a product that does not exist, with the file, JSON path and fix")
    func aMisnamedProductIsRefused() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try manifest(named: "commune.json", in: folder, plugins: ["test.quiet"], id: "test.commune")
        let misnamed = PluginCatalogue([.reporting(QuietReports.self, product: "QuietReport")], requiredKinds: [])
        let deployment = try #require(try misnamed.loader(source: FileManifestSource()).load(file).deployment)
        let problems = misnamed.productDiagnostics(deployment, file: file)
        #expect(problems.count == 1)
        let line = try #require(problems.first).rendered(.en)
        #expect(line.hasPrefix("\(file): plugins.test.quiet: plugin test.quiet declares the library product \"QuietReport\", which does not exist"))
        #expect(line.contains("fix: name the product \"MotCuaCLITests\""))
        #expect(try #require(problems.first).rendered(.vi).contains("cách sửa"))

        let demo = try [UInt8](Data(contentsOf: packageRoot.appendingPathComponent("Sources/motcua/Embedded/demo-deployment.json")))
        #expect(await MotCuaCLI.main(catalogue: misnamed, embeddedManifest: demo, arguments: ["check", file]) == 1)
        #expect(await MotCuaCLI.main(catalogue: misnamed, embeddedManifest: demo,
                                     arguments: ["build", file, "--package-only", "--work", folder.appendingPathComponent("work").path,
                                                 "--source", packageRoot.path], products: misnamed.products) == 1)
        // The same plugin with its real product passes.
        let named = PluginCatalogue([.reporting(QuietReports.self)], requiredKinds: [])
        #expect(named.productDiagnostics(deployment, file: file).isEmpty)
        #expect(await MotCuaCLI.main(catalogue: named, embeddedManifest: demo, arguments: ["check", file]) == 0)
    }
}
