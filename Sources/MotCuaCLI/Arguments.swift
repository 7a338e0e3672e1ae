/// The command line after the command name: positionals, `--flag value` options and `--switch`es.
///
/// Parsing is strict: an unknown flag or a missing value is a ``UsageError``, which the
/// entry point turns into usage text and exit code 2.
struct Arguments {
    private(set) var positionals: [String] = []
    private var options: [String: String] = [:]
    private var repeatedOptions: [String: [String]] = [:]
    private var switches: Set<String> = []

    /// Parses `arguments` knowing which flags take a value and which are switches.
    init(_ arguments: [String], options allowedOptions: Set<String> = [], switches allowedSwitches: Set<String> = []) throws(UsageError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                positionals += arguments[index...]
                break
            }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                positionals.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if allowedSwitches.contains(name), inlineValue == nil {
                switches.insert(name)
            } else if allowedOptions.contains(name) {
                if let inlineValue {
                    options[name] = inlineValue
                } else {
                    guard index < arguments.count else { throw UsageError("--\(name) needs a value") }
                    options[name] = arguments[index]
                    index += 1
                }
                repeatedOptions[name, default: []].append(options[name]!)
            } else {
                let known = (allowedOptions.union(allowedSwitches)).sorted().map { "--\($0)" }
                throw UsageError("unknown flag --\(name)" + (known.isEmpty ? "" : "; this command takes " + known.joined(separator: ", ")),
                                 unknownFlag: "--\(name)")
            }
        }
    }

    /// Every value of a repeatable `--name`, in order.
    func options(_ name: String) -> [String] { repeatedOptions[name] ?? [] }

    /// The value of `--name`, if given.
    func option(_ name: String) -> String? { options[name] }

    /// Whether `--name` was given.
    func flag(_ name: String) -> Bool { switches.contains(name) }

    /// The value of `--name` as an integer in a range, if given.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = options[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(text)\"")
        }
        return value
    }

    /// Fails unless the positional count is within `range`.
    func expectPositionals(_ range: ClosedRange<Int>, _ what: String) throws(UsageError) {
        guard range.contains(positionals.count) else { throw UsageError("expected \(what)") }
    }
}

/// A mistake in how a command was called: printed with the usage, exit code 2.
struct UsageError: Error {
    var message: String
    /// The flag this command does not know, when that is the mistake.
    var unknownFlag: String?

    init(_ message: String, unknownFlag: String? = nil) {
        self.message = message
        self.unknownFlag = unknownFlag
    }
}

/// A command's failure with its exit code, after it has printed what went wrong.
struct ExitCode: Error {
    var code: Int32

    static let failure = ExitCode(code: 1)
    static let environment = ExitCode(code: 3)
}
