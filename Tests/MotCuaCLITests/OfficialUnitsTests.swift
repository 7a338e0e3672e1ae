import Foundation
import MotCuaBuiltins
import MotCuaCLI
import MotCuaCore
import MotCuaHost
import Testing

/// Reads manifests under the package root, with some files replaced by test text.
private struct EditedManifestSource: ManifestSource {
    var edited: [String: String] = [:]

    func read(_ path: String) throws(ManifestSourceError) -> [UInt8] {
        if let text = edited[path] { return Array(text.utf8) }
        return try FileManifestSource().read(packageRoot.appendingPathComponent(path).path)
    }
}

/// Loads a manifest with the official unit check, returning the unit diagnostics.
private func unitProblems(_ path: String, source: EditedManifestSource) -> [ManifestDiagnostic] {
    do {
        _ = try BuiltinPlugins.catalogue.loader(source: source, units: OfficialUnits.units).load(path)
        return []
    } catch {
        return error.diagnostics
    }
}

/// Đào Xá's manifest with one piece of text replaced, as a new file beside it.
private func daoXa(replacing old: String, with new: String) throws -> EditedManifestSource {
    let original = try String(contentsOf: packageRoot.appendingPathComponent("Deployments/phu-tho/dao-xa.json"), encoding: .utf8)
    #expect(original.contains(old))
    return EditedManifestSource(edited: ["Deployments/phu-tho/edited.json": original.replacingOccurrences(of: old, with: new)])
}

@Suite("Official administrative units")
struct OfficialUnitsTests {
    @Test func theListHasEveryProvinceAndCommuneLevelUnit() {
        let units = OfficialUnits.units
        #expect(units.provinces.count == 34)
        #expect(units.all.count - units.provinces.count == 3_321)
        #expect(units.unit(code: "08662")?.name == "Xã Đào Xá")
        #expect(units.unit(code: "08662")?.provinceCode == "25")
        #expect(units.communes(inProvince: "25").count == 148)
    }

    @Test(arguments: ["dao xa", "Đào Xá", "ĐÀO  XÁ", "xã đào xá", "08662"])
    func searchFindsDaoXa(query: String) {
        let found = OfficialUnits.units.search(query)
        #expect(found.first?.code == "08662")
        #expect(found.count == 1)
    }

    @Test func searchByProvinceNameAndNothingForNonsense() {
        #expect(OfficialUnits.units.search("phu tho").contains { $0.code == "25" })
        #expect(OfficialUnits.units.search("zzqq").isEmpty)
    }

    @Test(arguments: ["Deployments/demo/demo.json", "Deployments/nghe-an/provincial-centre.json", "Deployments/nghe-an/truong-vinh.json",
                      "Deployments/phu-tho/dao-xa.json", "Deployments/tuyen-quang/dong-van.json", "Deployments/tuyen-quang/provincial-centre.json"])
    func aShippedDeploymentPasses(file: String) {
        #expect(unitProblems(file, source: EditedManifestSource()).isEmpty)
    }

    @Test func everyDeploymentUnderDeploymentsPasses() throws {
        let folder = packageRoot.appendingPathComponent("Deployments")
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var checked = 0
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".json"), !path.hasPrefix("catalogue/") else { continue }
            let problems = unitProblems("Deployments/" + path, source: EditedManifestSource())
            #expect(problems.isEmpty, "\(path): \(problems)")
            checked += 1
        }
        #expect(checked >= 8)
    }

    @Test func phuThoHasOneDeploymentForEachOfItsUnitsAndItsProvincialCentre() throws {
        let folder = packageRoot.appendingPathComponent("Deployments/phu-tho")
        let loader = BuiltinPlugins.catalogue.loader(source: EditedManifestSource(), units: OfficialUnits.units)
        var codes: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".json") {
            guard let deployment = try loader.load("Deployments/phu-tho/" + name).deployment else { continue }
            #expect(codes[deployment.centre.unitCode] == nil, "\(name) repeats unit \(deployment.centre.unitCode) of \(codes[deployment.centre.unitCode] ?? "")")
            codes[deployment.centre.unitCode] = name
            let unit = try #require(OfficialUnits.units.unit(code: deployment.centre.unitCode))
            #expect(AdministrativeUnits.centreName(deployment.centre.name.vi, names: unit), "\(name): \(unit.name)")
        }
        let official = Set(OfficialUnits.units.communes(inProvince: "25").map(\.code) + ["25"])
        #expect(Set(codes.keys) == official)
        #expect(codes.count == 149)
    }

    @Test func aCodeThatDoesNotExistIsRefusedWithTheLikelyUnit() throws {
        let problems = unitProblems("Deployments/phu-tho/edited.json", source: try daoXa(replacing: "\"08662\"", with: "\"08663\""))
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.code == "manifest.unit-unknown")
        #expect(problem.file == "Deployments/phu-tho/edited.json")
        #expect(problem.path == "centre.unitCode")
        #expect(problem.fix.en.contains("\"08662\" (Xã Đào Xá, Tỉnh Phú Thọ)"))
        #expect(problem.message.vi.contains("08663"))
    }

    @Test func aCodeOfAnotherProvinceIsRefusedWithTheLikelyUnit() throws {
        // 16690 is Phường Trường Vinh, Nghệ An; the manifest's province is Phú Thọ (25).
        let problems = unitProblems("Deployments/phu-tho/edited.json", source: try daoXa(replacing: "\"08662\"", with: "\"16690\""))
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.code == "manifest.unit-province")
        #expect(problem.file == "Deployments/phu-tho/edited.json")
        #expect(problem.path == "centre.unitCode")
        #expect(problem.message.en.contains("Tỉnh Nghệ An"))
        #expect(problem.fix.en.contains("\"08662\" (Xã Đào Xá, Tỉnh Phú Thọ)"))
    }

    @Test func aNameThatNamesAnotherUnitIsRefusedWithThatUnit() throws {
        // Hy Cương is another commune of Phú Thọ (08515); the code still says Đào Xá.
        let problems = unitProblems("Deployments/phu-tho/edited.json", source: try daoXa(replacing: "xã Đào Xá\"", with: "xã Hy Cương\""))
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.code == "manifest.unit-name")
        #expect(problem.file == "Deployments/phu-tho/edited.json")
        #expect(problem.path == "centre.unitCode")
        #expect(problem.fix.en.contains("\"08515\" (Xã Hy Cương, Tỉnh Phú Thọ)"))
        #expect(problem.fix.en.contains("Trung tâm Phục vụ hành chính công xã Đào Xá"))
    }

    @Test func aMisspeltNameIsRefusedWithTheRightName() throws {
        let problems = unitProblems("Deployments/phu-tho/edited.json", source: try daoXa(replacing: "xã Đào Xá\"", with: "xã Đào Xả\""))
        let problem = try #require(problems.first)
        #expect(problem.code == "manifest.unit-name")
        #expect(problem.fix.en.contains("rename the centre \"Trung tâm Phục vụ hành chính công xã Đào Xá\""))
    }

    @Test func theNameIsComparedIgnoringCaseAndATrailingNote() throws {
        let source = try daoXa(replacing: "xã Đào Xá\"", with: "XÃ ĐÀO XÁ (thử nghiệm)\"")
        #expect(unitProblems("Deployments/phu-tho/edited.json", source: source).isEmpty)
    }

    @Test func aProvincialCentreMustCarryItsProvinceCode() throws {
        let original = try String(contentsOf: packageRoot.appendingPathComponent("Deployments/nghe-an/provincial-centre.json"), encoding: .utf8)
        let wrong = EditedManifestSource(edited: ["Deployments/nghe-an/edited.json":
            original.replacingOccurrences(of: "\"unitCode\": \"40\"", with: "\"unitCode\": \"25\"")])
        let problems = unitProblems("Deployments/nghe-an/edited.json", source: wrong)
        let problem = try #require(problems.first)
        #expect(problem.code == "manifest.unit-province")
        #expect(problem.path == "centre.unitCode")
        #expect(problem.fix.en.contains("set unitCode to \"40\""))
        let unknown = EditedManifestSource(edited: ["Deployments/nghe-an/edited.json":
            original.replacingOccurrences(of: "\"unitCode\": \"40\"", with: "\"unitCode\": \"41\"")])
        #expect(unitProblems("Deployments/nghe-an/edited.json", source: unknown).first?.code == "manifest.unit-unknown")
    }
}
