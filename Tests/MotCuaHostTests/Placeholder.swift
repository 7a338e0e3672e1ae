import Testing

@Test func placeholderMotCuaHostTests() { #expect(Bool(true)) }
