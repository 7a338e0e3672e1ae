/// A failure of the system cryptography library, or a bad argument to one of its wrappers.
public struct CryptoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier such as `crypto.random-unavailable`.
    public var code: String
    /// What went wrong and what to do, in English.
    public var message: String
    /// What went wrong and what to do, in Vietnamese.
    public var messageVi: String

    /// Creates an error from its three parts.
    public init(code: String, message: String, messageVi: String) {
        self.code = code
        self.message = message
        self.messageVi = messageVi
    }

    /// `code: message`, for logs and the CLI.
    public var description: String { "\(code): \(message)" }
}
