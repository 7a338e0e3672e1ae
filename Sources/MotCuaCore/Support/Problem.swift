/// A public error: what went wrong, for whom, and what to do, in Vietnamese and English.
///
/// Plugins and the host throw `Problem` for anything a clerk, a citizen or provincial IT
/// can act on. The HTTP layer renders it as
/// `{ "error": { "code", "message", "messageVi", "details" } }` with ``status``; the CLI
/// prints one line and exits with ``exitCode``.
public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, dotted code such as `queue.sector-disabled`; clients branch on it.
    public var code: String
    /// The message in both languages. It names the offending thing and says what to do.
    public var message: LocalizedText
    /// The HTTP status this problem maps to.
    public var status: Int
    /// Field-level details, e.g. one per invalid form field.
    public var details: [Detail]

    /// One field-level detail of a problem.
    public struct Detail: Sendable, Hashable, Codable {
        /// The field or path the detail is about, e.g. `applicant.citizenId`.
        public var field: String
        /// A stable code for this detail.
        public var code: String
        /// The detail in both languages.
        public var message: LocalizedText

        /// Creates a detail.
        public init(field: String, code: String, message: LocalizedText) {
            self.field = field
            self.code = code
            self.message = message
        }
    }

    /// Creates a problem.
    public init(code: String, status: Int = 400, message: LocalizedText, details: [Detail] = []) {
        self.code = code
        self.status = status
        self.message = message
        self.details = details
    }

    /// Creates a problem from the English and Vietnamese messages.
    public init(_ code: String, status: Int = 400, en: String, vi: String, details: [Detail] = []) {
        self.init(code: code, status: status, message: LocalizedText(vi: vi, en: en), details: details)
    }

    /// The exit code the CLI uses: 1 for problems with input, 2 for usage, 3 for the environment.
    public var exitCode: Int32 {
        switch status {
        case 400..<500: 1
        default: 3
        }
    }

    public var description: String { "\(code): \(message.en)" }
}
