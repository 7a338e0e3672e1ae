import Foundation
import MotCuaBuiltins
import MotCuaCLI
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import MotCuaStore
import Testing

/// Retention and erasure end to end (Docs/Privacy.md): the demo deployment on a data folder,
/// dossiers closed in 2024, `motcua retention run` in process, reports and the journal after.
@Suite("Retention and erasure", .serialized)
struct RetentionTests {
    func main(_ arguments: [String]) async throws -> Int32 {
        try await motcuaWithBuiltins(arguments)
    }

    /// The demo manifest with a `retention` section, written into `folder`.
    func manifest(_ retention: String, in folder: URL) throws -> (path: String, deployment: Deployment?, diagnostics: [ManifestDiagnostic]) {
        var text = try String(contentsOf: packageRoot.appendingPathComponent("Sources/motcua/Embedded/demo-deployment.json"), encoding: .utf8)
        let brace = try #require(text.firstIndex(of: "{"))
        text.insert(contentsOf: "\n  \"retention\": \(retention),", at: text.index(after: brace))
        let path = folder.appendingPathComponent("centre.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            let loaded = try ManifestLoader(source: InMemoryManifestSource(texts: ["centre.json": text]),
                                            plugins: BuiltinPlugins.catalogue.descriptors).load("centre.json")
            return (path, loaded.deployment, [])
        } catch {
            return (path, nil, error.diagnostics)
        }
    }

    @Test func checkRefusesARetentionThatCouldEraseOpenDossiers() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = try manifest(#"{ "default": { "years": 5 }, "sectors": [ { "sector": "ho-tich", "years": 2, "after": "received" } ] }"#, in: folder)
        let diagnostic = try #require(bad.diagnostics.first { $0.code == "manifest.retention-open-dossiers" }, "\(bad.diagnostics)")
        #expect(diagnostic.file == "centre.json" && diagnostic.path == "retention.sectors[0].after")
        #expect(diagnostic.fix.en.contains("\"after\": \"closed\"") && diagnostic.message.vi.contains("hồ sơ còn đang giải quyết"))
        #expect(try await main(["check", bad.path]) == 1)

        let empty = try manifest(#"{ "procedures": [ { "procedure": "1.001193" } ] }"#, in: folder)
        #expect(empty.diagnostics.map(\.code).contains("manifest.retention-empty"))
        let zero = try manifest(#"{ "default": { "years": 0 } }"#, in: folder)
        #expect(!zero.diagnostics.isEmpty)
        let unknown = try manifest(#"{ "sectors": [ { "sector": "no-such-sector", "years": 3 } ] }"#, in: folder)
        #expect(unknown.diagnostics.map(\.code).contains("manifest.unknown-reference"))

        let good = try manifest(#"{ "default": { "years": 1 }, "sectors": [ { "sector": "ho-tich", "permanent": true } ] }"#, in: folder)
        let deployment = try #require(good.deployment)
        #expect(deployment.retention.period(procedure: "x", sector: "ho-tich") == .permanent)
        #expect(deployment.retention.period(procedure: "x", sector: "dat-dai") == .years(1))
        #expect(try await main(["check", good.path]) == 0)
        #expect(try #require(try manifest("{}", in: folder).deployment).retention == .standard)
    }

    @Test func retentionRunErasesExpiredDossiersAndKeepsStatisticsAndTheJournal() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try manifest(#"{ "default": { "years": 1 } }"#, in: folder)
        let deployment = try #require(written.deployment)
        let store = try SQLiteStore(path: folder.appendingPathComponent("motcua.sqlite").path)
        let key = try KeyEncryptionKey.load(folder: folder.path, store: store)
        let calendar = deployment.calendar
        let clock = ManualClock(calendar.instant(LocalDate(year: 2024, month: 3, day: 4)!, LocalTime(hour: 8, minute: 0)!))
        let composition = try Composition.compose(deployment, catalogue: BuiltinPlugins.catalogue, store: store, clock: clock,
                                                  events: DiscardingEventSink(), logHandler: SilentLogHandler(), dataFolder: folder, key: key)
        try await composition.start()
        let intake = try #require(composition.intake)
        let procedure = try #require(deployment.enabledProcedures.first { !$0.documents.isEmpty })
        var request = IntakeSuite.sampleRequest(procedure, deployment)
        let scan = Array("%PDF-1.4\n".utf8) + Array("bản quét".utf8)
        request.documents = [DocumentSubmission(index: 0, file: Upload(name: "a.pdf", base64: Data(scan).base64EncodedString()))]
        let clerk = Principal.staff("lan")
        let returned = try intake.receive(request, by: clerk)
        let refused = try intake.receive(request, by: clerk)
        let open = try intake.receive(request, by: clerk)
        for status in [Dossier.Status.inProcess, .done, .returned] { _ = try intake.transition(dossier: returned.code, to: status, note: nil, by: clerk) }
        _ = try intake.transition(dossier: refused.code, to: .refused, note: "Không đủ điều kiện", by: clerk)
        _ = try intake.transition(dossier: open.code, to: .inProcess, note: nil, by: clerk)
        let name = try #require(try intake.dossier(code: returned.code)).applicantName
        #expect(!name.isEmpty)

        let reporting = try #require(composition.reporting.first)
        let period = try ReportPeriod(from: LocalDate(year: 2024, month: 3, day: 1)!, to: LocalDate(year: 2024, month: 3, day: 31)!)
        let before = try reporting.produce(report: reporting.reportIDs[0], period: period)

        // An erasure request: refused without a reason, and for an open dossier.
        let retention = PersonalDataRetention(composition: composition, store: store, clock: clock)
        #expect { try retention.erase(dossier: returned.code, reason: "  ", by: .staff("giam-sat")) } throws: {
            ($0 as? Problem)?.code == "personal-data.reason-required" && ($0 as? Problem)?.message.vi.contains("lý do") == true
        }
        #expect { try retention.erase(dossier: open.code, reason: "Công dân yêu cầu xóa theo Điều 16", by: .staff("giam-sat")) } throws: {
            ($0 as? Problem)?.code == "personal-data.dossier-open"
        }
        #expect(try await main(["retention", "erase", returned.code, "--supervisor", "admin", "--data", folder.path]) == 2, "no --reason")
        // Within the period nothing is erased.
        let early = try retention.run()
        #expect(early.erased.isEmpty && early.kept == 2 && early.open == 1)

        // Years later, the command erases the two closed dossiers and leaves the open one.
        #expect(try await main(["retention", "run", "--deployment", written.path, "--data", folder.path]) == 0)
        for code in [returned.code, refused.code] {
            let erased = try #require(try intake.dossier(code: code))
            #expect(erased.personalDataErased && erased.applicantName.isEmpty && erased.formValues.isEmpty)
            #expect(erased.status == (code == returned.code ? .returned : .refused) && erased.procedure == procedure.code)
            #expect(try intake.file(dossier: code, document: 0) == nil)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("sealed/dossier_\(code)").path))
        }
        #expect(try intake.dossier(code: open.code)?.applicantName == name)
        #expect(try intake.file(dossier: open.code, document: 0)?.bytes == scan)
        let erasures = try store.journalEntries(after: 0, limit: 1_000).filter { $0.kind == "personal-data.erased" }
        #expect(Set(erasures.map(\.subject)) == ["dossier:\(returned.code)", "dossier:\(refused.code)"])
        #expect(erasures.allSatisfy { $0.actor == "system" && $0.payload.contains("\"reason\":\"retention\"") })

        // Statistics are untouched: the same report, the same totals; the chain verifies.
        #expect(try reporting.produce(report: reporting.reportIDs[0], period: period) == before)
        #expect(try await main(["audit", "verify", "--db", folder.appendingPathComponent("motcua.sqlite").path]) == 0)
        #expect(try await main(["retention", "run", "--deployment", written.path, "--data", folder.path]) == 0, "a second run has nothing to do")
        #expect(try store.journalEntries(after: 0, limit: 1_000).filter { $0.kind == "personal-data.erased" }.count == 2)

        // The open dossier, once stopped, is erased at the citizen's request with a supervisor's reason.
        _ = try intake.transition(dossier: open.code, to: .stopped, note: "Công dân rút hồ sơ", by: clerk)
        try retention.erase(dossier: open.code, reason: "Công dân yêu cầu xóa dữ liệu (Điều 16 Luật 91/2025)", by: .staff("giam-sat"))
        #expect(try intake.dossier(code: open.code)?.personalDataErased == true)
        let last = try #require(try store.journalEntries(after: 0, limit: 1_000).last)
        #expect(last.kind == "personal-data.erased" && last.actor == "staff:giam-sat" && last.payload.contains("Điều 16"))
        #expect { try retention.erase(dossier: open.code, reason: "Công dân yêu cầu lần nữa", by: .staff("giam-sat")) } throws: {
            ($0 as? Problem)?.code == "personal-data.already-erased"
        }
        #expect(try store.verifyJournal().firstBadSequence == nil)
    }

    @Test func serveRefusesABadKeyFileAndWritesNothing() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent(KeyEncryptionKey.fileName)
        try Data("not a key\n".utf8).write(to: key)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
        #expect(try await main(["serve", "--data", folder.path, "--listen", "127.0.0.1:0", "--quiet"]) == 3)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("motcua.sqlite").path), "no database was created")
        #expect(try Data(contentsOf: key) == Data("not a key\n".utf8))
    }
}
