#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import MotCuaCore
import MotCuaHost

/// `motcua province`: the province server's own work (Docs/Province.md).
struct ProvinceCommand: Command {
    static let name = "province"
    static let summary = "The province server: province reload | account add (province supervisors and administrators)"
    static let usage = """
        motcua province reload [--data ./data] [--wait 120]
          asks the running `motcua serve --province` of this data folder to read its folder again: new and
          changed manifests that pass `check` are put in service without stopping the other centres; a
          refused one leaves what ran before running. Prints what the server did.
        motcua province account add <login> --name "Full Name" --role supervisor|admin --province Deployments/<province> --database postgresql://…
          a province account: a province supervisor reads every centre's reports, a province administrator also
          manages each centre's staff and devices; prints a one-time password to change at the first sign-in.
        """
    static let subcommands = ["reload", "account"]

    enum Action {
        case reload
        case addAccount(login: String, name: String, role: StaffRole, folder: String)
    }

    let action: Action
    let dataFolder: String
    let wait: Int
    let database: DatabaseOption

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["data", "wait", "name", "role", "province", "database"])
        dataFolder = parsed.option("data") ?? "data"
        wait = try parsed.integer("wait", in: 1...3600) ?? 120
        database = try DatabaseOption(parsed)
        switch parsed.positionals.first {
        case "reload":
            try parsed.expectPositionals(1...1, "one word: reload")
            action = .reload
        case "account":
            try parsed.expectPositionals(3...3, "account add <login>")
            guard parsed.positionals[1] == "add" else { throw UsageError("motcua province account: use: motcua province account add <login> …") }
            guard let name = parsed.option("name"), let roleText = parsed.option("role"), let folder = parsed.option("province") else {
                throw UsageError("motcua province account add needs --name, --role supervisor|admin and --province <folder>")
            }
            guard let role = StaffRole(rawValue: roleText), ProvinceServer.provinceRoles.contains(role) else {
                throw UsageError("--role: a province account is a supervisor or an admin, not \"\(roleText)\" — tài khoản cấp tỉnh là supervisor hoặc admin")
            }
            guard database.isPostgres else { throw UsageError("motcua province account add needs --database postgresql://… (the province server's)") }
            action = .addAccount(login: parsed.positionals[2], name: name, role: role, folder: folder)
        default:
            throw UsageError("motcua province: use: motcua province reload | motcua province account add <login> …")
        }
    }

    func run() async throws {
        switch action {
        case .reload: try await reload()
        case .addAccount(let login, let name, let role, let folder): try addAccount(login: login, name: name, role: role, folder: folder)
        }
    }

    private func addAccount(login: String, name: String, role: StaffRole, folder: String) throws {
        guard let postgres = database.postgres else { throw ExitCode.failure }
        let found = ProvinceFolder.load(folder, catalogue: CLIContext.catalogue, language: Output.language)
        guard let province = found.manifests.first?.deployment.centre.province else {
            Output.error("motcua province account add: no deployment loads under \(folder); name the folder `motcua serve --province` serves")
            throw ExitCode.failure
        }
        do {
            let identity = try ServeCommand.provinceIdentity(province, postgres: postgres)
            let created = try identity.addAccount(id: login, displayName: name, role: role, by: .system)
            Output.line(Output.language == .vi
                ? "Đã tạo tài khoản cấp tỉnh \"\(login)\" (\(role.rawValue)) của \(province.name.vi), mật khẩu dùng một lần:\n    \(created.oneTimePassword ?? "")\nĐăng nhập ở trang /signin của máy chủ tỉnh và đặt mật khẩu mới."
                : "Created the province account \"\(login)\" (\(role.rawValue)) of \(province.name.en), one-time password:\n    \(created.oneTimePassword ?? "")\nSign in at the province server's /signin and choose a new password.")
        } catch let problem as Problem {
            Output.error("motcua province account add: \(problem.message.text(Output.language))")
            throw ExitCode.failure
        } catch {
            Output.error("motcua province account add: \(ProvinceServer.reasons(error, language: Output.language).joined(separator: " "))")
            throw ExitCode.environment
        }
    }

    private func reload() async throws {
        let pidPath = PlainText.join(dataFolder, ServeCommand.provincePIDFile)
        guard let text = try? String(contentsOfFile: pidPath, encoding: .utf8), let pid = Int32(text.trimmed()),
              kill(pid, 0) == 0 else {
            Output.error(Output.language == .vi
                ? "motcua province reload: không có máy chủ tỉnh nào đang chạy với thư mục dữ liệu \(dataFolder) (không đọc được \(pidPath)); hãy chạy lệnh với đúng --data"
                : "motcua province reload: no province server is running with data folder \(dataFolder) (cannot read \(pidPath)); pass the server's --data")
            throw ExitCode.environment
        }
        let reportPath = PlainText.join(dataFolder, ServeCommand.reloadReportFile)
        let before = Self.modified(reportPath)
        kill(pid, SIGHUP)
        let deadline = Date().addingTimeInterval(TimeInterval(wait))
        while Date() < deadline {
            try await Task.sleep(for: .milliseconds(200))
            if let now = Self.modified(reportPath), now != before, let report = try? String(contentsOfFile: reportPath, encoding: .utf8) {
                Output.line(report.trimmed())
                if report.contains("refused (") || report.contains("từ chối (") { throw ExitCode.failure }
                return
            }
        }
        Output.error("motcua province reload: the server (process \(pid)) did not report within \(wait) s; see its log")
        throw ExitCode.environment
    }

    private static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}
