#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHost

/// The intake contract's conformance scenarios, run for every deployment that composes an
/// intake plugin: appointment dates at the hard instants, the full workflow with supplements,
/// the manifest's field switches, code uniqueness under concurrency, and a crash between two steps.
public enum IntakeSuite: HarnessSuite {
    public static let kind = PluginKind.intake

    public static func scenarios(for deployment: Deployment) -> [Scenario] {
        [
            Scenario("intake: appointment dates across weekends, Tết, compensation days and cut-offs") { try appointments($0) },
            Scenario("intake: full workflow with supplements and the on-time verdict") { try workflow($0) },
            Scenario("intake: the manifest's field switches reach the form, the API and the printed slip") { try fieldSwitches($0) },
            Scenario("intake: concurrent receptions never share a code") { try await concurrency($0) },
            Scenario("intake: a crash between two steps leaves no half-saved dossier") { try crash($0) },
            Scenario("intake: the postal channel, from registration to delivery") { try postal($0) },
            Scenario("intake: every dossier and step reaches the national portal once, through an outage") { try await portalSync($0) },
        ]
    }

    // MARK: Scenarios

    static func appointments(_ environment: HarnessEnvironment) throws {
        let intake = try primary(environment)
        let calendar = environment.deployment.calendar
        let procedures = sample(environment.deployment)
        for instant in hardInstants(calendar) {
            environment.clock.set(instant)
            for procedure in procedures {
                let dossier = try intake.receive(request(procedure, environment.deployment), by: .staff("harness"))
                let deadline = counterDeadline(procedure)
                let expected = calendar.appointment(for: deadline, receivedAt: instant)
                let context = "\(procedure.code) received \(calendar.local(instant).date) \(calendar.local(instant).time)"
                try expect(dossier.dueAt == expected.dueAt, "\(context): due \(dossier.dueAt), the calendar says \(expected.dueAt)")
                let dueDay = calendar.local(dossier.dueAt).date
                try expect(calendar.isWorkingDay(dueDay) || (deadline.unit == .immediate && calendar.isOpen(on: dueDay)),
                           "\(context): due on \(dueDay), a day off")
                try expect(dossier.dueAt >= instant, "\(context): due before receipt")
                if let cutoff = deadline.cutoff, calendar.isWorkingTime(instant) {
                    let (_, time) = calendar.local(instant)
                    let effectiveDay = calendar.local(expected.effectiveReceipt).date
                    try expect((time > cutoff) == (effectiveDay > calendar.local(instant).date),
                               "\(context): cut-off \(cutoff) not applied")
                }
            }
        }
    }

    static func workflow(_ environment: HarnessEnvironment) throws {
        let intake = try primary(environment)
        let calendar = environment.deployment.calendar
        guard let procedure = sample(environment.deployment).first(where: { $0.deadline.unit == .workingDays && ($0.deadline.value ?? 0) >= 2 })
                ?? sample(environment.deployment).first else { return }
        let actor = Principal.staff("harness")
        let dossier = try intake.receive(request(procedure, environment.deployment), by: actor)
        let code = dossier.code
        for status in [Dossier.Status.done, .returned, .supplemented] {
            try expect((try? intake.transition(dossier: code, to: status, note: "x", by: actor)) == nil, "\(code): received → \(status) was allowed")
        }
        _ = try intake.transition(dossier: code, to: .inProcess, note: nil, by: actor)
        _ = try intake.transition(dossier: code, to: .supplementRequested, note: "Bổ sung bản sao giấy tờ", by: actor)
        // The citizen holds the dossier for two working days: the due date moves two working days.
        let requestDay = calendar.local(environment.clock.now).date
        let returnDay = calendar.addingWorkingDays(2, to: requestDay)
        environment.clock.set(calendar.instant(returnDay, calendar.hours(on: returnDay).first?.start ?? LocalTime(hour: 8, minute: 0)!))
        let supplemented = try intake.transition(dossier: code, to: .supplemented, note: nil, by: actor)
        let before = calendar.local(dossier.dueAt)
        let after = calendar.local(supplemented.dueAt)
        try expect(after.date == calendar.addingWorkingDays(2, to: before.date) && after.time == before.time,
                   "\(code): due \(before.date) should move two working days for the supplement, got \(after.date)")
        _ = try intake.transition(dossier: code, to: .inProcess, note: nil, by: actor)
        // Decided on the last day (not early): on time.
        environment.clock.set(calendar.instant(after.date, calendar.hours(on: after.date).first?.start ?? LocalTime(hour: 8, minute: 0)!))
        let done = try intake.transition(dossier: code, to: .done, note: nil, by: actor)
        let verdict = done.verdict(dueDay: after.date, finishedDay: calendar.local(try require(done.finishedAt, "finishedAt")).date)
        try expect(verdict == .onTime, "\(code): decided on the due day, verdict \(String(describing: verdict)), expected onTime")
        let returned = try intake.transition(dossier: code, to: .returned, note: nil, by: actor)
        try expect(returned.status == .returned && returned.isClosed, "\(code): not closed after return")
        let history = try intake.history(dossier: code).compactMap(\.to)
        try expect(history == [.received, .inProcess, .supplementRequested, .supplemented, .inProcess, .done, .returned], "\(code): history \(history)")
        let entries = try environment.store.journalEntries(after: 0, limit: 100).filter { $0.subject == "dossier:\(code)" }
        try expect(entries.count == 7, "\(code): \(entries.count) journal entries, expected 7")
        try expect(entries.last?.payload.contains("\"verdict\":\"onTime\"") == true, "\(code): the return's journal entry lacks the verdict")
        try expect(entries.allSatisfy { $0.payload.contains("\"sector\":\"\(procedure.sector)\"") }, "\(code): an entry lacks the sector")
        // A second supplement request makes any dossier late.
        let twice = try intake.receive(request(procedure, environment.deployment), by: actor).code
        for status in [Dossier.Status.supplementRequested, .supplemented, .supplementRequested, .supplemented, .done] {
            _ = try intake.transition(dossier: twice, to: status, note: "bổ sung", by: actor)
        }
        let late = try require(try intake.dossier(code: twice), twice)
        try expect(late.verdict(dueDay: calendar.local(late.dueAt).date, finishedDay: calendar.local(late.finishedAt!).date) == .late,
                   "\(twice): two supplement requests but not late")
        try expect(try environment.store.verifyJournal().firstBadSequence == nil, "the journal does not verify")
    }

    static func fieldSwitches(_ environment: HarnessEnvironment) throws {
        let intake = try primary(environment)
        let deployment = environment.deployment
        guard let procedure = sample(deployment).first else { return }
        let form = deployment.form(for: procedure)
        let onForm = Set(form.map(\.field.id))
        let expected = Set(deployment.enabledFormFieldIDs).union(procedure.formFields)
        try expect(onForm == expected, "\(procedure.code): the form has \(onForm.sorted()), expected \(expected.sorted())")

        // The page shows exactly those controls.
        let page = PageContext(language: .vi, deployment: deployment, caller: .citizen, path: "/reception")
        let html = Pages.receptionForm(context: page, procedure: procedure, ticket: nil,
                                       appointment: deployment.calendar.appointment(for: counterDeadline(procedure), receivedAt: environment.clock.now),
                                       now: environment.clock.now, procedureCase: someCase(procedure)).html
        for field in deployment.formFields {
            let shown = html.contains("data-value=\"\(field.id)\"")
            try expect(shown == onForm.contains(field.id), "\(procedure.code): field \(field.id) \(shown ? "shown" : "hidden") on the reception page")
        }
        // The API: each required field left out is named; a field switched off is refused.
        let full = values(form)
        for (field, required) in form where required {
            var missing = full
            missing[field.id] = nil
            try expectFieldError(intake, procedure, missing, field: "formValues.\(field.id)")
        }
        if let off = deployment.formFields.first(where: { !onForm.contains($0.id) }) {
            var extra = full
            extra[off.id] = values([(off, true)])[off.id]
            try expectFieldError(intake, procedure, extra, field: "formValues.\(off.id)")
        }
        // The printed slip carries the citizen ID only where the form asks for it.
        let dossier = try intake.receive(request(procedure, deployment), by: .staff("harness"))
        let slip = try Pages.intakeForm("01", context: page, dossier: dossier, history: [], now: environment.clock.now).html
        let showsID = slip.contains(sampleCitizenID)
        try expect(showsID == onForm.contains("applicant.citizenId"), "form 01 \(showsID ? "shows" : "hides") the citizen ID against the switch")
    }

    static func concurrency(_ environment: HarnessEnvironment) async throws {
        let intake = try primary(environment)
        guard let procedure = sample(environment.deployment).first else { return }
        let request = request(procedure, environment.deployment)
        let codes = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    try (0..<25).map { _ in try intake.receive(request, by: .staff("clerk-\(worker)")).code }
                }
            }
            var all: [String] = []
            for try await batch in group { all += batch }
            return all
        }
        try expect(Set(codes).count == codes.count, "\(codes.count - Set(codes).count) codes given twice")
        let template = environment.deployment.dossierCode
        let day = environment.deployment.calendar.local(environment.clock.now).date
        let expected = Set((1...200).map { template.code(agency: environment.deployment.centre.agencyCode, unit: environment.deployment.centre.unitCode,
                                                          date: day, sequence: $0) })
        try expect(Set(codes) == expected, "the 200 codes are not the day's numbers 1–200")
    }

    static func crash(_ environment: HarnessEnvironment) throws {
        let intake = try primary(environment)
        guard let procedure = sample(environment.deployment).first, !procedure.documents.isEmpty else { return }
        let actor = Principal.staff("harness")
        let first = try intake.receive(request(procedure, environment.deployment), by: actor)
        _ = try intake.transition(dossier: first.code, to: .inProcess, note: nil, by: actor)
        let journalBefore = try environment.store.journalEntries(after: 0, limit: 1_000).count

        // The disk fails while the next dossier's scan is written, after its code was taken.
        let blocker = environment.dataFolder.appendingPathComponent("sealed")
        try FileManager.default.createDirectory(at: environment.dataFolder, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: blocker)
        try Data("not a folder".utf8).write(to: blocker)
        var broken = request(procedure, environment.deployment)
        broken.documents = [DocumentSubmission(index: 0, file: Upload(name: "scan.pdf", base64: Data("%PDF-1.4\n%harness\n".utf8).base64EncodedString()))]
        try expect((try? intake.receive(broken, by: actor)) == nil, "a reception whose scan could not be written was acknowledged")
        try expect(try environment.store.journalEntries(after: 0, limit: 1_000).count == journalBefore, "the failed reception left journal entries")
        try FileManager.default.removeItem(at: blocker)

        // The process dies here; the centre restarts on the same database.
        let clock = ManualClock(environment.clock.now)
        let restarted = try Composition.compose(environment.deployment, catalogue: environment.catalogue, store: environment.store, clock: clock,
                                                events: DiscardingEventSink(), logHandler: SilentLogHandler(), dataFolder: environment.dataFolder,
                                                key: environment.key)
        let again = try require(restarted.intake, "no intake after restart")
        let kept = try require(try again.dossier(code: first.code), first.code)
        try expect(kept.status == .inProcess && kept.dueAt == first.dueAt, "\(first.code) came back as \(kept.status)")
        let next = try again.receive(broken, by: actor)
        let day = environment.deployment.calendar.local(clock.now).date
        let second = environment.deployment.dossierCode.code(agency: environment.deployment.centre.agencyCode,
                                                             unit: environment.deployment.centre.unitCode, date: day, sequence: 2)
        try expect(next.code == second, "after the restart the next code is \(next.code), expected \(second)")
        try expect(try again.file(dossier: next.code, document: 0) != nil, "\(next.code): the scan was not stored")
        _ = try again.transition(dossier: first.code, to: .done, note: nil, by: actor)
        try expect(try environment.store.verifyJournal().firstBadSequence == nil, "the journal does not verify after the restart")
    }

    /// Runs when the deployment composes a postal add-on (Decision 45/2016).
    static func postal(_ environment: HarnessEnvironment) throws {
        let intake = try primary(environment)
        let addOn = environment.composition.plugins.lazy.compactMap { plugin -> (any PostalIntakePlugin)? in
            if case .intake(let candidate) = plugin.instance { candidate as? any PostalIntakePlugin } else { nil }
        }.first
        guard let postal = addOn, let procedure = sample(environment.deployment).first else { return }
        let actor = Principal.staff("harness")
        var sent = request(procedure, environment.deployment)
        sent.channel = .postal
        let dossier = try intake.receive(sent, by: actor)
        let expected = calendar(environment).appointment(for: procedure.deadline(case: someCase(procedure), channel: .postal), receivedAt: dossier.receivedAt)
        try expect(dossier.dueAt == expected.dueAt, "\(dossier.code): a postal reception is due \(dossier.dueAt), the post's deadline gives \(expected.dueAt)")
        let commune = postal.communes.first ?? "Xã Mẫu"
        do {
            _ = try postal.register(PostalRequest(service: .both, phone: "0912345678", addressLine: "Số 1, thôn Mẫu", commune: commune), for: dossier, by: actor)
            throw HarnessFailure("\(dossier.code): a dossier sent by post was registered without the post's receipt number")
        } catch let problem as Problem {
            try expect(problem.details.contains { $0.field == "inboundReceipt" }, "\(dossier.code): the error names \(problem.details.map(\.field))")
        }
        let shipment = try postal.register(PostalRequest(service: .both, phone: "0912345678", addressLine: "Số 1, thôn Mẫu", commune: commune,
                                                         inboundReceipt: "EB123456789VN"), for: dossier, by: actor)
        try expect(shipment.status == .registered && shipment.fee == (postal.feeHint ?? 0), "\(dossier.code): registered as \(shipment.status)")
        try expect((try? postal.register(PostalRequest(service: .returnResult, addressLine: "Số 2, thôn Mẫu", commune: commune), for: dossier, by: actor)) == nil,
                   "\(dossier.code): registered for post twice")
        try expect((try? postal.delivered(dossier: dossier.code, recipientID: sampleCitizenID, by: actor)) == nil,
                   "\(dossier.code): delivered before it was dispatched")
        _ = try intake.transition(dossier: dossier.code, to: .inProcess, note: nil, by: actor)
        _ = try intake.transition(dossier: dossier.code, to: .done, note: nil, by: actor)
        _ = try postal.dispatch(dossier: dossier.code, trackingNumber: "EE987654321VN", by: actor)
        let delivered = try postal.delivered(dossier: dossier.code, recipientID: sampleCitizenID, by: actor)
        try expect(delivered.status == .delivered && delivered.deliveredAt != nil, "\(dossier.code): not delivered")
        _ = try intake.transition(dossier: dossier.code, to: .returned, note: "Đã giao qua bưu chính", by: actor)
        let kinds = try environment.store.journalEntries(after: 0, limit: 1_000).filter { $0.subject == "dossier:\(dossier.code)" }.map(\.kind)
        for kind in ["dossier.postal-registered", "dossier.postal-dispatched", "dossier.postal-delivered"] {
            try expect(kinds.contains(kind), "\(dossier.code): no \(kind) in the journal")
        }
        try expect(try environment.store.verifyJournal().firstBadSequence == nil, "the journal does not verify")
    }

    // MARK: Helpers

    static let sampleCitizenID = "001090012345"

    static func primary(_ environment: HarnessEnvironment) throws -> any IntakePlugin {
        try require(environment.composition.intake, "the deployment composes no primary intake plugin")
    }

    /// Up to three enabled procedures of different units, so each unit's rule is met.
    static func sample(_ deployment: Deployment) -> [Procedure] {
        var seen = Set<String>()
        var chosen: [Procedure] = []
        for procedure in deployment.enabledProcedures {
            let deadline = counterDeadline(procedure)
            let key = "\(deadline.unit)-\(deadline.cutoff != nil)"
            if seen.insert(key).inserted { chosen.append(procedure) }
        }
        return chosen
    }

    /// A reception of `procedure` with every field on its form filled with a valid value,
    /// for benchmarks and tests that need one.
    public static func sampleRequest(_ procedure: Procedure, _ deployment: Deployment) -> IntakeRequest {
        request(procedure, deployment)
    }

    /// A reception of `procedure` with every field on its form filled with a valid value.
    static func request(_ procedure: Procedure, _ deployment: Deployment) -> IntakeRequest {
        IntakeRequest(procedure: procedure.code, case: someCase(procedure)?.id, formValues: values(deployment.form(for: procedure)))
    }

    static func calendar(_ environment: HarnessEnvironment) -> WorkingCalendar { environment.deployment.calendar }

    /// The case a harness reception uses: the default, else the first (nil without cases).
    static func someCase(_ procedure: Procedure) -> ProcedureCase? {
        procedure.defaultCase ?? procedure.cases.first
    }

    /// The deadline of a counter reception made by `request(_:_:)`.
    static func counterDeadline(_ procedure: Procedure) -> Deadline {
        procedure.deadline(case: someCase(procedure), channel: .counter)
    }

    /// A valid value for each field: a man born 1990 in Hà Nội, with a mobile and an email.
    static func values(_ form: [(field: FormField, required: Bool)]) -> [String: String] {
        var values: [String: String] = [:]
        for (field, _) in form {
            let candidates: [String]
            switch field.type {
            case .text: candidates = ["Nguyễn Văn An", "12", "Hộ kinh doanh An Phát"]
            case .address: candidates = ["Số 1, thôn Mẫu, xã Mẫu"]
            case .date: candidates = ["1990-05-04"]
            case .citizenID: candidates = [sampleCitizenID]
            case .phone: candidates = ["0912345678"]
            case .email: candidates = ["an.nguyen@example.vn"]
            case .enum: candidates = (field.options ?? []).map(\.value)
            case .money: candidates = ["1500000", String(field.validation?.min ?? 0)]
            case .number: candidates = [String(field.validation?.min ?? 1), "1"]
            }
            if let valid = candidates.first(where: { if case .valid = FormValidation.check($0, as: field) { true } else { false } }) {
                values[field.id] = valid
            }
        }
        return values
    }

    /// The instants that catch calendar mistakes: a Friday after closing, Tết's eve, a
    /// compensation day's eve, either side of a 15:00 cut-off, a Saturday and lunch.
    static func hardInstants(_ calendar: WorkingCalendar) -> [Date] {
        func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int) -> Date {
            calendar.instant(LocalDate(year: y, month: m, day: d)!, LocalTime(hour: h, minute: min)!)
        }
        return [
            at(2026, 3, 6, 16, 30),   // Friday afternoon: the weekend follows
            at(2026, 3, 6, 17, 30),   // Friday after closing
            at(2026, 3, 7, 9, 0),     // Saturday
            at(2026, 3, 4, 14, 59), at(2026, 3, 4, 15, 1),   // either side of the cut-off
            at(2026, 3, 4, 12, 0),    // lunch
            at(2027, 2, 3, 10, 0),    // Tết 2027 (6 February) is near
            at(2026, 4, 24, 10, 0),   // before Hùng Kings' day (26 April 2026, a Sunday: compensated Monday 27)
            at(2026, 8, 31, 10, 0),   // before National Day
            at(2026, 12, 31, 16, 0),  // New Year's Eve
        ]
    }

    static func expectFieldError(_ intake: any IntakePlugin, _ procedure: Procedure, _ values: [String: String], field: String) throws {
        do {
            _ = try intake.receive(IntakeRequest(procedure: procedure.code, case: someCase(procedure)?.id, formValues: values), by: .staff("harness"))
            throw HarnessFailure("\(procedure.code): \(field) was accepted")
        } catch let problem as Problem {
            try expect(problem.details.contains { $0.field == field }, "\(procedure.code): the error names \(problem.details.map(\.field)), not \(field)")
        }
    }

    static func require<T>(_ value: T?, _ what: String) throws -> T {
        guard let value else { throw HarnessFailure("missing \(what)") }
        return value
    }
}
