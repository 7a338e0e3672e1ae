/// One thing wrong with a manifest: where it is, what is wrong, and how to fix it.
public struct ManifestDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The manifest file, as the caller named it.
    public var file: String
    /// The JSON path inside the file, e.g. `counters[2].sectors[0]`; empty for the whole file.
    public var path: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The 1-based column, when known.
    public var column: Int?
    /// A stable code such as `manifest.unknown-key`.
    public var code: String
    /// What is wrong.
    public var message: LocalizedText
    /// What to do about it.
    public var fix: LocalizedText

    /// Creates a diagnostic.
    public init(file: String, path: String, line: Int? = nil, column: Int? = nil, code: String,
                message: LocalizedText, fix: LocalizedText) {
        self.file = file
        self.path = path
        self.line = line
        self.column = column
        self.code = code
        self.message = message
        self.fix = fix
    }

    /// One line: `file:line:column: path: message — fix: …`, in the requested language.
    public func rendered(_ language: Language = .en) -> String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        let label = language == .vi ? "cách sửa" : "fix"
        let at = path.isEmpty ? "" : "\(path): "
        return "\(place): \(at)\(message.text(language)) — \(label): \(fix.text(language))"
    }

    public var description: String { rendered() }
}

/// A manifest that failed to load, with every diagnostic found.
public struct ManifestError: Error, Sendable, CustomStringConvertible {
    /// All problems found, in file order.
    public var diagnostics: [ManifestDiagnostic]

    /// Creates the error.
    public init(diagnostics: [ManifestDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
