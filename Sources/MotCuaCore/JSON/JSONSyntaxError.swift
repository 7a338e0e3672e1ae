/// A document that is not strict JSON, with where and why.
///
/// `description` reads like `line 12, column 5: trailing comma before '}'`; `message` says
/// what was expected and what was found, `messageVi` says the same in Vietnamese, and `code`
/// (such as `json.trailing-comma`) is stable for programs and tests.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier of the kind of mistake, such as `json.duplicate-key`.
    public var code: String
    /// What is wrong and what was expected, in English.
    public var message: String
    /// What is wrong and what was expected, in Vietnamese.
    public var messageVi: String
    /// Where the mistake is.
    public var position: TextPosition

    /// Creates an error.
    public init(code: String, message: String, messageVi: String, position: TextPosition) {
        self.code = code
        self.message = message
        self.messageVi = messageVi
        self.position = position
    }

    /// The line of the mistake, counting from 1.
    public var line: Int { position.line }
    /// The column of the mistake in Unicode scalars, counting from 1.
    public var column: Int { position.column }
    /// The byte offset of the mistake, counting from 0.
    public var offset: Int { position.offset }

    /// `line L, column C: message`.
    public var description: String { "\(position): \(message)" }

    /// `dòng L, cột C: messageVi`.
    public var descriptionVi: String { "\(position.descriptionVi): \(messageVi)" }
}
