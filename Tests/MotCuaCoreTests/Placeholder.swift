import Testing

@Test func placeholderMotCuaCoreTests() { #expect(Bool(true)) }
