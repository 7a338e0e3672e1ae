#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHost
import MotCuaStore

/// `motcua rollup`: a commune exports a signed bundle of a period's figures; the province
/// imports bundles (all or nothing) and ranks its communes.
struct RollupCommand: Command {
    static let name = "rollup"
    static let summary = "Province roll-up: export a signed bundle, import bundles, rank communes, issue keys"
    static let usage = """
        motcua rollup export --period 2026-03 --key-file commune.key [--out bundle.json] [--deployment m.json] [--data ./data]
          motcua rollup import --keys province-keys.json [--data ./province-data] bundle.json...
          motcua rollup rank [--period 2026-03] [--format text|json] [--data ./province-data]
          motcua rollup keys --province <id> <commune-id>...
        """

    let action: String
    let files: [String]
    let period: ReportPeriod?
    let options: [String: String]

    static let subcommands = ["export", "import", "rank", "keys"]

    init(arguments: [String]) throws(UsageError) {
        let names = ["period", "key-file", "out", "deployment", "data", "keys", "format", "province"]
        let parsed = try Arguments(arguments, options: Set(names))
        guard let action = parsed.positionals.first, Self.subcommands.contains(action) else {
            throw UsageError("expected export, import, rank or keys")
        }
        self.action = action
        files = Array(parsed.positionals.dropFirst())
        var options: [String: String] = [:]
        for name in names { options[name] = parsed.option(name) }
        self.options = options
        do {
            period = try parsed.option("period").map { try ReportPeriod(parsing: $0) }
        } catch let problem as Problem {
            throw UsageError(problem.message.text(Output.language))
        } catch {
            throw UsageError("\(error)")
        }
        switch action {
        case "export":
            guard period != nil, options["key-file"] != nil else { throw UsageError("export needs --period and --key-file") }
        case "import":
            guard options["keys"] != nil, !files.isEmpty else { throw UsageError("import needs --keys and at least one bundle file") }
        case "keys":
            guard options["province"] != nil, !files.isEmpty else { throw UsageError("keys needs --province and the commune ids") }
        default:
            break
        }
    }

    private static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            Output.error("motcua rollup: cannot read \(path)")
            throw ExitCode.environment
        }
        return Array(data)
    }

    func run() async throws {
        switch action {
        case "export":
            let (deployment, _, composition) = try ReportCommand.compose(manifest: options["deployment"], dataFolder: options["data"] ?? "data")
            let keyText = String(decoding: try Self.read(options["key-file"]!), as: UTF8.self).trimmed()
            guard let key = Hex.decode(keyText), key.count >= 16 else {
                Output.error("motcua rollup: \(options["key-file"]!) must hold the key the province issued, as at least 32 hex digits")
                throw ExitCode.failure
            }
            let bundle = try ProvinceRollup.bundle(deployment: deployment, reporting: composition.reporting, period: period!, createdAt: Date())
            let bytes = bundle.signed(key: key)
            let out = options["out"] ?? "\(deployment.centre.id)-\(period!.from)-\(period!.to).json"
            guard FileManager.default.createFile(atPath: out, contents: Data(bytes)) else {
                Output.error("motcua rollup: cannot write \(out)")
                throw ExitCode.environment
            }
            Output.line("\(out): \(bundle.figures.count) figures of \(deployment.centre.id) for \(period!.text), signed")
        case "import":
            let keys = try ProvinceKeys(bytes: try Self.read(options["keys"]!), file: options["keys"]!)
            let rollup = try ProvinceRollup(store: try ServeCommand.openStore(options["data"] ?? "data"))
            let bundles = try files.map { (name: $0, bytes: try Self.read($0)) }
            do {
                let imported = try rollup.importBundles(bundles, keys: keys, at: Date(), by: .system)
                Output.line("imported \(imported.count) bundle(s): " + imported.map { "\($0.commune) \($0.period.text)" }.joined(separator: ", "))
            } catch let problem as Problem {
                Output.error("motcua rollup import: nothing was imported")
                for detail in problem.details { Output.error("  \(detail.field): \(detail.message.text(Output.language))") }
                Output.error(problem.message.text(Output.language))
                throw ExitCode.failure
            }
        case "rank":
            let rollup = try ProvinceRollup(store: try ServeCommand.openStore(options["data"] ?? "data"), scoring: CLIContext.catalogue.scoring)
            guard let period = try period ?? rollup.periods().first.map({ try ReportPeriod(parsing: $0) }) else {
                Output.error("motcua rollup rank: no bundles imported yet; import them with motcua rollup import")
                throw ExitCode.failure
            }
            let ranking = try rollup.ranking(period: period)
            func points(_ value: Int64) -> String { Report.Figure(id: "", title: LocalizedText(vi: "", en: ""), value: value, decimals: 2).text }
            if options["format"] == "json" {
                Output.line(JSONValue.array(ranking.map { rank in
                    .object(JSONObject([("rank", .number(.integer(Int64(rank.rank)))), ("of", .number(.integer(Int64(rank.of)))),
                                        ("commune", .string(rank.commune)), ("score", .string(points(rank.scoreHundredths)))]))
                }).serialized(pretty: true))
            } else {
                Output.line("Ranking for \(period.text) by the Decision 766 self-assessment:")
                Output.line(Output.table([["RANK", "COMMUNE", "SCORE", "LARGEST GAPS"]] + ranking.map { rank in
                    ["\(rank.rank)/\(rank.of)", rank.commune, points(rank.scoreHundredths),
                     rank.gaps.map { "\($0.indicator) −\(points($0.lost))" }.joined(separator: ", ")]
                }))
            }
        default:
            var communes: [JSONValue] = []
            for commune in files {
                communes.append(.object(JSONObject([("id", .string(commune)), ("key", .string(Hex.encode(try SecureRandom.bytes(32))))])))
            }
            Output.line(JSONValue.object(JSONObject([("province", .string(options["province"]!)), ("communes", .array(communes))])).serialized(pretty: true))
        }
    }
}
