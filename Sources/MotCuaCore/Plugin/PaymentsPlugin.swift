#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The payments contract: one payment method (cash at the counter, a bank transfer by VietQR).
///
/// A deployment composes zero or more methods. Each keeps its own receipt book (template,
/// series, gap-free numbers per calendar year) and journals every collection, void and
/// closing as `Docs/Events.md` says. Amounts are whole đồng (`Int64`).
public protocol PaymentsPlugin: Plugin {
    /// Quotes the fees of a dossier: the procedure's lines with their quantities, the
    /// postal charge for a postal dossier, and exemptions for the applicant's group.
    func quote(dossier: Dossier, quantities: [String: Int64]) throws -> FeeQuote
    /// Collects the fee lines still due on a dossier (all of them, or those asked for):
    /// a receipt at once, or a transfer waiting for the bank.
    ///
    /// Refuses a refused or stopped dossier, a line already paid (by this method) and a
    /// total of nothing; `principal` is the collector.
    func collect(dossier: Dossier, request: PaymentRequest, by principal: Principal) throws -> PaymentOutcome
    /// Voids a receipt with a reason; it stays in the sequence marked void and its lines
    /// become due again. The host lets only supervisors call it.
    func void(_ receipt: ReceiptID, reason: String, by principal: Principal) throws -> Receipt
    /// The receipts of a dossier, voided ones included, oldest first.
    func receipts(dossier code: String) throws -> [Receipt]
    /// One receipt, if this method issued it.
    func receipt(_ id: ReceiptID) throws -> Receipt?
    /// The receipts issued (by local day of issue) from `first` through `last`, voided ones
    /// included, in book order.
    func receipts(from first: LocalDate, through last: LocalDate) throws -> [Receipt]
    /// The receipt book (template, series, paper) this method numbers in, if it issues receipts.
    var receiptBook: ReceiptBook? { get }
}

extension PaymentsPlugin {
    public static var kind: PluginKind { .payments }

    public var receiptBook: ReceiptBook? { nil }

    /// The ids of the dossier's lines paid by this method and not voided.
    public func paidLineIDs(dossier code: String) throws -> Set<String> {
        Set(try receipts(dossier: code).filter { !$0.voided }.flatMap { $0.lines.map(\.id) })
    }
}

/// What a clerk asks to collect.
public struct PaymentRequest: Sendable, Hashable, Codable {
    /// The fee line ids to collect; every line still due when absent.
    public var lines: [String]?
    /// Units per fee line id (copies, pages); 1 when absent.
    public var quantities: [String: Int64]?
    /// Who pays, when not the applicant.
    public var payer: String?

    /// Creates a request.
    public init(lines: [String]? = nil, quantities: [String: Int64]? = nil, payer: String? = nil) {
        self.lines = lines
        self.quantities = quantities
        self.payer = payer
    }
}

/// What a collection produced.
public enum PaymentOutcome: Sendable, Hashable {
    /// Paid: the receipt.
    case receipt(Receipt)
    /// Waiting for the money to arrive: the transfer to make.
    case pending(Transfer)
}

/// A payment by bank transfer: asked for with a VietQR, then confirmed (receipt issued)
/// or set aside as an exception.
public struct Transfer: Sendable, Hashable, Codable {
    /// Where it stands.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Asked for, not yet seen on the account.
        case pending
        /// Seen with the right amount (or confirmed by a clerk): receipt issued.
        case confirmed
        /// Seen with the wrong amount: on the exception list.
        case exception
        /// Given up (e.g. the citizen paid in cash instead).
        case cancelled
    }

    /// The method's reference, e.g. `QR-000042`.
    public var reference: String
    /// The dossier.
    public var dossierCode: String
    /// The procedure code.
    public var procedure: String
    /// The sector id.
    public var sector: String
    /// Who pays.
    public var payer: String
    /// The lines the transfer pays.
    public var lines: [FeeLine]
    /// The transfer content the payer must keep (the dossier code).
    public var purpose: String
    /// The VietQR text to show as a QR code and print beside it.
    public var qrText: String
    /// The receiving bank's name.
    public var bankName: String
    /// The receiving account.
    public var account: String
    /// The account holder's name.
    public var accountName: String
    /// The login of the clerk who asked for it.
    public var collector: String
    /// When it was asked for.
    public var createdAt: Date
    /// Where it stands.
    public var status: Status
    /// The amount received when confirmed or set aside.
    public var receivedAmount: Int64?
    /// The receipt, once confirmed.
    public var receipt: ReceiptID?

    /// The amount asked for, in đồng.
    public var total: Int64 { lines.reduce(0) { $0 + $1.amount } }

    /// Creates a transfer.
    public init(reference: String, dossierCode: String, procedure: String, sector: String, payer: String, lines: [FeeLine],
                purpose: String, qrText: String, bankName: String, account: String, accountName: String, collector: String,
                createdAt: Date, status: Status = .pending, receivedAmount: Int64? = nil, receipt: ReceiptID? = nil) {
        self.reference = reference
        self.dossierCode = dossierCode
        self.procedure = procedure
        self.sector = sector
        self.payer = payer
        self.lines = lines
        self.purpose = purpose
        self.qrText = qrText
        self.bankName = bankName
        self.account = account
        self.accountName = accountName
        self.collector = collector
        self.createdAt = createdAt
        self.status = status
        self.receivedAmount = receivedAmount
        self.receipt = receipt
    }
}

/// A bank credit that did not settle a transfer: the wrong amount, or no transfer named.
public struct TransferException: Sendable, Hashable, Codable {
    /// Why it is on the list.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// More than asked.
        case overpaid
        /// Less than asked.
        case underpaid
        /// No pending transfer's dossier code in the description.
        case unmatched
    }

    /// The exception's id, e.g. `EX-000003`.
    public var id: String
    /// The transfer it concerns, if one was found.
    public var transfer: String?
    /// The dossier, if one was found.
    public var dossierCode: String?
    /// What was asked for, in đồng (0 when unmatched).
    public var expected: Int64
    /// What arrived, in đồng.
    public var received: Int64
    /// Why.
    public var reason: Reason
    /// The bank's transaction reference.
    public var bankReference: String
    /// The transfer content as the bank gave it.
    public var description: String
    /// When it was recorded.
    public var recordedAt: Date
    /// When it was settled (transfer confirmed or cancelled, or marked resolved); nil while open.
    public var resolvedAt: Date?
    /// How it was settled.
    public var resolution: String?
    /// Who settled it.
    public var resolvedBy: String?

    /// Whether it still needs someone's attention.
    public var isOpen: Bool { resolvedAt == nil }

    /// Creates an exception.
    public init(id: String, transfer: String?, dossierCode: String?, expected: Int64, received: Int64, reason: Reason,
                bankReference: String, description: String, recordedAt: Date, resolvedAt: Date? = nil, resolution: String? = nil,
                resolvedBy: String? = nil) {
        self.resolvedAt = resolvedAt
        self.resolution = resolution
        self.resolvedBy = resolvedBy
        self.id = id
        self.transfer = transfer
        self.dossierCode = dossierCode
        self.expected = expected
        self.received = received
        self.reason = reason
        self.bankReference = bankReference
        self.description = description
        self.recordedAt = recordedAt
    }
}

/// What importing a bank statement did.
public struct StatementImport: Sendable, Hashable, Codable {
    /// Lines in the file.
    public var lines: Int
    /// Transfers confirmed, with their receipts.
    public var confirmed: [Receipt]
    /// Lines set aside on the exception list.
    public var exceptions: [TransferException]
    /// Lines skipped because an earlier import already took their bank reference.
    public var alreadyImported: Int
    /// Transfers a line matched but left pending because their clerk's cash day is closed;
    /// those lines are not taken, so a later import (or a clerk, another day) confirms them.
    public var held: [String]

    /// Creates a summary.
    public init(lines: Int, confirmed: [Receipt], exceptions: [TransferException], alreadyImported: Int, held: [String] = []) {
        self.lines = lines
        self.confirmed = confirmed
        self.exceptions = exceptions
        self.alreadyImported = alreadyImported
        self.held = held
    }
}

/// A collector's transfers for one day, for the cashier's closing.
public struct TransferDay: Sendable, Hashable, Codable {
    /// Confirmed transfers (not voided), in đồng.
    public var confirmed: Int64
    /// How many were confirmed.
    public var confirmedCount: Int
    /// Transfers still pending, in đồng.
    public var pending: Int64
    /// How many are pending.
    public var pendingCount: Int

    /// Creates a summary.
    public init(confirmed: Int64 = 0, confirmedCount: Int = 0, pending: Int64 = 0, pendingCount: Int = 0) {
        self.confirmed = confirmed
        self.confirmedCount = confirmedCount
        self.pending = pending
        self.pendingCount = pendingCount
    }

    /// Two summaries added.
    public static func + (lhs: TransferDay, rhs: TransferDay) -> TransferDay {
        TransferDay(confirmed: lhs.confirmed + rhs.confirmed, confirmedCount: lhs.confirmedCount + rhs.confirmedCount,
                    pending: lhs.pending + rhs.pending, pendingCount: lhs.pendingCount + rhs.pendingCount)
    }
}

/// A payment method that takes bank transfers (`payments.vietqr`).
public protocol TransferPaymentsPlugin: PaymentsPlugin {
    /// One transfer by reference.
    func transfer(reference: String) throws -> Transfer?
    /// The transfers of a dossier, oldest first.
    func transfers(dossier code: String) throws -> [Transfer]
    /// Transfers with a status, oldest first.
    func transfers(status: Transfer.Status) throws -> [Transfer]
    /// A clerk confirms that the money arrived (seen on the bank's app): the receipt.
    /// A different `receivedAmount` puts the transfer on the exception list instead. A
    /// transfer on the exception list may be confirmed once the difference is settled.
    func confirm(reference: String, receivedAmount: Int64?, by principal: Principal) throws -> PaymentOutcome
    /// Imports a bank statement CSV (``BankStatement``) in one transaction: matched lines
    /// confirm their transfers, the others go to the exception list; a malformed file changes nothing.
    func importStatement(_ bytes: [UInt8], by principal: Principal) throws -> StatementImport
    /// Gives up a pending transfer, or one on the exception list once its money is refunded;
    /// its lines are due again.
    func cancel(reference: String, reason: String, by principal: Principal) throws -> Transfer
    /// Marks an exception settled with a note (e.g. a stray credit refunded).
    func resolveException(_ id: String, note: String, by principal: Principal) throws -> TransferException
    /// The exception list, newest first.
    func exceptions() throws -> [TransferException]
    /// A collector's transfers on one local day.
    func transferDay(collector: String, day: LocalDate) throws -> TransferDay
}

/// A cashier's day: what one collector took on one local day, and its closing.
public struct CashierDay: Sendable, Hashable, Codable {
    /// The collector's login.
    public var collector: String
    /// The local day.
    public var day: LocalDate
    /// Cash receipts issued and not voided.
    public var cashReceipts: Int
    /// Cash that should be in the drawer: the totals of those receipts, in đồng.
    public var expectedCash: Int64
    /// Receipts of the day voided.
    public var voids: Int
    /// The totals of those voided receipts, in đồng.
    public var voidedAmount: Int64
    /// The day's transfers.
    public var transfers: TransferDay
    /// The cash counted at closing; nil while open.
    public var countedCash: Int64?
    /// When the day was closed; nil while open.
    public var closedAt: Date?
    /// Who closed it.
    public var closedBy: String?
    /// The closing note (why counted and expected differ).
    public var note: String?

    /// Counted less expected, once closed.
    public var difference: Int64? { countedCash.map { $0 - expectedCash } }
    /// Whether the day is closed (locked).
    public var isClosed: Bool { closedAt != nil }

    /// Creates a day.
    public init(collector: String, day: LocalDate, cashReceipts: Int = 0, expectedCash: Int64 = 0, voids: Int = 0,
                voidedAmount: Int64 = 0, transfers: TransferDay = TransferDay(), countedCash: Int64? = nil,
                closedAt: Date? = nil, closedBy: String? = nil, note: String? = nil) {
        self.collector = collector
        self.day = day
        self.cashReceipts = cashReceipts
        self.expectedCash = expectedCash
        self.voids = voids
        self.voidedAmount = voidedAmount
        self.transfers = transfers
        self.countedCash = countedCash
        self.closedAt = closedAt
        self.closedBy = closedBy
        self.note = note
    }
}

/// A payment method that keeps a cash drawer and closes the cashier's day (`payments.cash`).
public protocol CashierPlugin: PaymentsPlugin {
    /// The collector's day so far (or as closed); `transfers` comes from the transfer methods.
    func cashierDay(collector: String, day: LocalDate, transfers: TransferDay) throws -> CashierDay
    /// Closes and locks the collector's day: later collections by that collector on that day
    /// are refused. Refuses a second closing and a negative or absurd counted amount.
    func closeDay(collector: String, day: LocalDate, countedCash: Int64, transfers: TransferDay, note: String?,
                  by principal: Principal) throws -> CashierDay
    /// Whether the collector's day is closed.
    func isClosed(collector: String, day: LocalDate) throws -> Bool
    /// Every closed day in a range of days, by day then collector.
    func closings(from first: LocalDate, through last: LocalDate) throws -> [CashierDay]
}
