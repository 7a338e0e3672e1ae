/// A resolved, validated deployment: one centre's configuration, ready to compose.
///
/// Built only by ``ManifestLoader``, so every reference in it is known to resolve.
public struct Deployment: Sendable {
    /// One plugin named by the manifest, with its settings as written.
    public struct PluginSection: Sendable, Hashable {
        /// The plugin id.
        public var id: PluginID
        /// The settings object.
        public var settings: JSONValue

        /// Creates a section.
        public init(id: PluginID, settings: JSONValue = .object(JSONObject())) {
            self.id = id
            self.settings = settings
        }
    }

    /// The centre's identity.
    public var centre: Centre
    /// Opening hours per weekday.
    public var hours: OpeningHours
    /// Extra holidays, make-up days and whether official swap days apply.
    public var calendarOverrides: CalendarOverrides
    /// Agencies, in manifest order.
    public var agencies: [Agency]
    /// Every sector defined, enabled or not.
    public var sectors: [Sector]
    /// The ids of the sectors this deployment serves, in manifest order.
    public var enabledSectorIDs: [String]
    /// Every form field defined.
    public var formFields: [FormField]
    /// Form fields shown on every intake form.
    public var enabledFormFieldIDs: [String]
    /// Enabled form fields that must be filled on every intake form.
    public var requiredFormFieldIDs: [String]
    /// Every procedure defined.
    public var procedures: [Procedure]
    /// The counters.
    public var counters: [Counter]
    /// The dossier code template.
    public var dossierCode: DossierCodeTemplate
    /// The plugins named, in manifest order.
    public var plugins: [PluginSection]
    /// The effective manifest as JSON (what `motcua resolve` prints).
    public var manifest: JSONValue
    /// How long dossiers' personal values are kept after closing (the `retention` section).
    public var retention: RetentionPolicy = .standard

    /// The working calendar of this centre.
    public var calendar: WorkingCalendar {
        WorkingCalendar(hours: hours, overrides: calendarOverrides)
    }

    /// The sectors this deployment serves, in manifest order.
    public var enabledSectors: [Sector] {
        enabledSectorIDs.compactMap { id in sectors.first { $0.id == id } }
    }

    /// The procedures of enabled sectors.
    public var enabledProcedures: [Procedure] {
        let enabled = Set(enabledSectorIDs)
        return procedures.filter { enabled.contains($0.sector) }
    }

    /// The sector with this id, if defined.
    public func sector(_ id: String) -> Sector? {
        sectors.first { $0.id == id }
    }

    /// The procedure with this code, if defined.
    public func procedure(_ code: String) -> Procedure? {
        procedures.first { $0.code == code }
    }

    /// The counter with this id, if any.
    public func counter(_ id: String) -> Counter? {
        counters.first { $0.id == id }
    }

    /// Whether the sector is served by this deployment.
    public func isEnabled(sector id: String) -> Bool {
        enabledSectorIDs.contains(id)
    }

    /// The fields of the intake form for a procedure: the deployment's enabled fields,
    /// then the procedure's own, each once, with whether it must be filled.
    public func form(for procedure: Procedure) -> [(field: FormField, required: Bool)] {
        var ids = enabledFormFieldIDs
        for id in procedure.formFields where !ids.contains(id) { ids.append(id) }
        let required = Set(requiredFormFieldIDs).union(procedure.formFields)
        return ids.compactMap { id in
            formFields.first { $0.id == id }.map { ($0, required.contains(id)) }
        }
    }
}
