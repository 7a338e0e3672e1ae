#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// Bank transfer by VietQR: a dynamic QR for the exact amount with the dossier code as the
/// transfer content, pending until a clerk confirms it or a bank statement shows it, with
/// wrong amounts set aside on an exception list.
public struct PaymentsVietQR: TransferPaymentsPlugin {
    /// The manifest section `"payments.vietqr": { "bank": {...}, "receipt": {...}, "fees": {...} }`.
    public struct Settings: Decodable, Sendable, ReceiptBookSettings {
        /// The receiving account.
        public struct Bank: Decodable, Sendable {
            /// The bank's 6-digit NAPAS BIN, e.g. `970403`.
            public var bin: String
            /// The bank's short name printed beside the QR.
            public var name: String
            /// The account number.
            public var account: String
            /// The account holder's name, printed beside the QR.
            public var accountName: String
        }

        /// The receiving account.
        public var bank: Bank
        /// The receipt book for confirmed transfers: its own series, apart from cash.
        public var receipt: ReceiptBook
        /// The postal charge and the exemptions; none when absent.
        public var fees: FeeRules?
        /// The largest total one transfer may ask for, in đồng; 50,000,000 when absent.
        public var maximumTotal: Int64?
    }

    public static let id: PluginID = "payments.vietqr"
    public static let version = "0.1.0"
    public static let stability: PluginStability = .alpha
    public static let summary = LocalizedText(vi: "Thu phí qua chuyển khoản VietQR, đối soát sao kê ngân hàng",
                                              en: "Fee collection by VietQR bank transfer with statement reconciliation")
    public static let migrations = [
        Migration(version: 1, name: "create-transfers", statements: [
            """
            CREATE TABLE payments_vietqr_transfers (
                reference TEXT PRIMARY KEY,
                seq INTEGER NOT NULL UNIQUE,
                dossier TEXT NOT NULL,
                procedure_code TEXT NOT NULL,
                sector TEXT NOT NULL,
                payer TEXT NOT NULL,
                lines TEXT NOT NULL,
                total INTEGER NOT NULL,
                purpose TEXT NOT NULL,
                qr TEXT NOT NULL,
                collector TEXT NOT NULL,
                day TEXT NOT NULL,
                created_ms INTEGER NOT NULL,
                status TEXT NOT NULL,
                received INTEGER,
                bank_reference TEXT,
                series TEXT,
                year INTEGER,
                number INTEGER
            )
            """,
            // One open transfer per dossier, so a bank line names at most one.
            "CREATE UNIQUE INDEX payments_vietqr_transfers_open ON payments_vietqr_transfers (dossier) WHERE status = 'pending'",
            "CREATE INDEX payments_vietqr_transfers_day ON payments_vietqr_transfers (day, collector)",
            """
            CREATE TABLE payments_vietqr_receipts (
                series TEXT NOT NULL,
                year INTEGER NOT NULL,
                number INTEGER NOT NULL,
                template TEXT NOT NULL,
                reference TEXT NOT NULL,
                dossier TEXT NOT NULL,
                procedure_code TEXT NOT NULL,
                sector TEXT NOT NULL,
                payer TEXT NOT NULL,
                lines TEXT NOT NULL,
                total INTEGER NOT NULL,
                collector TEXT NOT NULL,
                day TEXT NOT NULL,
                issued_ms INTEGER NOT NULL,
                voided INTEGER NOT NULL DEFAULT 0,
                void_reason TEXT,
                voided_by TEXT,
                voided_ms INTEGER,
                PRIMARY KEY (series, year, number)
            )
            """,
            "CREATE INDEX payments_vietqr_receipts_dossier ON payments_vietqr_receipts (dossier)",
            """
            CREATE TABLE payments_vietqr_paid_lines (
                dossier TEXT NOT NULL,
                line TEXT NOT NULL,
                reference TEXT NOT NULL,
                active INTEGER NOT NULL
            )
            """,
            // A line is asked for or paid at most once while its transfer stands.
            "CREATE UNIQUE INDEX payments_vietqr_paid_lines_once ON payments_vietqr_paid_lines (dossier, line) WHERE active = 1",
            """
            CREATE TABLE payments_vietqr_exceptions (
                id TEXT PRIMARY KEY,
                seq INTEGER NOT NULL UNIQUE,
                transfer TEXT,
                dossier TEXT,
                expected INTEGER NOT NULL,
                received INTEGER NOT NULL,
                reason TEXT NOT NULL,
                bank_reference TEXT NOT NULL,
                description TEXT NOT NULL,
                recorded_ms INTEGER NOT NULL,
                resolved_ms INTEGER,
                resolution TEXT,
                resolved_by TEXT
            )
            """,
            """
            CREATE TABLE payments_vietqr_statement_lines (
                bank_reference TEXT PRIMARY KEY,
                value_date TEXT NOT NULL,
                amount INTEGER NOT NULL,
                description TEXT NOT NULL,
                imported_ms INTEGER NOT NULL
            )
            """,
        ], dialectStatements: SQLDialect.refusing(name: "payments_vietqr_receipts_kept", table: "payments_vietqr_receipts", operations: [.delete],
                                                  message: "receipts are never deleted; void them")),
    ]

    private let settings: Settings
    private let context: HostContext
    private let rules: FeeRules
    private let maximumTotal: Int64
    private let ledger = ReceiptLedger(method: id.rawValue, table: "payments_vietqr_receipts",
                                       noun: LocalizedText(vi: "biên lai chuyển khoản", en: "VietQR receipt"))

    public init(settings: Settings, context: HostContext) throws {
        try settings.receipt.check(plugin: Self.id.rawValue)
        try settings.fees?.check(plugin: Self.id.rawValue)
        // The account is checked once here, so a bad manifest fails at start, not at the counter.
        do {
            _ = try VietQRPayload(bankBIN: settings.bank.bin, account: settings.bank.account, amount: 1, purpose: "X").text()
        } catch let problem as Problem {
            throw Problem("payments.settings", status: 500, en: "payments.vietqr: bank: \(problem.message.en) Correct it in the manifest.",
                          vi: "payments.vietqr: bank: \(problem.message.vi) Hãy sửa tệp cấu hình.")
        }
        self.maximumTotal = try FeeRules.maximumTotal(settings.maximumTotal, plugin: Self.id.rawValue)
        self.settings = settings
        self.context = context
        self.rules = settings.fees ?? FeeRules()
    }

    /// The receipt book confirmed transfers are numbered in.
    public var book: ReceiptBook { settings.receipt }
    public var receiptBook: ReceiptBook? { settings.receipt }

    // MARK: Quote and ask

    public func quote(dossier: Dossier, quantities: [String: Int64]) throws -> FeeQuote {
        try rules.quote(dossier: dossier, in: context.deployment, quantities: quantities)
    }

    public func collect(dossier: Dossier, request: PaymentRequest, by principal: Principal) throws -> PaymentOutcome {
        try dossier.refuseFeesIfEnded()
        let quote = try self.quote(dossier: dossier, quantities: request.quantities ?? [:])
        let now = context.clock.now
        let collector = Self.collector(principal)
        let today = context.calendar.local(now).date
        return .pending(try context.write(publishingOn: "payments") { transaction -> Transfer in
            // A pending transfer counts in the collector's day, so a closed day takes none.
            try CashierDayLock.refuseIfClosed(transaction, collector: collector, day: today, what: CashierDayLock.noCollection)
            if let open = try transaction.queryFirst("SELECT reference FROM payments_vietqr_transfers WHERE dossier = ? AND status = 'pending'",
                                                     [.text(dossier.code)]) {
                throw Problem("payments.transfer-pending", status: 409,
                              en: "Dossier \(dossier.code) already waits for transfer \(try open.string("reference")); confirm or cancel it first.",
                              vi: "Hồ sơ \(dossier.code) đang chờ chuyển khoản \(try open.string("reference")); hãy xác nhận hoặc hủy trước.")
            }
            let paid = Set(try transaction.query("SELECT line FROM payments_vietqr_paid_lines WHERE dossier = ? AND active = 1",
                                                 [.text(dossier.code)]).map { try $0.string("line") })
            let lines = try quote.lines(for: request, paid: paid)
            let total = lines.reduce(0) { $0 + $1.amount }
            try FeeRules.refuse(total: total, above: maximumTotal)
            let seq = (try transaction.queryFirst("SELECT MAX(seq) AS last FROM payments_vietqr_transfers")?.optionalInt64("last") ?? 0) + 1
            let reference = "QR-" + seq.zeroPadded(6)
            let purpose = dossier.code
            let qr = try VietQRPayload(bankBIN: settings.bank.bin, account: settings.bank.account, amount: total, purpose: purpose).text()
            let transfer = Transfer(reference: reference, dossierCode: dossier.code, procedure: quote.procedure, sector: quote.sector,
                                    payer: request.payerName(default: quote.payer), lines: lines, purpose: purpose, qrText: qr,
                                    bankName: settings.bank.name, account: settings.bank.account, accountName: settings.bank.accountName,
                                    collector: collector, createdAt: now)
            try transaction.execute("""
                INSERT INTO payments_vietqr_transfers (reference, seq, dossier, procedure_code, sector, payer, lines, total, purpose, qr,
                                                       collector, day, created_ms, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')
                """, [.text(reference), .integer(seq), .text(dossier.code), .text(transfer.procedure), .text(transfer.sector),
                      .text(transfer.payer), .text(try PaymentRecords.linesJSON(lines)), .integer(total), .text(purpose), .text(qr),
                      .text(collector), .text(today.description), .integer(PaymentRecords.milliseconds(now))])
            for line in lines {
                try transaction.execute("INSERT INTO payments_vietqr_paid_lines (dossier, line, reference, active) VALUES (?, ?, ?, 1)",
                                        [.text(dossier.code), .text(line.id), .text(reference)])
            }
            try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "payment.pending",
                                                       subject: "payment:\(reference)", payload: PaymentRecords.pending(transfer, method: Self.id.rawValue)))
            return transfer
        })
    }

    // MARK: Confirm, import, cancel

    public func confirm(reference: String, receivedAmount: Int64?, by principal: Principal) throws -> PaymentOutcome {
        if let receivedAmount, !(1...BankStatement.maximumAmount).contains(receivedAmount) {
            throw Problem("payments.amount-absurd", en: "A received amount of \(receivedAmount) đồng is not possible.",
                          vi: "Số tiền nhận \(receivedAmount) đồng không hợp lệ.",
                          details: [.init(field: "receivedAmount", code: "range", message: LocalizedText(vi: "Số tiền không hợp lệ", en: "Invalid amount"))])
        }
        let now = context.clock.now
        return try context.write(publishingOn: "payments") { transaction -> PaymentOutcome in
            guard let transfer = try self.transfer(transaction, reference) else { throw Self.noSuchTransfer(reference) }
            guard transfer.status == .pending || transfer.status == .exception else {
                throw Problem("payments.transfer-not-pending", status: 409, en: "Transfer \(reference) is \(transfer.status.rawValue), not pending.",
                              vi: "Khoản chuyển \(reference) không còn ở trạng thái chờ (\(transfer.status.rawValue)).")
            }
            let received = receivedAmount ?? transfer.total
            if received == transfer.total {
                try resolveExceptions(transaction, of: transfer, as: "confirmed", at: now, by: principal)
                return .receipt(try settle(transaction, transfer, bankReference: nil, via: "clerk", at: now, by: principal))
            }
            guard transfer.status == .pending else {
                throw Problem("payments.transfer-exception", status: 409,
                              en: "Transfer \(reference) is already on the exception list; confirm it once the full amount is settled, or cancel it.",
                              vi: "Khoản chuyển \(reference) đã ở danh sách ngoại lệ; hãy xác nhận khi đã đủ tiền, hoặc hủy.")
            }
            return .pending(try setAside(transaction, transfer, received: received, bankReference: "clerk:\(reference)",
                                         description: "confirmed by \(principal.description)", at: now, by: principal).transfer)
        }
    }

    public func cancel(reference: String, reason: String, by principal: Principal) throws -> Transfer {
        let now = context.clock.now
        return try context.write(publishingOn: "payments") { transaction -> Transfer in
            guard var transfer = try self.transfer(transaction, reference) else { throw Self.noSuchTransfer(reference) }
            guard transfer.status == .pending || transfer.status == .exception else {
                throw Problem("payments.transfer-not-pending", status: 409, en: "Transfer \(reference) is \(transfer.status.rawValue), not pending.",
                              vi: "Khoản chuyển \(reference) không còn ở trạng thái chờ (\(transfer.status.rawValue)).")
            }
            try resolveExceptions(transaction, of: transfer, as: "cancelled: \(reason)", at: now, by: principal)
            transfer.status = .cancelled
            try transaction.execute("UPDATE payments_vietqr_transfers SET status = 'cancelled' WHERE reference = ?", [.text(reference)])
            try transaction.execute("UPDATE payments_vietqr_paid_lines SET active = 0 WHERE reference = ?", [.text(reference)])
            try transaction.appendJournal(JournalDraft(
                at: now, actor: principal.description, kind: "payment.cancelled", subject: "payment:\(reference)",
                payload: JSONValue.object(JSONObject([("method", .string(Self.id.rawValue)), ("dossier", .string(transfer.dossierCode)),
                                                      ("total", .number(.integer(transfer.total))), ("reason", .string(reason))])).serialized()))
            return transfer
        }
    }

    public func importStatement(_ bytes: [UInt8], by principal: Principal) throws -> StatementImport {
        let statement = try BankStatement(bytes: bytes)
        let now = context.clock.now
        let today = context.calendar.local(now).date
        return try context.write(publishingOn: "payments") { transaction -> StatementImport in
            var result = StatementImport(lines: statement.lines.count, confirmed: [], exceptions: [], alreadyImported: 0)
            let pending = try transaction.query("SELECT * FROM payments_vietqr_transfers WHERE status = 'pending' ORDER BY seq")
                .map { try Self.transfer(from: $0, bank: settings.bank) }
            var open = pending
            for line in statement.lines {
                if try transaction.queryFirst("SELECT 1 AS seen FROM payments_vietqr_statement_lines WHERE bank_reference = ?",
                                              [.text(line.reference)]) != nil {
                    result.alreadyImported += 1
                    continue
                }
                let named = open.filter { BankStatement.description(line.description, mentions: $0.purpose) }
                let match = named.first(where: { $0.total == line.amount }) ?? named.first
                // A transfer of a clerk whose day is closed waits: the line is left for a later import.
                if let match, try CashierDayLock.isClosed(transaction, collector: match.collector, day: today) {
                    open.removeAll { $0.reference == match.reference }
                    result.held.append(match.reference)
                    continue
                }
                try transaction.execute("""
                    INSERT INTO payments_vietqr_statement_lines (bank_reference, value_date, amount, description, imported_ms) VALUES (?, ?, ?, ?, ?)
                    """, [.text(line.reference), .text(line.date.description), .integer(line.amount), .text(line.description),
                          .integer(PaymentRecords.milliseconds(now))])
                if let transfer = match {
                    open.removeAll { $0.reference == transfer.reference }
                    if transfer.total == line.amount {
                        result.confirmed.append(try settle(transaction, transfer, bankReference: line.reference, via: "statement", at: now, by: principal))
                    } else {
                        result.exceptions.append(try setAside(transaction, transfer, received: line.amount, bankReference: line.reference,
                                                              description: line.description, at: now, by: principal).exception)
                    }
                } else {
                    result.exceptions.append(try record(transaction, TransferException(
                        id: "", transfer: nil, dossierCode: nil, expected: 0, received: line.amount, reason: .unmatched,
                        bankReference: line.reference, description: line.description, recordedAt: now), by: principal))
                }
            }
            return result
        }
    }

    public func resolveException(_ id: String, note: String, by principal: Principal) throws -> TransferException {
        let note = note.trimmed()
        guard (3...500).contains(note.count) else {
            throw Problem("payments.resolution-note", en: "Say how the exception was settled (3 to 500 characters).",
                          vi: "Hãy ghi cách xử lý ngoại lệ (từ 3 đến 500 ký tự).",
                          details: [.init(field: "note", code: "required", message: LocalizedText(vi: "Cần ghi chú", en: "Note required"))])
        }
        let now = context.clock.now
        try context.write(publishingOn: "payments") { transaction in
            guard let row = try transaction.queryFirst("SELECT resolved_ms, transfer FROM payments_vietqr_exceptions WHERE id = ?", [.text(id)]) else {
                throw Problem("payments.no-such-exception", status: 404, en: "No exception \(id).", vi: "Không có ngoại lệ \(id).")
            }
            guard try row.isNull("resolved_ms") else {
                throw Problem("payments.exception-resolved", status: 409, en: "Exception \(id) is already settled.", vi: "Ngoại lệ \(id) đã được xử lý.")
            }
            if let reference = try row.optionalString("transfer"), let transfer = try self.transfer(transaction, reference), transfer.status == .exception {
                throw Problem("payments.transfer-exception", status: 409,
                              en: "Exception \(id) belongs to transfer \(reference); confirm or cancel that transfer instead.",
                              vi: "Ngoại lệ \(id) thuộc khoản chuyển \(reference); hãy xác nhận hoặc hủy khoản chuyển đó.")
            }
            try markResolved(transaction, id: id, resolution: note, at: now, by: principal)
        }
        guard let resolved = try exceptions().first(where: { $0.id == id }) else { throw Problem("payments.no-such-exception", status: 404,
                                                                                                en: "No exception \(id).", vi: "Không có ngoại lệ \(id).") }
        return resolved
    }

    /// Settles the open exceptions of a transfer that is being confirmed or cancelled.
    private func resolveExceptions(_ transaction: any StoreTransaction, of transfer: Transfer, as resolution: String, at now: Date,
                                   by principal: Principal) throws {
        for row in try transaction.query("SELECT id FROM payments_vietqr_exceptions WHERE transfer = ? AND resolved_ms IS NULL",
                                         [.text(transfer.reference)]) {
            try markResolved(transaction, id: try row.string("id"), resolution: resolution, at: now, by: principal)
        }
    }

    private func markResolved(_ transaction: any StoreTransaction, id: String, resolution: String, at now: Date, by principal: Principal) throws {
        try transaction.execute("UPDATE payments_vietqr_exceptions SET resolved_ms = ?, resolution = ?, resolved_by = ? WHERE id = ?",
                                [.integer(PaymentRecords.milliseconds(now)), .text(resolution), .text(principal.id), .text(id)])
        guard let row = try transaction.queryFirst("SELECT * FROM payments_vietqr_exceptions WHERE id = ?", [.text(id)]) else { return }
        let exception = TransferException(id: id, transfer: try row.optionalString("transfer"), dossierCode: try row.optionalString("dossier"),
                                          expected: try row.int64("expected"), received: try row.int64("received"),
                                          reason: TransferException.Reason(rawValue: try row.string("reason")) ?? .unmatched,
                                          bankReference: try row.string("bank_reference"), description: try row.string("description"),
                                          recordedAt: PaymentRecords.date(try row.int64("recorded_ms")), resolvedAt: now,
                                          resolution: resolution, resolvedBy: principal.id)
        try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "payment.exception-resolved",
                                                   subject: "payment:\(exception.transfer ?? id)",
                                                   payload: PaymentRecords.exceptionResolved(exception, method: Self.id.rawValue)))
    }

    // MARK: Reading

    public func transfer(reference: String) throws -> Transfer? {
        try context.store.read { db in try self.transfer(db, reference) }
    }

    public func transfers(status: Transfer.Status) throws -> [Transfer] {
        try context.store.read { db in
            try db.query("SELECT * FROM payments_vietqr_transfers WHERE status = ? ORDER BY seq", [.text(status.rawValue)]).map { try Self.transfer(from: $0, bank: settings.bank) }
        }
    }

    /// The transfers of a dossier, oldest first.
    public func transfers(dossier code: String) throws -> [Transfer] {
        try context.store.read { db in
            try db.query("SELECT * FROM payments_vietqr_transfers WHERE dossier = ? ORDER BY seq", [.text(code)]).map { try Self.transfer(from: $0, bank: settings.bank) }
        }
    }

    public func exceptions() throws -> [TransferException] {
        try context.store.read { db in
            try db.query("SELECT * FROM payments_vietqr_exceptions ORDER BY seq DESC").map { row in
                TransferException(id: try row.string("id"), transfer: try row.optionalString("transfer"), dossierCode: try row.optionalString("dossier"),
                                  expected: try row.int64("expected"), received: try row.int64("received"),
                                  reason: TransferException.Reason(rawValue: try row.string("reason")) ?? .unmatched,
                                  bankReference: try row.string("bank_reference"), description: try row.string("description"),
                                  recordedAt: PaymentRecords.date(try row.int64("recorded_ms")),
                                  resolvedAt: try row.optionalInt64("resolved_ms").map(PaymentRecords.date),
                                  resolution: try row.optionalString("resolution"), resolvedBy: try row.optionalString("resolved_by"))
            }
        }
    }

    public func transferDay(collector: String, day: LocalDate) throws -> TransferDay {
        try context.store.read { db in
            var result = TransferDay()
            for row in try db.query("SELECT total, status FROM payments_vietqr_transfers WHERE collector = ? AND day = ?",
                                    [.text(collector), .text(day.description)]) where try row.string("status") == "pending" {
                result.pending += try row.int64("total")
                result.pendingCount += 1
            }
            for row in try db.query("SELECT total FROM payments_vietqr_receipts WHERE collector = ? AND day = ? AND voided = 0",
                                    [.text(collector), .text(day.description)]) {
                result.confirmed += try row.int64("total")
                result.confirmedCount += 1
            }
            return result
        }
    }

    public func receipts(dossier code: String) throws -> [Receipt] {
        try context.store.read { db in try ledger.receipts(db, dossier: code) }
    }

    public func receipt(_ id: ReceiptID) throws -> Receipt? {
        try context.store.read { db in try ledger.receipt(db, id) }
    }

    public func receipts(from first: LocalDate, through last: LocalDate) throws -> [Receipt] {
        try context.store.read { db in try ledger.receipts(db, from: first, through: last) }
    }

    public func void(_ id: ReceiptID, reason: String, by principal: Principal) throws -> Receipt {
        let reason = try ReceiptLedger.voidReason(reason, by: principal)
        let now = context.clock.now
        return try context.write(publishingOn: "payments") { transaction -> Receipt in
            let receipt = try ledger.void(transaction, id, reason: reason, by: principal, at: now, calendar: context.calendar)
            try transaction.execute("UPDATE payments_vietqr_paid_lines SET active = 0 WHERE reference = ?", [.text(receipt.reference ?? "")])
            return receipt
        }
    }

    // MARK: Settling

    /// Issues the receipt of a pending transfer, in the same transaction.
    private func settle(_ transaction: any StoreTransaction, _ transfer: Transfer, bankReference: String?, via: String, at now: Date,
                        by principal: Principal) throws -> Receipt {
        let local = context.calendar.local(now)
        let year = local.date.year
        // The receipt counts for the clerk who asked for the transfer, on the day the money was
        // confirmed: that clerk's day must still be open, whoever confirms.
        try CashierDayLock.refuseIfClosed(transaction, collector: transfer.collector, day: local.date, what: CashierDayLock.noConfirmation)
        let receipt = Receipt(method: Self.id.rawValue, template: book.template, series: book.series, year: year,
                              number: try ledger.nextNumber(transaction, book: book, year: year),
                              dossierCode: transfer.dossierCode, procedure: transfer.procedure, sector: transfer.sector, payer: transfer.payer,
                              lines: transfer.lines, issuedAt: now, collector: transfer.collector, reference: transfer.reference)
        try transaction.execute("""
            INSERT INTO payments_vietqr_receipts (series, year, number, template, reference, dossier, procedure_code, sector, payer, lines,
                                                  total, collector, day, issued_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(receipt.series), .integer(Int64(year)), .integer(Int64(receipt.number)), .text(receipt.template),
                  .text(transfer.reference), .text(receipt.dossierCode), .text(receipt.procedure), .text(receipt.sector),
                  .text(receipt.payer), .text(try PaymentRecords.linesJSON(receipt.lines)), .integer(receipt.total),
                  .text(transfer.collector), .text(local.date.description),
                  .integer(PaymentRecords.milliseconds(now))])
        try transaction.execute("""
            UPDATE payments_vietqr_transfers SET status = 'confirmed', received = ?, bank_reference = ?, series = ?, year = ?, number = ?
            WHERE reference = ?
            """, [.integer(transfer.total), SQLValue(bankReference), .text(receipt.series), .integer(Int64(year)),
                  .integer(Int64(receipt.number)), .text(transfer.reference)])
        try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "payment.confirmed",
                                                   subject: "payment:\(transfer.reference)", payload: PaymentRecords.confirmed(receipt, via: via)))
        return receipt
    }

    /// Puts a transfer whose amount differs on the exception list; its lines stay reserved
    /// until a supervisor resolves it.
    private func setAside(_ transaction: any StoreTransaction, _ transfer: Transfer, received: Int64, bankReference: String,
                          description: String, at now: Date, by principal: Principal) throws -> (transfer: Transfer, exception: TransferException) {
        var transfer = transfer
        transfer.status = .exception
        transfer.receivedAmount = received
        try transaction.execute("UPDATE payments_vietqr_transfers SET status = 'exception', received = ?, bank_reference = ? WHERE reference = ?",
                                [.integer(received), .text(bankReference), .text(transfer.reference)])
        let exception = try record(transaction, TransferException(
            id: "", transfer: transfer.reference, dossierCode: transfer.dossierCode, expected: transfer.total, received: received,
            reason: received > transfer.total ? .overpaid : .underpaid, bankReference: bankReference, description: description,
            recordedAt: now), by: principal)
        return (transfer, exception)
    }

    private func record(_ transaction: any StoreTransaction, _ exception: TransferException, by principal: Principal) throws -> TransferException {
        var exception = exception
        let seq = (try transaction.queryFirst("SELECT MAX(seq) AS last FROM payments_vietqr_exceptions")?.optionalInt64("last") ?? 0) + 1
        exception.id = "EX-" + seq.zeroPadded(6)
        try transaction.execute("""
            INSERT INTO payments_vietqr_exceptions (id, seq, transfer, dossier, expected, received, reason, bank_reference, description, recorded_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(exception.id), .integer(seq), SQLValue(exception.transfer), SQLValue(exception.dossierCode), .integer(exception.expected),
                  .integer(exception.received), .text(exception.reason.rawValue), .text(exception.bankReference), .text(exception.description),
                  .integer(PaymentRecords.milliseconds(exception.recordedAt))])
        try transaction.appendJournal(JournalDraft(at: exception.recordedAt, actor: principal.description, kind: "payment.exception",
                                                   subject: "payment:\(exception.transfer ?? exception.id)",
                                                   payload: PaymentRecords.exception(exception, method: Self.id.rawValue)))
        return exception
    }

    // MARK: Rows

    private static func collector(_ principal: Principal) -> String {
        principal.id.isEmpty ? principal.description : principal.id
    }

    private static func noSuchTransfer(_ reference: String) -> Problem {
        Problem("payments.no-such-transfer", status: 404, en: "No transfer \(reference).", vi: "Không có khoản chuyển \(reference).")
    }

    private func transfer(_ db: any SQLExecutor, _ reference: String) throws -> Transfer? {
        try db.queryFirst("SELECT * FROM payments_vietqr_transfers WHERE reference = ?", [.text(reference)])
            .map { try Self.transfer(from: $0, bank: settings.bank) }
    }

    private static func transfer(from row: SQLRow, bank: Settings.Bank) throws -> Transfer {
        let receipt: ReceiptID? = if let series = try row.optionalString("series") {
            ReceiptID(series: series, year: try row.int("year"), number: try row.int("number"))
        } else { nil }
        return Transfer(reference: try row.string("reference"), dossierCode: try row.string("dossier"), procedure: try row.string("procedure_code"),
                        sector: try row.string("sector"), payer: try row.string("payer"),
                        lines: try PaymentRecords.lines(fromJSON: try row.string("lines")), purpose: try row.string("purpose"),
                        qrText: try row.string("qr"), bankName: bank.name, account: bank.account, accountName: bank.accountName, collector: try row.string("collector"),
                        createdAt: PaymentRecords.date(try row.int64("created_ms")),
                        status: Transfer.Status(rawValue: try row.string("status")) ?? .pending,
                        receivedAmount: try row.optionalInt64("received"), receipt: receipt)
    }
}
