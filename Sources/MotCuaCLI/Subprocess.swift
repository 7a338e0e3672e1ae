#if canImport(Glibc)
import Glibc
#endif

/// Runs other programs (`swift build`, `nm`, `strip`, `wrk`, `nginx`) with `posix_spawn`.
///
/// `Foundation.Process` would link all of `Foundation`, and with it ICU's data, into every
/// commune binary; these few lines do what MotCua needs.
enum Subprocess {
    /// Where a child's standard output or error goes.
    enum Destination {
        /// This process's own stream.
        case inherit
        /// `/dev/null`.
        case discard
        /// A file, created or truncated.
        case file(String)
    }

    /// A failure to start a program, naming it.
    struct LaunchError: Error, CustomStringConvertible {
        var program: String
        var code: Int32
        var description: String { "cannot run \(program): \(String(cString: strerror(code)))" }
    }

    /// Runs `program` (looked up in `PATH`) to its end; standard error goes to `stderr`,
    /// standard output is returned when `capture` is true, else goes to `stdout`.
    static func run(_ program: String, _ arguments: [String], stdout: Destination = .inherit, stderr: Destination = .inherit,
                    capture: Bool = false) throws(LaunchError) -> (status: Int32, output: [UInt8]) {
        var pipeEnds: [Int32] = [-1, -1]
        if capture, pipe(&pipeEnds) != 0 { throw LaunchError(program: program, code: errno) }
        let pid: pid_t
        do {
            pid = try spawn(program, arguments, stdout: stdout, stderr: stderr, captureInto: capture ? pipeEnds[1] : nil,
                            closeInChild: capture ? pipeEnds[0] : nil)
        } catch {
            if capture { close(pipeEnds[0]); close(pipeEnds[1]) }
            throw error
        }
        var output: [UInt8] = []
        if capture {
            close(pipeEnds[1])
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
                if count > 0 { output.append(contentsOf: chunk[0..<count]) } else if count == 0 || errno != EINTR { break }
            }
            close(pipeEnds[0])
        }
        return (wait(for: pid), output)
    }

    /// Starts `program` without waiting for it; stop it with ``stop(_:)``.
    static func start(_ program: String, _ arguments: [String], stdout: Destination = .discard,
                      stderr: Destination = .discard) throws(LaunchError) -> pid_t {
        try spawn(program, arguments, stdout: stdout, stderr: stderr, captureInto: nil, closeInChild: nil)
    }

    /// Sends SIGTERM to a started program and waits for it to end.
    static func stop(_ pid: pid_t) {
        kill(pid, SIGTERM)
        _ = wait(for: pid)
    }

    /// The exit status of `pid` once it ends (128 + the signal when a signal ended it).
    static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// The full path of `tool` in `PATH` (or /usr/sbin, /usr/bin), nil when absent.
    static func which(_ tool: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin"]
        return folders.map { "\($0)/\(tool)" }.first { access($0, X_OK) == 0 }
    }

    private static func spawn(_ program: String, _ arguments: [String], stdout: Destination, stderr: Destination,
                              captureInto: Int32?, closeInChild: Int32?) throws(LaunchError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        func route(_ destination: Destination, to descriptor: Int32) {
            switch destination {
            case .inherit: break
            case .discard: posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0)
            case .file(let path): posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            }
        }
        if let captureInto {
            posix_spawn_file_actions_adddup2(&actions, captureInto, 1)
        } else {
            route(stdout, to: 1)
        }
        // The same file for both streams: open it once, so the two do not overwrite each other.
        if case .file(let errorPath) = stderr, case .file(let outputPath) = stdout, errorPath == outputPath, captureInto == nil {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            route(stderr, to: 2)
        }
        if let closeInChild { posix_spawn_file_actions_addclose(&actions, closeInChild) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, program, &actions, nil, argv, environ)
        guard result == 0 else { throw LaunchError(program: program, code: result) }
        return pid
    }
}
