/// What a command line would do at parsing, before anything runs.
public enum CommandLineCheck: Sendable, Equatable {
    /// It parses: a known command, subcommand and flags.
    case valid
    /// No command has this name.
    case unknownCommand(String)
    /// The command takes other words after its name (`bench` takes `journal`, `queue`, …).
    case unknownSubcommand(String, expected: [String])
    /// The command has no such flag.
    case unknownOption(String, message: String)
    /// Another usage mistake (a missing value, a value out of range, a placeholder such as
    /// `<year>` where a number goes); the message says which.
    case invalid(String)
}

extension MotCuaCLI {
    /// Parses a command line (without the program name) exactly as ``main(catalogue:embeddedManifest:arguments:products:)``
    /// would, and says what is wrong with it, without running anything.
    ///
    /// The docs test runs every `motcua …` line of `README.md` and `Docs/` through it, so an
    /// example cannot name a command or flag the binary does not have.
    public static func check(_ arguments: [String]) -> CommandLineCheck {
        guard let name = arguments.first, name != "--help", name != "-h" else { return .valid }
        guard let commandType = commands.first(where: { $0.name == name }) else { return .unknownCommand(name) }
        let rest = Array(arguments.dropFirst())
        do {
            _ = try commandType.init(arguments: rest)
        } catch {
            if let flag = error.unknownFlag { return .unknownOption(flag, message: error.message) }
            if let word = rest.first(where: { !$0.hasPrefix("--") }), !commandType.subcommands.isEmpty, !commandType.subcommands.contains(word) {
                return .unknownSubcommand(word, expected: commandType.subcommands)
            }
            return .invalid(error.message)
        }
        return .valid
    }
}
