import Foundation
import MotCuaCore
import Testing

@Suite("Manifest loading, layering and validation")
struct ManifestLoaderTests {
    let plugins = [PluginDescriptor.queueing(TestQueue.self), PluginDescriptor.payments(TestVietQR.self)]

    func load(_ overrides: [String: String] = [:], path: String = "p/commune.json") throws(ManifestError) -> ManifestLoader.Loaded {
        try ManifestLoader(source: ManifestFixtures.source(overrides), plugins: plugins).load(path)
    }

    /// The diagnostics of a load that must fail.
    func diagnostics(_ overrides: [String: String], path: String = "p/commune.json") -> [ManifestDiagnostic] {
        do {
            _ = try load(overrides, path: path)
            Issue.record("expected the load to fail")
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Dossier codes are path segments of `/api/v1/dossiers/<code>/…`: a template whose text
    /// holds a character that cannot stand in one is refused at `check`, with the way out.
    @Test("a dossier code template that would not fit in a URL path segment is refused",
          arguments: [("{agency}/{yyMMdd}/{seq4}", "\"/\""), ("{agency}-{yyMMdd}?{seq4}", "\"?\""), ("{agency}#{yyMMdd}-{seq4}", "\"#\""),
                      ("{agency}-{yyMMdd}%{seq4}", "\"%\""), ("{agency} {yyMMdd} {seq4}", "\" \""), ("HS-Đ-{yyMMdd}-{seq4}", "\"Đ\"")])
    func unsafeDossierCode(_ template: String, _ shown: String) throws {
        let commune = ManifestFixtures.commune.replacingOccurrences(of: "\"hours\": { \"sat\": null },",
                                                                    with: "\"hours\": { \"sat\": null }, \"dossierCode\": \"\(template)\",")
        let found = diagnostics(["p/commune.json": commune])
        #expect(found.count == 1, "\(found)")
        let diagnostic = try #require(found.first)
        #expect(diagnostic.file == "p/commune.json")
        #expect(diagnostic.path == "dossierCode")
        #expect(diagnostic.code.hasSuffix("dossier-code-unsafe"))
        #expect(diagnostic.message.en.contains(shown) && diagnostic.message.en.contains("/api/v1/dossiers/"))
        #expect(diagnostic.message.vi.contains(shown))
        // The fix is the same template with a hyphen for each unsafe character.
        let safe = String(template.map { "/?#% Đ".contains($0) ? "-" : $0 })
        #expect(diagnostic.fix.en == "write \"\(safe)\" instead")
        #expect(try DossierCodeTemplate(safe).text == safe)
    }

    @Test func anAgencyCodeThatWouldBreakEveryDossierCodeIsRefused() throws {
        let commune = ManifestFixtures.commune.replacingOccurrences(of: "\"agencyCode\": \"H46.25\"", with: "\"agencyCode\": \"H46/25\"")
        let found = diagnostics(["p/commune.json": commune])
        #expect(found.map(\.path) == ["centre.agencyCode"])
        #expect(found.first?.message.en.contains("\"/\"") == true)
        #expect(found.first?.fix.en.contains("\"25.12345\"") == true)
    }

    @Test func aTemplateOfUnreservedCharactersIsAccepted() throws {
        let commune = ManifestFixtures.commune.replacingOccurrences(of: "\"hours\": { \"sat\": null },",
                                                                    with: "\"hours\": { \"sat\": null }, \"dossierCode\": \"HS_{agency}.{yyyyMMdd}~{seq5}\",")
        let deployment = try #require(try load(["p/commune.json": commune]).deployment)
        let code = deployment.dossierCode.code(agency: "H46.25", unit: "12345", date: LocalDate(year: 2026, month: 3, day: 2)!, sequence: 7)
        #expect(code == "HS_H46.25.20260302~00007")
    }

    @Test func layeredDeploymentResolves() throws {
        let deployment = try #require(try load().deployment)
        #expect(deployment.centre.id == "phu-tho.xa-thu")
        #expect(deployment.centre.province.code == "25")
        #expect(deployment.enabledSectorIDs == ["ho-tich", "chung-thuc"])
        #expect(deployment.enabledProcedures.map(\.code) == ["1.001193", "2.000815"])
        #expect(deployment.procedures.count == 3)
        // "sat": null in the commune removes the province's Saturday hours.
        #expect(deployment.hours.ranges(on: .sat).isEmpty)
        #expect(deployment.hours.ranges(on: .mon).count == 2)
        #expect(deployment.calendarOverrides.holidays.map(\.date.description) == ["2026-11-24"])
        #expect(deployment.plugins.map(\.id) == ["test.queue"])
        #expect(deployment.dossierCode == .standard)
        let birth = try #require(deployment.procedure("1.001193"))
        #expect(birth.deadline == Deadline(value: nil, unit: .immediate, cutoff: LocalTime(parsing: "15:00")))
        let form = deployment.form(for: birth)
        #expect(form.map(\.field.id) == ["applicant.fullName", "applicant.phone", "child.fullName"])
        #expect(form.map(\.required) == [false, true, true])
    }

    @Test func identifiedArraysMergeByIDAndRemove() throws {
        let commune = ManifestFixtures.commune.replacingOccurrences(of: "\"hours\": { \"sat\": null },", with: """
            "hours": { "sat": null },
            "sectors": [ { "id": "dat-dai", "$remove": true }, { "id": "ho-tich", "name": { "vi": "Hộ tịch (xã)", "en": "Civil status" } } ],
            "procedures": [ { "code": "1.000000", "$remove": true },
                            { "code": "2.000815", "fees": [ { "id": "phi", "amount": 3000 } ] } ],
            """)
        let deployment = try #require(try load(["p/commune.json": commune]).deployment)
        #expect(deployment.sectors.map(\.id) == ["ho-tich", "chung-thuc"])
        #expect(deployment.sector("ho-tich")?.name.vi == "Hộ tịch (xã)")
        #expect(deployment.procedures.map(\.code) == ["1.001193", "2.000815"])
        let fee = try #require(deployment.procedure("2.000815")?.fees.first)
        #expect(fee.amount == 3000)
        #expect(fee.per == .page)
        #expect(fee.name.vi == "Phí chứng thực")
    }

    @Test func abstractLayerLoadsWithoutCentre() throws {
        let loaded = try load(path: "p/province.json")
        #expect(loaded.isAbstract)
        #expect(loaded.deployment == nil)
        #expect(loaded.effective.objectValue?["abstract"] == nil)
    }

    @Test func invalidJSONNamesLineAndColumn() {
        let found = diagnostics(["p/commune.json": "{\n  \"extends\": \"province.json\",\n}\n"])
        #expect(found.count == 1)
        #expect(found.first?.code == "manifest.invalid-json")
        // The parser points at the comma that has nothing after it.
        #expect(found.first?.line == 2)
        #expect(found.first?.column == 29)
        #expect(found.first?.message.en.contains("trailing comma") == true)
    }

    @Test func emptyNonUTF8AndOversizedFilesAreRefused() {
        var source = ManifestFixtures.source()
        source.files["empty.json"] = Array("  \n".utf8)
        source.files["latin1.json"] = [0x7B, 0x22, 0x64, 0x65, 0x73, 0x63, 0x72, 0x69, 0x70, 0x74, 0x69, 0x6F, 0x6E, 0x22, 0x3A, 0x22, 0xE9, 0x22, 0x7D]
        source.files["huge.json"] = Array(repeating: 0x20, count: ManifestLoader.maximumFileSize) + Array("{}".utf8)
        let loader = ManifestLoader(source: source, plugins: plugins)
        for (file, code) in [("empty.json", "manifest.file-empty"), ("latin1.json", "manifest.invalid-json"),
                             ("huge.json", "manifest.file-too-large"), ("missing.json", "manifest.file-missing")] {
            #expect(throws: ManifestError.self) { try loader.load(file) }
            let error = try? #require(throws: ManifestError.self) { try loader.load(file) }
            #expect(error?.diagnostics.map(\.code) == [code], "\(file)")
            #expect(error?.diagnostics.first?.file == file)
        }
        let utf8 = try? #require(throws: ManifestError.self) { try loader.load("latin1.json") }
        #expect(utf8?.diagnostics.first?.message.en.contains("UTF-8") == true)
    }

    @Test func wrongTypesAndUnknownKeysAreAllReported() {
        let commune = ManifestFixtures.commune
            .replacingOccurrences(of: "\"level\": \"commune\"", with: "\"level\": \"comune\"")
            .replacingOccurrences(of: "\"require\":", with: "\"requre\":")
            .replacingOccurrences(of: "\"unitCode\": \"12345\"", with: "\"unitCode\": 12345")
        let found = diagnostics(["p/commune.json": commune])
        let byPath = Dictionary(found.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byPath["centre.level"]?.fix.en.contains("did you mean \"commune\"") == true)
        #expect(byPath["requre"]?.message.en == "unknown key \"requre\" — did you mean \"require\"?")
        #expect(byPath["centre.unitCode"]?.message.en == "expected string, found number")
        #expect(byPath["centre.unitCode"]?.line == 4)
        #expect(found.allSatisfy { $0.file == "p/commune.json" })
    }

    @Test func unknownPluginSuggestsTheNearestID() {
        let commune = ManifestFixtures.commune.replacingOccurrences(of: "\"extends\": \"province.json\",",
                                                                     with: "\"extends\": \"province.json\", \"plugins\": { \"payments.vietqrr\": {} },")
        let found = diagnostics(["p/commune.json": commune])
        #expect(found.count == 1)
        #expect(found.first?.path == "plugins.payments.vietqrr")
        #expect(found.first?.message.en == "unknown plugin — did you mean payments.vietqr?")
        #expect(found.first?.rendered().contains("p/commune.json:2:") == true)
    }

    @Test func pluginSettingsAreDecodedStrictly() {
        let province = ManifestFixtures.province.replacingOccurrences(of: "{ \"prefix\": \"P\" }", with: "{ \"prefix\": 7, \"colour\": \"red\" }")
        let found = diagnostics(["p/province.json": province])
        #expect(found.count == 1)
        #expect(found.first?.file == "p/province.json")
        #expect(found.first?.code == "manifest.plugin-settings")
        #expect(found.first?.path.hasPrefix("plugins.test.queue") == true)
    }

    @Test func extendsCycleAndMissingTarget() {
        let cyclic = diagnostics(["catalogue/catalogue.json": "{ \"abstract\": true, \"extends\": \"../p/commune.json\" }"])
        #expect(cyclic.contains { $0.code == "manifest.extends-cycle" && $0.message.en.contains("p/commune.json → p/province.json → catalogue/catalogue.json → p/commune.json") })
        let missing = diagnostics(["p/province.json": ManifestFixtures.province.replacingOccurrences(of: "../catalogue/catalogue.json", with: "../catalog.json")])
        let extends = missing.first { $0.code == "manifest.extends-missing" }
        #expect(extends?.file == "p/province.json")
        #expect(extends?.path == "extends")
        #expect(extends?.message.en == "extends \"../catalog.json\", but catalog.json does not exist")
    }

    @Test func duplicateIDsInOneFile() {
        let commune = ManifestFixtures.commune.replacingOccurrences(of: "{ \"id\": \"2\", \"name\"", with: "{ \"id\": \"1\", \"name\"")
        let found = diagnostics(["p/commune.json": commune])
        #expect(found.map(\.code) == ["manifest.duplicate-id"])
        #expect(found.first?.path == "counters[1]")
        #expect(found.first?.message.en.contains("already used at counters[0]") == true)
    }

    @Test func unknownReferencesNameTheSection() {
        let commune = ManifestFixtures.commune
            .replacingOccurrences(of: "\"sectors\": [\"chung-thuc\"]", with: "\"sectors\": [\"chung-thu\"]")
            .replacingOccurrences(of: "\"require\": { \"formFields\": [\"applicant.phone\"] }", with: "\"require\": { \"formFields\": [\"applicant.email\"] }")
        let found = diagnostics(["p/commune.json": commune])
        #expect(found.contains { $0.path == "counters[1].sectors[0]" && $0.message.en == "unknown sector \"chung-thu\" — did you mean \"chung-thuc\"?" })
        #expect(found.contains { $0.path == "require.formFields[0]" && $0.code == "manifest.require-not-enabled" })
        #expect(found.contains { $0.path == "enable.sectors[1]" && $0.code == "manifest.sector-unserved" })
    }

    @Test func badHoursDeadlinesAndFees() {
        let catalogue = ManifestFixtures.catalogue
            .replacingOccurrences(of: "\"unit\": \"workingDays\", \"value\": 10", with: "\"unit\": \"workingDays\", \"value\": 0")
            .replacingOccurrences(of: "\"amount\": 2000", with: "\"amount\": -2000")
        let province = ManifestFixtures.province
            .replacingOccurrences(of: "\"tue\": [\"07:30-11:30\", \"13:30-17:00\"]", with: "\"tue\": [\"07:30-11:30\", \"11:00-12:00\"]")
            .replacingOccurrences(of: "\"sat\": [\"07:30-11:30\"]", with: "\"sat\": [\"11:30-07:30\"]")
        let found = diagnostics(["catalogue/catalogue.json": catalogue, "p/province.json": province])
        #expect(found.contains { $0.file == "catalogue/catalogue.json" && $0.path == "procedures[2].deadline.value" && $0.code == "manifest.deadline-not-positive" })
        #expect(found.contains { $0.file == "catalogue/catalogue.json" && $0.path == "procedures[1].fees[0].amount" && $0.message.en == "-2000 is below the minimum 0" })
        #expect(found.contains { $0.path == "hours.tue[1]" && $0.message.en == "tue: 11:00-12:00 overlaps 07:30-11:30" })
        #expect(found.contains { $0.path == "hours.sat[0]" && $0.code == "manifest.invalid-value" })
    }

    @Test func missingRequiredKeysInADeployment() {
        let found = diagnostics(["p/commune.json": "{ \"extends\": \"province.json\" }"])
        let missing = found.filter { $0.code == "manifest.missing-key" }.map(\.message.en)
        #expect(missing.contains { $0.hasPrefix("missing required key \"counters\"") })
        #expect(missing.contains { $0.hasPrefix("missing required key \"id\"") })
    }

    @Test func everyDiagnosticRendersFileAndFix() {
        let found = diagnostics(["p/commune.json": ManifestFixtures.commune.replacingOccurrences(of: "\"12345\"", with: "\"1234\"")])
        #expect(found.count == 1)
        #expect(found.first?.rendered() == "p/commune.json:4:27: centre.unitCode: a commune unit code has 5 digits, found \"1234\" — fix: use the 5-digit code from Decision 19/2025/QĐ-TTg")
        #expect(found.first?.rendered(.vi).contains("cách sửa") == true)
    }

    @Test func procedureCasesAndChannelDeadlines() throws {
        let catalogue = ManifestFixtures.catalogue.replacingOccurrences(of: """
          "deadline": { "unit": "workingDays", "value": 10 } }
        """, with: """
          "deadline": { "unit": "workingDays", "value": 10, "byChannel": { "online": 7 } },
          "cases": [
            { "id": "thuong", "name": { "vi": "Thông thường", "en": "Ordinary" }, "deadline": { "unit": "workingDays", "value": 10 }, "default": true },
            { "id": "ngay", "name": { "vi": "Bổ sung", "en": "Supplement" }, "deadline": { "unit": "immediate", "cutoff": "15:00" } }
          ] }
        """)
        let loaded = try load(["catalogue/catalogue.json": catalogue])
        let procedure = try #require(loaded.deployment?.procedure("1.000000"))
        #expect(procedure.cases.map(\.id) == ["thuong", "ngay"])
        #expect(procedure.defaultCase?.id == "thuong")
        #expect(procedure.deadline(case: nil, channel: .online) == .workingDays(7))
        #expect(procedure.deadline(case: nil, channel: .postal) == .workingDays(10), "a channel without a figure gets the counter's")
        #expect(procedure.deadline(case: procedure.cases[1], channel: .online) == .immediate(cutoff: LocalTime(hour: 15, minute: 0)))
        // The post has no figure: loading works and names the place in a warning.
        let warning = try #require(loaded.warnings.first { $0.code == "manifest.channel-missing" })
        #expect(warning.file == "catalogue/catalogue.json" && warning.path == "procedures[2].deadline.byChannel")
        #expect(warning.message.en.contains("postal"))
        // A case id the procedure does not have is refused with the field named.
        #expect(throws: Problem.self) { try procedure.resolveCase("khac") }
        do {
            _ = try procedure.resolveCase("khac")
        } catch {
            #expect(error.code == "intake.unknown-case" && error.details.first?.field == "case")
            #expect(error.message.en.contains("thuong, ngay"))
        }

        // Two defaults: an error at the second one's path.
        let twoDefaults = catalogue.replacingOccurrences(of: "\"cutoff\": \"15:00\" } }", with: "\"cutoff\": \"15:00\" }, \"default\": true }")
        let found = diagnostics(["catalogue/catalogue.json": twoDefaults])
        #expect(found.contains { $0.file == "catalogue/catalogue.json" && $0.path == "procedures[2].cases[1].default" && $0.code == "manifest.case-defaults" })
        // A case id that is not a slug, and byChannel on a same-day deadline.
        let badCase = catalogue.replacingOccurrences(of: "\"id\": \"ngay\"", with: "\"id\": \"Ngày\"")
            .replacingOccurrences(of: "\"unit\": \"immediate\", \"cutoff\": \"15:00\" } }", with: "\"unit\": \"immediate\", \"byChannel\": { \"online\": 1 } } }")
        let bad = diagnostics(["catalogue/catalogue.json": badCase])
        #expect(bad.contains { $0.path == "procedures[2].cases[1].id" })
        #expect(bad.contains { $0.path == "procedures[2].cases[1].deadline.byChannel" && $0.code == "manifest.channel-immediate" })
    }
}
