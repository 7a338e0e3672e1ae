import Foundation
import MotCuaCore

/// `motcua province`: the province server's own work (Docs/Province.md).
struct ProvinceCommand: Command {
    static let name = "province"
    static let summary = "The province server: province reload (pick up new and changed manifests)"
    static let usage = """
        motcua province reload [--data ./data] [--wait 120]
          asks the running `motcua serve --province` of this data folder to read its folder again: new and
          changed manifests that pass `check` are put in service without stopping the other centres; a
          refused one leaves what ran before running. Prints what the server did.
        """
    static let subcommands = ["reload"]

    let dataFolder: String
    let wait: Int

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["data", "wait"])
        try parsed.expectPositionals(1...1, "one word: reload")
        guard parsed.positionals[0] == "reload" else {
            throw UsageError("motcua province: unknown subcommand \"\(parsed.positionals[0])\"; use: motcua province reload")
        }
        dataFolder = parsed.option("data") ?? "data"
        wait = try parsed.integer("wait", in: 1...3600) ?? 120
    }

    func run() async throws {
        let pidPath = (dataFolder as NSString).appendingPathComponent(ServeCommand.provincePIDFile)
        guard let text = try? String(contentsOfFile: pidPath, encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)),
              kill(pid, 0) == 0 else {
            Output.error(Output.language == .vi
                ? "motcua province reload: không có máy chủ tỉnh nào đang chạy với thư mục dữ liệu \(dataFolder) (không đọc được \(pidPath)); hãy chạy lệnh với đúng --data"
                : "motcua province reload: no province server is running with data folder \(dataFolder) (cannot read \(pidPath)); pass the server's --data")
            throw ExitCode.environment
        }
        let reportPath = (dataFolder as NSString).appendingPathComponent(ServeCommand.reloadReportFile)
        let before = Self.modified(reportPath)
        kill(pid, SIGHUP)
        let deadline = Date().addingTimeInterval(TimeInterval(wait))
        while Date() < deadline {
            try await Task.sleep(for: .milliseconds(200))
            if let now = Self.modified(reportPath), now != before, let report = try? String(contentsOfFile: reportPath, encoding: .utf8) {
                Output.line(report.trimmingCharacters(in: .newlines))
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
