import Foundation
import IntakeOneStop
import MotCuaCore
import MotCuaHost
import MotCuaStore
import MotCuaTesting
import Testing
import MotCuaPostgresTesting

/// Personal values and scans at rest (Docs/Privacy.md, "Encryption and keys").
@Suite("intake.onestop: personal data sealed at rest", .onEachEngine)
struct SealingTests {
    let pdf = Array("%PDF-1.7\n".utf8) + Array("Giấy khai sinh của Nguyễn Văn An".utf8)
    let png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("ảnh CCCD".utf8)

    func request(scans: Bool = true) -> IntakeRequest {
        var request = IntakeRequest(procedure: "1.004873", formValues: applicant)
        if scans {
            request.documents = [DocumentSubmission(index: 0, file: Upload(name: "to-khai.pdf", base64: Data(pdf).base64EncodedString())),
                                 DocumentSubmission(index: 1, file: Upload(name: "cccd.png", base64: Data(png).base64EncodedString()))]
        }
        return request
    }

    func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let bytes = Array(needle.utf8)
        guard haystack.count >= bytes.count else { return false }
        return (0...(haystack.count - bytes.count)).contains { Array(haystack[$0..<($0 + bytes.count)]) == bytes }
    }

    @Test func valuesAndScansRoundTripButAreStoredOnlySealed() throws {
        let bench = try intakeHost()
        let dossier = try bench.intake.receive(request(), by: clerk)
        // What staff read back is what was received.
        let read = try #require(try bench.intake.dossier(code: dossier.code))
        #expect(read.applicantName == "Nguyễn Văn An" && read.formValues == dossier.formValues && !read.personalDataErased)
        #expect(try bench.intake.file(dossier: dossier.code, document: 0)?.bytes == pdf)
        #expect(try bench.intake.file(dossier: dossier.code, document: 1)?.bytes == png)
        #expect(try bench.intake.register(from: day(2026, 3, 1), through: day(2026, 3, 31)).first?.applicantName == "Nguyễn Văn An")

        // What is at rest holds neither the name nor the ID number: not the row, not the journal, not the files.
        let row = try #require(try bench.store.read { try $0.queryFirst("SELECT * FROM intake_onestop_dossiers WHERE code = ?", [.text(dossier.code)]) })
        #expect(try row.string("applicant") == "" && row.string("form_json") == "{}")
        let sealed = try row.blob("personal")
        #expect(!contains(sealed, "Nguyễn") && !contains(sealed, "001090012345"))
        let journal = try bench.store.journalEntries(after: 0, limit: 100)
        #expect(journal.allSatisfy { !$0.payload.contains("Nguyễn") && !$0.payload.contains("001090012345") })
        let received = try #require(journal.first { $0.kind == "dossier.received" })
        #expect(try JSONParser().parse(received.payload)["personal"]?.stringValue.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) } == sealed,
                "the journal carries the sealed values, so the chain covers ciphertext only")
        for document in read.documents {
            let file = try #require(document.file)
            #expect(file.path.hasPrefix("sealed/"))
            let disk = try [UInt8](Data(contentsOf: bench.dataFolder.appendingPathComponent(file.path)))
            #expect(!contains(disk, "%PDF") && !contains(disk, "Nguyễn") && disk.count == (document.index == 0 ? pdf : png).count + 29)
        }
        #expect(!FileManager.default.fileExists(atPath: bench.dataFolder.appendingPathComponent("intake").path))
    }

    @Test func aTamperedCiphertextIsRefusedNotMisread() throws {
        let bench = try intakeHost()
        let dossier = try bench.intake.receive(request(), by: clerk)
        var sealed = try #require(try bench.store.read { try $0.queryFirst("SELECT personal FROM intake_onestop_dossiers WHERE code = ?", [.text(dossier.code)]) }).blob("personal")
        sealed[sealed.count / 2] ^= 0x01
        try bench.store.write { try $0.execute("UPDATE intake_onestop_dossiers SET personal = ? WHERE code = ?", [.blob(sealed), .text(dossier.code)]) }
        #expect { try bench.intake.dossier(code: dossier.code) } throws: { ($0 as? Problem)?.code == "personal-data.tampered" }

        // A scan swapped for another document's sealed scan does not open either.
        let other = try bench.intake.receive(request(), by: clerk)
        let files = try #require(try bench.intake.dossier(code: other.code)).documents.compactMap(\.file)
        let first = bench.dataFolder.appendingPathComponent(files[0].path), second = bench.dataFolder.appendingPathComponent(files[1].path)
        try FileManager.default.removeItem(at: first)
        try FileManager.default.copyItem(at: second, to: first)
        #expect { try bench.intake.file(dossier: other.code, document: 0) } throws: { ($0 as? Problem)?.code == "personal-data.tampered" }
    }

    @Test func aCrashWhileWritingScansLeavesNothingHalfWritten() throws {
        let bench = try intakeHost()
        // The second scan cannot be written: its name is taken by a folder.
        let code = "25.12345-260302-0001"
        let blocker = bench.dataFolder.appendingPathComponent("sealed/dossier_\(code)/1.png")
        try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: true)
        #expect(throws: (any Error).self) { try bench.intake.receive(request(), by: clerk) }
        #expect(try bench.store.read { try $0.query("SELECT code FROM intake_onestop_dossiers") }.isEmpty)
        #expect(try bench.store.read { try $0.query("SELECT subject FROM personal_data_keys") }.isEmpty, "no key without its data")
        #expect(try bench.store.journalEntries(after: 0, limit: 10).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: bench.dataFolder.appendingPathComponent("sealed/dossier_\(code)/0.pdf").path),
                "the first scan, written before the failure, is removed")
        try FileManager.default.removeItem(at: blocker)
        let dossier = try bench.intake.receive(request(), by: clerk)
        #expect(dossier.code == code)
        #expect(try bench.intake.file(dossier: code, document: 1)?.bytes == png)
    }

    /// Turns a freshly received dossier back into the form it had before encryption existed.
    func makeClear(_ bench: TestHost, _ code: String) throws {
        let folder = bench.dataFolder.appendingPathComponent("intake/\(code)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(pdf).write(to: folder.appendingPathComponent("0.pdf"))
        let documents = #"[{"digitised":true,"file":{"contentType":"application/pdf","path":"intake/\#(code)/0.pdf","size":\#(pdf.count)},"index":0,"name":"Tờ khai","provided":true}]"#
        try bench.store.write { transaction in
            try transaction.execute("UPDATE intake_onestop_dossiers SET applicant = 'Nguyễn Văn An', form_json = ?, documents_json = ?, personal = NULL WHERE code = ?",
                                    [.text(#"{"applicant.citizenId":"001090012345","applicant.fullName":"Nguyễn Văn An"}"#), .text(documents), .text(code)])
            try transaction.execute("DELETE FROM personal_data_keys WHERE subject = ?", [.text("dossier:\(code)")])
        }
        try FileManager.default.removeItem(at: bench.dataFolder.appendingPathComponent("sealed/dossier_\(code)"))
    }

    @Test func dossiersWrittenInClearAreReadThenSealedAtStart() async throws {
        let bench = try intakeHost()
        let code = try bench.intake.receive(request(), by: clerk).code
        _ = try bench.intake.transition(dossier: code, to: .refused, note: "Không đủ điều kiện", by: clerk)
        try makeClear(bench, code)
        let before = try #require(try bench.intake.dossier(code: code))
        #expect(before.applicantName == "Nguyễn Văn An" && before.formValues["applicant.citizenId"] == "001090012345")
        #expect(try bench.intake.file(dossier: code, document: 0)?.bytes == pdf)

        try await bench.intake.start()
        let row = try #require(try bench.store.read { try $0.queryFirst("SELECT * FROM intake_onestop_dossiers WHERE code = ?", [.text(code)]) })
        #expect(try row.string("applicant") == "" && row.optionalBlob("personal") != nil)
        #expect(!FileManager.default.fileExists(atPath: bench.dataFolder.appendingPathComponent("intake").path), "the clear scan is gone")
        let after = try #require(try bench.intake.dossier(code: code))
        #expect(after.applicantName == "Nguyễn Văn An" && after.formValues == before.formValues)
        #expect(try bench.intake.file(dossier: code, document: 0)?.bytes == pdf)
        let closed = try bench.store.read { try $0.queryFirst("SELECT closed_ms FROM personal_data_keys WHERE subject = ?", [.text("dossier:\(code)")])?.optionalInt64("closed_ms") }
        #expect(closed != nil, "a refused dossier's retention clock runs from its last step")
        #expect(try bench.store.verifyJournal().firstBadSequence == nil)
    }

    @Test func aCrashWhileSealingOldDossiersLeavesEachWhollyClearOrWhollySealed() async throws {
        let bench = try intakeHost()
        let first = try bench.intake.receive(request(), by: clerk).code
        let second = try bench.intake.receive(request(), by: clerk).code
        try makeClear(bench, first)
        try makeClear(bench, second)
        // The disk refuses the second dossier's sealed scan.
        let blocker = bench.dataFolder.appendingPathComponent("sealed/dossier_\(second)")
        try Data("not a folder".utf8).write(to: blocker)
        await #expect(throws: (any Error).self) { try await bench.intake.start() }
        let rows = try bench.store.read { try $0.query("SELECT code, applicant, personal FROM intake_onestop_dossiers ORDER BY code") }
        #expect(try rows[0].optionalBlob("personal") != nil && rows[0].string("applicant") == "")
        #expect(try rows[1].optionalBlob("personal") == nil && rows[1].string("applicant") == "Nguyễn Văn An")
        #expect(try bench.store.read { try $0.query("SELECT subject FROM personal_data_keys") }.count == 1)
        #expect(try bench.intake.dossier(code: second)?.applicantName == "Nguyễn Văn An")
        #expect(try bench.intake.file(dossier: second, document: 0)?.bytes == pdf, "the clear scan is kept until its sealed copy commits")

        try FileManager.default.removeItem(at: blocker)
        try await bench.intake.start()
        for code in [first, second] {
            #expect(try bench.intake.dossier(code: code)?.applicantName == "Nguyễn Văn An")
            #expect(try bench.intake.file(dossier: code, document: 0)?.bytes == pdf)
        }
        #expect(try bench.store.read { try $0.query("SELECT code FROM intake_onestop_dossiers WHERE personal IS NULL") }.isEmpty)
    }
}
