import Foundation
import IntakeOneStop
import MotCuaCore
import MotCuaStore
import MotCuaTesting
import Testing
import MotCuaPostgresTesting

@Suite("intake.onestop", .onEachEngine)
struct IntakeOneStopTests {
    @Test func receivesADossierWithACodeAndALegalAppointment() throws {
        let bench = try intakeHost()
        let dossier = try bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk)
        #expect(dossier.code == "25.12345-260302-0001")
        #expect(dossier.status == .received)
        #expect(dossier.sector == "ho-tich")
        #expect(dossier.applicantName == "Nguyễn Văn An")
        #expect(dossier.formValues["applicant.phone"] == "0912345678")
        // 3 working days after Monday 2 March 2026: Thursday 5 March, at closing.
        #expect(bench.calendar.local(dossier.dueAt).date == day(2026, 3, 5))
        #expect(bench.calendar.local(dossier.dueAt).time == LocalTime(hour: 17, minute: 0))
        let second = try bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk)
        #expect(second.code == "25.12345-260302-0002")
        #expect(try bench.intake.dossier(code: dossier.code) == dossier)
        let journal = try bench.store.journalEntries(after: 0, limit: 10)
        #expect(journal.map(\.kind) == ["dossier.received", "dossier.received"])
        #expect(journal[0].payload.contains("\"sector\":\"ho-tich\"") && journal[0].payload.contains("\"clerk\":\"lan\""))
    }

    @Test func everyBadFieldIsNamedInBothLanguages() throws {
        let bench = try intakeHost()
        var values = applicant
        values["applicant.citizenId"] = "003090012345"   // 003 is no province's code
        values["applicant.phone"] = "0123456"
        values["applicant.email"] = "not-an-email"
        values["land.area"] = "12"                      // not on this form
        values["applicant.fullName"] = ""
        #expect {
            try bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: values), by: clerk)
        } throws: { error in
            guard let problem = error as? Problem else { return false }
            let fields = Set(problem.details.map(\.field))
            return problem.code == "intake.invalid-form" && fields == ["formValues.applicant.citizenId", "formValues.applicant.phone",
                                                                        "formValues.applicant.email", "formValues.land.area", "formValues.applicant.fullName"]
                && problem.details.allSatisfy { !$0.message.vi.isEmpty && !$0.message.en.isEmpty }
        }
        // Nothing was saved: the next good dossier still gets number 1.
        #expect(try bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk).code.hasSuffix("-0001"))
    }

    @Test func theCitizenIDMustAgreeWithTheDateOfBirthAndSex() throws {
        let bench = try intakeHost()
        var values = applicant
        values["applicant.dateOfBirth"] = "04/05/2001"
        values["applicant.gender"] = "nu"
        #expect {
            try bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: values), by: clerk)
        } throws: { error in
            let codes = (error as? Problem)?.details.map(\.code) ?? []
            return codes.contains("birth-year") && codes.contains("sex")
        }
        values["applicant.citizenId"] = "001301012345"   // 2000s female, born 2001
        let dossier = try bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: values), by: clerk)
        #expect(dossier.formValues["applicant.dateOfBirth"] == "2001-05-04")
    }

    @Test func unknownProceduresAndDisabledSectorsAreRefused() throws {
        let bench = try intakeHost()
        #expect(throws: Problem.self) { try bench.intake.receive(IntakeRequest(procedure: "9.999999", formValues: applicant), by: clerk) }
        do {
            _ = try bench.intake.receive(IntakeRequest(procedure: "1.013978", formValues: applicant), by: clerk)
            Issue.record("a land procedure was received by a centre without the land sector")
        } catch let problem as Problem {
            #expect(problem.code == "intake.sector-disabled")
            #expect(problem.details.first?.field == "procedure")
        }
    }

    @Test func theProcedureAddsItsOwnRequiredFields() throws {
        let bench = try intakeHost()
        // Copy certification needs the page and copy counts, typed as numbers.
        var values = applicant
        values["document.pageCount"] = "three"
        #expect {
            try bench.intake.receive(IntakeRequest(procedure: "2.000815", formValues: values), by: clerk)
        } throws: { error in
            Set((error as? Problem)?.details.map(\.field) ?? []) == ["formValues.document.pageCount", "formValues.document.copyCount"]
        }
        values["document.pageCount"] = "3"
        values["document.copyCount"] = "2"
        #expect(try bench.intake.receive(IntakeRequest(procedure: "2.000815", formValues: values), by: clerk).formValues["document.copyCount"] == "2")
    }

    @Test func supplementsStopTheClockAndASecondRequestMakesItLate() throws {
        let bench = try intakeHost()
        let monday = day(2026, 3, 2)
        let dossier = try bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk)
        #expect(throws: Problem.self) { try bench.intake.transition(dossier: dossier.code, to: .done, note: nil, by: clerk) }
        _ = try bench.intake.transition(dossier: dossier.code, to: .inProcess, note: nil, by: clerk)
        #expect(throws: Problem.self) { try bench.intake.transition(dossier: dossier.code, to: .supplementRequested, note: "  ", by: clerk) }
        bench.set(monday.adding(days: 1), 9)
        _ = try bench.intake.transition(dossier: dossier.code, to: .supplementRequested, note: "Thiếu giấy chứng sinh", by: clerk)
        // The citizen comes back two working days later (Thursday): the due date moves from Thursday to Monday.
        bench.set(day(2026, 3, 5), 10)
        let supplemented = try bench.intake.transition(dossier: dossier.code, to: .supplemented, note: nil, by: clerk)
        #expect(bench.calendar.local(supplemented.dueAt).date == day(2026, 3, 9))
        // It is not in the overdue list on Thursday any more, but is on Friday (due the next working day).
        #expect(try bench.intake.overdue(at: bench.clock.now).isEmpty)
        bench.set(day(2026, 3, 6), 8)
        #expect(try bench.intake.overdue(at: bench.clock.now).map(\.code) == [dossier.code])
        _ = try bench.intake.transition(dossier: dossier.code, to: .inProcess, note: nil, by: clerk)
        bench.set(day(2026, 3, 9), 16)
        let done = try bench.intake.transition(dossier: dossier.code, to: .done, note: nil, by: clerk)
        #expect(bench.intake.verdict(of: done) == .onTime)
        let returned = try bench.intake.transition(dossier: dossier.code, to: .returned, note: nil, by: clerk)
        #expect(returned.returnedAt != nil)
        #expect(throws: Problem.self) { try bench.intake.transition(dossier: dossier.code, to: .inProcess, note: nil, by: clerk) }
        let history = try bench.intake.history(dossier: dossier.code)
        #expect(history.compactMap(\.to) == [.received, .inProcess, .supplementRequested, .supplemented, .inProcess, .done, .returned])
        #expect(history[2].note == "Thiếu giấy chứng sinh")
        let entries = try bench.store.journalEntries(after: 0, limit: 20)
        #expect(entries.last?.payload.contains("\"verdict\":\"onTime\"") == true)

        // Two supplement requests: late whatever the date.
        let twice = try bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk)
        for status in [Dossier.Status.supplementRequested, .supplemented, .supplementRequested, .supplemented, .done] {
            _ = try bench.intake.transition(dossier: twice.code, to: status, note: "bổ sung", by: clerk)
        }
        #expect(bench.intake.verdict(of: try #require(try bench.intake.dossier(code: twice.code))) == .late)
    }

    @Test func earlyOnTimeAndLate() throws {
        let bench = try intakeHost()
        var verdicts: [Dossier.Verdict?] = []
        for finish in [day(2026, 3, 4), day(2026, 3, 5), day(2026, 3, 6)] {
            bench.set(day(2026, 3, 2), 8)
            let dossier = try bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk)
            _ = try bench.intake.transition(dossier: dossier.code, to: .inProcess, note: nil, by: clerk)
            bench.set(finish, 10)
            verdicts.append(bench.intake.verdict(of: try bench.intake.transition(dossier: dossier.code, to: .done, note: nil, by: clerk)))
        }
        #expect(verdicts == [.early, .onTime, .late])
    }

    @Test func anApologyExtendsOnceOnly() throws {
        let bench = try intakeHost()
        let dossier = try bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk)
        #expect(throws: Problem.self) { try bench.intake.extend(dossier: dossier.code, to: day(2026, 3, 4), reason: "chờ xác minh", by: clerk) }
        #expect(throws: Problem.self) { try bench.intake.extend(dossier: dossier.code, to: day(2026, 3, 7), reason: "chờ xác minh", by: clerk) }  // a Saturday
        let extended = try bench.intake.extend(dossier: dossier.code, to: day(2026, 3, 10), reason: "Chờ xác minh của cơ quan khác", by: clerk)
        #expect(bench.calendar.local(extended.promisedAt).date == day(2026, 3, 10))
        #expect(bench.calendar.local(extended.dueAt).date == day(2026, 3, 5))
        do {
            _ = try bench.intake.extend(dossier: dossier.code, to: day(2026, 3, 12), reason: "lần hai", by: clerk)
            Issue.record("a second extension was accepted")
        } catch let problem as Problem {
            #expect(problem.code == "intake.already-extended")
        }
        let extendedEntry = try #require(try bench.store.journalEntries(after: 0, limit: 10).first { $0.kind == "dossier.extended" })
        #expect(extendedEntry.payload.contains("\"timely\":true"))
    }

    @Test func aClerkMayOverrideTheDateWithAReason() throws {
        let bench = try intakeHost()
        var request = IntakeRequest(procedure: "1.004873", formValues: applicant)
        request.dueOverride = DueOverride(date: "2026-03-06", reason: "")
        #expect(throws: Problem.self) { try bench.intake.receive(request, by: clerk) }
        request.dueOverride = DueOverride(date: "2026-03-06", reason: "Hồ sơ phức tạp, lãnh đạo đồng ý")
        let dossier = try bench.intake.receive(request, by: clerk)
        #expect(bench.calendar.local(dossier.dueAt).date == day(2026, 3, 6))
        #expect(bench.calendar.local(try #require(dossier.originalDueAt)).date == day(2026, 3, 5))
        #expect(try bench.store.journalEntries(after: 0, limit: 10).map(\.kind) == ["dossier.received", "dossier.due-overridden"])
    }

    @Test func fourOnTheSpotDecidesSameDayProceduresInOneSitting() throws {
        let bench = try intakeHost()
        var values = applicant
        values["document.pageCount"] = "2"
        values["document.copyCount"] = "1"
        var request = IntakeRequest(procedure: "2.000815", formValues: values)
        request.onTheSpot = true
        let dossier = try bench.intake.receive(request, by: clerk)
        #expect(dossier.status == .returned)
        #expect(bench.intake.verdict(of: dossier) == .onTime)
        // A 3-working-day procedure cannot be.
        var slow = IntakeRequest(procedure: "1.004873", formValues: applicant)
        slow.onTheSpot = true
        #expect(throws: Problem.self) { try bench.intake.receive(slow, by: clerk) }
        // Nor a same-day one after its 15:00 cut-off.
        bench.set(day(2026, 3, 2), 15, 30)
        #expect(throws: Problem.self) { try bench.intake.receive(request, by: clerk) }
    }

    @Test func scansAreCheckedByTheirBytesAndKeptOnDisk() throws {
        let bench = try intakeHost(testManifest(plugin: #"{ "maxFileBytes": 2000 }"#))
        let pdf = Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x20, count: 100)
        var request = IntakeRequest(procedure: "1.004873", formValues: applicant)
        request.documents = [DocumentSubmission(index: 0, file: Upload(name: "to-khai.pdf", base64: Data(pdf).base64EncodedString())),
                             DocumentSubmission(index: 2, digitised: false)]
        let dossier = try bench.intake.receive(request, by: clerk)
        #expect(dossier.documents.map(\.digitised) == [true, false])
        let stored = try #require(try bench.intake.file(dossier: dossier.code, document: 0))
        #expect(stored.bytes == pdf && stored.file.contentType == "application/pdf")

        request.documents = [DocumentSubmission(index: 0, file: Upload(base64: Data("MZ not a scan".utf8).base64EncodedString()))]
        #expect { try bench.intake.receive(request, by: clerk) } throws: { ($0 as? Problem)?.code == "intake.file-type" }
        request.documents = [DocumentSubmission(index: 0, file: Upload(base64: Data([0xFF, 0xD8, 0xFF] + [UInt8](repeating: 1, count: 3000)).base64EncodedString()))]
        #expect { try bench.intake.receive(request, by: clerk) } throws: { ($0 as? Problem)?.code == "intake.file-too-large" }
        request.documents = [DocumentSubmission(index: 42)]
        #expect { try bench.intake.receive(request, by: clerk) } throws: { ($0 as? Problem)?.code == "intake.unknown-document" }
    }

    @Test func theLookupCanAskForThePhonesLastDigits() throws {
        let bench = try intakeHost(testManifest(plugin: #"{ "lookupNeedsPhoneDigits": true }"#))
        let dossier = try bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk)
        #expect(try bench.intake.lookup(code: dossier.code, phoneDigits: nil) == nil)
        #expect(try bench.intake.lookup(code: dossier.code, phoneDigits: "0000") == nil)
        #expect(try bench.intake.lookup(code: dossier.code, phoneDigits: "5678")?.code == dossier.code)
    }

    @Test func codesSurviveARestartAndAreNeverReused() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: file) }
        var codes: [String] = []
        let key = try KeyEncryptionKey.ephemeral()
        do {
            let bench = try intakeHost(store: try SQLiteStore(path: file.path), key: key)
            codes.append(try bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk).code)
        }
        let reopened = try intakeHost(store: try SQLiteStore(path: file.path), key: key)
        codes.append(try reopened.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk).code)
        #expect(codes == ["25.12345-260302-0001", "25.12345-260302-0002"])
    }
}

@Suite("Form validation", .onEachEngine)
struct FormValidationTests {
    @Test(arguments: [("001090012345", true), ("079203001234", true), ("003090012345", false), ("00109001234", false), ("00109001234a", false)])
    func citizenIDs(_ text: String, _ valid: Bool) {
        if case .success = CitizenID.parse(text) { #expect(valid) } else { #expect(!valid) }
    }

    @Test func citizenIDsEncodeCenturyAndSex() throws {
        let id = try CitizenID.parse("079305001234").get()
        #expect(id.birthYear == 2005 && id.sex == .female && id.provinceCode == "079")
    }

    @Test(arguments: [("0912345678", "0912345678"), ("+84 912 345 678", "0912345678"), ("0243.825.1234", "02438251234"), ("0123456789", nil), ("091234567", nil)])
    func phones(_ text: String, _ expected: String?) {
        #expect(FormValidation.normalisedPhone(text) == expected)
    }

    @Test(arguments: [("1.500.000", Int64(1_500_000)), ("1500000 đ", 1_500_000), ("2,000", 2_000), ("1.5", nil), ("12.34.567", nil), ("abc", nil)])
    func money(_ text: String, _ expected: Int64?) {
        #expect(FormValidation.wholeDong(text) == expected)
    }

    @Test func emailsAndDates() {
        #expect(FormValidation.isEmail("an.nguyen@example.vn"))
        #expect(!FormValidation.isEmail("an@localhost"))
        #expect(!FormValidation.isEmail("a b@example.vn"))
        #expect(FormValidation.parseDate("29/02/2024") == day(2024, 2, 29))
        #expect(FormValidation.parseDate("30/02/2024") == nil)
    }
}

@Suite("Journal payload times", .onEachEngine)
struct PayloadTimeTests {
    @Test func receivedAtIsISO8601WithMilliseconds() throws {
        let bench = try intakeHost(time: LocalTime(hour: 8, minute: 15)!)
        bench.clock.advance(by: 0.25)
        _ = try bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk)
        let payload = try #require(try bench.store.journalEntries(after: 0, limit: 1).first?.payload)
        #expect(payload.contains("\"receivedAt\":\"2026-03-02T01:15:00.250Z\""))
        #expect(payload.contains("\"dueAt\":\"2026-03-05T10:00:00.000Z\""))
    }
}
