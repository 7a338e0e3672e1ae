import MotCuaCore

/// QR codes on pages: the kiosk ticket, form 01 and the VietQR panel draw them here.
extension Pages {
    /// An inline SVG QR code of `text` at error-correction level M, or nil when the text is
    /// too long for any QR code (over 2,331 UTF-8 bytes).
    ///
    /// The code comes from MotCuaCore's own encoder (``QRCode``): byte mode, the smallest
    /// version that fits, a 4-module quiet zone, one `<path>` with crisp edges, and an
    /// accessible `<title>` in `language`. Callers print the text beside it either way, so a
    /// page stays usable if a phone cannot read the code.
    ///
    /// - Parameter moduleSize: pixels per module in the image's width and height.
    public static func qrSVG(_ text: String, moduleSize: Int = 4, language: Language = .vi) -> Markup? {
        guard let code = try? QRCode(encoding: text, errorCorrection: .medium) else { return nil }
        return Markup(rawHTML: code.svg(moduleSize: moduleSize, title: WebStrings.qrCode.text(language)))
    }
}
