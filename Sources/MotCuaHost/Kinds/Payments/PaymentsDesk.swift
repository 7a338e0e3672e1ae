#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import Synchronization

/// The host's view over every payment method of a deployment: what a dossier owes and has
/// paid across methods, collection that never takes a line twice, and the cashier's day
/// that adds the transfer methods to the cash drawer.
///
/// Methods never see each other; the desk asks each through the payments contract.
public struct PaymentsDesk: Sendable {
    /// The methods in manifest order.
    public let methods: [any PaymentsPlugin]
    /// The deployment's calendar, for local days.
    public let calendar: WorkingCalendar
    /// The source of "now", for today's cash day.
    public let clock: any WallClock

    /// Creates a desk over `methods`.
    public init(methods: [any PaymentsPlugin], calendar: WorkingCalendar, clock: any WallClock) {
        self.methods = methods
        self.calendar = calendar
        self.clock = clock
    }

    /// Today in the centre's time.
    public var today: LocalDate { calendar.local(clock.now).date }

    /// The method with this plugin id.
    public func method(_ id: String) throws -> any PaymentsPlugin {
        guard let method = methods.first(where: { type(of: $0).id.rawValue == id }) else {
            let known = methods.map { type(of: $0).id.rawValue }.joined(separator: ", ")
            throw Problem("payments.unknown-method", en: "No payment method \"\(id)\" here; use one of \(known).",
                          vi: "Không có phương thức thanh toán \"\(id)\"; hãy dùng một trong \(known).",
                          details: [.init(field: "method", code: "unknown", message: LocalizedText(vi: "Phương thức không có", en: "Unknown method"))])
        }
        return method
    }

    /// The cash method, if any.
    public var cashier: (any CashierPlugin)? { methods.lazy.compactMap { $0 as? any CashierPlugin }.first }
    /// The transfer methods.
    public var transferMethods: [any TransferPaymentsPlugin] { methods.compactMap { $0 as? any TransferPaymentsPlugin } }

    /// What a dossier owes and has paid, across methods.
    public struct Account: Sendable {
        /// The quote of the first method (every method quotes from the same catalogue).
        public var quote: FeeQuote
        /// Receipts of every method, voided ones included, oldest first.
        public var receipts: [Receipt]
        /// Transfers of every transfer method, oldest first.
        public var transfers: [Transfer]
        /// Line ids paid by a standing receipt.
        public var paidLines: Set<String>
        /// Line ids waiting for a transfer (pending or on the exception list).
        public var waitingLines: Set<String>

        /// Lines still to pay: quoted, not free, not paid and not waiting for a transfer.
        public var dueLines: [FeeLine] {
            quote.lines.filter { $0.amount > 0 && !paidLines.contains($0.id) && !waitingLines.contains($0.id) }
        }
        /// Đồng still due.
        public var due: Int64 { dueLines.reduce(0) { $0 + $1.amount } }
        /// Đồng waiting for a transfer to arrive (pending or on the exception list).
        public var waiting: Int64 { quote.lines.filter { waitingLines.contains($0.id) && !paidLines.contains($0.id) }.reduce(0) { $0 + $1.amount } }
        /// Đồng paid by standing receipts.
        public var paid: Int64 { receipts.filter { !$0.voided }.reduce(0) { $0 + $1.total } }
    }

    /// The dossier's account; `quantities` as for a quote.
    public func account(_ dossier: Dossier, quantities: [String: Int64] = [:]) throws -> Account {
        guard let first = methods.first else {
            throw Problem("payments.none", status: 404, en: "This deployment takes no payments.", vi: "Cấu hình này không thu phí.")
        }
        var quote = try first.quote(dossier: dossier, quantities: quantities)
        var receipts: [Receipt] = []
        for method in methods { receipts += try method.receipts(dossier: dossier.code) }
        var transfers: [Transfer] = []
        for method in transferMethods { transfers += try method.transfers(dossier: dossier.code) }
        let standing = receipts.filter { !$0.voided }
        let open = transfers.filter { $0.status == .pending || $0.status == .exception }
        let paid = Set(standing.flatMap { $0.lines.map(\.id) })
        let waiting = Set(open.flatMap { $0.lines.map(\.id) })
        // A line already paid or asked for shows as it was charged (its quantity then), not as re-quoted now.
        let charged = standing.flatMap(\.lines) + open.flatMap(\.lines)
        quote.lines = quote.lines.map { line in charged.last { $0.id == line.id } ?? line }
        return Account(quote: quote, receipts: receipts.sorted { $0.issuedAt < $1.issuedAt }, transfers: transfers,
                       paidLines: paid, waitingLines: waiting)
    }

    /// Collections and confirmations run one at a time in this process, so the check across
    /// methods and the collection by one method cannot interleave with another collector's.
    private static let serial = Mutex(())

    /// Collects with one method, never a line another method has paid or is waiting for,
    /// and never for a collector whose cash day is closed.
    public func collect(method id: String, dossier: Dossier, request: PaymentRequest, by principal: Principal) throws -> PaymentOutcome {
        try Self.serial.withLock { _ in try collectAlone(method: id, dossier: dossier, request: request, by: principal) }
    }

    private func collectAlone(method id: String, dossier: Dossier, request: PaymentRequest, by principal: Principal) throws -> PaymentOutcome {
        let method = try method(id)
        let account = try account(dossier, quantities: request.quantities ?? [:])
        var request = request
        let elsewhere = account.paidLines.union(account.waitingLines)
        if let wanted = request.lines {
            if let taken = wanted.first(where: { elsewhere.contains($0) }) {
                throw Problem("payments.already-paid", status: 409,
                              en: "Fee line \"\(taken)\" of dossier \(dossier.code) is already paid or waiting for a transfer.",
                              vi: "Dòng phí \"\(taken)\" của hồ sơ \(dossier.code) đã thu hoặc đang chờ chuyển khoản.",
                              details: [.init(field: "lines", code: "paid", message: LocalizedText(vi: "Đã thu", en: "Already paid"))])
            }
        } else if !elsewhere.isEmpty {
            let due = account.dueLines.map(\.id)
            guard !due.isEmpty else {
                throw Problem("payments.already-paid", status: 409, en: "Every fee of dossier \(dossier.code) is paid or waiting for a transfer.",
                              vi: "Hồ sơ \(dossier.code) đã thu đủ hoặc đang chờ chuyển khoản.")
            }
            request.lines = due
        }
        return try method.collect(dossier: dossier, request: request, by: principal)
    }

    /// A clerk confirms a transfer; the method refuses it once the day of the clerk who asked
    /// for the transfer (whose day the receipt counts in) is closed.
    public func confirm(reference: String, receivedAmount: Int64?, by principal: Principal) throws -> PaymentOutcome {
        try Self.serial.withLock { _ in try confirmAlone(reference: reference, receivedAmount: receivedAmount, by: principal) }
    }

    private func confirmAlone(reference: String, receivedAmount: Int64?, by principal: Principal) throws -> PaymentOutcome {
        for method in transferMethods where try method.transfer(reference: reference) != nil {
            return try method.confirm(reference: reference, receivedAmount: receivedAmount, by: principal)
        }
        throw Problem("payments.no-such-transfer", status: 404, en: "No transfer \(reference).", vi: "Không có khoản chuyển \(reference).")
    }

    /// The transfer method holding a reference.
    public func transferMethod(holding reference: String) throws -> any TransferPaymentsPlugin {
        for method in transferMethods where try method.transfer(reference: reference) != nil { return method }
        throw Problem("payments.no-such-transfer", status: 404, en: "No transfer \(reference).", vi: "Không có khoản chuyển \(reference).")
    }

    /// A receipt with the method that issued it: the method whose book has the receipt's
    /// series (composition keeps one series to one method), else the one method holding it
    /// under a series it numbered in before. Refuses a receipt two methods hold, rather
    /// than act on the wrong book.
    public func receipt(_ id: ReceiptID) throws -> (receipt: Receipt, method: any PaymentsPlugin) {
        let owners = methods.filter { $0.receiptBook?.series.uppercased() == id.series.uppercased() }
        for method in owners {
            if let receipt = try method.receipt(id) { return (receipt, method) }
        }
        var found: [(receipt: Receipt, method: any PaymentsPlugin)] = []
        for method in methods {
            if let receipt = try method.receipt(id) { found.append((receipt, method)) }
        }
        guard found.count <= 1 else {
            throw Problem("payments.receipt-ambiguous", status: 409,
                          en: "Receipt \(id) is in \(found.count) payment books; give each payment method its own series.",
                          vi: "Biên lai \(id) có trong \(found.count) sổ biên lai; mỗi phương thức thu phải có ký hiệu riêng.")
        }
        guard let only = found.first else {
            throw Problem("payments.no-such-receipt", status: 404, en: "No receipt \(id).", vi: "Không có biên lai \(id).")
        }
        return only
    }

    /// Every receipt of every method issued on local days `first` through `last`.
    public func receipts(from first: LocalDate, through last: LocalDate) throws -> [Receipt] {
        var all: [Receipt] = []
        for method in methods { all += try method.receipts(from: first, through: last) }
        return all.sorted { ($0.issuedAt, $0.id) < ($1.issuedAt, $1.id) }
    }

    /// A collector's transfers on a day, summed over the transfer methods.
    public func transferDay(collector: String, day: LocalDate) throws -> TransferDay {
        try transferMethods.reduce(TransferDay()) { $0 + (try $1.transferDay(collector: collector, day: day)) }
    }

    /// A collector's day: cash from the cash method, transfers from the others.
    public func cashierDay(collector: String, day: LocalDate) throws -> CashierDay {
        let transfers = try transferDay(collector: collector, day: day)
        guard let cashier else {
            return CashierDay(collector: collector, day: day, transfers: transfers)
        }
        return try cashier.cashierDay(collector: collector, day: day, transfers: transfers)
    }

    /// Closes a collector's day through the cash method.
    public func closeDay(collector: String, day: LocalDate, countedCash: Int64, note: String?, by principal: Principal) throws -> CashierDay {
        guard let cashier else {
            throw Problem("payments.no-cashier", status: 404, en: "This deployment takes no cash, so there is no cash day to close.",
                          vi: "Cấu hình này không thu tiền mặt nên không có quỹ để chốt.")
        }
        return try cashier.closeDay(collector: collector, day: day, countedCash: countedCash,
                                    transfers: try transferDay(collector: collector, day: day), note: note, by: principal)
    }

    /// The words of an amount as the receipt book of `method` writes them.
    public func words(_ amount: Int64, method: any PaymentsPlugin) -> String {
        VietnameseAmountWords(style: method.receiptBook?.words ?? .init()).text(amount)
    }
}
