/// `motcua help`: what the commands are.
struct HelpCommand: Command {
    static let name = "help"
    static let summary = "Show this help"
    static let usage = "motcua help"

    init(arguments: [String]) throws(UsageError) {}

    func run() async throws {
        Output.line(Self.text)
    }

    static var text: String {
        var lines = ["motcua — one-stop public service centre host", "", "Commands:"]
        let width = commands.map { $0.name.count }.max() ?? 0
        for command in commands {
            lines.append("  " + command.name.rightPadded(to: width) + "  " + command.summary)
        }
        lines += ["", "Usage:"] + commands.map { "  " + $0.usage }
        lines += ["", "Exit codes: 0 ok, 1 invalid input, 2 usage error, 3 environment (files, ports, database).",
                  "Messages in Vietnamese: MOTCUA_LANG=vi."]
        return lines.joined(separator: "\n")
    }
}
