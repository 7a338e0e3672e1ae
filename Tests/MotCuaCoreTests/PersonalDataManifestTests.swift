import Foundation
import MotCuaCore
import Testing

@Suite("Personal-data classification in the manifest")
struct PersonalDataManifestTests {
    let plugins = [PluginDescriptor.queueing(TestQueue.self)]

    func diagnostics(_ overrides: [String: String]) -> [ManifestDiagnostic] {
        do {
            _ = try ManifestLoader(source: ManifestFixtures.source(overrides), plugins: plugins).load("p/commune.json")
            Issue.record("expected the load to fail")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func everyFieldCarriesItsLevel() throws {
        let deployment = try #require(try ManifestLoader(source: ManifestFixtures.source(), plugins: plugins).load("p/commune.json").deployment)
        #expect(deployment.formFields.allSatisfy { $0.personal == .basic })
    }

    @Test func aFieldWithoutALevelIsRefusedWithFilePathAndFix() {
        let catalogue = ManifestFixtures.catalogue.replacingOccurrences(
            of: "\"type\": \"phone\", \"personal\": \"basic\" }", with: "\"type\": \"phone\" }")
        let found = diagnostics(["catalogue/catalogue.json": catalogue])
        let missing = found.first { $0.code == "manifest.missing-key" && $0.message.en.contains("personal") }
        #expect(missing?.file == "catalogue/catalogue.json")
        #expect(missing?.path == "formFields[1]")
        #expect(missing?.fix.en.contains("\"personal\"") == true)
        #expect(missing?.message.vi.isEmpty == false)
    }

    @Test func anUnknownLevelIsRefused() {
        let catalogue = ManifestFixtures.catalogue.replacingOccurrences(
            of: "\"type\": \"phone\", \"personal\": \"basic\" }", with: "\"type\": \"phone\", \"personal\": \"secret\" }")
        let found = diagnostics(["catalogue/catalogue.json": catalogue])
        #expect(found.contains { $0.path == "formFields[1].personal" && $0.message.en.contains("\"sensitive\"") })
    }

    @Test func aDeploymentMayRaiseButNeverLowerALevel() throws {
        let raise = ManifestFixtures.commune.replacingOccurrences(of: "\"hours\": { \"sat\": null },", with: """
            "hours": { "sat": null },
            "formFields": [ { "id": "applicant.phone", "personal": "sensitive" } ],
            "sectors": [ { "id": "ho-tich", "personal": "sensitive" } ],
            """)
        let raised = try #require(try ManifestLoader(source: ManifestFixtures.source(["p/commune.json": raise]), plugins: plugins)
            .load("p/commune.json").deployment)
        #expect(raised.formFields.first { $0.id == "applicant.phone" }?.personal == .sensitive)
        let birth = try #require(raised.procedure("1.001193"))
        #expect(raised.personal(of: birth) == .sensitive)
        // A personal field on a sensitive procedure's form is sensitive there.
        #expect(raised.personal(ofField: "applicant.fullName", on: birth) == .sensitive)
        #expect(raised.personal(ofField: "applicant.fullName", on: raised.procedure("2.000815")) == .basic)

        let lower = ManifestFixtures.commune.replacingOccurrences(of: "\"hours\": { \"sat\": null },", with: """
            "hours": { "sat": null },
            "formFields": [ { "id": "applicant.phone", "personal": "none" } ],
            """)
        let found = diagnostics(["p/commune.json": lower])
        let lowered = try #require(found.first { $0.code == "manifest.personal-lowered" })
        #expect(lowered.file == "p/commune.json")
        #expect(lowered.path == "formFields[0].personal")
        #expect(lowered.message.en.contains("never lower"))
        #expect(lowered.message.vi.contains("không được hạ"))
    }

    @Test func theCatalogueFollowsTheLaw() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("Deployments/catalogue/form-fields.json"))
        let value = try JSONParser().parse([UInt8](data))
        var levels: [String: String] = [:]
        for field in value["formFields"]?.arrayValue ?? [] {
            levels[field["id"]?.stringValue ?? ""] = field["personal"]?.stringValue
        }
        for id in ["applicant.fullName", "applicant.citizenId", "applicant.dateOfBirth", "applicant.phone", "applicant.email", "applicant.address"] {
            #expect(levels[id] == "basic", "\(id)")
        }
        #expect(levels["fee.exemptionGroup"] == "sensitive")
        #expect(levels["document.pageCount"] == "none")
        #expect(levels.values.allSatisfy { PersonalData(rawValue: $0) != nil })
    }
}

@Suite("The masking rule of exports")
struct PersonalMaskTests {
    @Test(arguments: [
        ("Nguyễn Văn Bình", FormField.FieldType.text, PersonalData.basic, "Nguyễn V. B."),
        ("001090012345", .citizenID, .basic, "********2345"),
        ("0912 345 678", .phone, .basic, "******5678"),
        ("1990-05-04", .date, .basic, "1990"),
        ("Số 5, thôn Đông, xã Đào Xá, Phú Thọ", .address, .basic, "***, Phú Thọ"),
        ("an.nguyen@example.vn", .email, .basic, "a***@example.vn"),
        ("29A-12345", .text, .basic, "*****2345"),
        ("ho-ngheo", .enum, .sensitive, "***"),
        ("Trần Thị Bình", .text, .sensitive, "***"),
        ("12", .number, .none, "12"),
    ])
    func masks(_ value: String, _ type: FormField.FieldType, _ level: PersonalData, _ expected: String) {
        #expect(PersonalMask.value(value, type: type, level: level) == expected)
    }
}
