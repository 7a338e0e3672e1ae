import Testing
import MotCuaCore
@testable import MotCuaHost

@Suite("Pages.qrSVG")
struct PagesQRTests {
    @Test("draws an SVG at level M with a title in the page's language")
    func draws() throws {
        let payload = "00020101021238570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5"
        let svg = try #require(Pages.qrSVG(payload, moduleSize: 3))
        let code = try QRCode(encoding: payload, errorCorrection: .medium)
        #expect(svg.html == code.svg(moduleSize: 3, title: "Mã QR"))
        #expect(Pages.qrSVG(payload, language: .en)?.contains("<title>QR code</title>") == true)
    }

    @Test("is nil when the text cannot fit a QR code, so the page shows only the text")
    func tooLong() {
        #expect(Pages.qrSVG(String(repeating: "x", count: 2332)) == nil)
        #expect(Pages.qrSVG(String(repeating: "x", count: 2331)) != nil)
    }
}
