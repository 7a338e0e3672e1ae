@testable import MotCuaHarness
import Testing

/// The privacy check's byte search: a personal value is found wherever it is in a page, and
/// only where it is.
@Test(arguments: [
    ("Nguyễn Văn An", true),       // in the middle
    ("<p>Nguy", true),              // at the start
    ("678</p>", true),              // at the end
    ("Nguyễn Văn Anh", false),     // its first bytes occur, the whole does not
    ("678</p>!", false),            // runs past the end
    ("0912 345 679", false),
])
func publicPagesAreSearchedByteForByte(value: String, found: Bool) {
    let page = Array("<p>Nguyễn Văn An, Nguyễn Văn Ba, 0912 345 678</p>".utf8)
    #expect(PublicRoutesCheck.bytes(page, contain: Array(value.utf8)) == found)
    #expect(!PublicRoutesCheck.bytes([], contain: Array(value.utf8)))
}
