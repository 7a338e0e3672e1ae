#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// The payments pages: the counter's payment panel, the printable receipt, the transfer
/// reconciliation page and the cashier's day.
extension Pages {
    /// The payment panel: find a dossier, see its fee lines with exemptions and what is
    /// paid, collect by cash or VietQR, confirm transfers, print and void receipts.
    public static func paymentPanel(context: PageContext, code: String?, dossier: Dossier?, account: PaymentsDesk.Account?,
                                     desk: PaymentsDesk, problem: Problem?) -> Markup {
        var body: Markup = """
        <h1>\(context.text(WebStrings.paymentsPage))</h1>
        <p>\(context.text(WebStrings.paymentsIntro))</p>
        <nav class="button-row payments-nav" aria-label="\(context.text(WebStrings.paymentsPage))">
        <a class="button small" href="/payments/cashier">\(context.text(WebStrings.payCashierPage))</a>
        <a class="button small" href="/payments/exceptions">\(context.text(WebStrings.payExceptionsPage))</a>
        </nav>
        <form class="panel" method="get" action="/payments">
        \(field(id: "pay-dossier", label: WebStrings.payDossierCode, control: """
            <input id="pay-dossier" name="dossier" type="text" value="\(HTML.escape(code ?? ""))" autocomplete="off" spellcheck="false" required>
            """, context: context))
        <button type="submit" class="button primary">\(context.text(WebStrings.payFind))</button>
        </form>
        """
        if let problem {
            body += "<p class=\"form-error\" role=\"alert\">\(context.text(problem.message))</p>"
        }
        if let dossier, let account {
            body += dossierFacts(dossier, context: context)
            body += quoteSection(dossier, account: account, context: context)
            body += collectSection(dossier, account: account, desk: desk, context: context)
            body += transferSection(account.transfers, context: context)
            body += receiptSection(account.receipts, context: context)
        }
        return layout(title: WebStrings.paymentsPage, context: context, body: body, bodyClass: "payments")
    }

    private static func dossierFacts(_ dossier: Dossier, context: PageContext) -> Markup {
        let procedure = context.deployment.procedure(dossier.procedure).map { context.text($0.name) } ?? HTML.escape(dossier.procedure)
        return """
        <section class="panel" aria-labelledby="pay-dossier-heading">
        <h2 id="pay-dossier-heading">\(context.text(WebStrings.payDossierCode)): <code>\(HTML.escape(dossier.code))</code></h2>
        <dl class="facts">
        <dt>\(context.text(WebStrings.payProcedure))</dt><dd>\(HTML.escape(dossier.procedure)) – \(procedure)</dd>
        <dt>\(context.text(WebStrings.payApplicant))</dt><dd>\(HTML.escape(dossier.applicantName))</dd>
        <dt>\(context.text(WebStrings.payChannel))</dt><dd>\(context.text(channelTitle(dossier.channel)))</dd>
        <dt>\(context.text(WebStrings.payDossierStatus))</dt><dd>\(context.text(statusTitle(dossier.status)))</dd>
        </dl>
        </section>
        """
    }

    private static func statusTitle(_ status: Dossier.Status) -> LocalizedText {
        switch status {
        case .received: WebStrings.payStatusReceived
        case .inProcess: WebStrings.payStatusInProcess
        case .supplementRequested: WebStrings.payStatusSupplementRequested
        case .supplemented: WebStrings.payStatusSupplemented
        case .done: WebStrings.payStatusDone
        case .returned: WebStrings.payStatusReturned
        case .refused: WebStrings.payStatusRefused
        case .stopped: WebStrings.payStatusStopped
        }
    }

    private static func quoteSection(_ dossier: Dossier, account: PaymentsDesk.Account, context: PageContext) -> Markup {
        let quote = account.quote
        let procedure = context.deployment.procedure(dossier.procedure)
        var rows: [Markup] = []
        var quantityFields: [Markup] = []
        for line in quote.lines {
            let status: LocalizedText = account.paidLines.contains(line.id) ? WebStrings.payStatusPaid
                : account.waitingLines.contains(line.id) ? WebStrings.payStatusWaiting
                : line.amount == 0 ? WebStrings.payStatusFree : WebStrings.payStatusDue
            let reason: Markup = line.reductionReason.map { "<br><small class=\"legal-reason\">\(context.text($0))</small>" } ?? ""
            rows.append("""
            <tr><td>\(context.text(line.name))</td><td>\(context.text(line.kind.title))</td><td class="num">\(money(line.unitAmount))</td><td class="num">\(line.quantity)</td><td class="num">\(money(line.grossAmount))</td><td class="num">\(line.reduction > 0 ? "−" + money(line.reduction) : "")\(reason)</td><td class="num"><strong>\(money(line.amount))</strong></td><td>\(context.text(status))</td></tr>
            """)
        }
        for fee in procedure?.fees ?? [] where fee.per != .dossier {
            let current = quote.lines.first { $0.id == fee.id }?.quantity ?? 0
            quantityFields.append(field(id: "qty-\(fee.id)", label: fee.name, control: """
                <input id="qty-\(HTML.escape(fee.id))" name="quantity.\(HTML.escape(fee.id))" type="number" min="0" max="\(FeeRules.maximumQuantity)" value="\(current)">
                """, context: context))
        }
        let recalc: Markup = quantityFields.isEmpty ? "" : """
            <form method="get" action="/payments" class="quantities">
            <input type="hidden" name="dossier" value="\(HTML.escape(dossier.code))">
            <div class="form-grid">\(quantityFields.joined(separator: "\n"))</div>
            <button type="submit" class="button">\(context.text(WebStrings.payRecalculate))</button>
            </form>
            """
        return """
        <section class="panel" aria-labelledby="pay-quote-heading">
        <h2 id="pay-quote-heading">\(context.text(WebStrings.payFeeItem))</h2>
        <div class="table-scroll">
        <table class="data fee-lines">
        <thead><tr><th scope="col">\(context.text(WebStrings.payFeeItem))</th><th scope="col">\(context.text(WebStrings.payFeeKind))</th><th scope="col">\(context.text(WebStrings.payUnitPrice))</th><th scope="col">\(context.text(WebStrings.payQuantity))</th><th scope="col">\(context.text(WebStrings.payGrossAmount))</th><th scope="col">\(context.text(WebStrings.payReduction))</th><th scope="col">\(context.text(WebStrings.payAmountDue))</th><th scope="col">\(context.text(WebStrings.payLineStatus))</th></tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        <tfoot>
        <tr><th scope="row" colspan="6">\(context.text(WebStrings.payTotalDue))</th><td class="num"><strong>\(money(quote.total))</strong></td><td></td></tr>
        <tr><th scope="row" colspan="6">\(context.text(WebStrings.payPaidSoFar))</th><td class="num">\(money(account.paid))</td><td></td></tr>
        \(account.waiting > 0 ? "<tr class=\"waiting\"><th scope=\"row\" colspan=\"6\">\(context.text(WebStrings.payWaitingTotal))</th><td class=\"num\"><strong>\(money(account.waiting))</strong></td><td></td></tr>" : "")
        <tr><th scope="row" colspan="6">\(context.text(WebStrings.payStillDue))</th><td class="num"><strong class="amount-due">\(money(account.due))</strong></td><td></td></tr>
        </tfoot>
        </table>
        </div>
        \(account.due > 0 ? "<p>\(context.text(WebStrings.payInWords)): <em>\(HTML.escape(VietnameseAmountWords().text(account.due)))</em></p>" : "")
        \(recalc)
        </section>
        """
    }

    private static func collectSection(_ dossier: Dossier, account: PaymentsDesk.Account, desk: PaymentsDesk, context: PageContext) -> Markup {
        guard account.due > 0 else {
            return account.waiting > 0
                ? "<p class=\"panel waiting-note\" role=\"status\">\(context.text(WebStrings.payWaitingNote)) <strong>\(money(account.waiting))</strong>.</p>"
                : "<p class=\"panel empty\">\(context.text(WebStrings.payNothingDue))</p>"
        }
        let code = HTML.escape(percentEncoded(dossier.code, keepingSlashes: false))
        let quantities: Markup = account.quote.lines.filter { $0.unit != "dossier" }.map { line in
            "<input type=\"hidden\" name=\"quantities.\(HTML.escape(line.id))\" value=\"\(line.quantity)\" data-number>"
        }.joined(separator: "\n")
        let forms = desk.methods.map { method -> Markup in
            let id = type(of: method).id.rawValue
            let transfer = method is any TransferPaymentsPlugin
            let label = transfer ? WebStrings.payCollectTransfer : WebStrings.payCollectCash
            // Cash changes hands once: the clerk confirms the amount before the receipt is issued.
            let confirm: Markup = transfer ? "" : " data-confirm=\"\(context.text(WebStrings.payConfirmCash)) \(money(account.due))?\""
            return """
            <form method="post" data-api="/api/v1/payments/dossiers/\(code)/collect" data-method="POST" data-nest class="collect-form"\(confirm)>
            <p class="form-error" role="alert" hidden></p>
            <input type="hidden" name="method" value="\(HTML.escape(id))">
            \(quantities)
            \(field(id: "payer-\(id)", label: WebStrings.payPayer, control: """
                <input id="payer-\(HTML.escape(id))" name="payer" type="text" maxlength="200" autocomplete="off">
                """, hint: WebStrings.payPayerHint, context: context))
            <button type="submit" class="button primary">\(context.text(label)) – \(money(account.due))</button>
            </form>
            """
        }
        return """
        <section class="panel" aria-labelledby="pay-collect-heading">
        <h2 id="pay-collect-heading">\(context.text(WebStrings.payMethod))</h2>
        <div class="collect-forms">
        \(forms.joined(separator: "\n"))
        </div>
        </section>
        """
    }

    private static func transferSection(_ transfers: [Transfer], context: PageContext) -> Markup {
        guard !transfers.isEmpty else { return "" }
        let items: [Markup] = transfers.reversed().map { transfer -> Markup in
            let reference = percentEncoded(transfer.reference, keepingSlashes: false)
            let statusText: Markup = switch transfer.status {
            case .pending: context.text(WebStrings.payStatusWaiting)
            case .confirmed: context.text(WebStrings.payStatusPaid)
            case .exception: context.text(transfer.receivedAmount ?? 0 > transfer.total ? WebStrings.payOverpaid : WebStrings.payUnderpaid)
            case .cancelled: context.text(WebStrings.payVoided)
            }
            let actions: Markup = transfer.status != .pending && transfer.status != .exception ? "" : """
                <div class="button-row">
                <button type="button" class="button primary" data-action="post" data-url="/api/v1/payments/transfers/\(reference)/confirm" data-confirm="\(context.text(WebStrings.payConfirmTransferQuestion))">\(context.text(WebStrings.payConfirmTransfer))</button>
                </div>
                <form method="post" data-api="/api/v1/payments/transfers/\(reference)/cancel" data-method="POST" class="inline-form">
                <p class="form-error" role="alert" hidden></p>
                \(field(id: "cancel-\(reference)", label: WebStrings.payReason, control: """
                    <input id="cancel-\(reference)" name="reason" type="text" required maxlength="500">
                    """, context: context))
                <button type="submit" class="button danger small">\(context.text(WebStrings.payCancelTransfer))</button>
                </form>
                """
            return """
            <article class="transfer transfer-\(transfer.status.rawValue)">
            <h3>\(HTML.escape(transfer.reference)) · \(money(transfer.total)) · <span class="badge">\(statusText)</span></h3>
            \(transfer.status == .pending ? vietQRBlock(transfer, context: context) : "")
            \(actions)
            </article>
            """
        }
        return """
        <section class="panel" aria-labelledby="pay-transfers-heading">
        <h2 id="pay-transfers-heading">\(context.text(WebStrings.payTransfers))</h2>
        \(items.joined(separator: "\n"))
        </section>
        """
    }

    /// The VietQR with every detail printed beside it, so a payer can type them when the
    /// code cannot be scanned (or drawn).
    static func vietQRBlock(_ transfer: Transfer, context: PageContext) -> Markup {
        let qr: Markup = qrSVG(transfer.qrText, moduleSize: 5).map { "<div class=\"qr\" role=\"img\" aria-label=\"VietQR\">\($0)</div>" }
            ?? "<p class=\"qr-missing\">\(context.text(WebStrings.payQrUnavailable))</p>"
        return """
        <div class="vietqr">
        \(qr)
        <dl class="facts">
        <dt>\(context.text(WebStrings.payBank))</dt><dd>\(HTML.escape(transfer.bankName))</dd>
        <dt>\(context.text(WebStrings.payAccount))</dt><dd><strong>\(HTML.escape(transfer.account))</strong></dd>
        <dt>\(context.text(WebStrings.payAccountName))</dt><dd>\(HTML.escape(transfer.accountName))</dd>
        <dt>\(context.text(WebStrings.payAmount))</dt><dd><strong>\(money(transfer.total))</strong></dd>
        <dt>\(context.text(WebStrings.payPurpose))</dt><dd><strong><code>\(HTML.escape(transfer.purpose))</code></strong></dd>
        \(context.staff == nil ? "" : "<dt>\(context.text(WebStrings.payQrPayload))</dt><dd><code class=\"qr-text\">\(HTML.escape(transfer.qrText))</code></dd>")
        </dl>
        </div>
        """
    }

    private static func receiptSection(_ receipts: [Receipt], context: PageContext) -> Markup {
        guard !receipts.isEmpty else { return "" }
        let rows = receipts.map { receipt -> Markup in
            let path = "/payments/receipts/\(percentEncoded(receipt.series, keepingSlashes: false))/\(receipt.year)/\(receipt.number)"
            let apiPath = "/api/v1" + path
            let void: Markup = receipt.voided || !context.isSupervisor ? "" : """
                <form method="post" data-api="\(HTML.escape(apiPath))/void" data-method="POST" class="inline-form">
                <p class="form-error" role="alert" hidden></p>
                \(field(id: "void-\(receipt.number)-\(receipt.year)", label: WebStrings.payReason, control: """
                    <input id="void-\(receipt.number)-\(receipt.year)" name="reason" type="text" required minlength="3" maxlength="500">
                    """, context: context))
                <button type="submit" class="button danger small">\(context.text(WebStrings.payVoidReceipt))</button>
                </form>
                """
            let status: Markup = receipt.voided
                ? "<span class=\"badge off\">\(context.text(WebStrings.payVoided))</span> \(HTML.escape(receipt.voidReason ?? ""))"
                : "<span class=\"badge on\">\(context.text(WebStrings.payStatusPaid))</span>"
            return """
            <tr\(receipt.voided ? " class=\"is-disabled\"" : "")><td>\(HTML.escape(receipt.template))</td><td>\(HTML.escape(receipt.series))</td><td>\(receipt.id.printedNumber)</td><td class="num">\(money(receipt.total))</td><td>\(dateTimeText(receipt.issuedAt, context))</td><td>\(HTML.escape(context.actorName(receipt.collector)))</td><td>\(status)</td><td><a class="button small" href="\(HTML.escape(path))">\(context.text(WebStrings.payPrintReceipt))</a>\(void)</td></tr>
            """
        }
        return """
        <section class="panel" aria-labelledby="pay-receipts-heading">
        <h2 id="pay-receipts-heading">\(context.text(WebStrings.payReceipts))</h2>
        <div class="table-scroll">
        <table class="data">
        <thead><tr><th scope="col">\(context.text(WebStrings.payReceiptTemplate))</th><th scope="col">\(context.text(WebStrings.payReceiptSeries))</th><th scope="col">\(context.text(WebStrings.payReceiptNumber))</th><th scope="col">\(context.text(WebStrings.payTotal))</th><th scope="col">\(context.text(WebStrings.payIssuedAt))</th><th scope="col">\(context.text(WebStrings.payCollector))</th><th scope="col">\(context.text(WebStrings.status))</th><th scope="col"></th></tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table>
        </div>
        </section>
        """
    }

    /// The citizen's view of a dossier's fees: each line paid, waiting or due, the totals,
    /// and any pending VietQR with its details, so the citizen can pay from a phone. No names.
    /// Exemption reasons never show here: they reveal sensitive data (disability, poverty).
    public static func paymentStatus(context: PageContext, code: String?, account: PaymentsDesk.Account?, problem: Problem?,
                                     needsPhone: Bool = false, phone: String? = nil) -> Markup {
        var body: Markup = """
        <h1>\(context.text(WebStrings.payStatusPage))</h1>
        <form class="panel" method="get" action="/payments/status">
        \(field(id: "status-dossier", label: WebStrings.payDossierCode, control: """
            <input id="status-dossier" name="dossier" type="text" value="\(HTML.escape(code ?? ""))" autocomplete="off" spellcheck="false" required>
            """, context: context))
        \(needsPhone ? publicPhoneField(id: "status-phone", value: phone, context: context) : "")
        <button type="submit" class="button primary">\(context.text(WebStrings.payFind))</button>
        </form>
        """
        if let problem { body += "<p class=\"form-error\" role=\"alert\">\(context.text(problem.message))</p>" }
        if let account {
            let rows = account.quote.lines.map { line -> Markup in
                let status: LocalizedText = account.paidLines.contains(line.id) ? WebStrings.payStatusPaid
                    : account.waitingLines.contains(line.id) ? WebStrings.payStatusWaiting
                    : line.amount == 0 ? WebStrings.payStatusFree : WebStrings.payStatusDue
                return "<tr><td>\(context.text(line.name))</td><td class=\"num\">\(money(line.amount))</td><td>\(context.text(status))</td></tr>"
            }
            let pending = account.transfers.filter { $0.status == .pending }.map { vietQRBlock($0, context: context) }
            body += """
            <section class="panel" aria-labelledby="status-lines">
            <h2 id="status-lines">\(context.text(WebStrings.payDossierCode)): <code>\(HTML.escape(account.quote.dossierCode))</code></h2>
            <div class="table-scroll"><table class="data status-lines">
            <thead><tr><th scope="col">\(context.text(WebStrings.payFeeItem))</th><th scope="col">\(context.text(WebStrings.payAmountDue))</th><th scope="col">\(context.text(WebStrings.payLineStatus))</th></tr></thead>
            <tbody>\(rows.joined(separator: "\n"))</tbody>
            <tfoot>
            <tr><th scope="row">\(context.text(WebStrings.payPaidSoFar))</th><td class="num">\(money(account.paid))</td><td></td></tr>
            \(account.waiting > 0 ? "<tr class=\"waiting\"><th scope=\"row\">\(context.text(WebStrings.payWaitingTotal))</th><td class=\"num\"><strong>\(money(account.waiting))</strong></td><td></td></tr>" : "")
            <tr><th scope="row">\(context.text(WebStrings.payStillDue))</th><td class="num"><strong>\(money(account.due))</strong></td><td></td></tr>
            </tfoot></table></div>
            \(pending.joined(separator: "\n"))
            </section>
            """
        }
        return layout(title: WebStrings.payStatusPage, context: context, body: body, bodyClass: "payments")
    }

    /// The printable receipt: template, series and number; payer, dossier and lines with
    /// any exemption's legal reason; the total in digits and in words; collector and time;
    /// a check code as QR. Prints on the receipt book's paper (A5 unless set to A4).
    public static func receiptPrint(context: PageContext, receipt: Receipt, book: ReceiptBook?, words: String, collectorName: String? = nil) -> Markup {
        let collector = HTML.escape(collectorName ?? context.actorName(receipt.collector))
        let paper = (book?.paper ?? .a5).rawValue
        let centre = context.deployment.centre
        let rows: [Markup] = receipt.lines.enumerated().map { index, line in
            let reason: Markup = line.reductionReason.map { "<br><small class=\"legal-reason\">\(context.text($0))</small>" } ?? ""
            return """
            <tr><td>\(index + 1)</td><td>\(context.text(line.name)) <small>(\(context.text(line.kind.title)))</small>\(reason)</td><td class="num">\(money(line.unitAmount))</td><td class="num">\(line.quantity)</td><td class="num">\(line.reduction > 0 ? "−" + money(line.reduction) : "")</td><td class="num">\(money(line.amount))</td></tr>
            """
        }
        let check = "\(receipt.template)|\(receipt.series)|\(receipt.year)|\(receipt.id.printedNumber)|\(receipt.dossierCode)|\(receipt.total)"
        let qr: Markup = qrSVG(check, moduleSize: 2).map { "<div class=\"qr\" role=\"img\" aria-label=\"QR\">\($0)</div>" } ?? ""
        let method = receipt.reference == nil ? WebStrings.payMethodCash : WebStrings.payMethodTransfer
        let procedure = context.deployment.procedure(receipt.procedure).map { context.text($0.name) } ?? HTML.escape(receipt.procedure)
        let body: Markup = """
        <p class="button-row no-print"><button type="button" class="button primary" data-action="print">\(context.text(WebStrings.payPrint))</button> <a class="button" href="/payments?dossier=\(HTML.escape(percentEncoded(receipt.dossierCode, keepingSlashes: false)))">\(context.text(WebStrings.paymentsPage))</a></p>
        <article class="receipt paper-\(paper.lowercased())\(receipt.voided ? " is-void" : "")">
        <header class="receipt-head">
        <div><strong>\(context.text(centre.name))</strong>\(centre.address.map { "<br>\(HTML.escape($0))" } ?? "")</div>
        <div class="receipt-book">\(context.text(WebStrings.payReceiptTemplate)): <strong>\(HTML.escape(receipt.template))</strong><br>\(context.text(WebStrings.payReceiptSeries)): <strong>\(HTML.escape(receipt.series))</strong><br>\(context.text(WebStrings.payReceiptNumber)): <strong>\(receipt.id.printedNumber)</strong></div>
        </header>
        <h1>\(context.text(WebStrings.payReceiptTitle))</h1>
        \(receipt.voided ? "<p class=\"void-stamp\">\(context.text(WebStrings.payVoidStamp)): \(HTML.escape(receipt.voidReason ?? ""))</p>" : "")
        <dl class="facts">
        <dt>\(context.text(WebStrings.payPayer))</dt><dd>\(HTML.escape(receipt.payer))</dd>
        <dt>\(context.text(WebStrings.payDossierCode))</dt><dd>\(HTML.escape(receipt.dossierCode))</dd>
        <dt>\(context.text(WebStrings.payProcedure))</dt><dd>\(procedure)</dd>
        <dt>\(context.text(WebStrings.payMethod))</dt><dd>\(context.text(method))\(receipt.reference.map { " – " + HTML.escape($0) } ?? "")</dd>
        </dl>
        <table class="data receipt-lines">
        <thead><tr><th scope="col">#</th><th scope="col">\(context.text(WebStrings.payFeeItem))</th><th scope="col">\(context.text(WebStrings.payUnitPrice))</th><th scope="col">\(context.text(WebStrings.payQuantity))</th><th scope="col">\(context.text(WebStrings.payReduction))</th><th scope="col">\(context.text(WebStrings.payAmount))</th></tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        <tfoot><tr><th scope="row" colspan="5">\(context.text(WebStrings.payTotal))</th><td class="num"><strong>\(money(receipt.total))</strong></td></tr></tfoot>
        </table>
        <p class="receipt-words">\(context.text(WebStrings.payInWords)): <strong>\(HTML.escape(words))</strong></p>
        <p>\(context.text(WebStrings.payIssuedAt)): \(dateTimeText(receipt.issuedAt, context)) · \(context.text(WebStrings.payCollector)): \(collector)</p>
        <div class="signatures"><div>\(context.text(WebStrings.payPayerSignature))<br><br><br>\(HTML.escape(receipt.payer))</div><div>\(context.text(WebStrings.payCollectorSignature))<br><br><br>\(collector)</div></div>
        <footer class="receipt-check">\(qr)<small>\(context.text(WebStrings.payReceiptCheck)): <code>\(HTML.escape(check))</code></small></footer>
        </article>
        """
        return layout(title: WebStrings.payReceiptTitle, context: context, body: body, bodyClass: "receipt-page")
    }

    /// Transfers pending, the clearly marked exception list, and the statement import.
    public static func paymentExceptions(context: PageContext, pending: [Transfer], exceptions: [TransferException], hasTransfers: Bool) -> Markup {
        guard hasTransfers else {
            return layout(title: WebStrings.payExceptionsPage, context: context,
                          body: "<h1>\(context.text(WebStrings.payExceptionsPage))</h1><p class=\"empty\">\(context.text(WebStrings.payNoTransferMethod))</p>")
        }
        let pendingRows: [Markup] = pending.map { transfer in
            """
            <tr><td><a href="/payments?dossier=\(HTML.escape(percentEncoded(transfer.dossierCode, keepingSlashes: false)))">\(HTML.escape(transfer.dossierCode))</a></td><td>\(HTML.escape(transfer.reference))</td><td class="num">\(money(transfer.total))</td><td>\(HTML.escape(context.actorName(transfer.collector)))</td><td>\(dateTimeText(transfer.createdAt, context))</td></tr>
            """
        }
        let exceptionRows = exceptions.map { exception -> Markup in
            let reason: LocalizedText = switch exception.reason {
            case .overpaid: WebStrings.payOverpaid
            case .underpaid: WebStrings.payUnderpaid
            case .unmatched: WebStrings.payUnmatched
            }
            let dossier: Markup = exception.dossierCode.map {
                "<a href=\"/payments?dossier=\(HTML.escape(percentEncoded($0, keepingSlashes: false)))\">\(HTML.escape($0))</a>"
            } ?? "—"
            let settle: Markup
            if let resolvedAt = exception.resolvedAt {
                settle = "<span class=\"badge on\">\(context.text(WebStrings.payResolved))</span> \(HTML.escape(exception.resolution ?? "")) · \(HTML.escape(exception.resolvedBy ?? "")) · \(dateTimeText(resolvedAt, context))"
            } else if exception.transfer == nil, context.isSupervisor {
                settle = """
                    <form method="post" data-api="/api/v1/payments/exceptions/\(HTML.escape(percentEncoded(exception.id, keepingSlashes: false)))/resolve" data-method="POST" class="inline-form">
                    <p class="form-error" role="alert" hidden></p>
                    \(field(id: "resolve-\(exception.id)", label: WebStrings.payResolution, control: """
                        <input id="resolve-\(HTML.escape(exception.id))" name="note" type="text" required minlength="3" maxlength="500">
                        """, context: context))
                    <button type="submit" class="button small">\(context.text(WebStrings.payResolve))</button>
                    </form>
                    """
            } else {
                settle = "<span class=\"badge exception\">\(context.text(WebStrings.payOpen))</span>"
            }
            return """
            <tr\(exception.isOpen ? " class=\"exception-row\"" : " class=\"is-disabled\"")><td><span class="badge exception">\(context.text(reason))</span></td><td>\(dossier)</td><td class="num">\(money(exception.expected))</td><td class="num">\(money(exception.received))</td><td class="num">\(money(exception.received - exception.expected))</td><td>\(HTML.escape(exception.bankReference))</td><td>\(HTML.escape(exception.description))</td><td>\(dateTimeText(exception.recordedAt, context))</td><td>\(settle)</td></tr>
            """
        }
        let importForm: Markup = !context.isSupervisor ? "" : """
            <section class="panel" aria-labelledby="pay-import-heading">
            <h2 id="pay-import-heading">\(context.text(WebStrings.payImportStatement))</h2>
            <form method="post" data-upload="/api/v1/payments/statements" data-done="\(context.text(WebStrings.payImportDone))">
            <p class="form-error" role="alert" hidden></p>
            \(field(id: "statement-file", label: WebStrings.payStatementFile, control: """
                <input id="statement-file" name="file" type="file" accept=".csv,text/csv" required>
                """, hint: WebStrings.payStatementHint, context: context))
            <button type="submit" class="button primary">\(context.text(WebStrings.payImportButton))</button>
            <output class="import-result" aria-live="polite" hidden></output>
            </form>
            </section>
            """
        let body: Markup = """
        <h1>\(context.text(WebStrings.payExceptionsPage))</h1>
        \(importForm)
        <section class="panel exceptions" aria-labelledby="pay-exceptions-heading">
        <h2 id="pay-exceptions-heading">\(context.text(WebStrings.payExceptionsList))</h2>
        <p><strong>\(context.text(WebStrings.payExceptionsNote))</strong></p>
        \(exceptionRows.isEmpty ? "<p class=\"empty\">\(context.text(WebStrings.payNoExceptions))</p>" : """
            <div class="table-scroll"><table class="data">
            <thead><tr><th scope="col">\(context.text(WebStrings.payReason))</th><th scope="col">\(context.text(WebStrings.payDossierCode))</th><th scope="col">\(context.text(WebStrings.payExpected))</th><th scope="col">\(context.text(WebStrings.payReceived))</th><th scope="col">\(context.text(WebStrings.payDifference))</th><th scope="col">\(context.text(WebStrings.payBankReference))</th><th scope="col">\(context.text(WebStrings.payTransferContent))</th><th scope="col">\(context.text(WebStrings.payIssuedAt))</th><th scope="col">\(context.text(WebStrings.status))</th></tr></thead>
            <tbody>\(exceptionRows.joined(separator: "\n"))</tbody></table></div>
            """)
        </section>
        <section class="panel" aria-labelledby="pay-pending-heading">
        <h2 id="pay-pending-heading">\(context.text(WebStrings.payPendingTransfers))</h2>
        \(pendingRows.isEmpty ? "<p class=\"empty\">\(context.text(WebStrings.payNoPending))</p>" : """
            <div class="table-scroll"><table class="data">
            <thead><tr><th scope="col">\(context.text(WebStrings.payDossierCode))</th><th scope="col">\(context.text(WebStrings.payTransferReference))</th><th scope="col">\(context.text(WebStrings.payAmount))</th><th scope="col">\(context.text(WebStrings.payCollector))</th><th scope="col">\(context.text(WebStrings.payIssuedAt))</th></tr></thead>
            <tbody>\(pendingRows.joined(separator: "\n"))</tbody></table></div>
            """)
        </section>
        """
        return layout(title: WebStrings.payExceptionsPage, context: context, body: body, bodyClass: "payments")
    }

    /// The cashier's day: cash expected and counted, transfers confirmed and pending, voids;
    /// the closing form while open, the locked banner once closed; printable on A4.
    public static func cashierDay(context: PageContext, day: CashierDay, receipts: [Receipt], hasCash: Bool) -> Markup {
        let month = String(day.day.description.prefix(7))
        let figures: [(LocalizedText, String)] = [
            (WebStrings.payCashReceipts, String(day.cashReceipts)),
            (WebStrings.payExpectedCash, money(day.expectedCash)),
            (WebStrings.payVoids, "\(day.voids) · \(money(day.voidedAmount))"),
            (WebStrings.payTransferConfirmed, "\(day.transfers.confirmedCount) · \(money(day.transfers.confirmed))"),
            (WebStrings.payTransferPending, "\(day.transfers.pendingCount) · \(money(day.transfers.pending))"),
        ] + (day.isClosed ? [
            (WebStrings.payCountedCash, money(day.countedCash ?? 0)),
            (WebStrings.payDifference, money(day.difference ?? 0)),
            (WebStrings.payClosedBy, (day.closedBy ?? "") + (day.closedAt.map { " · " + dateTimeText($0, context) } ?? "")),
        ] : [])
        let facts: Markup = figures.map { "<dt>\(context.text($0.0))</dt><dd>\($0.1)</dd>" }.joined(separator: "\n")
        let note: Markup = day.note.map { "<p>\(context.text(WebStrings.payClosingNote)): \(HTML.escape($0))</p>" } ?? ""
        let closing: Markup
        if day.isClosed {
            closing = "<p class=\"banner closed\"><strong>\(context.text(WebStrings.payDayClosed))</strong></p>\(note)"
        } else if hasCash {
            closing = """
            <p class="banner open">\(context.text(WebStrings.payDayOpen))</p>
            <form method="post" data-api="/api/v1/payments/cashier/close" data-method="POST" class="no-print">
            <p class="form-error" role="alert" hidden></p>
            <input type="hidden" name="collector" value="\(HTML.escape(day.collector))">
            <input type="hidden" name="day" value="\(day.day.description)">
            <div class="form-grid">
            \(field(id: "counted-cash", label: WebStrings.payCountedCash, control: """
                <input id="counted-cash" name="countedCash" type="number" min="0" step="1" required data-number>
                """, context: context))
            \(field(id: "closing-note", label: WebStrings.payClosingNote, control: """
                <input id="closing-note" name="note" type="text" maxlength="500">
                """, context: context))
            </div>
            <button type="submit" class="button primary" data-confirm="\(context.text(WebStrings.payCloseDayConfirm))">\(context.text(WebStrings.payCloseDay))</button>
            </form>
            """
        } else {
            closing = "<p class=\"empty\">\(context.text(WebStrings.payNoCashMethod))</p>"
        }
        let ledger: Markup = !context.isSupervisor ? "" : """
            <p class="button-row no-print"><a class="button small" href="/api/v1/payments/ledger.csv?day=\(day.day.description)">\(context.text(WebStrings.payLedgerDay))</a> <a class="button small" href="/api/v1/payments/ledger.csv?month=\(month)">\(context.text(WebStrings.payLedgerMonth))</a></p>
            """
        let rows: [Markup] = receipts.map { receipt in
            """
            <tr\(receipt.voided ? " class=\"is-disabled\"" : "")><td>\(HTML.escape(receipt.series))</td><td>\(receipt.id.printedNumber)</td><td>\(HTML.escape(receipt.dossierCode))</td><td>\(context.text(receipt.reference == nil ? WebStrings.payMethodCash : WebStrings.payMethodTransfer))</td><td class="num">\(money(receipt.total))</td><td>\(receipt.voided ? context.text(WebStrings.payVoided) : "")</td></tr>
            """
        }
        let picker: Markup = !context.isSupervisor ? "" : """
            <form method="get" action="/payments/cashier" class="panel no-print">
            <div class="form-grid">
            \(field(id: "cashier-collector", label: WebStrings.payCollector, control: """
                <input id="cashier-collector" name="collector" type="text" value="\(HTML.escape(day.collector))" autocomplete="off" spellcheck="false">
                """, context: context))
            \(field(id: "cashier-day", label: WebStrings.day, control: """
                <input id="cashier-day" name="day" type="date" value="\(day.day.description)">
                """, context: context))
            </div>
            <button type="submit" class="button">\(context.text(WebStrings.payFind))</button>
            </form>
            """
        let body: Markup = """
        <h1>\(context.text(WebStrings.payCashierPage)) · \(HTML.escape(context.actorName(day.collector))) · \(dateText(day.day))</h1>
        \(picker)
        <p class="button-row no-print"><button type="button" class="button" data-action="print">\(context.text(WebStrings.payPrint))</button></p>
        <section class="panel">
        <dl class="facts">
        \(facts)
        </dl>
        \(closing)
        \(ledger)
        </section>
        <section class="panel" aria-labelledby="pay-day-receipts">
        <h2 id="pay-day-receipts">\(context.text(WebStrings.payReceipts))</h2>
        \(rows.isEmpty ? "<p class=\"empty\">\(context.text(WebStrings.payNoReceipts))</p>" : """
            <div class="table-scroll"><table class="data">
            <thead><tr><th scope="col">\(context.text(WebStrings.payReceiptSeries))</th><th scope="col">\(context.text(WebStrings.payReceiptNumber))</th><th scope="col">\(context.text(WebStrings.payDossierCode))</th><th scope="col">\(context.text(WebStrings.payMethod))</th><th scope="col">\(context.text(WebStrings.payAmount))</th><th scope="col">\(context.text(WebStrings.status))</th></tr></thead>
            <tbody>\(rows.joined(separator: "\n"))</tbody></table></div>
            """)
        </section>
        """
        return layout(title: WebStrings.payCashierPage, context: context, body: body, bodyClass: "payments cashier")
    }
}
