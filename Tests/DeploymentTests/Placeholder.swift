import Testing

@Test func placeholderDeploymentTests() { #expect(Bool(true)) }
