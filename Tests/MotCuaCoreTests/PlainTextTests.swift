import MotCuaCore
import Testing

/// The text helpers that replace `Foundation`'s, so commune binaries link no ICU: each gives
/// what the `Foundation` call it replaced gave.
@Suite("Plain text helpers without Foundation")
struct PlainTextTests {
    @Test func trimmingKeepsTheInsideAndTellsSpacesFromLineBreaks() {
        #expect("  Quầy 1 \t\n".trimmed() == "Quầy 1")
        #expect(" \n ".trimmed() == "")
        #expect("".trimmed() == "")
        #expect("a  b".trimmed() == "a  b")
        #expect(" dòng 1\n ".trimmingSpaces() == "dòng 1\n")
        #expect("\tĐào Xá ".trimmingSpaces() == "Đào Xá")
    }

    @Test(arguments: [
        (2.25, 1, "2.3"), (0.0, 2, "0.00"), (1234.0, 0, "1234"), (0.125, 3, "0.125"), (-1.05, 1, "-1.1"),
        (-0.004, 2, "0.00"), (99.999, 2, "100.00"), (12.3456, 3, "12.346"), (7, 1, "7.0"),
    ])
    func fixedDecimals(value: Double, places: Int, expected: String) {
        #expect(value.fixed(places) == expected)
    }

    @Test func fixedNamesValuesThatAreNotNumbers() {
        #expect(Double.nan.fixed(1) == "nan")
        #expect((-Double.infinity).fixed(2) == "-inf")
    }

    @Test func percentEncodingKeepsUnreservedASCIIAndEncodesUTF8() {
        #expect("25-CX/0001 xã".percentEncoded() == "25-CX%2F0001%20x%C3%A3")
        #expect("/admin?x=1".percentEncoded(keeping: PlainText.isAlphanumeric) == "%2Fadmin%3Fx%3D1")
    }

    @Test func pathsSplitAndJoinAsNSStringDid() {
        #expect(PlainText.folder(of: "data/motcua.sqlite") == "data")
        #expect(PlainText.folder(of: "motcua.sqlite") == "")
        #expect(PlainText.folder(of: "/motcua.sqlite") == "/")
        #expect(PlainText.folder(of: "/var/lib/motcua/") == "/var/lib")
        #expect(PlainText.lastComponent(of: "/var/lib/motcua.sqlite") == "motcua.sqlite")
        #expect(PlainText.lastComponent(of: "dist/") == "dist")
        #expect(PlainText.join("data", "motcua.sqlite") == "data/motcua.sqlite")
        #expect(PlainText.join("data/", "x") == "data/x")
        #expect(PlainText.join("", "x") == "x")
    }

    @Test func tableColumnsPadOnTheRight() {
        #expect("ab".rightPadded(to: 4) == "ab  ")
        #expect("abcde".rightPadded(to: 4) == "abcde")
    }
}
