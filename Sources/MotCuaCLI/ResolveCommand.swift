import MotCuaCore

/// `motcua resolve <manifest>`: prints the effective manifest after layering.
struct ResolveCommand: Command {
    static let name = "resolve"
    static let summary = "Print the effective manifest after layering, as JSON"
    static let usage = "motcua resolve <manifest.json>"

    let path: String

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments)
        try parsed.expectPositionals(1...1, "exactly one manifest file")
        path = parsed.positionals[0]
    }

    func run() async throws {
        let loaded = try DeploymentLoading.load(path)
        Output.line(loaded.effective.serialized(pretty: true))
    }
}
