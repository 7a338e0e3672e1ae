import Foundation
import MotCuaCLI
import Testing

/// One `motcua …` command line shown in `README.md` or `Docs/`.
struct ShownCommand: CustomTestStringConvertible, Sendable {
    var file: String
    var line: Int
    var text: String
    var arguments: [String]
    /// The error output shown right below the line, when the docs show it failing on purpose.
    var shownError: String?
    var testDescription: String { "\(file):\(line): \(text)" }
}

/// Finds the command lines: in fenced code blocks, every line; in prose, every inline code
/// span. A line counts when its program is `motcua` (also `swift run motcua`, a path ending in
/// `/motcua`, a built `motcua-<id>`, after `$ `, `sudo -u …`, `VAR=value` or a `label:`), and
/// its arguments run up to a shell operator or comment. Usage notation is read as the first
/// choice: `[--days 5]` is `--days 5`, `json|csv` is `json`, a lone `|` ends the line.
enum ShownCommands {
    static func all(root: URL) throws -> [ShownCommand] {
        var files = ["README.md"]
        let docs = root.appendingPathComponent("Docs")
        let walker = FileManager.default.enumerator(atPath: docs.path)
        while let path = walker?.nextObject() as? String {
            if path.hasSuffix(".md") { files.append("Docs/" + path) }
        }
        var found: [ShownCommand] = []
        for file in files.sorted() {
            let lines = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n")
            var inBlock = false
            for (index, line) in lines.enumerated() {
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                    inBlock.toggle()
                    continue
                }
                let candidates = inBlock ? [line] : spans(line)
                for text in candidates {
                    guard let arguments = arguments(text) else { continue }
                    var shownError: String?
                    if inBlock, index + 1 < lines.count, lines[index + 1].hasPrefix("motcua"),
                       lines[index + 1].contains(": unknown") {
                        shownError = lines[index + 1]
                    }
                    found.append(ShownCommand(file: file, line: index + 1, text: text.trimmingCharacters(in: .whitespaces),
                                              arguments: arguments, shownError: shownError))
                }
            }
        }
        return found
    }

    /// The inline code spans of a prose line.
    static func spans(_ line: String) -> [String] {
        line.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    }

    /// The arguments after `motcua`, or nil when `text` is not a motcua command line.
    static func arguments(_ text: String) -> [String]? {
        var tokens = tokenize(text.replacingOccurrences(of: "\\|", with: "|"))
        // What may stand before the program.
        while let first = tokens.first {
            if first == "$" || first == "sudo" || first == "swift" || first == "run" || first.hasSuffix(":") && !isProgram(first) {
                tokens.removeFirst()
            } else if first == "-u" || first == "-c", tokens.count > 1 {
                tokens.removeFirst(2)
            } else if let equals = first.firstIndex(of: "="), !first.hasPrefix("-") {
                let value = String(first[first.index(after: equals)...])
                if isProgram(value) { tokens[0] = value } else { tokens.removeFirst() }
            } else {
                break
            }
        }
        guard let program = tokens.first, isProgram(program) else { return nil }
        var arguments: [String] = []
        for token in tokens.dropFirst() {
            if ["|", "||", "&&", ";", "&", ">", ">>", "<", "2>", "2>&1"].contains(token) || token.hasPrefix("#") { break }
            var word = token.filter { $0 != "[" && $0 != "]" }
            if let bar = word.firstIndex(of: "|") { word = String(word[..<bar]) }
            if word.isEmpty || word == "…" || word == "..." { continue }
            arguments.append(word)
        }
        // `motcua` alone, or a line of output (`motcua check: …`), is not a command line.
        guard let command = arguments.first, !command.hasSuffix(":") else { return nil }
        return arguments
    }

    static func isProgram(_ token: String) -> Bool {
        let name = token.split(separator: "/").last.map(String.init) ?? token
        // A built binary is `motcua-<centre id>`: the id has a dot (`phu-tho.dao-xa`) or is a placeholder.
        let built = name.hasPrefix("motcua-") && (name.contains(".") || name.contains("<"))
        return name == "motcua" || (built && !name.hasSuffix(".sqlite") && !name.hasSuffix(".sha256"))
    }

    /// Splits on spaces, keeping "double" and 'single' quoted words and `<placeholders with
    /// spaces>` whole.
    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quote: Character?
        var inToken = false
        for character in text {
            if let open = quote {
                if character != open || open == ">" { current.append(character) }
                if character == open { quote = nil }
            } else if character == "<", !inToken || current.hasSuffix("/") || current.hasSuffix("-") {
                quote = ">"
                current.append(character)
                inToken = true
            } else if character == "\"" || character == "'" {
                quote = character
                inToken = true
            } else if character == " " || character == "\t" {
                if inToken { tokens.append(current) }
                current = ""
                inToken = false
            } else {
                current.append(character)
                inToken = true
            }
        }
        if inToken { tokens.append(current) }
        return tokens
    }
}

@Suite("Every motcua command line in the docs parses")
struct DocsCommandLineTests {
    static let shown = (try? ShownCommands.all(root: packageRoot)) ?? []

    @Test("the docs show enough command lines for this test to mean something")
    func found() {
        #expect(Self.shown.count >= 150, "found only \(Self.shown.count)")
        #expect(Set(Self.shown.map(\.file)).count >= 10)
    }

    @Test("no unknown command, subcommand or flag", arguments: shown)
    func parses(_ command: ShownCommand) {
        let result = MotCuaCLI.check(command.arguments)
        let location = "\(command.file):\(command.line): motcua \(command.arguments.joined(separator: " "))"
        if let shownError = command.shownError {
            // A line the docs show failing on purpose must fail as the docs say.
            switch result {
            case .unknownOption(_, let message): #expect(("motcua \(command.arguments[0]): " + message).hasPrefix(shownError), "\(location) → \(message)")
            case .unknownCommand(let name): #expect(shownError.contains("unknown command \"\(name)\""), "\(location)")
            default: Issue.record("\(location) is shown failing with \"\(shownError)\" but gives \(result)")
            }
            return
        }
        switch result {
        case .valid, .invalid:
            break
        case .unknownCommand(let name):
            Issue.record("\(location): no command \"\(name)\"")
        case .unknownSubcommand(let word, let expected):
            Issue.record("\(location): \"\(word)\" is not one of \(expected.joined(separator: ", "))")
        case .unknownOption(let flag, let message):
            Issue.record("\(location): unknown option \(flag) (\(message))")
        }
    }

    @Test("the extraction reads prompts, sudo, swift run, usage notation and stops at shell operators")
    func extraction() {
        #expect(ShownCommands.arguments("$ swift run -c release motcua bench http   # compare") == ["bench", "http"])
        #expect(ShownCommands.arguments("sudo -u motcua /usr/local/bin/motcua harness") == ["harness"])
        #expect(ShownCommands.arguments("ExecStart=/usr/local/bin/motcua serve --listen 0.0.0.0:8080") == ["serve", "--listen", "0.0.0.0:8080"])
        #expect(ShownCommands.arguments("MOTCUA_LANG=vi motcua check broken.json") == ["check", "broken.json"])
        #expect(ShownCommands.arguments("motcua users add|list [--data ./data]") == ["users", "add", "--data", "./data"])
        #expect(ShownCommands.arguments("motcua resolve x.json | less") == ["resolve", "x.json"])
        #expect(ShownCommands.arguments(#"motcua users add clerk1 --name "Clerk One" --role clerk"#) == ["users", "add", "clerk1", "--name", "Clerk One", "--role", "clerk"])
        #expect(ShownCommands.arguments("motcua check: unknown flag --strict") == nil)
        #expect(ShownCommands.arguments("journalctl -u motcua -n 20") == nil)
        #expect(ShownCommands.arguments("motcua_session") == nil)
        #expect(ShownCommands.arguments("motcua") == nil)
        #expect(ShownCommands.arguments("dist/motcua-<centre id>") == nil)
        #expect(ShownCommands.arguments("dist/motcua-phu-tho.dao-xa version") == ["version"])
        #expect(ShownCommands.arguments("motcua-kek-v1 <64 hex digits>") == nil)
        #expect(ShownCommands.arguments("motcua calendar <year> --deployment <manifest>") == ["calendar", "<year>", "--deployment", "<manifest>"])
    }

    @Test("a wrong command, subcommand or flag is caught")
    func catches() {
        #expect(MotCuaCLI.check(["frobnicate"]) == .unknownCommand("frobnicate"))
        #expect(MotCuaCLI.check(["bench", "disk"]) == .unknownSubcommand("disk", expected: ["journal", "http", "queue", "intake", "payments", "report", "sync", "province"]))
        guard case .unknownOption(let flag, _) = MotCuaCLI.check(["check", "--strict", "x.json"]) else {
            Issue.record("--strict was not refused")
            return
        }
        #expect(flag == "--strict")
        #expect(MotCuaCLI.check(["calendar", "2026", "--deployment", "m.json", "--json"]) == .valid)
    }
}
