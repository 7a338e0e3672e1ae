/// One `motcua` command: a value built from its arguments, then run.
protocol Command {
    /// The name typed after `motcua`.
    static var name: String { get }
    /// One line for `motcua help`.
    static var summary: String { get }
    /// The usage line(s) for this command.
    static var usage: String { get }

    /// The words that may follow the command name (`users add`, `bench queue`); empty when
    /// the command has none, or takes names only known at run time (`report <id>`).
    static var subcommands: [String] { get }

    /// Parses and checks the arguments; throws ``UsageError`` on a mistake.
    init(arguments: [String]) throws(UsageError)

    /// Does the work; throws ``ExitCode`` after printing a failure.
    func run() async throws
}

extension Command {
    static var subcommands: [String] { [] }
}

/// Every command, in the order `motcua help` lists them.
var commands: [any Command.Type] {[
    ServeCommand.self,
    UsersCommand.self,
    CheckCommand.self,
    UnitsCommand.self,
    ResolveCommand.self,
    PluginsCommand.self,
    HarnessCommand.self,
    BuildCommand.self,
    KeysCommand.self,
    CalendarCommand.self,
    AuditCommand.self,
    BackupCommand.self,
    RestoreCommand.self,
    RetentionCommand.self,
    BenchCommand.self,
    SchemaCommand.self,
    ReportCommand.self,
    RollupCommand.self,
    VersionCommand.self,
    HelpCommand.self,
]}
