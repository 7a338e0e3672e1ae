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
import MotCuaHTTP
import MotCuaHTTPClient
import MotCuaHost
import MotCuaStore

/// `motcua serve`: serves a deployment over HTTP until SIGINT or SIGTERM.
struct ServeCommand: Command {
    static let name = "serve"
    static let summary = "Serve the deployment over HTTP (default: the embedded demo on 127.0.0.1:8080)"
    static let usage = """
        motcua serve [--deployment manifest.json] [--listen 127.0.0.1:8080] [--data ./data] [--database postgresql://user@host/db]
        motcua serve --province Deployments/<province> --database postgresql://user@host/db [--listen …] [--data ./data]
                     [--trusted-proxy ADDR]... [--max-connections-per-address 256] [--max-connections 4096] [--quiet]
          --trusted-proxy  the address of a reverse proxy in front of MotCua (repeatable); only from it is
                           X-Forwarded-For believed, to count failed sign-ins per real client; it is
                           exempt from --max-connections-per-address
          --max-connections-per-address  open connections one client address may hold (default 256)
          --max-connections              open connections in all (default 4096; keep it under `ulimit -n`)
          --province       every deployment under the folder in one process, each centre under /<unit code>/,
                           the province's pages at / (Docs/Province.md); SIGHUP or `motcua province reload` picks up
                           new and changed manifests
        """

    let manifest: String?
    /// `--province`: the folder whose every deployment is served.
    let provinceFolder: String?
    let host: String
    let port: Int
    let dataFolder: String
    let database: DatabaseOption
    let quiet: Bool
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    let trustedProxies: [String]
    /// `--max-connections-per-address`, when given.
    let maxConnectionsPerAddress: Int?
    /// `--max-connections`, when given.
    let maxConnections: Int?

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["deployment", "province", "listen", "data", "database", "trusted-proxy",
                                                           "max-connections-per-address", "max-connections"],
                                   switches: ["quiet"])
        try parsed.expectPositionals(0...0, "no positional arguments")
        manifest = parsed.option("deployment")
        provinceFolder = parsed.option("province")
        (host, port) = try Self.listenAddress(parsed.option("listen") ?? "127.0.0.1:8080")
        dataFolder = parsed.option("data") ?? "data"
        database = try DatabaseOption(parsed)
        quiet = parsed.flag("quiet")
        trustedProxies = try parsed.options("trusted-proxy").map(Self.proxyAddress)
        maxConnectionsPerAddress = try parsed.integer("max-connections-per-address", in: 1...1_000_000)
        maxConnections = try parsed.integer("max-connections", in: 1...1_000_000)
        if provinceFolder != nil {
            guard manifest == nil else { throw UsageError("--province serves every deployment under the folder; leave out --deployment") }
            guard database.isPostgres else {
                throw UsageError("--province needs --database postgresql://user@host/db: each centre gets its own schema there (Docs/Province.md) — "
                                 + "--province cần --database postgresql://…: mỗi trung tâm có một schema riêng")
            }
        }
    }

    /// A `--trusted-proxy` value: an IPv4 or IPv6 address, nothing else (no name, port or range).
    static func proxyAddress(_ text: String) throws(UsageError) -> String {
        let bare = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        guard IPAddress.isValid(bare) else {
            throw UsageError("--trusted-proxy takes the proxy's IP address, e.g. 127.0.0.1 or ::1 (not a name, port or range); got \"\(text)\" — "
                             + "--trusted-proxy cần địa chỉ IP của proxy, ví dụ 127.0.0.1 hoặc ::1 (không phải tên, cổng hay dải địa chỉ)")
        }
        return bare
    }

    /// Parses `host:port`; the port must be 0–65535 (0 picks a free one).
    static func listenAddress(_ text: String) throws(UsageError) -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else {
            throw UsageError("--listen takes host:port, e.g. 127.0.0.1:8080 or 0.0.0.0:8080 for the centre's LAN; got \"\(text)\"")
        }
        let host = String(text[..<colon])
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }

    func run() async throws {
        // Listen for SIGINT/SIGTERM from the start, so a stop request during start-up is not lost.
        let signals = ShutdownSignals()
        // Every board and console holds a connection: open files up to the hard limit.
        HTTPBenchmark.raiseDescriptorLimit()
        if let provinceFolder { return try await serveProvince(provinceFolder, signals: signals) }
        let deployment = try DeploymentLoading.deployment(manifest)
        // Before anything is written: a server that cannot read its key must not start.
        try Self.checkKeyFile(dataFolder)
        try Self.prepareDataFolder(dataFolder)
        let release = try Self.prepareRelease(dataFolder, database: database)
        let store = try database.open(centre: deployment.centre.id, dataFolder: dataFolder, command: "serve")
        let key = try Self.loadKey(dataFolder, store: store)
        let clock = SystemClock()
        var policy = IdentityService.Policy()
        policy.passwords.forbiddenWords = PasswordRules.centreWords(deployment.centre)
        let identity = try IdentityService(store: store, clock: clock, policy: policy)

        let hub = EventHub()
        let composition: Composition
        do {
            composition = try Composition.compose(deployment, catalogue: CLIContext.catalogue, store: store, clock: clock,
                                                  events: HubEventSink(hub: hub), logHandler: StandardErrorLogHandler(),
                                                  dataFolder: URL(fileURLWithPath: dataFolder, isDirectory: true), key: key,
                                                  outbound: CurlClient())
        } catch {
            for problem in error.problems { Output.error("motcua serve: \(problem.message.text(Output.language))") }
            throw ExitCode.failure
        }
        do {
            try await composition.start()
        } catch {
            for problem in error.problems { Output.error("motcua serve: \(problem.message.text(Output.language))") }
            throw ExitCode.failure
        }

        try Self.recordRelease(release, dataFolder: dataFolder)

        let application = Application(deployment: deployment, composition: composition, store: store, identity: identity, clock: clock, hub: hub,
                                      logHandler: StandardErrorLogHandler(), trustedProxies: trustedProxies)
        let configuration = serverConfiguration()
        var requestLogger: HTTPServer.RequestLogger?
        if !quiet {
            requestLogger = { (log: HTTPRequestLog) in Output.line(log.line) }
        }
        let server = HTTPServer(configuration: configuration, router: application.makeRouter(),
                                requestLogger: requestLogger, errorMapper: Application.errorMapper)
        do throws(HTTPServerError) {
            try server.start()
        } catch {
            Output.error("motcua serve: cannot listen on \(host):\(port): \(Output.language == .vi ? error.messageVi : error.message)")
            await composition.stop()
            throw ExitCode.environment
        }
        try createFirstAdmin(identity, port: server.port)
        Output.line("MotCua \(MotCuaVersion.current) serving \(deployment.centre.name.text(Output.language)) (\(deployment.centre.id)) "
              + "at http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(server.port)/ — data in \(database.describe(centre: deployment.centre.id, dataFolder: dataFolder))")
        let retention = PersonalDataRetention(composition: composition, store: store, clock: clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            // Erases personal data whose retention ended, daily at 01:30 (Docs/Privacy.md).
            group.addTask { await retention.daily { Output.line("motcua serve: \($0)") } }
            // Background work of plugins, such as the national portal's sender (Docs/Portal.md).
            for service in composition.services {
                group.addTask { await service.run() }
            }
            let signal = await signals.next()
            Output.line("motcua serve: signal \(signal), finishing requests in flight")
            await server.shutdown(gracePeriod: .seconds(10))
            group.cancelAll()
            try await group.waitForAll()
        }
        await composition.stop()
        Output.line("motcua serve: stopped")
    }

    /// Before the SQLite database is opened (and migrated): an older release's database is
    /// backed up into `<data>/backups/`, a newer release's is refused naming both releases.
    /// Nil on PostgreSQL, whose backups are the operator's (Docs/PostgreSQL.md).
    static func prepareRelease(_ dataFolder: String, database: DatabaseOption) throws -> DatabaseRelease.Decision? {
        guard database.postgres == nil else { return nil }
        let path = PlainText.join(dataFolder, "motcua.sqlite")
        let decision: DatabaseRelease.Decision
        do {
            decision = try DatabaseRelease.prepare(path: path, current: MotCuaVersion.current,
                                                   backupFolder: PlainText.join(dataFolder, "backups"))
        } catch let error as StoreError {
            Output.error("motcua serve: \(Output.language == .vi ? error.messageVi : error.message)")
            throw ExitCode.environment
        }
        if case .upgrade(let from, let backup) = decision {
            let old = from.map { "MotCua \($0)" } ?? (Output.language == .vi ? "một bản trước khi ghi phiên bản" : "a release from before releases were recorded")
            Output.line(Output.language == .vi
                ? "motcua serve: cơ sở dữ liệu do \(old) mở lần cuối; đã sao lưu vào \(backup) trước khi nâng cấp lên MotCua \(MotCuaVersion.current)"
                : "motcua serve: the database was last opened by \(old); backed up to \(backup) before upgrading to MotCua \(MotCuaVersion.current)")
        }
        return decision
    }

    /// The HTTP server's settings from the command's options.
    func serverConfiguration() -> HTTPServer.Configuration {
        var configuration = HTTPServer.Configuration(host: host, port: port)
        configuration.loopThreads = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
        // Intake scans travel base64 in JSON: room for a 5 MB file.
        configuration.maxBodyBytes = 8 * 1024 * 1024
        if let maxConnectionsPerAddress { configuration.maxConnectionsPerAddress = maxConnectionsPerAddress }
        if let maxConnections { configuration.maxConnections = maxConnections }
        // A deep accept queue (the kernel caps it at net.core.somaxconn): a burst of connections
        // from one address must not fill it, or everyone else's SYN waits a second for a retry.
        configuration.backlog = 4096
        // A trusted proxy carries every client: its own address is not one client.
        configuration.unlimitedAddresses = Set(trustedProxies)
        return configuration
    }

    /// Once every migration ran: records this release in the database and says what changed.
    static func recordRelease(_ decision: DatabaseRelease.Decision?, dataFolder: String) throws {
        guard let decision, decision != .current else { return }
        try DatabaseRelease.record(path: PlainText.join(dataFolder, "motcua.sqlite"), current: MotCuaVersion.current)
        if case .upgrade(let from, _) = decision {
            Output.line(Output.language == .vi
                ? "motcua serve: đã nâng cấp cơ sở dữ liệu từ MotCua \(from ?? "?") lên \(MotCuaVersion.current)"
                : "motcua serve: database migrated forward from MotCua \(from ?? "?") to \(MotCuaVersion.current)")
        }
    }

    /// Opens the database of a data folder, creating the folder when missing.
    static func openStore(_ dataFolder: String) throws -> SQLiteStore {
        try prepareDataFolder(dataFolder)
        do {
            return try SQLiteStore(path: PlainText.join(dataFolder, "motcua.sqlite"))
        } catch let error as StoreError {
            Output.error("motcua serve: \(Output.language == .vi ? error.messageVi : error.message)")
            throw ExitCode.environment
        }
    }

    /// Creates the data folder when missing (it holds the key and scans on either engine);
    /// refuses a file or an unwritable folder clearly.
    static func prepareDataFolder(_ dataFolder: String) throws {
        let manager = FileManager.default
        var isFolder = false
        if manager.fileExists(atPath: dataFolder, isDirectory: &isFolder) {
            guard isFolder else {
                Output.error("motcua serve: --data \(dataFolder) is a file, not a folder")
                throw ExitCode.environment
            }
        } else {
            do {
                try manager.createDirectory(atPath: dataFolder, withIntermediateDirectories: true)
            } catch {
                Output.error("motcua serve: cannot create the data folder \(dataFolder): \(error)")
                throw ExitCode.environment
            }
        }
        guard manager.isWritableFile(atPath: dataFolder) else {
            Output.error("motcua serve: the data folder \(dataFolder) is not writable; fix its permissions or pass --data")
            throw ExitCode.environment
        }
    }

    /// The data folder's key-encryption key (created on first start), or exit with the
    /// reason in Vietnamese and English: a missing, unreadable, shared or malformed key file.
    static func loadKey(_ dataFolder: String, store: any Store) throws -> KeyEncryptionKey {
        do {
            return try KeyEncryptionKey.load(folder: dataFolder, store: store)
        } catch let error as KeyFileError {
            Output.error("motcua: \(error.message.vi)")
            Output.error("motcua: \(error.message.en)")
            throw ExitCode.environment
        }
    }

    /// Refuses an unreadable, shared or malformed key file before the database is opened
    /// (opening a new database creates it); a missing file is judged by ``loadKey(_:store:)``.
    static func checkKeyFile(_ dataFolder: String) throws {
        do {
            _ = try KeyEncryptionKey.read(folder: dataFolder)
        } catch let error as KeyFileError {
            Output.error("motcua: \(error.message.vi)")
            Output.error("motcua: \(error.message.en)")
            throw ExitCode.environment
        }
    }

    /// On first start, creates the `admin` account and prints its one-time password once,
    /// with the sign-in address and the `motcua users` commands for this data folder.
    private func createFirstAdmin(_ identity: IdentityService, port: Int) throws {
        guard try identity.accounts().isEmpty else { return }
        let created = try identity.addAccount(id: "admin", displayName: "Quản trị", role: .admin, by: .system)
        let signIn = "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)\(Pages.signInPath)"
        Output.line(Self.firstStartMessage(password: created.oneTimePassword ?? "", signIn: signIn,
                                           command: Self.invokedCommand(), manifest: manifest, dataFolder: dataFolder))
    }

    /// The first-start message: the password, where to sign in, and commands that work as
    /// printed — the same binary, data folder and deployment this server was started with.
    static func firstStartMessage(password: String, signIn: String, command: String, manifest: String?, dataFolder: String) -> String {
        let data = dataFolder == "data" ? "" : " --data \(shellQuoted(dataFolder))"
        let deployment = manifest.map { " --deployment \(shellQuoted($0))" } ?? ""
        return """
            First start: created the account "admin" with the one-time password
                \(password)
            It is shown only this once. Sign in at \(signIn) as "admin".
            Staff accounts can be managed on the Staff accounts page (/admin/staff), or from this folder's shell:
                \(command) users add <login> --name "Full Name" --role clerk --counter <counter id>\(deployment)\(data)
                \(command) users list\(data)
                \(command) users passwd admin\(data)    (prints a new one-time password if this one is lost)
            """
    }

    /// How to run this binary again from the same folder: `swift run motcua` inside a
    /// package build, otherwise the path it was started by.
    static func invokedCommand() -> String {
        let path = CommandLine.arguments.first ?? "motcua"
        if path.contains("/.build/") || path.hasPrefix(".build/") { return "swift run motcua" }
        return shellQuoted(path.contains("/") ? path : "motcua")
    }

    /// `text` as one shell word.
    static func shellQuoted(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || "0123456789/._-:+=@".unicodeScalars.contains($0) }
        return plain && !text.isEmpty ? text : "'" + text.replacing("'", with: "'\\''") + "'"
    }
}

/// SIGINT and SIGTERM as an async sequence, listening from the moment it is created.
final class ShutdownSignals {
    private let arrivals: AsyncStream<Int32>
    private let sources: [any DispatchSourceSignal]

    init() {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        arrivals = stream
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }

    /// Waits for the next signal.
    func next() async -> Int32 {
        for await number in arrivals { return number }
        return SIGTERM
    }

    deinit {
        for source in sources { source.cancel() }
    }
}

/// Writes plugin log lines to standard error.
struct StandardErrorLogHandler: LogHandler {
    func log(level: LogLevel, label: String, message: String, metadata: [String: String]) {
        let extra = metadata.isEmpty ? "" : " " + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        Output.error("\(level.name) [\(label)] \(message)\(extra)")
    }
}
