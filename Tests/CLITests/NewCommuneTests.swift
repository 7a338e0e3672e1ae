import Foundation
import Testing

/// `motcua new commune` writes a manifest that passes `check` and the harness; `check` refuses
/// two deployments that claim one centre.
@Suite("motcua new commune and duplicate centres", .serialized)
struct NewCommuneTests {
    let province = packageRoot.appendingPathComponent("Deployments/phu-tho/province.json").path

    @Test func daoXaFromItsCodePassesCheckAndTheHarness() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("dao-xa.json").path
        let made = try run(["new", "commune", "--unit", "08662", "--province", province, "--out", file])
        #expect(made.status == 0, "\(made.errors)")
        #expect(made.output.contains("Xã Đào Xá (08662)"))

        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("\"id\": \"phu-tho.dao-xa\""))
        #expect(text.contains("\"vi\": \"Trung tâm Phục vụ hành chính công xã Đào Xá\""))
        #expect(text.contains("\"en\": \"Dao Xa Commune Public Administrative Service Centre\""))
        #expect(text.contains("\"unitCode\": \"08662\""))
        #expect(text.contains("\"agencyCode\": \"25.08662\""))
        #expect(text.contains("\"ho-tich\""))
        #expect(text.contains("\"vi\": \"Quầy 4 – "))

        let checked = try run(["check", file])
        #expect(checked.status == 0, "\(checked.errors)")
        #expect(checked.output.contains("phu-tho.dao-xa: 10 sectors"))
        #expect(checked.output.contains("4 counters"))
        let harnessed = try run(["harness", file])
        #expect(harnessed.status == 0, "\(harnessed.output)\(harnessed.errors)")
        #expect(harnessed.output.contains("0 failed"))
    }

    @Test func aWardGetsItsRankAndTwoCountersWhenAsked() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("viet-tri.json").path
        let made = try run(["new", "commune", "--unit", "07900", "--province", province, "--out", file, "--counters", "2"])
        guard made.status == 0 else {
            Issue.record("\(made.errors)")
            return
        }
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("phường Việt Trì\""))
        #expect(text.contains("Viet Tri Ward Public Administrative Service Centre"))
        let checked = try run(["check", file])
        #expect(checked.status == 0, "\(checked.errors)")
        #expect(checked.output.contains("2 counters"))
    }

    @Test func aUnitOfAnotherProvinceAnUnknownCodeAndAnExistingFileAreRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("x.json").path
        // 00721 is Xã Đồng Văn, Tuyên Quang.
        let other = try run(["new", "commune", "--unit", "00721", "--province", province, "--out", file])
        #expect(other.status == 1)
        #expect(other.errors.contains("00721 (Xã Đồng Văn) is in Tỉnh Tuyên Quang (08), not in Tỉnh Phú Thọ (25)"))
        #expect(other.errors.contains("fix: use a unit of that province (`motcua units search \"Đồng Văn\" --province 25`)"))
        #expect(!FileManager.default.fileExists(atPath: file))

        let unknown = try run(["new", "commune", "--unit", "99999", "--province", province, "--out", file])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("no commune-level unit has the code \"99999\""))
        let provinceCode = try run(["new", "commune", "--unit", "25", "--province", province, "--out", file])
        #expect(provinceCode.status == 1)
        #expect(provinceCode.errors.contains("is a province code"))

        try "{}".write(toFile: file, atomically: true, encoding: .utf8)
        let existing = try run(["new", "commune", "--unit", "08662", "--province", province, "--out", file])
        #expect(existing.status == 1)
        #expect(existing.errors.contains("the file exists"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "{}")

        let usage = try run(["new", "commune", "--province", province])
        #expect(usage.status == 2)
    }

    @Test func checkRefusesTwoManifestsWithOneCentreIDOrUnitCode() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("dao-xa.json").path
        let second = folder.appendingPathComponent("dao-xa-copy.json").path
        #expect(try run(["new", "commune", "--unit", "08662", "--province", province, "--out", first]).status == 0)
        #expect(try run(["new", "commune", "--unit", "08662", "--province", province, "--out", second]).status == 0)
        let both = try run(["check", first, second])
        #expect(both.status == 1)
        #expect(both.errors.contains("\(second): centre.id: centre id \"phu-tho.dao-xa\" is already the id of \(first)"))
        #expect(both.errors.contains("\(second): centre.unitCode: unit code \"08662\" is already used by \(first)"))
        #expect(both.errors.contains("1 of 2 manifest(s) failed"))

        // Another id, the same unit code: still refused, for the code alone.
        let text = try String(contentsOfFile: second, encoding: .utf8)
        try text.replacingOccurrences(of: "\"phu-tho.dao-xa\"", with: "\"phu-tho.dao-xa-2\"").write(toFile: second, atomically: true, encoding: .utf8)
        let code = try run(["check", folder.path])
        #expect(code.status == 1)
        #expect(!code.errors.contains("centre.id:"))
        #expect(code.errors.contains("centre.unitCode: unit code \"08662\" is already used by"))
    }

    @Test func checkOfTheWholeProvinceFolderPasses() throws {
        let result = try run(["check", "Deployments/phu-tho"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.components(separatedBy: "ok    ").count - 1 == 150, "149 deployments and the province layer")
    }
}
