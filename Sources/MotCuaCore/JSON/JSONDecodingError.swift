/// A JSON value that does not fit the type it was decoded into, with the JSON path.
///
/// `description` reads like `plugins[0].scale: expected integer, found string`, prefixed by
/// `line L, column C: ` when the value came from bytes and the position is known.
public struct JSONDecodingError: Error, Sendable, CustomStringConvertible {
    /// A stable identifier of the kind of mistake, such as `json.unknown-key`.
    public var code: String
    /// Where in the document the mistake is; for an unknown key, the path of that key.
    public var path: JSONPath
    /// What is wrong and what to do, in English.
    public var message: String
    /// What is wrong and what to do, in Vietnamese.
    public var messageVi: String
    /// Where the offending value or key starts in the source text, when decoding from bytes.
    public var position: TextPosition?
    /// The error a type's own `init(from:)` threw, when it was not a decoding error.
    public var underlyingError: (any Error)?

    /// Creates an error.
    public init(
        code: String, path: JSONPath, message: String, messageVi: String,
        position: TextPosition? = nil, underlyingError: (any Error)? = nil
    ) {
        self.code = code
        self.path = path
        self.message = message
        self.messageVi = messageVi
        self.position = position
        self.underlyingError = underlyingError
    }

    /// `[line L, column C: ]path: message`.
    public var description: String {
        let prefix = position.map { "\($0): " } ?? ""
        return "\(prefix)\(path): \(message)"
    }

    /// `[dòng L, cột C: ]path: messageVi`.
    public var descriptionVi: String {
        let prefix = position.map { "\($0.descriptionVi): " } ?? ""
        return "\(prefix)\(path): \(messageVi)"
    }
}

/// A value that cannot be represented as JSON, with the path where encoding met it.
public struct JSONEncodingError: Error, Sendable, CustomStringConvertible {
    /// A stable identifier of the kind of mistake, such as `json.non-finite-number`.
    public var code: String
    /// Where in the output the value would have gone.
    public var path: JSONPath
    /// What is wrong, in English.
    public var message: String
    /// What is wrong, in Vietnamese.
    public var messageVi: String
    /// The error a type's own `encode(to:)` threw, when it was not an encoding error.
    public var underlyingError: (any Error)?

    /// Creates an error.
    public init(code: String, path: JSONPath, message: String, messageVi: String, underlyingError: (any Error)? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.messageVi = messageVi
        self.underlyingError = underlyingError
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
