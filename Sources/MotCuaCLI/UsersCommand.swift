import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaStore

/// `motcua users`: staff accounts from the server's shell, for the first admin and lost passwords.
struct UsersCommand: Command {
    static let name = "users"
    static let summary = "Manage staff accounts: users add|list|disable|passwd"
    static let usage = """
        motcua users list [--data ./data]
          motcua users add <login> --name "Full Name" --role clerk|supervisor|admin [--counter ID] [--data ./data]
          motcua users disable <login> [--data ./data]
          motcua users passwd <login> [--data ./data]      (prints a new one-time password)
        """

    enum Action {
        case list
        case add(login: String, name: String, role: StaffRole, counter: String?)
        case disable(String)
        case passwd(String)
    }

    let action: Action
    let dataFolder: String

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["data", "name", "role", "counter"])
        dataFolder = parsed.option("data") ?? "data"
        let words = parsed.positionals
        switch (words.first, words.count) {
        case ("list", 1):
            action = .list
        case ("add", 2):
            guard let name = parsed.option("name"), !name.isEmpty else { throw UsageError("users add needs --name \"Full Name\"") }
            guard let roleText = parsed.option("role"), let role = StaffRole(rawValue: roleText) else {
                throw UsageError("users add needs --role clerk, supervisor or admin")
            }
            action = .add(login: words[1], name: name, role: role, counter: parsed.option("counter"))
        case ("disable", 2):
            action = .disable(words[1])
        case ("passwd", 2):
            action = .passwd(words[1])
        default:
            throw UsageError("expected list, add <login>, disable <login> or passwd <login>")
        }
    }

    func run() async throws {
        guard FileManager.default.fileExists(atPath: (dataFolder as NSString).appendingPathComponent("motcua.sqlite")) else {
            Output.error("motcua users: no database in \(dataFolder)/; start `motcua serve` once or pass --data")
            throw ExitCode.environment
        }
        let identity = try IdentityService(store: try ServeCommand.openStore(dataFolder), clock: SystemClock())
        let actor = Principal(kind: .system, id: "cli")
        switch action {
        case .list:
            var rows = [["LOGIN", "NAME", "ROLE", "COUNTER", "STATE"]]
            for account in try identity.accounts() {
                rows.append([account.id, account.displayName, account.role.rawValue, account.counter ?? "-", account.disabled ? "disabled" : "active"])
            }
            Output.line(Output.table(rows))
        case .add(let login, let name, let role, let counter):
            let created = try identity.addAccount(id: login, displayName: name, role: role, counter: counter, by: actor)
            Output.line("added \(login) (\(role.rawValue)); one-time password, shown once: \(created.oneTimePassword ?? "")")
        case .disable(let login):
            try identity.disableAccount(login, by: actor)
            Output.line("disabled \(login); their sessions have ended")
        case .passwd(let login):
            let password = try identity.setPassword(login, to: nil, by: actor)
            Output.line("new one-time password for \(login), shown once: \(password ?? "")")
        }
    }
}
