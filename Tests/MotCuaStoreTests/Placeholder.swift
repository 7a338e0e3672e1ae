import Testing

@Test func placeholderMotCuaStoreTests() { #expect(Bool(true)) }
