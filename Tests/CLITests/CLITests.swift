import Foundation
import MotCuaCore
import MotCuaHTTP
import Testing

/// The package root, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `motcua` binary built beside this test bundle.
let motcua: URL = {
    let bundleFolder = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
    for candidate in [bundleFolder, bundleFolder.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug")] {
        let url = candidate.appendingPathComponent("motcua")
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return packageRoot.appendingPathComponent(".build/debug/motcua")
}()

struct Run {
    var status: Int32
    var output: String
    var errors: String
}

/// Runs `motcua` with `arguments` in `folder` and waits for it.
///
/// Output goes through temporary files rather than pipes: a signal that another test sends
/// this process would interrupt a blocking pipe read, which Foundation turns into a trap.
func run(_ arguments: [String], in folder: URL = packageRoot, environment: [String: String] = [:]) throws -> Run {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("out")
    let errURL = scratch.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    process.executableURL = motcua
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try? out.close()
    try? err.close()
    return Run(status: process.terminationStatus, output: try String(contentsOf: outURL, encoding: .utf8),
               errors: try String(contentsOf: errURL, encoding: .utf8))
}

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("The motcua command line", .serialized)
struct CLITests {
    @Test func checkAcceptsEveryDeployment() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: packageRoot.appendingPathComponent("Deployments").path)
            .filter { $0.hasSuffix(".json") }.map { "Deployments/" + $0 }
        let result = try run(["check"] + files)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("ok    Deployments/phu-tho/dao-xa.json  phu-tho.dao-xa"))
    }

    @Test func checkReportsEveryErrorOfABrokenCopyWithExit1() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: packageRoot.appendingPathComponent("Deployments/demo/demo.json"), encoding: .utf8)
        let broken = original
            .replacingOccurrences(of: "\"centre\": {", with: "\"centre\": { \"colour\": \"red\",")
            .replacingOccurrences(of: "\"plugins\": {", with: "\"plugins\": { \"payments.vietqrr\": {},")
            .replacingOccurrences(of: "\"payments.vietqrr\": {},}", with: "\"payments.vietqrr\": {} }")
            .replacingOccurrences(of: "\"../catalogue/", with: "\"\(packageRoot.path)/Deployments/catalogue/")
        let file = folder.appendingPathComponent("broken.json")
        try broken.write(to: file, atomically: true, encoding: .utf8)
        let result = try run(["check", file.path])
        #expect(result.status == 1)
        #expect(result.errors.contains("centre.colour: unknown key \"colour\""))
        #expect(result.errors.contains("plugins.payments.vietqrr: unknown plugin"))
        #expect(result.errors.contains("\(file.path):"))
        let vietnamese = try run(["check", file.path], environment: ["MOTCUA_LANG": "vi"])
        #expect(vietnamese.errors.contains("khóa lạ \"colour\""))
    }

    @Test func usageMistakesExitWith2() throws {
        #expect(try run(["frobnicate"]).status == 2)
        #expect(try run(["check"]).status == 2)
        #expect(try run(["calendar", "2026", "--jsn"]).status == 2)
        #expect(try run(["calendar", "year"]).status == 2)
        #expect(try run(["help"]).status == 0)
    }

    @Test func everyCommandAnswersHelp() throws {
        let help = try run(["help"]).output
        let names = help.split(separator: "\n").prefix { !$0.hasPrefix("Usage") }
            .compactMap { line -> String? in
                let words = line.split(separator: " ")
                return line.hasPrefix("  ") && words.count > 1 ? String(words[0]) : nil
            }
        #expect(names.contains("serve") && names.contains("harness") && names.count >= 10)
        for name in names where name != "help" {
            let result = try run([name, "--help"])
            #expect(result.status == 0, "\(name): \(result.errors)")
            #expect(result.output.contains("usage:") && result.output.contains("motcua \(name) "), "\(name): \(result.output)")
        }
    }

    @Test func calendarSpeaksVietnameseWhenAsked() throws {
        let result = try run(["calendar", "2026"], environment: ["MOTCUA_LANG": "vi"])
        #expect(result.status == 0)
        #expect(result.output.contains("NGÀY") && result.output.contains("LÝ DO") && result.output.contains("01/01/2026"))
        #expect(result.output.contains("ngày nghỉ ngoài cuối tuần") && !result.output.contains("REASON"))
    }

    @Test func calendarListsTheYearsDaysOff() throws {
        let result = try run(["calendar", "2026", "--json"])
        #expect(result.status == 0)
        let days = try JSONParser().parse(Array(result.output.utf8)).arrayValue ?? []
        let off = Set(days.filter { $0["working"] == .bool(false) }.compactMap { $0["date"]?.stringValue })
        for date in ["2026-01-01", "2026-02-16", "2026-02-20", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02"] {
            #expect(off.contains(date), "\(date)")
        }
    }

    @Test func serveAnswersHealthAndStopsOnSIGTERM() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = motcua
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--data", folder.appendingPathComponent("data").path]
        let log = folder.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // Wait for the "serving … at http://127.0.0.1:PORT/" line.
        var text = ""
        var port = 0
        let deadline = Date().addingTimeInterval(20)
        while port == 0, Date() < deadline, process.isRunning {
            usleep(50_000)
            text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "at http://127.0.0.1:") {
                port = Int(text[range.upperBound...].prefix { $0.isNumber }) ?? 0
            }
        }
        #expect(text.contains("created the account \"admin\" with the one-time password"))
        try #require(port > 0, "no serving line in: \(text)")
        let client = try LoopbackHTTPClient(port: port)
        let health = try client.request("GET", "/healthz")
        #expect(health.status == 200)
        #expect(health.text.contains("demo.xa-mau"))
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("data/motcua.sqlite").path))
    }

    @Test func serveRefusesABadStart() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("not-a-folder")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let unwritable = try run(["serve", "--listen", "127.0.0.1:0", "--data", file.path])
        #expect(unwritable.status == 3)
        #expect(unwritable.errors.contains("is a file, not a folder"))
        let invalid = folder.appendingPathComponent("bad.json")
        try "{ \"centre\": 1 }".write(to: invalid, atomically: true, encoding: .utf8)
        let badManifest = try run(["serve", "--deployment", invalid.path, "--listen", "127.0.0.1:0", "--data", folder.appendingPathComponent("d").path])
        #expect(badManifest.status == 1)
        #expect(badManifest.errors.contains("centre: expected object, found number"))
        // An occupied port: hold one with a server of our own.
        let holder = HTTPServer(configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0), router: Router())
        try holder.start()
        let occupied = try run(["serve", "--listen", "127.0.0.1:\(holder.port)", "--data", folder.appendingPathComponent("d2").path])
        #expect(occupied.status == 3)
        #expect(occupied.errors.contains("address already in use"))
        // A proxy given by name, and a connection cap of nothing, are usage mistakes.
        let named = try run(["serve", "--trusted-proxy", "proxy.lan", "--listen", "127.0.0.1:0", "--data", folder.appendingPathComponent("d3").path])
        #expect(named.status == 2)
        #expect(named.errors.contains("--trusted-proxy takes the proxy's IP address"))
        #expect(named.errors.contains("cần địa chỉ IP của proxy"))
        let noShare = try run(["serve", "--max-connections-per-address", "0", "--listen", "127.0.0.1:0", "--data", folder.appendingPathComponent("d4").path])
        #expect(noShare.status == 2)
        #expect(noShare.errors.contains("--max-connections-per-address must be a whole number from 1"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("d3").path))
    }

    @Test func auditVerifyOnAFreshDatabase() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try run(["audit", "verify", "--db", folder.appendingPathComponent("none.sqlite").path])
        #expect(missing.status == 3)
        // A file that is not a MotCua database is refused and left untouched.
        let foreign = folder.appendingPathComponent("foreign.txt")
        try "not sqlite".write(to: foreign, atomically: true, encoding: .utf8)
        let refused = try run(["audit", "verify", "--db", foreign.path])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("not a MotCua database"))
        #expect(try String(contentsOf: foreign, encoding: .utf8) == "not sqlite")
        // A database made by `serve` verifies.
        let data = folder.appendingPathComponent("data")
        _ = try run(["users", "list", "--data", data.path])
        let serve = Process()
        serve.executableURL = motcua
        serve.arguments = ["serve", "--listen", "127.0.0.1:0", "--data", data.path, "--quiet"]
        serve.standardOutput = Pipe()
        try serve.run()
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: data.appendingPathComponent("motcua.sqlite").path), Date() < deadline { usleep(50_000) }
        usleep(300_000)
        serve.terminate()
        serve.waitUntilExit()
        let verified = try run(["audit", "verify", "--db", data.appendingPathComponent("motcua.sqlite").path])
        #expect(verified.status == 0, "\(verified.errors)")
        #expect(verified.output.contains("chain intact"))
    }
}
