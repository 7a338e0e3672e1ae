#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHost
import MotCuaStore

/// `motcua users`: staff accounts from the server's shell, for the first admin and lost passwords.
struct UsersCommand: Command {
    static let name = "users"
    static let summary = "Manage staff accounts: users add|list|disable|passwd"
    static let usage = """
        motcua users list [--data ./data]
          motcua users add <login> --name "Full Name" --role clerk|supervisor|admin [--counter ID [--deployment M]] [--data ./data]
          motcua users disable <login> [--data ./data]
          motcua users passwd <login> [--data ./data]      (prints a new one-time password)
        --counter must be a counter of the deployment the server runs: the embedded one, or the
        manifest given with --deployment (the same as `motcua serve --deployment`).
        With --database postgresql://user@host/db the accounts are in the deployment's schema there.
        """

    enum Action {
        case list
        case add(login: String, name: String, role: StaffRole, counter: String?)
        case disable(String)
        case passwd(String)
    }

    let action: Action
    let dataFolder: String
    let database: DatabaseOption
    /// The manifest the server runs, for checking `--counter`; nil is the embedded deployment.
    let manifest: String?

    static let subcommands = ["list", "add", "disable", "passwd"]

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["data", "name", "role", "counter", "deployment", "database"])
        dataFolder = parsed.option("data") ?? "data"
        database = try DatabaseOption(parsed)
        manifest = parsed.option("deployment")
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
        if case .add(_, _, _, let counter?) = action {
            try Self.checkCounter(counter, in: try DeploymentLoading.deployment(manifest), manifest: manifest)
        }
        guard database.isPostgres || FileManager.default.fileExists(atPath: PlainText.join(dataFolder, "motcua.sqlite")) else {
            Output.error("motcua users: no database in \(dataFolder)/; start `motcua serve` once or pass --data")
            throw ExitCode.environment
        }
        let centre = try DeploymentLoading.deployment(manifest).centre.id
        let identity = try IdentityService(store: try database.open(centre: centre, dataFolder: dataFolder, command: "users"), clock: SystemClock())
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
            Output.line("new one-time password for \(login), shown once: \(password ?? ""); their sessions have ended")
            if try identity.account(login)?.disabled == true {
                Output.error("motcua users passwd: note: \(login) is disabled and cannot sign in with it")
            }
        }
    }

    /// Refuses a counter the deployment does not have, suggesting the likely one.
    ///
    /// A clerk assigned to a counter that does not exist could never call a ticket; the API
    /// refuses it too (`identity.unknown-counter`).
    static func checkCounter(_ counter: String, in deployment: Deployment, manifest: String?) throws {
        guard deployment.counter(counter) == nil else { return }
        let known = deployment.counters.map(\.id)
        let source = manifest ?? DeploymentLoading.embeddedName
        var message = "motcua users add: no counter \"\(counter)\" in \(deployment.centre.id) (\(source))."
        if let suggestion = suggestedCounter(for: counter, in: deployment.counters) {
            message += " Did you mean \"\(suggestion)\"?"
        }
        let listed = deployment.counters.map { "\($0.id) (\($0.name.text(Output.language)))" }
        message += known.isEmpty ? " This deployment has no counters." : " Its counters: \(listed.joined(separator: ", "))."
        if manifest == nil { message += " For another deployment pass --deployment <manifest>, as to `motcua serve`." }
        Output.error(message)
        throw ExitCode.failure
    }

    /// The counter meant by a near miss: its name typed instead of its id ("Quầy 2", "counter 2"),
    /// the id with leading zeros ("02"), or a typo of a longer id. Single-character ids are
    /// never guessed from a typo: "4" is not a misspelt "1".
    static func suggestedCounter(for typed: String, in counters: [Counter]) -> String? {
        let folded = typed.trimmingSpaces().lowercased()
        // A board name typed whole or up to its dash: "Quầy 2", "quầy 2 – chứng thực".
        if let named = counters.first(where: { counter in
            [counter.name.vi, counter.name.en].contains { name in
                let name = name.lowercased()
                return name == folded || name.hasPrefix(folded + " ")
            }
        }) {
            return named.id
        }
        // The number at the end, without leading zeros: "02", "quay-2", "counter 2".
        let number = folded.reversed().prefix { $0.isASCII && $0.isNumber }.reversed().drop { $0 == "0" }
        if !number.isEmpty, number.count < folded.count, let numbered = counters.first(where: { $0.id == String(number) }) {
            return numbered.id
        }
        guard folded.count > 1 else { return nil }
        return Suggestion.closest(to: typed, among: counters.map(\.id))
    }
}
