#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP

/// The payments contract's routes and pages.
extension Application {
    /// The desk over the deployment's payment methods.
    var paymentsDesk: PaymentsDesk {
        PaymentsDesk(methods: self.composition.payments, calendar: deployment.calendar, clock: clock)
    }

    func paymentRoutes(_ methods: [any PaymentsPlugin]) -> [(route: APIRoute, implementation: RouteImplementation)] {
        let desk = paymentsDesk
        let intake = self.composition.intake
        let calendar = deployment.calendar
        let receiptExample = ["series": "BL-26E", "year": "2026", "number": "1"]
        return [
            route(.get, "/api/v1/payments/methods", .staff(.clerk), tag: "payments", "The payment methods and their receipt books") { _ in
                .json(.array(desk.methods.map { method in
                    var object = JSONObject([("id", .string(type(of: method).id.rawValue)),
                                             ("transfer", .bool(method is any TransferPaymentsPlugin))])
                    if let book = method.receiptBook {
                        object["template"] = .string(book.template)
                        object["series"] = .string(book.series)
                        object["paper"] = .string((book.paper ?? .a5).rawValue)
                    }
                    return .object(object)
                }))
            },
            route(.get, "/api/v1/payments/dossiers/:code", .staff(.clerk), tag: "payments",
                  "A dossier's fees: the quote (?quantity.<line>=n), receipts, transfers, what is due", example: ["code": "X-260101-0001"]) { context in
                let dossier = try Self.dossier(context.parameter("code"), intake: intake)
                let account = try desk.account(dossier, quantities: try Self.quantities(context.request))
                return try .encoded(AccountReply(account))
            },
            route(.get, "/api/v1/payments/dossiers/:code/summary", .anyone, tag: "payments",
                  "What a citizen sees: fees due and paid, without names or exemption reasons (?phone=last 4 digits where asked)",
                  example: ["code": "X-260101-0001"]) { context in
                let dossier = try Self.publicDossier(context.parameter("code"), phone: context.request.query("phone"), intake: intake)
                let account = try desk.account(dossier)
                let lines: [JSONValue] = account.quote.lines.map { line in
                    .object(JSONObject([("id", .string(line.id)), ("kind", .string(line.kind.rawValue)),
                                        ("name", .object(JSONObject([("vi", .string(line.name.vi)), ("en", .string(line.name.en))]))),
                                        ("amount", .number(.integer(line.amount))),
                                        ("status", .string(account.paidLines.contains(line.id) ? "paid"
                                            : account.waitingLines.contains(line.id) ? "waiting" : line.amount == 0 ? "free" : "due"))]))
                }
                return .json(.object(JSONObject([("code", .string(dossier.code)), ("total", .number(.integer(account.quote.total))),
                                                 ("paid", .number(.integer(account.paid))), ("due", .number(.integer(account.due))),
                                                 ("lines", .array(lines))])))
            },
            route(.post, "/api/v1/payments/dossiers/:code/collect", .staff(.clerk), tag: "payments",
                  "Collect the fees still due by one method: a receipt (cash) or a VietQR transfer to make",
                  body: OpenAPIDocument.object(["method": "string", "lines": "array", "quantities": "object", "payer": "string"], required: ["method"]),
                  example: ["code": "X-260101-0001"]) { context in
                struct Body: Decodable { var method: String; var lines: [String]?; var quantities: [String: Int64]?; var payer: String? }
                let body = try context.decode(Body.self)
                let dossier = try Self.dossier(context.parameter("code"), intake: intake)
                let outcome = try desk.collect(method: body.method, dossier: dossier,
                                               request: PaymentRequest(lines: body.lines, quantities: body.quantities, payer: body.payer),
                                               by: context.caller.principal)
                return try Self.reply(outcome, status: .created)
            },
            route(.get, "/api/v1/payments/receipts/:series/:year/:number", .staff(.clerk), tag: "payments", "One receipt",
                  example: receiptExample) { context in
                try .encoded(try desk.receipt(try Self.receiptID(context)).receipt)
            },
            route(.post, "/api/v1/payments/receipts/:series/:year/:number/void", .staff(.supervisor), tag: "payments",
                  "Void a receipt with a reason; it stays in the sequence, marked void",
                  body: OpenAPIDocument.object(["reason": "string"], required: ["reason"]), example: receiptExample) { context in
                struct Body: Decodable { var reason: String }
                let body = try context.decode(Body.self)
                let found = try desk.receipt(try Self.receiptID(context))
                return try .encoded(try found.method.void(found.receipt.id, reason: body.reason, by: context.caller.principal))
            },
            route(.get, "/api/v1/payments/transfers", .staff(.clerk), tag: "payments", "Transfers by status (?status=pending|confirmed|exception|cancelled)") { context in
                let status = Transfer.Status(rawValue: context.request.query("status") ?? "pending") ?? .pending
                var transfers: [Transfer] = []
                for method in desk.transferMethods { transfers += try method.transfers(status: status) }
                return try .encoded(transfers)
            },
            route(.post, "/api/v1/payments/transfers/:reference/confirm", .staff(.clerk), tag: "payments",
                  "A clerk confirms a transfer arrived; another amount goes to the exception list",
                  body: OpenAPIDocument.object(["receivedAmount": "integer"], required: []), example: ["reference": "QR-000001"]) { context in
                struct Body: Decodable { var receivedAmount: Int64? }
                let body = context.request.body.isEmpty ? Body(receivedAmount: nil) : try context.decode(Body.self)
                return try Self.reply(try desk.confirm(reference: context.parameter("reference"), receivedAmount: body.receivedAmount,
                                                       by: context.caller.principal), status: .ok)
            },
            route(.post, "/api/v1/payments/transfers/:reference/cancel", .staff(.clerk), tag: "payments",
                  "Give up a pending transfer (paid another way); its lines are due again",
                  body: OpenAPIDocument.object(["reason": "string"], required: ["reason"]), example: ["reference": "QR-000001"]) { context in
                struct Body: Decodable { var reason: String }
                let body = try context.decode(Body.self)
                let reference = context.parameter("reference")
                return try .encoded(try desk.transferMethod(holding: reference).cancel(reference: reference, reason: body.reason,
                                                                                       by: context.caller.principal))
            },
            route(.post, "/api/v1/payments/statements", .staff(.supervisor), tag: "payments",
                  "Import a bank statement (text/csv: date,amount,description,reference); all or nothing") { context in
                guard let method = desk.transferMethods.first else {
                    throw Problem("payments.no-transfer-method", status: 404, en: "This deployment takes no transfers.",
                                  vi: "Cấu hình này không thu qua chuyển khoản.")
                }
                guard !context.request.body.isEmpty else {
                    throw Problem("request.body-missing", en: "Send the statement CSV as the request body.", vi: "Hãy gửi tệp sao kê CSV trong nội dung yêu cầu.")
                }
                return try .encoded(try method.importStatement(context.request.body, by: context.caller.principal))
            },
            route(.get, "/api/v1/payments/exceptions", .staff(.clerk), tag: "payments", "Transfers with the wrong amount or no dossier") { _ in
                var exceptions: [TransferException] = []
                for method in desk.transferMethods { exceptions += try method.exceptions() }
                return try .encoded(exceptions)
            },
            route(.post, "/api/v1/payments/exceptions/:id/resolve", .staff(.supervisor), tag: "payments",
                  "Mark an exception settled with a note (a stray credit refunded); a transfer's exception settles by confirming or cancelling it",
                  body: OpenAPIDocument.object(["note": "string"], required: ["note"]), example: ["id": "EX-000001"]) { context in
                struct Body: Decodable { var note: String }
                let body = try context.decode(Body.self)
                let id = context.parameter("id")
                for method in desk.transferMethods where try method.exceptions().contains(where: { $0.id == id }) {
                    return try .encoded(try method.resolveException(id, note: body.note, by: context.caller.principal))
                }
                throw Problem("payments.no-such-exception", status: 404, en: "No exception \(id).", vi: "Không có ngoại lệ \(id).")
            },
            route(.get, "/api/v1/payments/cashier", .staff(.clerk), tag: "payments",
                  "A collector's day (?collector=&day=yyyy-MM-dd); clerks see their own") { context in
                let (collector, day) = try Self.cashierScope(context, desk: desk)
                return try .encoded(try desk.cashierDay(collector: collector, day: day))
            },
            route(.post, "/api/v1/payments/cashier/close", .staff(.clerk), tag: "payments",
                  "Close and lock a collector's day with the counted cash; clerks close their own",
                  body: OpenAPIDocument.object(["countedCash": "integer", "note": "string", "collector": "string", "day": "string"],
                                               required: ["countedCash"])) { context in
                struct Body: Decodable { var countedCash: Int64; var note: String?; var collector: String?; var day: String? }
                let body = try context.decode(Body.self)
                let (collector, day) = try Self.cashierScope(context, desk: desk, collector: body.collector, day: body.day)
                return try .encoded(try desk.closeDay(collector: collector, day: day, countedCash: body.countedCash, note: body.note,
                                                      by: context.caller.principal))
            },
            route(.get, "/api/v1/payments/ledger.csv", .staff(.supervisor), tag: "payments",
                  "The collection ledger as CSV for a day (?day=yyyy-MM-dd) or a month (?month=yyyy-MM)") { context in
                let (first, last, name) = try Self.ledgerRange(context.request, today: desk.today)
                var receipts = try desk.receipts(from: first, through: last)
                // The payer's name is masked unless the supervisor gives a reason, journalled per dossier.
                if let reason = try Self.fullExportReason(context) {
                    try self.recordAccess(context, dossiers: receipts.map(\.dossierCode), kind: .export, reason: reason)
                } else {
                    receipts = receipts.map { receipt in
                        var masked = receipt
                        masked.payer = PersonalMask.name(receipt.payer)
                        return masked
                    }
                }
                let codes = try self.composition.portalSync?.portalCodes(dossiers: receipts.map(\.dossierCode)) ?? PortalCodes()
                var response = HTTPResponse(status: .ok, body: Array(PaymentsLedger.csv(receipts, calendar: calendar, codes: codes).utf8))
                response.headers.add("Content-Type", "text/csv; charset=utf-8")
                response.headers.add("Content-Disposition", "attachment; filename=\"so-thu-phi-\(name).csv\"")
                response.headers.add("Cache-Control", "no-store")
                return response
            },
        ]
    }

    /// The payment pages (counter panel, receipt print, exceptions, cashier's day).
    func paymentPages(_ methods: [any PaymentsPlugin]) -> [(route: APIRoute, implementation: RouteImplementation)] {
        let desk = paymentsDesk
        let identity = self.identity
        let intake = self.composition.intake
        return [
            paymentPage("/payments", .staff(.clerk), "Payment panel: a dossier's fees, collect, receipts, VietQR") { page, context in
                let code = (context.request.query("dossier") ?? "").trimmingSpaces()
                guard !code.isEmpty else { return Pages.paymentPanel(context: page, code: nil, dossier: nil, account: nil, desk: desk, problem: nil) }
                do {
                    let dossier = try Self.dossier(code, intake: intake)
                    let account = try desk.account(dossier, quantities: try Self.quantities(context.request))
                    try self.recordAccess(context, dossiers: [dossier.code], kind: .page)
                    return Pages.paymentPanel(context: page, code: code, dossier: dossier, account: account, desk: desk, problem: nil)
                } catch let problem as Problem {
                    return Pages.paymentPanel(context: page, code: code, dossier: nil, account: nil, desk: desk, problem: problem)
                }
            },
            paymentPage("/payments/status", .anyone, "For citizens: a dossier's fees, what is paid and due, and the VietQR to pay (?phone=last 4 digits where asked)") { page, context in
                let code = (context.request.query("dossier") ?? "").trimmingSpaces()
                let needsPhone = intake?.lookupNeedsPhoneDigits ?? false
                let phone = context.request.query("phone")
                guard !code.isEmpty else { return Pages.paymentStatus(context: page, code: nil, account: nil, problem: nil, needsPhone: needsPhone, phone: nil) }
                do {
                    let account = try desk.account(try Self.publicDossier(code, phone: phone, intake: intake))
                    return Pages.paymentStatus(context: page, code: code, account: account, problem: nil, needsPhone: needsPhone, phone: phone)
                } catch let problem as Problem {
                    return Pages.paymentStatus(context: page, code: code, account: nil, problem: problem, needsPhone: needsPhone, phone: phone)
                }
            },
            paymentPage("/payments/receipts/:series/:year/:number", .staff(.clerk), "Printable receipt (A5 or A4 by the method's setting)",
                        example: ["series": "BL-26E", "year": "2026", "number": "1"]) { page, context in
                let found = try desk.receipt(try Self.receiptID(context))
                try self.recordAccess(context, dossiers: [found.receipt.dossierCode], kind: .form)
                let collector = try identity.account(found.receipt.collector)?.displayName
                return Pages.receiptPrint(context: page, receipt: found.receipt, book: found.method.receiptBook,
                                          words: desk.words(found.receipt.total, method: found.method), collectorName: collector)
            },
            paymentPage("/payments/exceptions", .staff(.clerk), "Transfers pending, the exception list and the statement import") { page, _ in
                var pending: [Transfer] = []
                var exceptions: [TransferException] = []
                for method in desk.transferMethods {
                    pending += try method.transfers(status: .pending)
                    exceptions += try method.exceptions()
                }
                return Pages.paymentExceptions(context: page, pending: pending, exceptions: exceptions, hasTransfers: !desk.transferMethods.isEmpty)
            },
            paymentPage("/payments/cashier", .staff(.clerk), "The cashier's day: expected and counted cash, transfers, voids; closing") { page, context in
                let (collector, day) = try Self.cashierScope(context, desk: desk)
                let cashierDay = try desk.cashierDay(collector: collector, day: day)
                let receipts = try desk.receipts(from: day, through: day).filter { $0.collector == collector }
                return Pages.cashierDay(context: page, day: cashierDay, receipts: receipts, hasCash: desk.cashier != nil)
            },
        ]
    }

    private func paymentPage(_ path: String, _ access: Access, _ summary: String, example: [String: String] = [:],
                             _ render: @escaping @Sendable (PageContext, RequestContext) throws -> Markup) -> (route: APIRoute, implementation: RouteImplementation) {
        route(.get, path, access, tag: "pages", summary, page: true, example: example) { [self] context in
            let page = pageContext(context)
            var response = HTTPResponse.html(try render(page, context))
            response.headers.add("Cache-Control", "no-store")
            return response
        }
    }

    // MARK: Request helpers

    static func dossier(_ code: String, intake: (any IntakePlugin)?) throws -> Dossier {
        guard let intake else {
            throw Problem("payments.no-intake", status: 404, en: "This deployment has no intake, so no dossier \(code) can be found.",
                          vi: "Cấu hình này chưa có tiếp nhận hồ sơ nên không tìm được hồ sơ \(code).")
        }
        guard let dossier = try intake.dossier(code: code) else {
            throw Problem("payments.no-such-dossier", status: 404, en: "No dossier with code \(code).", vi: "Không có hồ sơ mã \(code).",
                          details: [.init(field: "dossier", code: "unknown", message: LocalizedText(vi: "Không có hồ sơ", en: "No such dossier"))])
        }
        return dossier
    }

    /// Quantities from `?quantity.<line>=n`.
    static func quantities(_ request: HTTPRequest) throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        for item in request.queryItems where item.name.hasPrefix("quantity.") {
            let line = String(item.name.dropFirst("quantity.".count))
            guard let value = Int64(item.value) else {
                throw Problem("payments.quantity", en: "The quantity of \"\(line)\" must be a whole number.",
                              vi: "Số lượng của \"\(line)\" phải là số nguyên.",
                              details: [.init(field: "quantities.\(line)", code: "invalid", message: LocalizedText(vi: "Số nguyên", en: "Whole number"))])
            }
            result[line] = value
        }
        return result
    }

    static func receiptID(_ context: RequestContext) throws -> ReceiptID {
        guard let id = ReceiptID("\(context.parameter("series"))/\(context.parameter("year"))/\(context.parameter("number"))") else {
            throw Problem("payments.receipt-id", status: 404, en: "A receipt is addressed as series/year/number, e.g. BL-26E/2026/1.",
                          vi: "Biên lai được ghi theo ký hiệu/năm/số, ví dụ BL-26E/2026/1.")
        }
        return id
    }

    /// Whose day and which: clerks get their own; supervisors may name another collector.
    static func cashierScope(_ context: RequestContext, desk: PaymentsDesk, collector: String? = nil, day: String? = nil) throws -> (String, LocalDate) {
        guard case .staff(let account) = context.caller else {
            throw Problem("auth.required", status: 401, en: "Sign in to see a cashier's day.", vi: "Hãy đăng nhập để xem quỹ trong ngày.")
        }
        let asked = (collector ?? context.request.query("collector"))?.trimmingSpaces()
        let who = asked.flatMap { $0.isEmpty ? nil : $0 } ?? account.id
        guard who == account.id || account.role >= .supervisor else {
            throw Problem("auth.forbidden", status: 403, en: "Only a supervisor may see or close another collector's day.",
                          vi: "Chỉ lãnh đạo mới được xem hoặc chốt quỹ của người khác.")
        }
        let dayText = day ?? context.request.query("day")
        guard let dayText, !dayText.isEmpty else { return (who, desk.today) }
        guard let parsed = LocalDate(iso: dayText) else {
            throw Problem("payments.day", en: "\"\(dayText)\" is not a day; write yyyy-MM-dd.", vi: "\"\(dayText)\" không phải ngày; hãy ghi yyyy-MM-dd.",
                          details: [.init(field: "day", code: "invalid", message: LocalizedText(vi: "Ngày yyyy-MM-dd", en: "Day yyyy-MM-dd"))])
        }
        return (who, parsed)
    }

    static func ledgerRange(_ request: HTTPRequest, today: LocalDate) throws -> (LocalDate, LocalDate, String) {
        if let month = request.query("month") {
            let parts = month.split(separator: "-").map(String.init)
            guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let number = Int(parts[1]),
                  let first = LocalDate(year: year, month: number, day: 1) else {
                throw Problem("payments.month", en: "\"\(month)\" is not a month; write yyyy-MM.", vi: "\"\(month)\" không phải tháng; hãy ghi yyyy-MM.",
                              details: [.init(field: "month", code: "invalid", message: LocalizedText(vi: "Tháng yyyy-MM", en: "Month yyyy-MM"))])
            }
            let last = LocalDate(year: year, month: number, day: LocalDate.daysInMonth(year: year, month: number))!
            return (first, last, month)
        }
        let dayText = request.query("day") ?? today.description
        guard let day = LocalDate(iso: dayText) else {
            throw Problem("payments.day", en: "\"\(dayText)\" is not a day; write yyyy-MM-dd.", vi: "\"\(dayText)\" không phải ngày; hãy ghi yyyy-MM-dd.",
                          details: [.init(field: "day", code: "invalid", message: LocalizedText(vi: "Ngày yyyy-MM-dd", en: "Day yyyy-MM-dd"))])
        }
        return (day, day, day.description)
    }

    static func reply(_ outcome: PaymentOutcome, status: HTTPStatus) throws -> HTTPResponse {
        switch outcome {
        case .receipt(let receipt):
            return .json(.object(JSONObject([("receipt", try JSONValueEncoder().encode(receipt)),
                                             ("print", .string("/payments/receipts/\(receipt.id)"))])), status: status)
        case .pending(let transfer):
            return .json(.object(JSONObject([("transfer", try JSONValueEncoder().encode(transfer))])), status: status)
        }
    }
}

/// The body of `GET /api/v1/payments/dossiers/:code`.
struct AccountReply: Encodable {
    var quote: FeeQuote
    var receipts: [Receipt]
    var transfers: [Transfer]
    var paidLines: [String]
    var waitingLines: [String]
    var due: Int64
    var paid: Int64

    init(_ account: PaymentsDesk.Account) {
        quote = account.quote
        receipts = account.receipts
        transfers = account.transfers
        paidLines = account.paidLines.sorted()
        waitingLines = account.waitingLines.sorted()
        due = account.due
        paid = account.paid
    }
}
