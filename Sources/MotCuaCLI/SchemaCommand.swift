import MotCuaCore

/// `motcua schema`: prints the manifest's JSON Schema (the source of `Docs/manifest.schema.json`).
struct SchemaCommand: Command {
    static let name = "schema"
    static let summary = "Print the manifest JSON Schema (Docs/manifest.schema.json)"
    static let usage = "motcua schema"

    init(arguments: [String]) throws(UsageError) {
        try Arguments(arguments).expectPositionals(0...0, "no arguments")
    }

    func run() async throws {
        print(ManifestJSONSchema.text(), terminator: "")
    }
}
