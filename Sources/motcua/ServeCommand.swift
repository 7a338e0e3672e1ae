/// `motcua serve`: the HTTP host. It arrives with the network issue; until then it says so.
struct ServeCommand: Command {
    static let name = "serve"
    static let summary = "Serve the deployment over HTTP (not available yet)"
    static let usage = "motcua serve [--deployment manifest.json] [--listen 127.0.0.1:8080] [--data DIR]"

    init(arguments: [String]) throws(UsageError) {
        _ = try Arguments(arguments, options: ["deployment", "listen", "data"])
    }

    func run() async throws {
        Output.error("motcua serve is not available in this build yet: the HTTP host has not landed. "
                     + "Use `motcua check`, `motcua calendar` and `motcua plugins` meanwhile.")
        throw ExitCode.environment
    }
}
