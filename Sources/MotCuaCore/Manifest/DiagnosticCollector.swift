/// Gathers every diagnostic of a load, so one run reports them all.
struct DiagnosticCollector: Sendable {
    private(set) var diagnostics: [ManifestDiagnostic] = []

    var isEmpty: Bool { diagnostics.isEmpty }

    mutating func add(_ diagnostic: ManifestDiagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Records a problem at a value's location.
    mutating func report(at location: SourceLocation, _ code: String, en: String, vi: String, fixEn: String, fixVi: String) {
        add(ManifestDiagnostic(file: location.file, path: location.path.description, line: location.line, column: location.column,
                               code: "manifest.\(code)", message: LocalizedText(vi: vi, en: en),
                               fix: LocalizedText(vi: fixVi, en: fixEn)))
    }

    /// Records a problem about a whole file.
    mutating func report(file: String, line: Int? = nil, column: Int? = nil, _ code: String,
                         en: String, vi: String, fixEn: String, fixVi: String) {
        add(ManifestDiagnostic(file: file, path: "", line: line, column: column, code: "manifest.\(code)",
                               message: LocalizedText(vi: vi, en: en), fix: LocalizedText(vi: fixVi, en: fixEn)))
    }

    mutating func append(contentsOf other: DiagnosticCollector) {
        diagnostics += other.diagnostics
    }
}
