import Foundation
import MotCuaCore

/// Rows, journal entries and scans.
extension IntakeOneStop {
    func insert(_ dossier: Dossier, _ transaction: any StoreTransaction) throws {
        try transaction.execute("""
            INSERT INTO intake_onestop_dossiers (code, procedure, sector, channel, status, counter, clerk, ticket, applicant, form_json,
                documents_json, received_ms, received_day, due_ms, original_due_ms, override_reason, extended_due_ms, extension_reason,
                promised_ms, supplements, paused_ms, finished_ms, returned_ms, last_note, case_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)
            """, [
                .text(dossier.code), .text(dossier.procedure), .text(dossier.sector), .text(dossier.channel.rawValue), .text(dossier.status.rawValue),
                Self.text(dossier.counter), Self.text(dossier.clerk), Self.text(dossier.ticketID), .text(dossier.applicantName),
                .text(Self.json(dossier.formValues)), .text(try JSONValueEncoder().serialize(dossier.documents)),
                .integer(JournalEntry.milliseconds(dossier.receivedAt)), .text(calendar.local(dossier.receivedAt).date.description),
                .integer(JournalEntry.milliseconds(dossier.dueAt)), .integer(JournalEntry.milliseconds(dossier.originalDueAt ?? dossier.dueAt)),
                Self.text(dossier.dueOverrideReason), Self.ms(dossier.extendedDueAt), Self.text(dossier.extensionReason),
                .integer(JournalEntry.milliseconds(dossier.promisedAt)), .integer(Int64(dossier.supplementRequests)),
                Self.ms(dossier.finishedAt), Self.ms(dossier.returnedAt), Self.text(dossier.lastNote), Self.text(dossier.procedureCase),
            ])
    }

    func load(_ code: String, _ db: any SQLExecutor) throws -> Dossier? {
        try db.queryFirst("SELECT * FROM intake_onestop_dossiers WHERE code = ?", [.text(code)]).map { try Self.dossier(from: $0) }
    }

    /// A dossier from its row. Lists leave out what they do not show, the checklist
    /// (`withDocuments: false`) and the form values (`withForm: false`): decoding them is
    /// most of a list's time.
    static func dossier(from row: SQLRow, withDocuments: Bool = true, withForm: Bool = true) throws -> Dossier {
        func date(_ column: String) throws -> Date? { try row.optionalInt64(column).map(JournalEntry.date(milliseconds:)) }
        guard let channel = Dossier.Channel(rawValue: try row.string("channel")), let status = Dossier.Status(rawValue: try row.string("status")) else {
            throw StoreError.columnType("status", expected: "a dossier status", found: "text")
        }
        var values: [String: String] = [:]
        if withForm, case .object(let object) = try JSONParser().parse(try row.string("form_json")) {
            for (key, value) in object { values[key] = value.stringValue }
        }
        var dossier = Dossier(code: try row.string("code"), procedure: try row.string("procedure"), channel: channel, status: status,
                              applicantName: try row.string("applicant"), formValues: values,
                              receivedAt: JournalEntry.date(milliseconds: try row.int64("received_ms")),
                              dueAt: JournalEntry.date(milliseconds: try row.int64("due_ms")))
        dossier.sector = try row.string("sector")
        dossier.procedureCase = try row.optionalString("case_id")
        dossier.counter = try row.optionalString("counter")
        dossier.clerk = try row.optionalString("clerk")
        dossier.ticketID = try row.optionalString("ticket")
        if withDocuments {
            dossier.documents = try JSONValueDecoder().decode([DossierDocument].self, from: try JSONParser().parse(try row.string("documents_json")))
        }
        dossier.originalDueAt = try date("original_due_ms")
        dossier.dueOverrideReason = try row.optionalString("override_reason")
        dossier.extendedDueAt = try date("extended_due_ms")
        dossier.extensionReason = try row.optionalString("extension_reason")
        dossier.supplementRequests = try row.int("supplements")
        dossier.finishedAt = try date("finished_ms")
        dossier.returnedAt = try date("returned_ms")
        dossier.lastNote = try row.optionalString("last_note")
        return dossier
    }

    /// Appends the journal entry and the history step of a change; returns the live event to publish after commit.
    func journal(_ transaction: any StoreTransaction, _ dossier: Dossier, kind: String, by principal: Principal, at now: Date,
                 payload: [(String, JSONValue)], step: (from: Dossier.Status?, to: Dossier.Status?, note: String?)) throws -> DomainEvent {
        let text = JSONValue.object(JSONObject(payload)).serialized()
        try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: kind, subject: "dossier:\(dossier.code)", payload: text))
        try transaction.execute("INSERT INTO intake_onestop_steps (code, at_ms, actor, kind, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                [.text(dossier.code), .integer(JournalEntry.milliseconds(now)), .text(principal.description), .text(kind),
                                 Self.text(step.from?.rawValue), Self.text(step.to?.rawValue), Self.text(step.note)])
        return DomainEvent(topic: "intake", kind: kind, subject: "dossier:\(dossier.code)", at: now, payload: text)
    }

    // MARK: Checklist and scans

    /// The checklist lines with their decoded scans, checked before anything is written.
    func checklist(_ submitted: [DocumentSubmission], of procedure: Procedure) throws -> [(document: DossierDocument, bytes: [UInt8]?)] {
        var seen = Set<Int>()
        var lines: [(document: DossierDocument, bytes: [UInt8]?)] = []
        for (position, line) in submitted.enumerated() {
            let field = "documents[\(position)]"
            guard procedure.documents.indices.contains(line.index), seen.insert(line.index).inserted else {
                throw Problem("intake.unknown-document", en: "\(field).index: \(line.index) is not a document of procedure \(procedure.code) (0–\(procedure.documents.count - 1), each once).",
                              vi: "\(field).index: \(line.index) không phải thành phần hồ sơ của thủ tục \(procedure.code) (0–\(procedure.documents.count - 1), mỗi thành phần một lần).",
                              details: [.init(field: "\(field).index", code: "unknown", message: LocalizedText(vi: "Thành phần hồ sơ không có", en: "No such document"))])
            }
            var bytes: [UInt8]?
            if let upload = line.file {
                guard let data = Data(base64Encoded: upload.base64, options: .ignoreUnknownCharacters) else {
                    throw Problem("intake.file-encoding", en: "\(field).file: the file is not valid base64.", vi: "\(field).file: tệp không đúng mã base64.",
                                  details: [.init(field: "\(field).file", code: "base64", message: LocalizedText(vi: "Tệp hỏng", en: "Corrupt file"))])
                }
                guard data.count <= maxFileBytes else {
                    throw Problem("intake.file-too-large", status: 413,
                                  en: "\(field).file: \(data.count) bytes is over the limit of \(maxFileBytes) bytes; scan at a lower resolution.",
                                  vi: "\(field).file: \(data.count) byte vượt giới hạn \(maxFileBytes) byte; hãy quét với độ phân giải thấp hơn.",
                                  details: [.init(field: "\(field).file", code: "too-large", message: LocalizedText(vi: "Tệp quá lớn", en: "File too large"))])
                }
                guard StoredFile.contentType(sniffing: Array(data.prefix(8))) != nil else {
                    throw Problem("intake.file-type", status: 415, en: "\(field).file: only PDF, JPEG and PNG scans are accepted.",
                                  vi: "\(field).file: chỉ nhận bản quét PDF, JPEG hoặc PNG.",
                                  details: [.init(field: "\(field).file", code: "type", message: LocalizedText(vi: "Chỉ nhận PDF, JPEG, PNG", en: "PDF, JPEG or PNG only"))])
                }
                guard context.dataFolder != nil else {
                    throw Problem("intake.files-unavailable", status: 503, en: "This server keeps no data folder, so scans cannot be stored.",
                                  vi: "Máy chủ không có thư mục dữ liệu nên không lưu được bản quét.")
                }
                bytes = [UInt8](data)
            }
            lines.append((DossierDocument(index: line.index, name: procedure.documents[line.index], provided: true,
                                          digitised: bytes != nil || (line.digitised ?? false)), bytes))
        }
        return lines
    }

    /// The dossier's folder under the data folder, emptied: a code whose first use never
    /// committed may have left files behind.
    func files(for code: String) throws -> URL {
        guard let root = context.dataFolder else { throw Problem("intake.files-unavailable", status: 503, en: "No data folder.", vi: "Không có thư mục dữ liệu.") }
        let folder = root.appendingPathComponent("intake", isDirectory: true).appendingPathComponent(Self.safe(code), isDirectory: true)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func store(_ bytes: [UInt8], document index: Int, in folder: URL, code: String) throws -> StoredFile {
        let type = StoredFile.contentType(sniffing: Array(bytes.prefix(8))) ?? "application/octet-stream"
        let suffix = type == "application/pdf" ? "pdf" : type == "image/png" ? "png" : "jpg"
        let name = "\(index).\(suffix)"
        try Data(bytes).write(to: folder.appendingPathComponent(name), options: .atomic)
        return StoredFile(path: "intake/\(Self.safe(code))/\(name)", contentType: type, size: bytes.count)
    }

    public func file(dossier code: String, document index: Int) throws -> (file: StoredFile, bytes: [UInt8])? {
        guard let root = context.dataFolder, let dossier = try dossier(code: code),
              let file = dossier.documents.first(where: { $0.index == index })?.file else { return nil }
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(file.path).path) else { return nil }
        return (file, [UInt8](data))
    }

    // MARK: Values

    static func safe(_ code: String) -> String {
        String(code.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") ? $0 : "_" })
    }

    /// ISO 8601 UTC with milliseconds, e.g. `2026-03-02T01:15:00.000Z` (Docs/Events.md), as the journal writes it.
    static func iso(_ date: Date) -> String {
        JournalEntry.isoText(date)
    }

    static func ms(_ date: Date?) -> SQLValue {
        date.map { .integer(JournalEntry.milliseconds($0)) } ?? .null
    }

    static func text(_ value: String?) -> SQLValue {
        value.map(SQLValue.text) ?? .null
    }

    static func json(_ values: [String: String]) -> String {
        JSONValue.object(JSONObject(values.keys.sorted().map { ($0, JSONValue.string(values[$0]!)) })).serialized()
    }
}
