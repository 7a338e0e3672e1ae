import MotCuaCore

/// The postal channel's panel on a dossier's page (Decision 45/2016/QĐ-TTg).
extension Pages {
    static func postalPanel(_ dossier: Dossier, _ shipment: PostalShipment?, communes: [String], fee: Int64?, _ context: PageContext) -> Markup {
        let code = HTML.escape(percentEncoded(dossier.code, keepingSlashes: false))
        let feeLine: Markup = fee.map { "<p class=\"note\">\(context.text(S.intakePostalFee)): \(money($0))</p>" } ?? ""
        guard let shipment else {
            guard !dossier.isClosed else { return "" }
            // Only a dossier received by post came by post (its appointment used the post's deadline).
            let services: Markup = PostalShipment.Service.allCases.filter { dossier.channel == .postal || $0 == .returnResult }.map { "<option value=\"\($0.rawValue)\">\(context.text(postalService($0)))</option>" }.joined()
            let commune: Markup = communes.isEmpty
                ? "<input id=\"postal-commune\" name=\"commune\" type=\"text\" required>"
                : "<select id=\"postal-commune\" name=\"commune\" required><option value=\"\"></option>" + communes.map { "<option>\(HTML.escape($0))</option>" }.joined() + "</select>"
            return """
            <section class="panel"><h2>\(context.text(S.intakePostalHeading))</h2>\(feeLine)
            <form method="post" data-api="/api/v1/dossiers/\(code)/postal" data-method="POST">
            <p class="form-error" role="alert" hidden></p>
            <div class="form-grid">
            \(field(id: "postal-service", label: S.intakePostalService, control: "<select id=\"postal-service\" name=\"service\">\(services)</select>", context: context))
            \(field(id: "postal-recipient", label: S.intakePostalRecipient, control: "<input id=\"postal-recipient\" name=\"recipient\" type=\"text\" value=\"\(HTML.escape(dossier.applicantName))\">", context: context))
            \(field(id: "postal-phone", label: S.intakePhoneNumber, control: "<input id=\"postal-phone\" name=\"phone\" type=\"tel\" value=\"\(HTML.escape(dossier.formValues["applicant.phone"] ?? ""))\">", context: context))
            \(field(id: "postal-address", label: S.intakeResidence, control: "<input id=\"postal-address\" name=\"addressLine\" type=\"text\" required value=\"\(HTML.escape(dossier.formValues["postal.returnAddress"] ?? dossier.formValues["applicant.address"] ?? ""))\">", context: context))
            \(field(id: "postal-commune", label: S.intakePostalCommune, control: commune, context: context))
            \(field(id: "postal-province", label: S.intakePostalProvince, control: "<input id=\"postal-province\" name=\"province\" type=\"text\" value=\"\(context.text(context.deployment.centre.province.name))\">", context: context))
            \(field(id: "postal-receipt", label: S.intakePostalInbound, control: "<input id=\"postal-receipt\" name=\"inboundReceipt\" type=\"text\">", context: context))
            </div>
            <button type="submit" class="button">\(context.text(S.intakePostalRegister))</button>
            </form></section>
            """
        }
        var action: Markup = ""
        if shipment.status == .registered, shipment.service.returnsResult, dossier.status == .done {
            action = """
            <form method="post" data-api="/api/v1/dossiers/\(code)/postal/dispatch" data-method="POST" class="inline-form">
            \(field(id: "postal-tracking", label: S.intakePostalTracking, control: "<input id=\"postal-tracking\" name=\"trackingNumber\" type=\"text\" required>", context: context))
            <button type="submit" class="button primary">\(context.text(S.intakePostalDispatch))</button>
            </form>
            """
        } else if shipment.status == .dispatched, dossier.status == .done {
            action = """
            <form method="post" data-api="/api/v1/dossiers/\(code)/postal/delivered" data-method="POST" class="inline-form">
            \(field(id: "postal-recipient-id", label: S.intakePostalRecipientID, control: "<input id=\"postal-recipient-id\" name=\"recipientID\" type=\"text\" required>", context: context))
            <button type="submit" class="button primary">\(context.text(S.intakePostalDelivered))</button>
            </form>
            """
        }
        return """
        <section class="panel"><h2>\(context.text(S.intakePostalHeading)) <span class="badge">\(context.text(postalStatus(shipment.status)))</span></h2>
        <table class="facts">
        <tr><th scope="row">\(context.text(S.intakePostalService))</th><td>\(context.text(postalService(shipment.service)))</td></tr>
        <tr><th scope="row">\(context.text(S.intakePostalRecipient))</th><td>\(HTML.escape(shipment.recipient)) · \(HTML.escape(shipment.phone))</td></tr>
        <tr><th scope="row">\(context.text(S.intakeResidence))</th><td>\(HTML.escape([shipment.addressLine, shipment.commune, shipment.province].joined(separator: ", ")))</td></tr>
        <tr><th scope="row">\(context.text(S.intakePostalFee))</th><td>\(money(shipment.fee))</td></tr>
        \(shipment.inboundReceipt.map { "<tr><th scope=\"row\">\(context.text(S.intakePostalInbound))</th><td>\(HTML.escape($0))</td></tr>" } ?? "")
        \(shipment.trackingNumber.map { "<tr><th scope=\"row\">\(context.text(S.intakePostalTracking))</th><td>\(HTML.escape($0))</td></tr>" } ?? "")
        \(shipment.deliveredAt.map { "<tr><th scope=\"row\">\(context.text(S.intakePostalDelivered))</th><td>\(dateTimeText($0, context)) · \(HTML.escape(shipment.recipientID ?? ""))</td></tr>" } ?? "")
        </table>
        \(action)
        </section>
        """
    }

    static func postalService(_ service: PostalShipment.Service) -> LocalizedText {
        switch service {
        case .sendDossier: S.intakePostalSendDossier
        case .returnResult: S.intakePostalReturnResult
        case .both: S.intakePostalBoth
        }
    }

    static func postalStatus(_ status: PostalShipment.Status) -> LocalizedText {
        switch status {
        case .registered: S.intakePostalRegistered
        case .dispatched: S.intakePostalDispatched
        case .delivered: S.intakePostalDelivered
        }
    }
}
