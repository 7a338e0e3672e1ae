#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import MotCuaPostgres
import MotCuaStore

/// `motcua bench province`: a province's every centre in one `motcua serve --province` on
/// PostgreSQL, under a morning's calls at `--speed` times the real rate with a board per
/// counter on SSE and public lookups; then one commune's same morning against its own
/// `motcua serve` on SQLite, side by side (Docs/Province.md, "What it costs").
///
/// Both servers are child processes of this binary, so start-up, memory and CPU are theirs
/// alone. The province folder is copied to a temporary folder first: every centre gets at
/// least ``countersPerCentre`` counters (the issue's thousand counters), and every day is
/// open all day so a run at any hour finds the kiosk issuing. `Deployments/` is not touched.
struct ProvinceBenchmark {
    var folder: String
    var database: DatabaseOption
    var boards: Int
    var speed: Int
    var lookups: Int
    var seconds: Int
    /// Only the first N centres of the folder (a small run), or all.
    var centres: Int?
    var countersPerCentre: Int
    var directory: String
    /// How much faster than `speed` each counter calls (the commune alone carries the
    /// province's calls on its own counters).
    var callScale = 1.0

    /// A commune centre's real ticket rate per counter and hour in the morning.
    ///
    /// From the field (DOMAIN.md): Đào Xá, a commune of Phú Thọ with 7 staff, took 1,700
    /// dossiers in two months, about 40 a working day over ~42 days. Each dossier brings a
    /// citizen twice (to file, to collect the result): 80 tickets a day. Three in five come in
    /// the 4-hour morning: 12 an hour per centre, on 7 counters.
    static let realTicketsPerCounterHour = 12.0 / 7
    static let assumption = "real rate: 12 tickets an hour per commune centre of 7 counters in the morning "
        + "(Đào Xá: 1,700 dossiers in two months ≈ 40 a working day, two visits each, 60 % in the 4-hour morning) = "
        + "\(realTicketsPerCounterHour.fixed(2)) per counter per hour"

    /// A centre of the copied folder.
    struct CentreSpec {
        var id: String
        var code: String
        var file: String
        var commune: Bool
        /// Each counter with its enabled sectors.
        var counters: [(id: String, sectors: [String])]
    }

    /// Devices and staff made ready in a centre's store before they sign in over HTTP.
    struct Prepared {
        var kioskCode: String
        var boardCodes: [String]
    }

    static let clerkPassword = "ghe-quay-do-kiem-2026"

    func run() async throws {
        guard FileManager.default.fileExists(atPath: PlainText.join(folder, "province.json")) || !ProvinceFolder.files(under: folder).isEmpty else {
            Output.error("motcua bench province: no manifests under \(folder); give --folder Deployments/<province>")
            throw ExitCode.failure
        }
        HTTPBenchmark.raiseDescriptorLimit()
        let root = PlainText.join(directory, "motcua-bench-province-\(getpid())")
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // MOTCUA_BENCH_KEEP=1 keeps the folder (the servers' logs) to look into a failed run.
        let keep = ProcessInfo.processInfo.environment["MOTCUA_BENCH_KEEP"] == "1"
        defer { if keep { Output.line("kept \(root)") } else { try? FileManager.default.removeItem(atPath: root) } }
        let copy = PlainText.join(root, "folder")
        let specs = try copyFolder(into: copy)
        guard let single = specs.first(where: \.commune) ?? specs.first else {
            Output.error("motcua bench province: no centre under \(folder)")
            throw ExitCode.failure
        }
        // Boards go round the centres, so each has about boards / centres of them.
        let boardCentre = (0..<boards).map { $0 % specs.count }
        let boardsOf = specs.indices.map { index in boardCentre.filter { $0 == index }.count }
        let counters = specs.map(\.counters.count).reduce(0, +)

        let cluster: ThrowawayPostgres?
        let location: PostgresLocation
        if let given = database.postgres {
            if (try? PostgresStore.schemaExists(location: given, schema: PostgresLocation.schemaName(forCentre: specs[0].id))) == true {
                Output.error("motcua bench province: \(given) already holds a schema for \(specs[0].id); give the bench an empty database of its own")
                throw ExitCode.failure
            }
            cluster = nil
            location = given
        } else {
            cluster = try ThrowawayPostgres.start(under: root, maxConnections: max(200, specs.count * 2 + 50))
            location = try PostgresLocation(url: cluster!.url)
        }
        defer {
            if let cluster { cluster.remove() } else {
                try? PostgresStore.dropSchemas(specs.map { PostgresLocation.schemaName(forCentre: $0.id) }, location: location)
            }
        }

        let callsPerSecond = Double(counters) * Self.realTicketsPerCounterHour * Double(speed) / 3_600
        Output.line("bench province: \(specs.count) centres (\(specs.filter(\.commune).count) communes) of \(folder), copied with at least "
                    + "\(countersPerCentre) counters each: \(counters) counters, \(boards) boards on SSE (one device each, about "
                    + "\(boards / max(1, specs.count)) per centre); PostgreSQL: \(cluster.map { "a cluster of its own in \($0.folder) (fsync on)" } ?? location.description)")
        Output.line(Self.assumption + "; at \(speed)× that is \(callsPerSecond.fixed(1)) calls a second over the province, "
                    + "each with an issue before it and a start and a finish after; \(lookups) lookups a second; \(seconds) s of load; "
                    + "\(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(Self.loadAverage()) at the start")

        // The province: a first start creates every schema; staff and devices are added; the
        // start that counts is the second, on existing schemas, as after any restart.
        let data = PlainText.join(root, "province-data")
        let provinceArguments = ["serve", "--province", copy, "--database", location.connectionString, "--data", data]
        let first = try startServer(provinceArguments, log: PlainText.join(root, "province-1.log"))
        var prepared: [Prepared] = []
        do {
            for (index, spec) in specs.enumerated() {
                let store = try PostgresStore(location: location, schema: PostgresLocation.schemaName(forCentre: spec.id))
                prepared.append(try prepare(store, spec, boards: boardsOf[index]))
            }
        } catch {
            Subprocess.stop(first.pid)
            throw error
        }
        Subprocess.stop(first.pid)
        let server = try startServer(provinceArguments, log: PlainText.join(root, "province-2.log"))
        let province: LoadResult
        do {
            province = try await load(server, specs: specs, prepared: prepared, boardsOf: boardsOf, boardCentre: boardCentre)
        } catch {
            Subprocess.stop(server.pid)
            throw error
        }
        Subprocess.stop(server.pid)

        // One commune alone on SQLite, the same load per centre.
        let singleData = PlainText.join(root, "single-data")
        // The same calls and lookups a second as the whole province, on one commune's counters
        // and boards: the same work per call on both sides, so CPU per call and p99 compare.
        let singleLookups = lookups
        let alone = try startServer(["serve", "--deployment", single.file, "--data", singleData], log: PlainText.join(root, "single.log"))
        let singleIndex = specs.firstIndex { $0.id == single.id }!
        let aloneResult: LoadResult
        do {
            let store = try SQLiteStore(path: PlainText.join(singleData, "motcua.sqlite"))
            let ready = try prepare(store, single, boards: boardsOf[singleIndex])
            var bench = self
            bench.lookups = singleLookups
            bench.callScale = Double(counters) / Double(single.counters.count)
            aloneResult = try await bench.load(alone, specs: [single], prepared: [ready], boardsOf: [boardsOf[singleIndex]],
                                               boardCentre: Array(repeating: 0, count: boardsOf[singleIndex]), prefixed: false)
        } catch {
            Subprocess.stop(alone.pid)
            throw error
        }
        Subprocess.stop(alone.pid)

        report(province: province, single: aloneResult, specs: specs, singleSpec: single, first: first, restart: server, alone: alone,
               singleLookups: singleLookups)
        if province.lost > 0 || province.errorCount > 0 || aloneResult.lost > 0 || aloneResult.errorCount > 0 || province.calls == 0 {
            throw ExitCode.failure
        }
    }

    // MARK: The folder

    /// Copies the province folder to `target`: relative `extends` outside it made absolute,
    /// counters added up to ``countersPerCentre`` per centre (each with the sectors of an
    /// existing counter), every day open 00:00–23:59. Answers the centres, loaded and checked.
    func copyFolder(into target: String) throws -> [CentreSpec] {
        let source = URL(fileURLWithPath: folder).standardizedFileURL.path
        var centresTaken = 0
        for file in ProvinceFolder.files(under: source) {
            let relative = String(file.dropFirst(source.count + 1))
            guard case .object(var object) = try JSONParser().parse(try Data(contentsOf: URL(fileURLWithPath: file))) else { continue }
            let abstract = object["abstract"]?.boolValue == true
            if !abstract {
                if let centres, centresTaken >= centres { continue }
                centresTaken += 1
            }
            let directory = PlainText.folder(of: file)
            func resolved(_ value: JSONValue) -> JSONValue {
                guard let path = value.stringValue, !path.hasPrefix("/") else { return value }
                let absolute = URL(fileURLWithPath: directory + "/" + path).standardizedFileURL.path
                return absolute.hasPrefix(source + "/") ? value : .string(absolute)
            }
            if let extends = object["extends"] {
                object["extends"] = extends.arrayValue.map { .array($0.map(resolved)) } ?? resolved(extends)
            }
            if !abstract {
                object["hours"] = .object(JSONObject(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { ($0, .array([.string("00:00-23:59")])) }))
                if var counters = object["counters"]?.arrayValue, !counters.isEmpty, counters.count < countersPerCentre {
                    let existing = counters
                    var number = 1
                    while counters.count < countersPerCentre {
                        let used = Set(counters.compactMap { $0["id"]?.stringValue })
                        while used.contains("\(number)") { number += 1 }
                        let model = existing[counters.count % existing.count]
                        counters.append(.object(JSONObject([
                            ("id", .string("\(number)")),
                            ("name", .object(JSONObject([("vi", .string("Quầy \(number)")), ("en", .string("Counter \(number)"))]))),
                            ("sectors", model["sectors"] ?? .array([])),
                        ])))
                    }
                    object["counters"] = .array(counters)
                }
                // The commune alone carries the province's calls: past its daily cap of a real day.
                if case .object(var plugins) = object["plugins"], case .object(var queue) = plugins["queue.standard"] {
                    queue["dailyCap"] = .number(.integer(999))
                    plugins["queue.standard"] = .object(queue)
                    object["plugins"] = .object(plugins)
                }
            }
            let destination = PlainText.join(target, relative)
            try FileManager.default.createDirectory(atPath: PlainText.folder(of: destination), withIntermediateDirectories: true)
            try JSONValue.object(object).serialized(pretty: true).write(toFile: destination, atomically: true, encoding: .utf8)
        }
        let found = ProvinceFolder.load(target, catalogue: CLIContext.catalogue, language: Output.language)
        for (file, lines) in found.failures {
            for line in lines { Output.error("motcua bench province: \(file): \(line)") }
        }
        guard found.failures.isEmpty else { throw ExitCode.failure }
        return found.manifests.map { manifest in
            let deployment = manifest.deployment
            let counters = deployment.counters.compactMap { counter -> (id: String, sectors: [String])? in
                let sectors = counter.sectors.filter(deployment.isEnabled(sector:))
                return sectors.isEmpty ? nil : (counter.id, sectors)
            }
            return CentreSpec(id: deployment.centre.id, code: deployment.centre.unitCode, file: manifest.file,
                              commune: deployment.centre.level == .commune, counters: counters)
        }
    }

    // MARK: Staff and devices

    /// One clerk per counter (`clerk<n>`, sitting at that counter) and the pairing codes of a
    /// kiosk and `boards` boards, written to the centre's store as `motcua users add` and an
    /// administrator's "add device" would.
    func prepare(_ store: any Store, _ spec: CentreSpec, boards: Int) throws -> Prepared {
        var policy = IdentityService.Policy()
        // Sign-in is not what is measured: a thousand clerks sign in faster this way.
        policy.passwordIterations = 1_000
        let identity = try IdentityService(store: store, clock: SystemClock(), policy: policy)
        for (index, counter) in spec.counters.enumerated() {
            try identity.addAccount(id: "clerk\(index + 1)", displayName: "Cán bộ quầy \(counter.id)", role: .clerk, counter: counter.id,
                                    password: Self.clerkPassword, by: .system)
        }
        let kiosk = try identity.startPairing(deviceID: "bench-kiosk", kind: .kiosk, name: "Máy cấp số", counter: nil, by: .system)
        let codes = try (0..<boards).map { index in
            try identity.startPairing(deviceID: "bench-board-\(index + 1)", kind: .board, name: "Màn hình \(index + 1)", counter: nil, by: .system).code
        }
        return Prepared(kioskCode: kiosk.code, boardCodes: codes)
    }

    // MARK: Servers

    /// A running server child: its process, port, and start-up as measured and as it says.
    struct Started {
        var pid: pid_t
        var port: Int
        /// Spawn → `/healthz` answers 200.
        var seconds: Double
        /// The server's own "started in" figure.
        var says: Double?
    }

    /// Spawns this binary with `arguments` (a `serve`), on a free loopback port, and waits
    /// for `/healthz`.
    func startServer(_ arguments: [String], log: String) throws -> Started {
        let port = try HTTPBenchmark.freePort()
        let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let began = ContinuousClock.now
        let pid = try Subprocess.start(binary, arguments + ["--listen", "127.0.0.1:\(port)", "--quiet"], stdout: .file(log), stderr: .file(log))
        while true {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                Output.error("motcua bench province: motcua \(arguments.prefix(3).joined(separator: " ")) … ended during start-up:\n"
                             + ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").suffix(2_000))
                throw ExitCode.failure
            }
            if (try? LoopbackHTTPClient(port: port, timeout: .seconds(2)).request("GET", "/healthz"))?.status == 200 { break }
            if ContinuousClock.now - began > .seconds(1_800) {
                Subprocess.stop(pid)
                Output.error("motcua bench province: the server did not answer /healthz within 30 minutes; its output is in \(log)")
                throw ExitCode.failure
            }
            usleep(20_000)
        }
        let seconds = (ContinuousClock.now - began).seconds
        // The server prints its "started in" line just after it starts listening.
        var output = ""
        for _ in 0..<100 {
            output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if output.contains("started in ") { break }
            usleep(20_000)
        }
        var says: Double?
        if let line = output.split(separator: "\n").first(where: { $0.contains("started in ") }),
           let after = line.split(separator: "started in ", maxSplits: 1).dropFirst().first {
            let number = after.prefix { $0.isNumber || $0 == "," || $0 == "." }
            says = Double(number.replacing(",", with: "."))
        }
        return Started(pid: pid, port: port, seconds: seconds, says: says)
    }

    /// Pairs the devices and signs the clerks in over HTTP, connects the boards, and drives
    /// the load.
    /// `prefixed`: the centres are under `/<unit code>/` (a province server), else at `/`.
    func load(_ server: Started, specs: [CentreSpec], prepared: [Prepared], boardsOf: [Int], boardCentre: [Int],
              prefixed: Bool = true) async throws -> LoadResult {
        func base(_ spec: CentreSpec) -> String { prefixed ? "/" + spec.code : "" }
        var signedIn: [SignedIn] = []
        var boards: [BoardFleet.Board] = []
        var boardTokens: [[String]] = []
        var address = 0
        func nextAddress() -> String {
            address += 1
            return HTTPBenchmark.clientAddress(address * 200)  // one device per loopback address
        }
        func pair(_ code: String, _ spec: CentreSpec, from: String) throws -> String {
            let client = try LoopbackHTTPClient(port: server.port, from: from)
            let response = try client.request("POST", "\(base(spec))/api/v1/devices/pair", headers: [("Content-Type", "application/json")],
                                              body: Array(#"{"code":"\#(code)"}"#.utf8))
            guard response.status == 200, let token = (try? JSONParser().parse(response.body))?["token"]?.stringValue else {
                Output.error("motcua bench province: pairing a device of \(spec.code) answered \(response.status): \(response.text.prefix(300))")
                throw ExitCode.failure
            }
            return token
        }
        for (index, spec) in specs.enumerated() {
            let kiosk = try pair(prepared[index].kioskCode, spec, from: nextAddress())
            var cookies: [(id: String, sectors: [String], cookie: String)] = []
            for (number, counter) in spec.counters.enumerated() {
                let client = try LoopbackHTTPClient(port: server.port, from: nextAddress())
                let response = try client.request("POST", "\(base(spec))/api/v1/session", headers: [("Content-Type", "application/json")],
                                                  body: Array(#"{"login":"clerk\#(number + 1)","password":"\#(Self.clerkPassword)"}"#.utf8))
                guard response.status == 200, let cookie = response.headers["Set-Cookie"].map({ String($0.split(separator: ";")[0]) }) else {
                    Output.error("motcua bench province: clerk\(number + 1) of \(spec.code) could not sign in: \(response.status) \(response.text.prefix(300))")
                    throw ExitCode.failure
                }
                cookies.append((counter.id, counter.sectors, cookie))
            }
            var tokens: [String] = []
            for code in prepared[index].boardCodes {
                tokens.append(try pair(code, spec, from: nextAddress()))
            }
            boardTokens.append(tokens)
            signedIn.append(SignedIn(base: base(spec), counters: cookies, kioskToken: kiosk, boards: boardsOf[index]))
        }
        // Boards in the order of `boardCentre`, each from its own address.
        var used = Array(repeating: 0, count: specs.count)
        for centre in boardCentre {
            let token = boardTokens[centre][used[centre]]
            used[centre] += 1
            boards.append(BoardFleet.Board(path: "\(base(specs[centre]))/api/v1/events?topics=queue", token: token, from: nextAddress()))
        }
        let fleet: BoardFleet
        do {
            fleet = try BoardFleet(port: server.port, boards: boards)
        } catch {
            Output.error("motcua bench province: the boards could not all connect to their event streams")
            throw ExitCode.failure
        }
        return try drive(port: server.port, serverPID: server.pid, centres: signedIn, boardFleet: fleet, boardCentre: boardCentre)
    }

    // MARK: The report

    private func report(province: LoadResult, single: LoadResult, specs: [CentreSpec], singleSpec: CentreSpec, first: Started,
                        restart: Started, alone: Started, singleLookups: Int) {
        func ms(_ value: Double) -> String { value.isNaN ? "–" : "\(value.fixed(2)) ms" }
        func ratio(_ a: Double, _ b: Double) -> String { b > 0 && !a.isNaN && !b.isNaN ? "\((a / b).fixed(2))×" : "–" }
        let p = LoadResult.percentile
        let cpuPerCall = province.serverCPU / Double(max(1, province.calls)), singleCPUPerCall = single.serverCPU / Double(max(1, single.calls))
        let perCommuneRSS = province.peakRSS / Double(specs.count)
        Output.line("\(singleSpec.code) alone: the province's \(lookups) lookups a second and its calls a second on its own \(singleSpec.counters.count) counters "
                    + "and \(single.expected / max(1, single.calls)) boards, so both sides do the same work per call")
        Output.line("start-up (spawn → /healthz): first start, schemas created, \(first.seconds.fixed(1)) s (the server says \(first.says.map { $0.fixed(1) } ?? "?") s); "
                    + "restart on existing schemas \(restart.seconds.fixed(1)) s (says \(restart.says.map { $0.fixed(1) } ?? "?") s); "
                    + "\(singleSpec.code) alone on SQLite \(alone.seconds.fixed(1)) s")
        Output.line(Output.table([
            ["", "PROVINCE (\(specs.count) CENTRES, POSTGRESQL)", "\(singleSpec.code) ALONE (SQLITE)", "PROVINCE ÷ ALONE"],
            ["calls (issue, call, start, finish)", "\(province.calls) in \(province.seconds.fixed(0)) s", "\(single.calls) in \(single.seconds.fixed(0)) s", ""],
            ["call → board p50", ms(p(province.latencies, 0.5)), ms(p(single.latencies, 0.5)), ratio(p(province.latencies, 0.5), p(single.latencies, 0.5))],
            ["call → board p99", ms(p(province.latencies, 0.99)), ms(p(single.latencies, 0.99)), ratio(p(province.latencies, 0.99), p(single.latencies, 0.99))],
            ["call answered p50 / p99 (the write)", "\(ms(p(province.answers, 0.5))) / \(ms(p(province.answers, 0.99)))",
             "\(ms(p(single.answers, 0.5))) / \(ms(p(single.answers, 0.99)))", ratio(p(province.answers, 0.99), p(single.answers, 0.99))],
            ["call → board max", ms(province.latencies.last ?? .nan), ms(single.latencies.last ?? .nan), ""],
            ["events expected / received / lost", "\(province.expected) / \(province.received) / \(province.lost)",
             "\(single.expected) / \(single.received) / \(single.lost)", ""],
            ["lookups (a second) / errors", "\(province.lookups) (\(lookups)) / \(province.errors.filter { $0.key.hasPrefix("lookup") }.values.reduce(0, +))",
             "\(single.lookups) (\(singleLookups)) / \(single.errors.filter { $0.key.hasPrefix("lookup") }.values.reduce(0, +))", ""],
            ["lookup p50 / p99", "\(ms(p(province.lookupLatencies, 0.5))) / \(ms(p(province.lookupLatencies, 0.99)))",
             "\(ms(p(single.lookupLatencies, 0.5))) / \(ms(p(single.lookupLatencies, 0.99)))", ratio(p(province.lookupLatencies, 0.99), p(single.lookupLatencies, 0.99))],
            ["server CPU in the load", "\(province.serverCPU.fixed(1)) s", "\(single.serverCPU.fixed(1)) s", ""],
            ["server CPU per call (per-commune cost)", "\((cpuPerCall * 1_000).fixed(1)) ms", "\((singleCPUPerCall * 1_000).fixed(1)) ms", ratio(cpuPerCall, singleCPUPerCall)],
            ["server RSS peak / at the end", "\(province.peakRSS.fixed(0)) / \(province.currentRSS.fixed(0)) MB", "\(single.peakRSS.fixed(0)) / \(single.currentRSS.fixed(0)) MB", ""],
            ["RSS per commune (peak ÷ centres)", "\(perCommuneRSS.fixed(1)) MB", "\(single.peakRSS.fixed(1)) MB", ratio(perCommuneRSS, single.peakRSS)],
            ["this client's CPU (boards, clerks, citizens)", "\(province.clientCPU.fixed(1)) s", "\(single.clientCPU.fixed(1)) s", ""],
        ]))
        for (what, count) in (province.errors.map { ("province", $0) } + single.errors.map { ("alone", $0) }).sorted(by: { $0.1.key < $1.1.key }) {
            Output.line("unexpected answers (\(what)): \(count.value) × \(count.key)")
        }
        let p99 = p(province.latencies, 0.99)
        func met(_ ok: Bool) -> String { ok ? "met" : "NOT met" }
        Output.line(Output.table([
            ["GOAL", "RESULT", ""],
            ["call → board p99 < 50 ms", ms(p99), met(p99 < 50)],
            ["no event lost", "\(province.lost) lost of \(province.expected)", met(province.lost == 0 && province.expected > 0)],
            ["RSS < 1 GB with all \(specs.count) composed", "\(province.peakRSS.fixed(0)) MB peak", met(province.peakRSS < 1_024)],
            ["start-up < 10 s", "\(restart.seconds.fixed(1)) s (restart), \(first.seconds.fixed(1)) s (first start)", met(restart.seconds < 10)],
            ["no unexpected answer", "\(province.errorCount + single.errorCount)", met(province.errorCount + single.errorCount == 0)],
        ]))
    }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
    }
}
