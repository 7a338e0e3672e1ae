import MotCuaStore
import Testing

@Suite struct CryptoTests {
    @Test(arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ])
    func sha256MatchesPublishedVectors(input: String, expected: String) {
        #expect(SHA256.hex(input) == expected)
        #expect(SHA256.digest(Array(input.utf8)) == Hex.decode(expected))
    }

    @Test func hmacMatchesRFC4231() {
        // Test case 1 and 2 of RFC 4231, section 4.
        let case1 = HMACSHA256.authenticationCode(key: [UInt8](repeating: 0x0b, count: 20), message: "Hi There")
        #expect(Hex.encode(case1) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        let case2 = HMACSHA256.authenticationCode(key: Array("Jefe".utf8), message: "what do ya want for nothing?")
        #expect(Hex.encode(case2) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(HMACSHA256.authenticationCode(key: [], message: []).count == 32)
    }

    @Test func pbkdf2MatchesRFC7914() throws {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256, P = "passwd", S = "salt", c = 1, dkLen = 64.
        let key = try PBKDF2.sha256(password: "passwd", salt: Array("salt".utf8), iterations: 1, keyLength: 64)
        #expect(Hex.encode(key) == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
            + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
        #expect(PBKDF2.recommendedIterations == 600_000)
    }

    @Test func pbkdf2RefusesNonsenseArguments() {
        #expect(throws: CryptoError.self) { try PBKDF2.sha256(password: "x", salt: [1], iterations: 0) }
        #expect(throws: CryptoError.self) { try PBKDF2.sha256(password: "x", salt: [1], iterations: 1, keyLength: 0) }
    }

    @Test func secureRandomGivesFreshBytesOfTheRequestedLength() throws {
        let first = try SecureRandom.bytes(32)
        let second = try SecureRandom.bytes(32)
        #expect(first.count == 32)
        #expect(first != second)
        #expect(try SecureRandom.bytes(0).isEmpty)
        #expect(throws: CryptoError.self) { try SecureRandom.bytes(-1) }
    }

    @Test func constantTimeComparison() {
        let token: [UInt8] = [1, 2, 3, 4]
        #expect(ConstantTime.equals(token, [1, 2, 3, 4]))
        #expect(!ConstantTime.equals(token, [1, 2, 3, 5]))
        #expect(!ConstantTime.equals(token, [1, 2, 3]))
        #expect(ConstantTime.equals([], []))
    }

    @Test func hexRoundTripsAndRejectsBadText() {
        #expect(Hex.encode([0x00, 0xab, 0xff]) == "00abff")
        #expect(Hex.decode("00ABff") == [0x00, 0xab, 0xff])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }
}
