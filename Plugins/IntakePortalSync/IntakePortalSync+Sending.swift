#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import Synchronization

/// What the sender keeps between passes in memory only: nothing here is needed after a restart.
final class SenderState: Sendable {
    struct Values {
        var busy = false
        var failures = 0
        var attempts: [String: Int] = [:]
    }

    let values = Mutex(Values())
}

/// A dossier as the add-on projects it from the journal (`intake_portal_dossiers`).
struct PortalRow: Sendable {
    var code: String
    var portalCode: String
    var procedure: String
    var sector: String
    var channel: Dossier.Channel
    var status: Dossier.Status
    var receivedMs: Int64
    var promisedMs: Int64?
    var finishedMs: Int64?
    var returnedMs: Int64?
    var refusedMs: Int64?
    var byPost: Bool
    var digitised: Int
    var counter: String?
    var note: String?
    var lastStepMs: Int64?
    var previousStepMs: Int64?
    var personal: String?
    var appliedSeq: Int64
    /// Filed on the portal and imported: the portal holds it from the start.
    var imported = false
}

/// One message to the portal, derived from a journal entry.
struct PortalMessage: Sendable {
    enum Kind: Sendable { case dossier, progress }
    var kind: Kind
    var code: String
    /// The progress body, ready to send; nil for a dossier message (built when sent, so
    /// `isUpdating` follows what the portal holds by then).
    var body: JSONObject?
    /// The dossier as of the entry, for a dossier message.
    var dossier: PortalDossier
}

extension IntakePortalSync {
    var unit: String { settings.unitCode }

    public func sendPending() async -> PortalSendPass {
        let claimed = state.values.withLock { values -> Bool in
            guard !values.busy else { return false }
            values.busy = true
            return true
        }
        guard claimed else { return PortalSendPass() }
        defer { state.values.withLock { $0.busy = false } }
        var pass = PortalSendPass()
        do {
            if try await sendResends(&pass) == false { return pass }
            while true {
                let cursor = try context.store.read { db in try Self.cursor(db) }
                guard let entry = try context.store.journalEntries(matching: JournalQuery(kinds: Self.kinds, afterSequence: cursor.seq, limit: 1)).first else {
                    return pass
                }
                let messages = try prepare(entry)
                var part = cursor.part
                while part < messages.count {
                    guard try await deliver(messages[part], seq: entry.sequence, part: part, of: messages.count, cursorSeq: cursor.seq, &pass) else { return pass }
                    part += 1
                }
                if messages.isEmpty {
                    try context.store.write { transaction in
                        try transaction.execute("UPDATE intake_portal_cursor SET last_seq = ?, part = 0 WHERE id = 1", [.integer(entry.sequence)])
                    }
                }
            }
        } catch {
            let reason = LocalizedText(vi: "Lỗi khi chuẩn bị dữ liệu gửi Cổng: \(error)", en: "Preparing the portal messages failed: \(error)")
            fail(reason, &pass)
            return pass
        }
    }

    /// Sends one message and records the answer with the cursor; false stops the pass.
    private func deliver(_ message: PortalMessage, seq: Int64, part: Int, of count: Int, cursorSeq: Int64, _ pass: inout PortalSendPass) async throws -> Bool {
        var updating = try isOnPortal(message.code)
        // A new dossier sent before a crash, its answer never recorded, may be on the portal
        // already: ask with an update first, so it is never sent twice as new.
        if message.kind == .dossier, !updating {
            let probing = try context.store.read { db in try db.queryFirst("SELECT inflight FROM intake_portal_cursor WHERE id = 1")?.int("inflight") == 1 }
            if probing {
                updating = true
            } else {
                try context.store.write { transaction in try transaction.execute("UPDATE intake_portal_cursor SET inflight = 1 WHERE id = 1", []) }
            }
        }
        var rounds = 0
        while true {
            rounds += 1
            let body = message.body ?? bodyObject(PortalMapping.dossierMessage(message.dossier, unit: unit, isUpdating: updating))
            var outcome = await transport.send(body)
            if message.kind == .dossier, updating, case .refused(let code, let text) = outcome, PortalMapping.isNotFound(errorCode: code, message: text) {
                // The portal does not hold it (it never arrived before a crash, or an imported
                // dossier the portal lost): now it goes as new.
                outcome = .notFound
            }
            if rounds > 3, case .notFound = outcome {
                outcome = .refused(code: "exists-and-missing", message: "Cổng vừa báo hồ sơ đã tồn tại vừa báo không tồn tại / the portal says the dossier both exists and does not")
            }
            // The cursor after this message: the next part, or past the entry after its last part.
            let next: (Int64, Int) = part + 1 == count ? (seq, 0) : (cursorSeq, part + 1)
            switch outcome {
            case .notFound:
                updating = false
                continue
            case .accepted(let code, let text):
                try record(message, seq: seq, part: part, updating: updating, code: code, text: text, accepted: true, cursor: next)
                pass.accepted += 1
                return true
            case .alreadyExists(let code, let text):
                if message.kind == .dossier, !updating {
                    // The portal has it (an answer lost in a crash, or filed there): send the update instead.
                    try record(message, seq: seq, part: part, updating: updating, code: code, text: text, accepted: false, cursor: nil)
                    updating = true
                    continue
                }
                try record(message, seq: seq, part: part, updating: updating, code: code, text: text, accepted: true, cursor: next)
                pass.accepted += 1
                return true
            case .refused(let code, let text):
                let key = "\(seq)/\(part)"
                let attempts = state.values.withLock { values -> Int in
                    values.attempts[key, default: 0] += 1
                    return values.attempts[key]!
                }
                guard attempts >= (settings.maxAttempts ?? 3) else {
                    fail(LocalizedText(vi: "Cổng từ chối hồ sơ \(message.code) (mã \(code)): \(text); thử lại lần \(attempts + 1)",
                                       en: "The portal refused dossier \(message.code) (code \(code)): \(text); trying again (attempt \(attempts + 1))"), &pass)
                    return false
                }
                state.values.withLock { $0.attempts[key] = nil }
                // Set aside with its reason so the others go on; a supervisor can resend it.
                try record(message, seq: seq, part: part, updating: updating, code: code, text: text, accepted: false, cursor: next, setAside: body)
                pass.refused += 1
                return true
            case .failed(let reason):
                fail(reason, &pass)
                return false
            }
        }
    }

    /// Records a failure that stops the pass: the status row, and the wait before the next try.
    func fail(_ reason: LocalizedText, _ pass: inout PortalSendPass) {
        let failures = state.values.withLock { values -> Int in
            values.failures += 1
            return values.failures
        }
        pass.stoppedBy = reason
        pass.retryAfter = backoff(failures)
        context.logger.warning("portal: \(reason.en)")
        _ = try? context.store.write { transaction in
            try transaction.execute("UPDATE intake_portal_status SET last_error_vi = ?, last_error_en = ?, last_error_ms = ? WHERE id = 1",
                                    [.text(reason.vi), .text(reason.en), .integer(JournalEntry.milliseconds(context.clock.now))])
        }
    }

    /// Records the portal's answer against the dossier and, when given, moves the cursor, in one transaction.
    private func record(_ message: PortalMessage, seq: Int64, part: Int, updating: Bool, code: String, text: String, accepted: Bool,
                        cursor: (Int64, Int)?, setAside: JSONObject? = nil, resent: Int64? = nil) throws {
        let now = JournalEntry.milliseconds(context.clock.now)
        let service = message.kind == .dossier ? PortalMapping.dossierService : PortalMapping.progressService
        try context.store.write { transaction in
            try transaction.execute("""
                INSERT INTO intake_portal_answers (code, seq, part, service, updating, error_code, message, accepted, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(message.code), .integer(seq), .integer(Int64(part)), .text(service), .integer(updating ? 1 : 0), .text(code), .text(text),
                      .integer(accepted ? 1 : 0), .integer(now)])
            // The portal holds the dossier once a dossier message was accepted or it said it already had it.
            let holds = message.kind == .dossier && (accepted || PortalMapping.isAlreadyExists(errorCode: code, message: text))
            try transaction.execute("""
                UPDATE intake_portal_dossiers SET last_error_code = ?, last_message = ?, last_answer_ms = ?, on_portal = CASE WHEN ? = 1 THEN 1 ELSE on_portal END
                WHERE code = ?
                """, [.text(code), .text(text), .integer(now), .integer(holds ? 1 : 0), .text(message.code)])
            if accepted {
                try transaction.execute("UPDATE intake_portal_status SET last_success_ms = ?, accepted = accepted + 1 WHERE id = 1", [.integer(now)])
            }
            if let setAside {
                var stored = setAside
                stored["session"] = nil
                try transaction.execute("""
                    INSERT INTO intake_portal_refused (code, seq, part, service, body, error_code, message, queued, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)
                    """, [.text(message.code), .integer(seq), .integer(Int64(part)), .text(service),
                          .text(message.kind == .dossier ? "" : JSONValue.object(stored).serialized()), .text(code), .text(text), .integer(now)])
            }
            if let resent {
                if accepted {
                    try transaction.execute("DELETE FROM intake_portal_refused WHERE id = ?", [.integer(resent)])
                } else if code != "0" {
                    try transaction.execute("UPDATE intake_portal_refused SET queued = 0, error_code = ?, message = ?, at_ms = ? WHERE id = ?",
                                            [.text(code), .text(text), .integer(now), .integer(resent)])
                }
            }
            if let (next, nextPart) = cursor {
                try transaction.execute("UPDATE intake_portal_cursor SET last_seq = ?, part = ?, inflight = 0 WHERE id = 1", [.integer(next), .integer(Int64(nextPart))])
            }
        }
        if accepted { state.values.withLock { $0.failures = 0 } }
    }

    /// Sends the messages a supervisor queued again, oldest first; false stops the pass.
    private func sendResends(_ pass: inout PortalSendPass) async throws -> Bool {
        let queued = try context.store.read { db in
            try db.query("SELECT id, code, service, body FROM intake_portal_refused WHERE queued = 1 ORDER BY id", []).map {
                (id: try $0.int64("id"), code: try $0.string("code"), service: try $0.string("service"), body: try $0.string("body"))
            }
        }
        for item in queued {
            var message: PortalMessage
            guard let row = try context.store.read({ db in try Self.load(item.code, db) }) else { continue }
            let dossier = try portalDossier(row, step: nil)
            if item.service == PortalMapping.dossierService {
                message = PortalMessage(kind: .dossier, code: item.code, body: nil, dossier: dossier)
            } else {
                guard case .object(let body)? = try? JSONParser().parse(item.body) else { continue }
                message = PortalMessage(kind: .progress, code: item.code, body: body, dossier: dossier)
            }
            var updating = try isOnPortal(item.code)
            while true {
                let body = message.body ?? bodyObject(PortalMapping.dossierMessage(message.dossier, unit: unit, isUpdating: updating))
                switch await transport.send(body) {
                case .accepted(let code, let text):
                    try record(message, seq: 0, part: 0, updating: updating, code: code, text: text, accepted: true, cursor: nil, resent: item.id)
                    pass.accepted += 1
                case .alreadyExists(let code, let text) where message.kind == .dossier && !updating:
                    try record(message, seq: 0, part: 0, updating: updating, code: code, text: text, accepted: false, cursor: nil)
                    updating = true
                    continue
                case .alreadyExists(let code, let text):
                    try record(message, seq: 0, part: 0, updating: updating, code: code, text: text, accepted: true, cursor: nil, resent: item.id)
                    pass.accepted += 1
                case .refused(let code, let text):
                    try record(message, seq: 0, part: 0, updating: updating, code: code, text: text, accepted: false, cursor: nil, resent: item.id)
                    pass.refused += 1
                case .failed(let reason):
                    fail(reason, &pass)
                    return false
                case .notFound:
                    break
                }
                break
            }
        }
        return true
    }

    private func isOnPortal(_ code: String) throws -> Bool {
        try context.store.read { db in try db.queryFirst("SELECT on_portal FROM intake_portal_dossiers WHERE code = ?", [.text(code)])?.int("on_portal") == 1 }
    }

    private func bodyObject(_ value: JSONValue) -> JSONObject {
        if case .object(let object) = value { return object }
        return JSONObject()
    }

    // MARK: From journal entries to messages

    /// Applies `entry` to the dossier's row (once: the row remembers the last entry applied)
    /// and answers the entry's messages, in the order they are sent.
    func prepare(_ entry: JournalEntry) throws -> [PortalMessage] {
        guard entry.subject.hasPrefix("dossier:") else { return [] }
        let code = String(entry.subject.dropFirst("dossier:".count))
        let row: PortalRow? = try context.store.write { transaction in
            var row = try Self.load(code, transaction)
            if row.map({ $0.appliedSeq < entry.sequence }) ?? true {
                guard let applied = Self.apply(entry, code: code, to: row) else { return row }
                row = applied
                try Self.save(applied, transaction)
            }
            return row
        }
        guard let row, row.appliedSeq == entry.sequence else { return [] }
        let payload = entry.payloadValue
        switch entry.kind {
        case "dossier.received":
            let step = PortalDossier.Step(at: entry.at, status: .received, actorName: officerTitle, department: department(row),
                                          content: PortalMapping.stepWords[.received] ?? "", startedAt: nil)
            let dossier = try portalDossier(row, step: step)
            return [PortalMessage(kind: .dossier, code: code, body: nil, dossier: dossier),
                    PortalMessage(kind: .progress, code: code, body: bodyObject(PortalMapping.progressMessage(dossier, unit: unit)), dossier: dossier)]
        case "dossier.status-changed":
            let status = row.status
            let label = PortalMapping.stepWords[status] ?? status.rawValue
            let note = payload["note"]?.stringValue
            let step = PortalDossier.Step(at: entry.at, status: status, actorName: officerTitle, department: department(row),
                                          content: note.map { "\(label): \($0)" } ?? label,
                                          startedAt: row.previousStepMs.map(JournalEntry.date(milliseconds:)))
            let dossier = try portalDossier(row, step: step)
            return [PortalMessage(kind: .progress, code: code, body: bodyObject(PortalMapping.progressMessage(dossier, unit: unit)), dossier: dossier),
                    PortalMessage(kind: .dossier, code: code, body: nil, dossier: dossier)]
        case "dossier.extended", "dossier.due-overridden":
            return [PortalMessage(kind: .dossier, code: code, body: nil, dossier: try portalDossier(row, step: nil))]
        default:
            return []
        }
    }

    var officerTitle: String { settings.officerTitle ?? "Chuyên viên" }

    func department(_ row: PortalRow) -> String {
        row.counter.flatMap { context.deployment.counter($0)?.name.vi } ?? "Bộ phận một cửa"
    }

    /// The facts the mapping reads, with the personal values opened for the message only.
    func portalDossier(_ row: PortalRow, step: PortalDossier.Step?) throws -> PortalDossier {
        var name = "", form: [String: String] = [:]
        if let sealed = row.personal.flatMap({ Data(base64Encoded: $0) }), let vault = context.personalData,
           let plain = try context.store.read({ db in try vault.open(Array(sealed), subject: "dossier:\(row.code)", purpose: "form", in: db) }),
           let value = try? JSONParser().parse(String(decoding: plain, as: UTF8.self)) {
            name = value["applicant"]?.stringValue ?? ""
            if case .object(let values)? = value["form"] {
                for (key, item) in values { form[key] = item.stringValue }
            }
        }
        let procedure = context.deployment.procedure(row.procedure)
        let sector = context.deployment.sector(row.sector)
        let received = JournalEntry.date(milliseconds: row.receivedMs)
        let step = step ?? PortalDossier.Step(at: row.lastStepMs.map(JournalEntry.date(milliseconds:)) ?? received, status: row.status,
                                              actorName: officerTitle, department: department(row), content: "", startedAt: nil)
        var dossier = PortalDossier(portalCode: row.portalCode, code: row.code, procedure: codes.procedure(row.procedure),
                                    procedureName: procedure?.name.vi ?? row.procedure, sectorCode: codes.sector(row.sector),
                                    sectorName: sector?.name.vi ?? row.sector, channel: row.channel, status: row.status,
                                    applicantName: name.isEmpty ? "Không xác định" : name, formValues: form, receivedAt: received,
                                    promisedAt: row.promisedMs.map(JournalEntry.date(milliseconds:)), centreName: context.deployment.centre.name.vi, step: step)
        dossier.finishedAt = row.finishedMs.map(JournalEntry.date(milliseconds:))
        dossier.returnedAt = row.returnedMs.map(JournalEntry.date(milliseconds:))
        dossier.refusedAt = row.refusedMs.map(JournalEntry.date(milliseconds:))
        dossier.returnMethod = row.byPost ? .post : .counter
        dossier.digitised = row.digitised
        dossier.note = row.note
        return dossier
    }

    /// The row after `entry`; nil when the entry says nothing the portal needs (or names a
    /// dossier the journal never received).
    static func apply(_ entry: JournalEntry, code: String, to row: PortalRow?) -> PortalRow? {
        let payload = entry.payloadValue
        let at = entry.atMilliseconds
        func instant(_ key: String) -> Int64? {
            payload[key]?.stringValue.flatMap(JournalEntry.instant(iso:)).map(JournalEntry.milliseconds)
        }
        if entry.kind == "dossier.received" {
            guard row == nil else { return nil }
            return PortalRow(code: code, portalCode: payload["portalCode"]?.stringValue ?? code, procedure: payload["procedure"]?.stringValue ?? "",
                             sector: payload["sector"]?.stringValue ?? "", channel: Dossier.Channel(rawValue: payload["channel"]?.stringValue ?? "") ?? .counter,
                             status: .received, receivedMs: instant("receivedAt") ?? at, promisedMs: instant("dueAt"), byPost: false,
                             digitised: Int(payload["digitised"]?.int64Value ?? 0), counter: payload["counter"]?.stringValue, note: nil,
                             lastStepMs: at, previousStepMs: nil, personal: payload["personal"]?.stringValue, appliedSeq: entry.sequence,
                             imported: payload["portalCode"]?.stringValue != nil)
        }
        guard var row else { return nil }
        row.appliedSeq = entry.sequence
        switch entry.kind {
        case "dossier.status-changed":
            guard let status = Dossier.Status(rawValue: payload["to"]?.stringValue ?? "") else { return nil }
            row.status = status
            row.note = payload["note"]?.stringValue
            if let due = instant("dueAt"), row.promisedMs.map({ $0 < due }) ?? true { row.promisedMs = due }
            switch status {
            case .done: row.finishedMs = at
            case .returned: row.returnedMs = at
            case .refused: row.refusedMs = at
            default: break
            }
            row.previousStepMs = row.lastStepMs
            row.lastStepMs = at
        case "dossier.extended", "dossier.due-overridden":
            row.promisedMs = instant("dueAt") ?? row.promisedMs
        case "dossier.postal-registered":
            row.byPost = payload["service"]?.stringValue != "sendDossier"
        default:
            return nil
        }
        return row
    }

    static func load(_ code: String, _ db: any SQLExecutor) throws -> PortalRow? {
        guard let row = try db.queryFirst("SELECT * FROM intake_portal_dossiers WHERE code = ?", [.text(code)]) else { return nil }
        return PortalRow(code: code, portalCode: try row.string("portal_code"), procedure: try row.string("procedure"), sector: try row.string("sector"),
                         channel: Dossier.Channel(rawValue: try row.string("channel")) ?? .counter,
                         status: Dossier.Status(rawValue: try row.string("status")) ?? .received, receivedMs: try row.int64("received_ms"),
                         promisedMs: try row.optionalInt64("promised_ms"), finishedMs: try row.optionalInt64("finished_ms"),
                         returnedMs: try row.optionalInt64("returned_ms"), refusedMs: try row.optionalInt64("refused_ms"), byPost: try row.int("by_post") == 1,
                         digitised: try row.int("digitised"), counter: try row.optionalString("counter"), note: try row.optionalString("note"),
                         lastStepMs: try row.optionalInt64("last_step_ms"), previousStepMs: try row.optionalInt64("previous_step_ms"),
                         personal: try row.optionalString("personal"), appliedSeq: try row.int64("applied_seq"))
    }

    static func save(_ row: PortalRow, _ transaction: any StoreTransaction) throws {
        func ms(_ value: Int64?) -> SQLValue { value.map(SQLValue.integer) ?? .null }
        func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
        try transaction.execute("""
            INSERT INTO intake_portal_dossiers (code, portal_code, procedure, sector, channel, status, received_ms, promised_ms, finished_ms, returned_ms,
                refused_ms, by_post, digitised, counter, note, last_step_ms, previous_step_ms, personal, applied_seq, on_portal)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (code) DO UPDATE SET status = excluded.status, promised_ms = excluded.promised_ms, finished_ms = excluded.finished_ms,
                returned_ms = excluded.returned_ms, refused_ms = excluded.refused_ms, by_post = excluded.by_post, note = excluded.note,
                last_step_ms = excluded.last_step_ms, previous_step_ms = excluded.previous_step_ms, applied_seq = excluded.applied_seq
            """, [.text(row.code), .text(row.portalCode), .text(row.procedure), .text(row.sector), .text(row.channel.rawValue), .text(row.status.rawValue),
                  .integer(row.receivedMs), ms(row.promisedMs), ms(row.finishedMs), ms(row.returnedMs), ms(row.refusedMs), .integer(row.byPost ? 1 : 0),
                  .integer(Int64(row.digitised)), text(row.counter), text(row.note), ms(row.lastStepMs), ms(row.previousStepMs), text(row.personal),
                  .integer(row.appliedSeq), .integer(row.imported ? 1 : 0)])
    }
}
