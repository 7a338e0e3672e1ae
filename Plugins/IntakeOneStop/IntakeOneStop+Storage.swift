#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// Rows, journal entries and scans.
extension IntakeOneStop {
    /// Inserts a dossier; its name and form values go only into `personal`, sealed.
    func insert(_ dossier: Dossier, personal: [UInt8], _ transaction: any StoreTransaction) throws {
        try transaction.execute("""
            INSERT INTO intake_onestop_dossiers (code, procedure, sector, channel, status, counter, clerk, ticket, applicant, form_json,
                documents_json, received_ms, received_day, due_ms, original_due_ms, override_reason, extended_due_ms, extension_reason,
                promised_ms, supplements, paused_ms, finished_ms, returned_ms, last_note, personal, case_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)
            """, [
                .text(dossier.code), .text(dossier.procedure), .text(dossier.sector), .text(dossier.channel.rawValue), .text(dossier.status.rawValue),
                Self.text(dossier.counter), Self.text(dossier.clerk), Self.text(dossier.ticketID),
                .text(try JSONValueEncoder().serialize(dossier.documents)),
                .integer(JournalEntry.milliseconds(dossier.receivedAt)), .text(calendar.local(dossier.receivedAt).date.description),
                .integer(JournalEntry.milliseconds(dossier.dueAt)), .integer(JournalEntry.milliseconds(dossier.originalDueAt ?? dossier.dueAt)),
                Self.text(dossier.dueOverrideReason), Self.ms(dossier.extendedDueAt), Self.text(dossier.extensionReason),
                .integer(JournalEntry.milliseconds(dossier.promisedAt)), .integer(Int64(dossier.supplementRequests)),
                Self.ms(dossier.finishedAt), Self.ms(dossier.returnedAt), Self.text(dossier.lastNote), .blob(personal), Self.text(dossier.procedureCase),
            ])
    }

    func load(_ code: String, _ db: any SQLExecutor) throws -> Dossier? {
        try db.queryFirst("SELECT * FROM intake_onestop_dossiers WHERE code = ?", [.text(code)]).map { try dossier(from: $0, db) }
    }

    /// A dossier from its row with its personal values opened: a sealed row is opened with
    /// the dossier's key (empty and marked erased once the key is destroyed); a row written in
    /// clear before encryption is read as it is.
    func dossier(from row: SQLRow, withDocuments: Bool = true, withForm: Bool = true, _ db: any SQLExecutor) throws -> Dossier {
        var dossier = try Self.dossier(from: row, withDocuments: withDocuments, withForm: withForm)
        guard let sealed = try row.optionalBlob("personal") else { return dossier }
        guard let vault = context.personalData,
              let plaintext = try vault.open(sealed, subject: Self.subject(of: dossier).id, purpose: "form", in: db) else {
            dossier.personalDataErased = true
            return dossier
        }
        guard case .object(let object) = try JSONParser().parse(plaintext) else { throw StoreError.corrupt("dossier \(dossier.code): personal values") }
        dossier.applicantName = object["applicant"]?.stringValue ?? ""
        if withForm, case .object(let form)? = object["form"] {
            for (key, value) in form { dossier.formValues[key] = value.stringValue }
        }
        return dossier
    }

    /// The journal subject of a dossier, under which its key and files are kept.
    static func subject(of dossier: Dossier) -> PersonalDataSubject {
        PersonalDataSubject(id: "dossier:\(dossier.code)", procedure: dossier.procedure, sector: dossier.sector)
    }

    /// What is sealed of a dossier: the applicant's name and the form values.
    static func personalPlaintext(_ dossier: Dossier) -> [UInt8] {
        let form = JSONValue.object(JSONObject(dossier.formValues.keys.sorted().map { ($0, JSONValue.string(dossier.formValues[$0]!)) }))
        return Array(JSONValue.object(JSONObject([("applicant", .string(dossier.applicantName)), ("form", form)])).serialized().utf8)
    }

    /// The host's vault, or the problem a clerk sees when the host gives none.
    func personalData() throws -> any PersonalDataVault {
        guard let vault = context.personalData else {
            throw Problem("intake.personal-data-unavailable", status: 503,
                          en: "This server has no key for personal data, so dossiers cannot be stored; start it with its data folder.",
                          vi: "Máy chủ không có khóa dữ liệu cá nhân nên không lưu được hồ sơ; hãy khởi động với thư mục dữ liệu.")
        }
        return vault
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
                guard context.blobs != nil else {
                    throw Problem("intake.files-unavailable", status: 503, en: "This server keeps no data folder, so scans cannot be stored.",
                                  vi: "Máy chủ không có thư mục dữ liệu nên không lưu được bản quét.")
                }
                bytes = [UInt8](data)
            }
            if let copies = line.copies, !(1...99).contains(copies) {
                throw Problem("intake.copies", en: "\(field).copies: \(copies) is not a number of copies from 1 to 99.",
                              vi: "\(field).copies: số bản \(copies) phải từ 1 đến 99.",
                              details: [.init(field: "\(field).copies", code: "range", message: LocalizedText(vi: "Số bản từ 1 đến 99", en: "1 to 99 copies"))])
            }
            lines.append((DossierDocument(index: line.index, name: procedure.documents[line.index], provided: true,
                                          digitised: bytes != nil || (line.digitised ?? false), form: line.form, copies: line.copies), bytes))
        }
        return lines
    }

    /// Seals a scan under the dossier's key through the host's blob store, flushed to disk.
    func store(_ bytes: [UInt8], document index: Int, for subject: PersonalDataSubject, _ transaction: any StoreTransaction) throws -> StoredFile {
        guard let blobs = context.blobs else { throw Problem("intake.files-unavailable", status: 503, en: "No data folder.", vi: "Không có thư mục dữ liệu.") }
        let type = StoredFile.contentType(sniffing: Array(bytes.prefix(8))) ?? "application/octet-stream"
        let suffix = type == "application/pdf" ? "pdf" : type == "image/png" ? "png" : "jpg"
        let path = try blobs.write(bytes, name: "\(index).\(suffix)", for: subject, in: transaction)
        return StoredFile(path: path, contentType: type, size: bytes.count)
    }

    public func file(dossier code: String, document index: Int) throws -> (file: StoredFile, bytes: [UInt8])? {
        guard let blobs = context.blobs else { return nil }
        return try context.store.read { db in
            guard let dossier = try load(code, db), let file = dossier.documents.first(where: { $0.index == index })?.file,
                  let bytes = try blobs.read(file.path, subject: Self.subject(of: dossier).id, in: db) else { return nil }
            return (file, bytes)
        }
    }

    // MARK: Dossiers written before encryption

    /// Seals every dossier still in clear: its name and form values, and its scans, each
    /// dossier in one transaction with its new key, so a crash leaves every dossier either
    /// wholly clear (sealed at the next start) or wholly sealed. Clear scans are removed once
    /// their sealed copies committed.
    func sealClearDossiers() throws {
        guard let vault = context.personalData else { return }
        var sealedAny = false
        while true {
            let codes = try context.store.read { db in
                try db.query("SELECT code FROM intake_onestop_dossiers WHERE personal IS NULL ORDER BY code LIMIT 200").map { try $0.string("code") }
            }
            if codes.isEmpty { break }
            for code in codes {
                var clearFiles: [String] = []
                var written: [String] = []
                do {
                    try context.store.write { transaction in
                        guard let row = try transaction.queryFirst("SELECT * FROM intake_onestop_dossiers WHERE code = ? AND personal IS NULL", [.text(code)]) else { return }
                        var dossier = try Self.dossier(from: row)
                        let subject = Self.subject(of: dossier)
                        let sealed = try vault.seal(Self.personalPlaintext(dossier), for: subject, purpose: "form", in: transaction)
                        for (position, document) in dossier.documents.enumerated() {
                            guard let file = document.file, !file.path.hasPrefix("sealed/") else { continue }
                            guard let blobs = context.blobs, let bytes = try blobs.read(file.path, subject: subject.id, in: transaction) else {
                                context.logger.warning("dossier \(code): scan \(file.path) is missing; its line is kept without a file")
                                dossier.documents[position].file = nil
                                continue
                            }
                            let moved = try store(bytes, document: document.index, for: subject, transaction)
                            written.append(moved.path)
                            dossier.documents[position].file = moved
                            clearFiles.append(file.path)
                        }
                        if dossier.isClosed {
                            let closed = try transaction.queryFirst("SELECT MAX(at_ms) AS at FROM intake_onestop_steps WHERE code = ?", [.text(code)])?.optionalInt64("at")
                            try vault.markClosed(subject.id, at: JournalEntry.date(milliseconds: closed ?? JournalEntry.milliseconds(dossier.receivedAt)), in: transaction)
                        }
                        try transaction.execute("UPDATE intake_onestop_dossiers SET applicant = '', form_json = '{}', documents_json = ?, personal = ? WHERE code = ?",
                                                [.text(try JSONValueEncoder().serialize(dossier.documents)), .blob(sealed), .text(code)])
                    }
                } catch {
                    context.blobs?.remove(written)
                    throw error
                }
                context.blobs?.remove(clearFiles)
                sealedAny = true
            }
        }
        // Clear scans left by a crash between a commit above and their removal.
        context.blobs?.remove(["intake"])
        if sealedAny { context.logger.info("sealed the personal values of dossiers written before encryption") }
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
