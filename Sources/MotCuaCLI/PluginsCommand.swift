import MotCuaCore

/// `motcua plugins`: lists the plugins compiled into this binary.
struct PluginsCommand: Command {
    static let name = "plugins"
    static let summary = "List the plugins in this binary: id, kind, version, summary"
    static let usage = "motcua plugins"

    init(arguments: [String]) throws(UsageError) {
        try Arguments(arguments).expectPositionals(0...0, "no arguments")
    }

    func run() async throws {
        let descriptors = CLIContext.catalogue.descriptors
        // A per-deployment binary also knows the plugins it left out; say so, so nobody hunts for them.
        let leftOut = CLIContext.catalogue.otherKnownIDs.map(\.rawValue).sorted()
        defer {
            if !leftOut.isEmpty { Output.line("Not compiled in: " + leftOut.joined(separator: ", ")) }
        }
        guard !descriptors.isEmpty else {
            Output.line("This binary contains no plugins.")
            return
        }
        let language = Output.language
        var rows = [["ID", "KIND", "ROLE", "VERSION", "STABILITY", "SUMMARY"]]
        for descriptor in descriptors.sorted(by: { ($0.kind, $0.id) < ($1.kind, $1.id) }) {
            rows.append([descriptor.id.rawValue, descriptor.kind.rawValue, descriptor.role.rawValue, descriptor.version,
                         descriptor.stability.rawValue, descriptor.summary.text(language)])
        }
        Output.line(Output.table(rows))
    }
}
