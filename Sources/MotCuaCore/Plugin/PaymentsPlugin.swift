/// The payments contract: one payment method.
public protocol PaymentsPlugin: Plugin {
    /// Quotes the fees of a dossier.
    func quote(dossier: Dossier) throws -> FeeQuote
    /// Collects the quoted lines and issues a receipt.
    func collect(_ quote: FeeQuote, by principal: Principal) throws -> Receipt
    /// Voids a receipt, keeping it in the sequence.
    func void(series: String, number: Int, reason: String, by principal: Principal) throws -> Receipt
}

extension PaymentsPlugin {
    public static var kind: PluginKind { .payments }
}
