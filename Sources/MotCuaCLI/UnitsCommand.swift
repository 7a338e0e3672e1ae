import MotCuaCore

/// `motcua units search <name or code>`: finds official unit codes for a new manifest.
struct UnitsCommand: Command {
    static let name = "units"
    static let summary = "Find an official province or commune code by name or code"
    static let usage = "motcua units search <name or code> [--province <code>]"
    static let subcommands = ["search"]

    let query: String
    let province: String?

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["province"])
        guard parsed.positionals.first == "search" else {
            throw UsageError("expected: \(Self.usage)")
        }
        guard parsed.positionals.count >= 2 else { throw UsageError("give a name or a code, e.g. motcua units search \"Đào Xá\"") }
        query = parsed.positionals.dropFirst().joined(separator: " ")
        province = parsed.option("province")
        if let province, province.count != 2 || !province.allSatisfy(\.isASCII) || Int(province) == nil {
            throw UsageError("--province takes a 2-digit province code such as 25, got \"\(province)\"")
        }
    }

    func run() async throws {
        let units = OfficialUnits.units
        let found = units.search(query, limit: 10_000).filter { province == nil || $0.provinceCode == province }
        guard !found.isEmpty else {
            Output.error(Output.language == .vi ? "Không có đơn vị nào khớp \"\(query)\"" : "No unit matches \"\(query)\"")
            throw ExitCode.failure
        }
        let vi = Output.language == .vi
        var rows = [vi ? ["MÃ", "TÊN", "TỈNH"] : ["CODE", "NAME", "PROVINCE"]]
        for unit in found {
            let provinceName = units.unit(code: unit.provinceCode)?.name ?? unit.provinceCode
            rows.append([unit.code, unit.name, unit.isProvince ? "" : "\(provinceName) (\(unit.provinceCode))"])
        }
        Output.line(Output.table(rows))
        Output.line(vi ? "\(found.count) đơn vị" : "\(found.count) unit(s)")
    }
}
