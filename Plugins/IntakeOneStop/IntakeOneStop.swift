#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// One-stop dossier reception: the form the deployment enables, the checklist with scans,
/// codes from the deployment's template, legal appointment dates, the status workflow with
/// the supplement clock, early/on-time/late verdicts, the overdue list and the apology
/// extension, and "4 tại chỗ" same-sitting handling.
///
/// Every change commits with its journal entry (Docs/Events.md) in one transaction; the
/// daily sequence row is updated in that same transaction, so a code is never given twice,
/// even across a crash.
public struct IntakeOneStop: IntakePlugin {
    /// The manifest section `"intake.onestop": { … }`; every key is optional.
    public struct Settings: Decodable, Sendable {
        /// The largest scan accepted, in bytes; 5,000,000 when absent.
        public var maxFileBytes: Int?
        /// Whether the public lookup asks for the last 4 digits of the applicant's phone; false when absent.
        public var lookupNeedsPhoneDigits: Bool?
        /// Whether "4 tại chỗ" (receive, decide and return in one sitting) is offered; true when absent.
        public var onTheSpot: Bool?
    }

    public static let id: PluginID = "intake.onestop"
    public static let version = "1.0.0"
    public static let stability = PluginStability.beta
    public static let summary = LocalizedText(vi: "Tiếp nhận và trả kết quả một cửa: mã hồ sơ, ngày hẹn, quy trình, phiếu 01–07",
                                              en: "One-stop reception and return: dossier codes, appointment dates, workflow, forms 01–07")
    public static let migrations = [
        Migration(version: 1, name: "create-dossiers", statements: [
            """
            CREATE TABLE intake_onestop_dossiers (
                code TEXT PRIMARY KEY,
                procedure TEXT NOT NULL,
                sector TEXT NOT NULL,
                channel TEXT NOT NULL,
                status TEXT NOT NULL,
                counter TEXT,
                clerk TEXT,
                ticket TEXT,
                applicant TEXT NOT NULL,
                form_json TEXT NOT NULL,
                documents_json TEXT NOT NULL,
                received_ms INTEGER NOT NULL,
                received_day TEXT NOT NULL,
                due_ms INTEGER NOT NULL,
                original_due_ms INTEGER NOT NULL,
                override_reason TEXT,
                extended_due_ms INTEGER,
                extension_reason TEXT,
                promised_ms INTEGER NOT NULL,
                supplements INTEGER NOT NULL,
                paused_ms INTEGER,
                finished_ms INTEGER,
                returned_ms INTEGER,
                last_note TEXT
            )
            """,
            "CREATE INDEX intake_onestop_dossiers_open ON intake_onestop_dossiers (promised_ms) WHERE status IN ('received', 'inProcess', 'supplemented')",
            "CREATE INDEX intake_onestop_dossiers_day ON intake_onestop_dossiers (received_day, code)",
            """
            CREATE TABLE intake_onestop_sequences (
                day TEXT PRIMARY KEY,
                last INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE intake_onestop_steps (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL,
                at_ms INTEGER NOT NULL,
                actor TEXT NOT NULL,
                kind TEXT NOT NULL,
                from_status TEXT,
                to_status TEXT,
                note TEXT
            )
            """,
            "CREATE INDEX intake_onestop_steps_code ON intake_onestop_steps (code, id)",
        ]),
        // Personal values sealed under the dossier's key (Docs/Privacy.md); NULL for a row
        // written in clear before encryption, which `start()` seals.
        Migration(version: 2, name: "seal-personal-values", statements: [
            "ALTER TABLE intake_onestop_dossiers ADD COLUMN personal BLOB",
        ]),
        // The procedure case a dossier was received under (procedures with several deadlines).
        Migration(version: 3, name: "dossier-case", statements: [
            "ALTER TABLE intake_onestop_dossiers ADD COLUMN case_id TEXT",
        ]),
    ]

    /// The statuses each status may move to: the workflow of the intake contract.
    public static let transitions = Dossier.workflow

    let settings: Settings
    let context: HostContext
    var deployment: Deployment { context.deployment }
    var calendar: WorkingCalendar { context.calendar }
    var maxFileBytes: Int { settings.maxFileBytes ?? 5_000_000 }

    public init(settings: Settings, context: HostContext) throws {
        if let limit = settings.maxFileBytes, !(1_000...50_000_000).contains(limit) {
            throw Problem("intake.settings", status: 500,
                          en: "intake.onestop: maxFileBytes \(limit) must be from 1000 to 50000000; correct it in the manifest.",
                          vi: "intake.onestop: maxFileBytes \(limit) phải từ 1000 đến 50000000; hãy sửa trong tệp cấu hình.")
        }
        self.settings = settings
        self.context = context
    }

    // MARK: Receiving

    public func receive(_ request: IntakeRequest, by principal: Principal) throws -> Dossier {
        let procedure = try procedure(request.procedure)
        let procedureCase = try procedure.resolveCase(request.procedureCase)
        let deadline = procedure.deadline(case: procedureCase, channel: request.channel)
        if let counter = request.counter, deployment.counter(counter) == nil {
            throw Problem("intake.unknown-counter", en: "No counter \"\(counter)\" in this deployment.", vi: "Không có quầy \"\(counter)\".",
                          details: [.init(field: "counter", code: "unknown", message: LocalizedText(vi: "Quầy không tồn tại", en: "Unknown counter"))])
        }
        let now = context.clock.now
        let today = calendar.local(now).date
        let values = try FormValidation(form: deployment.form(for: procedure), today: today).validate(request.formValues)
        let uploads = try checklist(request.documents ?? [], of: procedure)

        var appointment = calendar.appointment(for: deadline, receivedAt: now)
        let legalDue = appointment.dueAt
        var overrideReason: String?
        if let override = request.dueOverride {
            appointment.dueAt = try overriddenDue(override, receivedDay: today)
            overrideReason = override.reason.trimmed()
        }
        let onTheSpot = request.onTheSpot ?? false
        if onTheSpot {
            guard settings.onTheSpot ?? true else {
                throw Problem("intake.on-the-spot-off", en: "This centre does not offer same-sitting handling.",
                              vi: "Trung tâm không áp dụng giải quyết \"4 tại chỗ\".",
                              details: [.init(field: "onTheSpot", code: "off", message: LocalizedText(vi: "Không áp dụng", en: "Not offered"))])
            }
            guard deadline.unit == .immediate, calendar.local(appointment.dueAt).date == today else {
                throw Problem("intake.not-on-the-spot",
                              en: "Procedure \(procedure.code) cannot be decided in one sitting today: only same-day procedures received before their cut-off can.",
                              vi: "Thủ tục \(procedure.code) không giải quyết \"4 tại chỗ\" hôm nay được: chỉ thủ tục giải quyết trong ngày, nhận trước giờ chốt.",
                              details: [.init(field: "onTheSpot", code: "not-same-day", message: LocalizedText(vi: "Thủ tục không giải quyết trong ngày", en: "Not a same-day procedure"))])
            }
        }

        var dossier = Dossier(code: "", procedure: procedure.code, channel: request.channel, status: .received,
                              applicantName: values["applicant.fullName"] ?? values["applicant.organisation"] ?? values["business.name"] ?? "",
                              formValues: values, receivedAt: now, dueAt: appointment.dueAt)
        dossier.sector = procedure.sector
        dossier.procedureCase = procedureCase?.id
        dossier.counter = request.counter
        dossier.clerk = principal.id.isEmpty ? principal.description : principal.id
        dossier.ticketID = request.ticketID
        dossier.originalDueAt = legalDue
        dossier.dueOverrideReason = overrideReason
        dossier.documents = uploads.map(\.document)

        let vault = try personalData()
        var written: [String] = []
        var events: [DomainEvent] = []
        do {
            dossier = try context.store.write { transaction in
                var dossier = dossier
                dossier.code = try nextCode(on: today, transaction)
                // The dossier's key, its sealed values and its scans commit together: scans are
                // flushed to disk before the commit, and removed below if it fails.
                let subject = Self.subject(of: dossier)
                let sealed = try vault.seal(Self.personalPlaintext(dossier), for: subject, purpose: "form", in: transaction)
                for (index, upload) in uploads.enumerated() {
                    guard let bytes = upload.bytes else { continue }
                    let file = try store(bytes, document: upload.document.index, for: subject, transaction)
                    written.append(file.path)
                    dossier.documents[index].file = file
                }
                try insert(dossier, personal: sealed, transaction)
                events.append(try journal(transaction, dossier, kind: "dossier.received", by: principal, at: now, payload: [
                    ("procedure", .string(procedure.code)), ("sector", .string(procedure.sector)), ("channel", .string(dossier.channel.rawValue)),
                    ("case", dossier.procedureCase.map(JSONValue.string) ?? .null),
                    ("counter", dossier.counter.map(JSONValue.string) ?? .null), ("clerk", .string(dossier.clerk ?? "")),
                    ("ticket", dossier.ticketID.map(JSONValue.string) ?? .null), ("receivedAt", .string(Self.iso(now))),
                    ("dueAt", .string(Self.iso(dossier.dueAt))), ("documents", .number(.integer(Int64(dossier.documents.count)))),
                    ("digitised", .number(.integer(Int64(dossier.documents.count(where: \.digitised))))),
                    ("personal", .string(Data(sealed).base64EncodedString())),
                ] + (request.portalCode.map { [("portalCode", JSONValue.string($0))] } ?? []), step: (nil, .received, nil)))
                if let overrideReason {
                    events.append(try journal(transaction, dossier, kind: "dossier.due-overridden", by: principal, at: now, payload: [
                        ("previousDueAt", .string(Self.iso(legalDue))), ("dueAt", .string(Self.iso(dossier.dueAt))), ("reason", .string(overrideReason)),
                    ], step: (nil, nil, overrideReason)))
                }
                if onTheSpot {
                    for status in [Dossier.Status.inProcess, .done, .returned] {
                        events.append(try apply(status, note: "4 tại chỗ", to: &dossier, by: principal, at: now, transaction))
                    }
                }
                return dossier
            }
        } catch {
            context.blobs?.remove(written)
            throw error
        }
        for event in events { context.events.publish(event) }
        context.logger.info("dossier \(dossier.code) received for \(procedure.code), due \(Self.iso(dossier.dueAt))")
        return dossier
    }

    /// The enabled procedure with this code, or the problem a clerk can act on.
    func procedure(_ code: String) throws -> Procedure {
        guard let procedure = deployment.procedure(code) else {
            throw Problem("intake.unknown-procedure", status: 404, en: "No procedure \(code) in this deployment's catalogue.",
                          vi: "Không có thủ tục \(code) trong danh mục của trung tâm.",
                          details: [.init(field: "procedure", code: "unknown", message: LocalizedText(vi: "Thủ tục không tồn tại", en: "Unknown procedure"))])
        }
        guard deployment.isEnabled(sector: procedure.sector) else {
            let sector = deployment.sector(procedure.sector)?.name ?? LocalizedText(vi: procedure.sector, en: procedure.sector)
            throw Problem("intake.sector-disabled", status: 422,
                          en: "Procedure \(code) belongs to \(sector.en), which this centre does not receive.",
                          vi: "Thủ tục \(code) thuộc lĩnh vực \(sector.vi), trung tâm không tiếp nhận lĩnh vực này.",
                          details: [.init(field: "procedure", code: "sector-disabled", message: LocalizedText(vi: "Lĩnh vực không tiếp nhận tại đây", en: "Sector not received here"))])
        }
        return procedure
    }

    private func overriddenDue(_ override: DueOverride, receivedDay: LocalDate) throws -> Date {
        guard let day = FormValidation.parseDate(override.date) else {
            throw Problem("intake.invalid-override", en: "dueOverride.date: \"\(override.date)\" is not a date (yyyy-MM-dd).",
                          vi: "dueOverride.date: \"\(override.date)\" không phải ngày (yyyy-MM-dd).",
                          details: [.init(field: "dueOverride.date", code: "date", message: LocalizedText(vi: "Ngày không hợp lệ", en: "Not a date"))])
        }
        guard day >= receivedDay, calendar.isOpen(on: day) || calendar.isWorkingDay(day) else {
            throw Problem("intake.invalid-override", en: "dueOverride.date: \(day) must be a working day on or after the receipt day.",
                          vi: "dueOverride.date: \(day) phải là ngày làm việc, không trước ngày tiếp nhận.",
                          details: [.init(field: "dueOverride.date", code: "not-working-day", message: LocalizedText(vi: "Phải là ngày làm việc từ hôm nay", en: "A working day from today on"))])
        }
        guard !override.reason.trimmed().isEmpty else {
            throw Problem("intake.override-reason", en: "dueOverride.reason: say why the calendar's date does not apply.",
                          vi: "dueOverride.reason: hãy ghi lý do không dùng ngày hẹn theo lịch.",
                          details: [.init(field: "dueOverride.reason", code: "required", message: LocalizedText(vi: "Bắt buộc ghi lý do", en: "A reason is required"))])
        }
        return calendar.instant(day, calendar.hours(on: day).last?.end ?? .endOfDay)
    }

    /// Takes the next number of the day; the row is updated in the dossier's own transaction.
    private func nextCode(on day: LocalDate, _ transaction: any StoreTransaction) throws -> String {
        try transaction.execute("INSERT INTO intake_onestop_sequences (day, last) VALUES (?, 0) ON CONFLICT (day) DO NOTHING", [.text(day.description)])
        try transaction.execute("UPDATE intake_onestop_sequences SET last = last + 1 WHERE day = ?", [.text(day.description)])
        let sequence = try transaction.queryFirst("SELECT last FROM intake_onestop_sequences WHERE day = ?", [.text(day.description)])?.int("last") ?? 1
        let template = deployment.dossierCode
        guard sequence <= template.maximumSequence else {
            throw Problem("intake.sequence-exhausted", status: 503,
                          en: "All \(template.maximumSequence) dossier numbers of \(day) are used; widen the template (e.g. {seq5}).",
                          vi: "Đã dùng hết \(template.maximumSequence) số hồ sơ của ngày \(day); hãy mở rộng mẫu mã (ví dụ {seq5}).")
        }
        return template.code(agency: deployment.centre.agencyCode, unit: deployment.centre.unitCode, date: day, sequence: sequence)
    }

    // MARK: Workflow

    public func transition(dossier code: String, to status: Dossier.Status, note: String?, by principal: Principal) throws -> Dossier {
        let now = context.clock.now
        let note = note?.trimmed().nilIfEmpty
        if [.supplementRequested, .refused, .stopped].contains(status), note == nil {
            throw Problem("intake.note-required", en: "Give the reason for \(status.rawValue): it is printed on the citizen's form.",
                          vi: "Hãy ghi lý do: lý do được in trên phiếu gửi công dân.",
                          details: [.init(field: "note", code: "required", message: LocalizedText(vi: "Bắt buộc ghi lý do", en: "A reason is required"))])
        }
        var event: DomainEvent?
        let dossier = try context.store.write { transaction in
            guard var dossier = try load(code, transaction) else { throw Self.noSuchDossier(code) }
            event = try apply(status, note: note, to: &dossier, by: principal, at: now, transaction)
            return dossier
        }
        if let event { context.events.publish(event) }
        return dossier
    }

    /// Moves `dossier` to `status` inside `transaction`: checks the order, runs the clock,
    /// updates the row and journals the change.
    private func apply(_ status: Dossier.Status, note: String?, to dossier: inout Dossier, by principal: Principal, at now: Date,
                       _ transaction: any StoreTransaction) throws -> DomainEvent {
        let from = dossier.status
        let allowed = Self.transitions[from] ?? []
        guard allowed.contains(status) else {
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            throw Problem("intake.transition", status: 409,
                          en: "Dossier \(dossier.code) is \(from.rawValue); it can move to \(list.isEmpty ? "nothing (it is closed)" : list), not \(status.rawValue).",
                          vi: "Hồ sơ \(dossier.code) đang ở trạng thái \(from.rawValue); chỉ chuyển được sang \(list.isEmpty ? "không trạng thái nào (đã kết thúc)" : list), không sang \(status.rawValue).",
                          details: [.init(field: "status", code: "out-of-order", message: LocalizedText(vi: "Không đúng trình tự", en: "Out of order"))])
        }
        var paused: Date?
        switch status {
        case .supplementRequested:
            dossier.supplementRequests += 1
            paused = now
        case .supplemented:
            // The citizen's time does not count: move the due dates by the working days they held the dossier.
            let since = try transaction.queryFirst("SELECT paused_ms FROM intake_onestop_dossiers WHERE code = ?", [.text(dossier.code)])?
                .optionalInt64("paused_ms").map(JournalEntry.date(milliseconds:)) ?? now
            let held = workingDays(from: calendar.local(since).date, to: calendar.local(now).date)
            dossier.dueAt = shift(dossier.dueAt, by: held)
            dossier.extendedDueAt = dossier.extendedDueAt.map { shift($0, by: held) }
        case .done:
            dossier.finishedAt = now
        case .returned:
            dossier.returnedAt = now
        default:
            break
        }
        dossier.status = status
        dossier.lastNote = note
        if dossier.isClosed {
            // Retention counts from here (Docs/Privacy.md).
            try context.personalData?.markClosed(Self.subject(of: dossier).id, at: now, in: transaction)
        }
        try transaction.execute("""
            UPDATE intake_onestop_dossiers SET status = ?, due_ms = ?, extended_due_ms = ?, promised_ms = ?, supplements = ?, paused_ms = ?,
                finished_ms = ?, returned_ms = ?, last_note = ? WHERE code = ?
            """, [.text(status.rawValue), .integer(JournalEntry.milliseconds(dossier.dueAt)), Self.ms(dossier.extendedDueAt),
                  .integer(JournalEntry.milliseconds(dossier.promisedAt)), .integer(Int64(dossier.supplementRequests)), Self.ms(paused),
                  Self.ms(dossier.finishedAt), Self.ms(dossier.returnedAt), note.map(SQLValue.text) ?? .null, .text(dossier.code)])
        var payload: [(String, JSONValue)] = [
            ("procedure", .string(dossier.procedure)), ("sector", .string(dossier.sector)), ("channel", .string(dossier.channel.rawValue)),
            ("counter", dossier.counter.map(JSONValue.string) ?? .null), ("clerk", .string(principal.id.isEmpty ? principal.description : principal.id)),
            ("from", .string(from.rawValue)), ("to", .string(status.rawValue)), ("note", note.map(JSONValue.string) ?? .null),
            ("dueAt", .string(Self.iso(dossier.dueAt))), ("supplementRequests", .number(.integer(Int64(dossier.supplementRequests)))),
        ]
        if status == .done || status == .returned, let verdict = verdict(of: dossier) {
            payload.append(("verdict", .string(verdict.rawValue)))
        }
        return try journal(transaction, dossier, kind: "dossier.status-changed", by: principal, at: now, payload: payload, step: (from, status, note))
    }

    /// Early, on time or late, for a decided dossier.
    public func verdict(of dossier: Dossier) -> Dossier.Verdict? {
        guard let finished = dossier.finishedAt else { return nil }
        return dossier.verdict(dueDay: calendar.local(dossier.dueAt).date, finishedDay: calendar.local(finished).date)
    }

    /// Working days after `start` up to and including `end`: a supplement returned the same day holds nothing.
    func workingDays(from start: LocalDate, to end: LocalDate) -> Int {
        guard start < end else { return 0 }
        return (1...start.days(to: end)).count { calendar.isWorkingDay(start.adding(days: $0)) }
    }

    /// The same local time `n` working days later.
    func shift(_ instant: Date, by n: Int) -> Date {
        guard n > 0 else { return instant }
        let (day, time) = calendar.local(instant)
        return calendar.instant(calendar.addingWorkingDays(n, to: day), time)
    }

    // MARK: Apology and extension

    public func extend(dossier code: String, to date: LocalDate, reason: String, by principal: Principal) throws -> Dossier {
        let now = context.clock.now
        let reason = reason.trimmed()
        guard !reason.isEmpty else {
            throw Problem("intake.note-required", en: "Give the reason for the delay: it is printed on the apology letter (form 04).",
                          vi: "Hãy ghi lý do chậm trễ: lý do được in trên văn bản xin lỗi (mẫu 04).",
                          details: [.init(field: "reason", code: "required", message: LocalizedText(vi: "Bắt buộc ghi lý do", en: "A reason is required"))])
        }
        var event: DomainEvent?
        let dossier = try context.store.write { transaction in
            guard var dossier = try load(code, transaction) else { throw Self.noSuchDossier(code) }
            guard !dossier.isClosed, dossier.status != .done else {
                throw Problem("intake.extend-closed", status: 409, en: "Dossier \(code) is \(dossier.status.rawValue); only an open dossier can be extended.",
                              vi: "Hồ sơ \(code) đã \(dossier.status.rawValue); chỉ gia hạn được hồ sơ đang giải quyết.")
            }
            guard dossier.extendedDueAt == nil else {
                throw Problem("intake.already-extended", status: 409, en: "Dossier \(code) was already extended once; a new date can be set only once.",
                              vi: "Hồ sơ \(code) đã được gia hạn một lần; chỉ được hẹn lại một lần.")
            }
            let dueDay = calendar.local(dossier.dueAt).date
            guard date > dueDay, calendar.isWorkingDay(date) else {
                throw Problem("intake.invalid-extension", en: "The new date \(date) must be a working day after the due date \(dueDay).",
                              vi: "Ngày hẹn mới \(date) phải là ngày làm việc sau ngày hẹn \(dueDay).",
                              details: [.init(field: "date", code: "range", message: LocalizedText(vi: "Phải là ngày làm việc sau ngày hẹn", en: "A working day after the due date"))])
            }
            let previous = dossier.promisedAt
            // The 2018 rules ask for the apology at least a day before the due date; record whether it was.
            let timely = calendar.local(now).date < calendar.local(previous).date
            dossier.extendedDueAt = calendar.instant(date, calendar.hours(on: date).last?.end ?? .endOfDay)
            dossier.extensionReason = reason
            try transaction.execute("UPDATE intake_onestop_dossiers SET extended_due_ms = ?, extension_reason = ?, promised_ms = ? WHERE code = ?",
                                    [Self.ms(dossier.extendedDueAt), .text(reason), .integer(JournalEntry.milliseconds(dossier.promisedAt)), .text(code)])
            event = try journal(transaction, dossier, kind: "dossier.extended", by: principal, at: now, payload: [
                ("previousDueAt", .string(Self.iso(previous))), ("dueAt", .string(Self.iso(dossier.promisedAt))), ("reason", .string(reason)),
                ("sector", .string(dossier.sector)), ("procedure", .string(dossier.procedure)), ("timely", .bool(timely)),
            ], step: (nil, nil, reason))
            return dossier
        }
        if let event { context.events.publish(event) }
        return dossier
    }

    // MARK: Reading

    public func dossier(code: String) throws -> Dossier? {
        try context.store.read { try load(code, $0) }
    }

    /// Seals dossiers written in clear before encryption existed, one transaction each.
    public func start() async throws {
        try sealClearDossiers()
    }

    /// The dossier for the public lookup: the code, and the phone's last 4 digits when the
    /// deployment asks for them (a wrong or missing pair answers as if there were no dossier).
    public func lookup(code: String, phoneDigits: String?) throws -> Dossier? {
        guard let dossier = try dossier(code: code) else { return nil }
        guard settings.lookupNeedsPhoneDigits ?? false else { return dossier }
        guard let phone = dossier.formValues["applicant.phone"] else { return dossier }
        return phoneDigits.map { $0.count == 4 && phone.hasSuffix($0) } == true ? dossier : nil
    }

    /// Whether the public lookup needs the phone's last digits.
    public var lookupNeedsPhoneDigits: Bool { settings.lookupNeedsPhoneDigits ?? false }

    public func history(dossier code: String) throws -> [DossierStep] {
        try context.store.read { db in
            try db.query("SELECT at_ms, actor, kind, from_status, to_status, note FROM intake_onestop_steps WHERE code = ? ORDER BY id",
                         [.text(code)]).map { row in
                DossierStep(at: JournalEntry.date(milliseconds: try row.int64("at_ms")), actor: try row.string("actor"), kind: try row.string("kind"),
                            from: try row.optionalString("from_status").flatMap(Dossier.Status.init(rawValue:)),
                            to: try row.optionalString("to_status").flatMap(Dossier.Status.init(rawValue:)), note: try row.optionalString("note"))
            }
        }
    }

    /// The overdue list; its dossiers carry neither checklist nor form values.
    public func overdue(at now: Date) throws -> [Dossier] {
        let horizon = calendar.instant(calendar.nextWorkingDay(after: calendar.local(now).date), .endOfDay)
        return try context.store.read { db in
            try db.query("SELECT * FROM intake_onestop_dossiers WHERE status IN ('received', 'inProcess', 'supplemented') AND promised_ms <= ? ORDER BY promised_ms, code",
                         [.integer(JournalEntry.milliseconds(horizon))]).map { try dossier(from: $0, withDocuments: false, withForm: false, db) }
        }
    }

    /// The register; its dossiers carry no checklist (form 07 does not print one).
    public func register(from first: LocalDate, through last: LocalDate) throws -> [Dossier] {
        try context.store.read { db in
            try db.query("SELECT * FROM intake_onestop_dossiers WHERE received_day BETWEEN ? AND ? ORDER BY received_ms, code",
                         [.text(first.description), .text(last.description)]).map { try dossier(from: $0, withDocuments: false, db) }
        }
    }

    static func noSuchDossier(_ code: String) -> Problem {
        Problem("intake.no-such-dossier", status: 404, en: "No dossier with code \(code).", vi: "Không có hồ sơ mã \(code).",
                details: [.init(field: "code", code: "unknown", message: LocalizedText(vi: "Mã hồ sơ không tồn tại", en: "Unknown dossier code"))])
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
