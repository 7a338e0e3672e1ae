import Testing

@Test func placeholderMotCuaHTTPTests() { #expect(Bool(true)) }
