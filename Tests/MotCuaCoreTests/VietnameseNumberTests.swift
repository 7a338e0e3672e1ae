import MotCuaCore
import Testing

@Suite("Vietnamese numbers")
struct VietnameseNumberTests {
    @Test func thousandsTakeDotsAndDecimalsAComma() {
        #expect(VietnameseNumber.grouped(0) == "0")
        #expect(VietnameseNumber.grouped(50_000) == "50.000")
        #expect(VietnameseNumber.grouped(1_234_567) == "1.234.567")
        #expect(VietnameseNumber.grouped(-1_200) == "-1.200")
        #expect(VietnameseNumber.decimal(9_350, decimals: 2) == "93,50")
        #expect(VietnameseNumber.decimal(12_345_678, decimals: 1) == "1.234.567,8")
        #expect(VietnameseNumber.decimal(5, decimals: 1) == "0,5")
        #expect(VietnameseNumber.decimal(-5, decimals: 1) == "-0,5")
    }

    @Test(arguments: [("50000", "50.000"), ("20.00", "20,00"), ("0.0", "0,0"), ("-0.5", "-0,5"), ("7", "7"),
                      // Not numbers a plugin wrote: codes, words, dates and ids come back as they were.
                      ("1.001193", "1.001193"), ("0012", "0012"), ("Quầy 1", "Quầy 1"), ("2026-03-02", "2026-03-02"),
                      ("", ""), ("-", "-"), ("1.", "1."), (".5", ".5")])
    func displayFormatsOnlyPlainNumbers(text: String, shown: String) {
        #expect(VietnameseNumber.display(text) == shown)
    }
}
