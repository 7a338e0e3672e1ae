import Foundation
import MotCuaCore
import MotCuaPostgres
import Synchronization

/// A throwaway PostgreSQL cluster for the tests of one process: started on first use with the
/// machine's `initdb` and `pg_ctl`, listening only on a Unix socket in its own temporary folder,
/// and stopped when the process exits.
///
/// The server refuses to run as root, so as root it runs as the `postgres` user through
/// `runuser`. Each store a test asks for gets a schema of its own, so tests run in parallel
/// without seeing each other's rows. The cluster runs with `fsync=off`: tests check behaviour,
/// and `motcua bench` measures durability costs on a real cluster.
public final class TestCluster: Sendable {
    /// The folder with `initdb`, `pg_ctl` and `postgres`.
    public static var binaries: String {
        ProcessInfo.processInfo.environment["MOTCUA_PG_BIN"] ?? "/usr/lib/postgresql/15/bin"
    }

    /// The URL of the cluster's `postgres` database, over the Unix socket.
    public let url: String
    /// The cluster's folder (data, socket, log).
    public let folder: String
    /// A loopback TCP port where logins need a password (the socket trusts every login).
    public let tcpPort: Int
    private let counter = Atomic<Int>(0)
    /// The server's settings, kept to start it again after ``stopServer()``.
    private let settings: String

    private static let started = Mutex<Result<TestCluster, TestClusterError>?>(nil)

    /// The process's cluster, started on the first call; throws why it cannot start.
    public static func shared() throws -> TestCluster {
        try started.withLock { state in
            if let state { return try state.get() }
            let result = Result { try TestCluster() }.mapError { ($0 as? TestClusterError) ?? TestClusterError(String(describing: $0)) }
            state = result
            return try result.get()
        }
    }

    /// Why PostgreSQL cases cannot run here, or nil when the binaries are present.
    public static var unavailableReason: String? {
        let initdb = (binaries as NSString).appendingPathComponent("initdb")
        return FileManager.default.isExecutableFile(atPath: initdb)
            ? nil : "PostgreSQL binaries are not installed (no \(initdb); apt-get install postgresql, or set MOTCUA_PG_BIN)"
    }

    /// A cluster of the caller's own, for a test that stops and starts the server
    /// (``stopServer()``, ``startServer()``) while other tests use ``shared()``.
    public static func makeOwn() throws -> TestCluster {
        do { return try TestCluster() } catch let error as TestClusterError { throw error } catch {
            throw TestClusterError(String(describing: error))
        }
    }

    /// Stops the server at once, as a crash would (`pg_ctl stop -m immediate`), keeping the data.
    public func stopServer() throws {
        try TestCluster.run(TestCluster.asServerUser([(TestCluster.binaries as NSString).appendingPathComponent("pg_ctl"),
                                                      "-D", folder + "/data", "-m", "immediate", "-w", "stop"]))
    }

    /// Starts the server again on the same socket and port; it recovers from its log first.
    public func startServer() throws {
        try TestCluster.run(TestCluster.asServerUser([(TestCluster.binaries as NSString).appendingPathComponent("pg_ctl"),
                                                      "-D", folder + "/data", "-l", folder + "/log", "-w", "-t", "60",
                                                      "-o", settings, "start"]))
    }

    /// A fresh store on a schema of its own.
    public func makeStore(label: String = "t", options: PostgresStore.Options = PostgresStore.Options()) throws -> PostgresStore {
        try PostgresStore(location: PostgresLocation(url: url), schema: freshSchema(label), options: options)
    }

    /// A schema name no other test in this process uses.
    public func freshSchema(_ label: String = "t") -> String {
        let number = counter.add(1, ordering: .relaxed).newValue
        return PostgresLocation.schemaName(forCentre: "\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(number)")
    }

    /// Runs SQL as the cluster's superuser through `psql` (in `database`), for tests that set up
    /// roles, break things or read what a `motcua` process wrote.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        try TestCluster.run(TestCluster.asServerUser([(TestCluster.binaries as NSString).appendingPathComponent("psql"),
                                                      "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
                                                      "-h", folder, "-p", String(tcpPort), "-U", "postgres", "-d", database, "-c", sql]))
    }

    private init() throws {
        if let reason = TestCluster.unavailableReason { throw TestClusterError(reason) }
        TestCluster.removeAbandonedClusters()
        let template = (NSTemporaryDirectory() as NSString).appendingPathComponent("motcua-pg-XXXXXX")
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { throw TestClusterError("cannot create a temporary folder under \(NSTemporaryDirectory())") }
        folder = String(cString: made)
        try "\(ProcessInfo.processInfo.processIdentifier)".write(toFile: folder + "/owner.pid", atomically: true, encoding: .utf8)
        if getuid() == 0 {
            try TestCluster.run(["/bin/chown", "postgres:postgres", folder])
        }
        let bin = TestCluster.binaries as NSString
        try TestCluster.run(TestCluster.asServerUser([bin.appendingPathComponent("initdb"), "-D", folder + "/data", "-U", "postgres",
                                                      "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"]))
        // The socket trusts every login; TCP on loopback asks for a password, for the tests of refusals.
        try "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
            .write(toFile: folder + "/data/pg_hba.conf", atomically: false, encoding: .utf8)
        tcpPort = try TestCluster.freePort()
        url = "postgresql://postgres@/postgres?host=\(folder)&port=\(tcpPort)"
        settings = "-k \(folder) -c listen_addresses=127.0.0.1 -p \(tcpPort) -c fsync=off -c full_page_writes=off "
            + "-c max_connections=400 -c shared_buffers=32MB -c log_min_messages=fatal"
        try startServer()
        TestCluster.stopAtExit(folder)
    }

    // MARK: Processes

    /// A loopback port nothing listens on now, chosen by the kernel.
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestClusterError("cannot open a socket to find a free port") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Bool in
                bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        guard bound else { throw TestClusterError("cannot bind a loopback socket to find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func asServerUser(_ arguments: [String]) -> [String] {
        guard getuid() == 0 else { return arguments }
        let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? "runuser"
        return [runuser, "-u", "postgres", "--"] + arguments
    }

    /// Runs a program and answers its output (stdout and stderr, through a file).
    ///
    /// posix_spawn and waitpid rather than Foundation's `Process`: `pg_ctl start` leaves a server
    /// running that inherits the parent's descriptors, and `Process` then never sees the exit.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let outputPath = (NSTemporaryDirectory() as NSString).appendingPathComponent("motcua-pg-output-\(UUID().uuidString)")
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw TestClusterError("cannot run \(arguments[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0 else {
            throw TestClusterError("\(arguments.joined(separator: " ")) failed (status \(status)): \(text)")
        }
        return text
    }

    private static let toStop = Mutex<[String]>([])

    private static func stopAtExit(_ folder: String) {
        let first = toStop.withLock { folders in
            folders.append(folder)
            return folders.count == 1
        }
        if first {
            atexit {
                for folder in TestCluster.toStop.withLock({ $0 }) { TestCluster.stop(folder) }
            }
        }
    }

    static func stop(_ folder: String) {
        _ = try? run(asServerUser([(binaries as NSString).appendingPathComponent("pg_ctl"), "-D", folder + "/data", "-m", "immediate", "-w", "stop"]))
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Clusters left behind by a test process that was killed: their owner is gone.
    private static func removeAbandonedClusters() {
        let temporary = NSTemporaryDirectory()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: temporary) else { return }
        for name in names where name.hasPrefix("motcua-pg-") {
            let folder = (temporary as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: folder + "/owner.pid", encoding: .utf8), let pid = Int32(text),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            stop(folder)
        }
    }
}

/// Why the test cluster could not start.
public struct TestClusterError: Error, CustomStringConvertible, Sendable {
    /// What failed.
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
