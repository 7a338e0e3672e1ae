#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import MotCuaCore

/// A PostgreSQL cluster of a benchmark's own: `initdb` in a temporary folder, `pg_ctl start`
/// listening only on a Unix socket there, and stopped and removed by ``remove()``.
///
/// The server refuses to run as root, so as root it runs as the `postgres` user through
/// `runuser`. Durability is PostgreSQL's default (`fsync` and `synchronous_commit` on): the
/// benchmark measures what a province server would pay.
struct ThrowawayPostgres {
    /// The cluster's folder (data, socket, log).
    let folder: String
    /// The URL of its `postgres` database over the socket.
    let url: String
    private let binaries: String

    /// Where the machine's PostgreSQL binaries are: `MOTCUA_PG_BIN`, else the newest
    /// `/usr/lib/postgresql/<version>/bin` that holds `initdb`.
    static func binaries() -> String? {
        if let folder = ProcessInfo.processInfo.environment["MOTCUA_PG_BIN"] {
            return access(folder + "/initdb", X_OK) == 0 ? folder : nil
        }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }.first { access($0 + "/initdb", X_OK) == 0 }
    }

    /// The sentence that says what to install when ``binaries()`` finds nothing.
    static let missing = "no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/<version>/bin or MOTCUA_PG_BIN: "
        + "install them (apt-get install postgresql) or give --database postgresql://… of an empty database"

    /// Creates and starts a cluster in a new folder under `parent`.
    static func start(under parent: String, maxConnections: Int) throws -> ThrowawayPostgres {
        guard let binaries = binaries() else {
            Output.error("motcua bench: " + missing)
            throw ExitCode.environment
        }
        let folder = PlainText.join(parent, "postgresql")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if getuid() == 0 {
            // The server runs as postgres: it must reach and own its folder.
            chmod(parent, 0o755)
            _ = try? Subprocess.run("/bin/chown", ["postgres:postgres", folder])
        }
        let cluster = ThrowawayPostgres(folder: folder, url: "postgresql://postgres@/postgres?host=\(folder)&port=5432", binaries: binaries)
        try cluster.run("initdb", ["-D", folder + "/data", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-instructions"])
        try cluster.run("pg_ctl", ["-D", folder + "/data", "-l", folder + "/log", "-w", "-t", "120",
                                   "-o", "-k \(folder) -c listen_addresses= -p 5432 -c max_connections=\(maxConnections) -c shared_buffers=128MB",
                                   "start"])
        return cluster
    }

    /// Stops the server (fast shutdown, else immediate) and removes its folder.
    func remove() {
        if (try? run("pg_ctl", ["-D", folder + "/data", "-m", "fast", "-w", "-t", "30", "stop"], quiet: true)) == nil {
            try? run("pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs one of the cluster's programs (as postgres when this process is root); its output
    /// goes to the cluster's folder, and a failure says where to read it.
    private func run(_ program: String, _ arguments: [String], quiet: Bool = false) throws {
        let log = folder + "/\(program).out"
        var command = [binaries + "/" + program] + arguments
        if getuid() == 0 {
            let places: [String] = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
            let runuser = places.first { access($0, X_OK) == 0 } ?? "runuser"
            command = [runuser, "-u", "postgres", "--"] + command
        }
        let status: Int32
        do {
            status = try Subprocess.run(command[0], Array(command.dropFirst()), stdout: .file(log), stderr: .file(log)).status
        } catch {
            Output.error("motcua bench: \(error)")
            throw ExitCode.environment
        }
        guard status == 0 else {
            if quiet { throw ExitCode.environment }
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            Output.error("motcua bench: \(program) failed (exit \(status)): \(output.suffix(600))")
            throw ExitCode.environment
        }
    }
}
