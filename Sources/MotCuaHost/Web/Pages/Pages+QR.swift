import MotCuaCore

/// QR codes on pages: the kiosk ticket, form 01 and the VietQR panel draw them here.
extension Pages {
    /// An inline SVG QR code of `text`, or nil when no encoder is built in yet.
    ///
    /// The payments issue brings MotCua's own QR encoder (MotCuaCore `QR/`) and makes this
    /// return the SVG; callers print the text beside it either way, so a page stays usable.
    public static func qrSVG(_ text: String, moduleSize: Int = 4) -> String? {
        nil
    }
}
