/// The intake contract: dossiers received, tracked and returned.
public protocol IntakePlugin: Plugin {
    /// Receives a dossier and gives it a code and an appointment date.
    func receive(_ request: IntakeRequest, by principal: Principal) throws -> Dossier
    /// Moves a dossier to a new status.
    func transition(dossier code: String, to status: Dossier.Status, note: String?, by principal: Principal) throws -> Dossier
    /// Finds a dossier by code.
    func dossier(code: String) throws -> Dossier?
}

extension IntakePlugin {
    public static var kind: PluginKind { .intake }
}
