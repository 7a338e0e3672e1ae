/// Turns a checked, layered manifest into a typed ``Deployment``.
enum DeploymentBuilder {
    /// The manifest's keys as Swift sees them. Mirrors ``ManifestSchema/root``.
    private struct Document: Decodable {
        var description: String?
        var centre: Centre
        var hours: [String: [String]]
        var calendar: CalendarDocument?
        var agencies: [Agency]?
        var sectors: [Sector]
        var formFields: [FormField]?
        var procedures: [ProcedureDocument]
        var enable: EnableDocument
        var require: RequireDocument?
        var counters: [Counter]
        var dossierCode: String?
        var retention: RetentionDocument?
    }

    private struct RetentionRule: Decodable {
        var sector: String?
        var procedure: String?
        var years: Int?
        var permanent: Bool?
        var after: String?

        var period: RetentionPolicy.Period {
            permanent == true ? .permanent : years.map(RetentionPolicy.Period.years) ?? RetentionPolicy.defaultPeriod
        }
    }

    private struct RetentionDocument: Decodable {
        var `default`: RetentionRule?
        var sectors: [RetentionRule]?
        var procedures: [RetentionRule]?

        var policy: RetentionPolicy {
            RetentionPolicy(default: self.default?.period ?? RetentionPolicy.defaultPeriod,
                            sectors: Dictionary((sectors ?? []).compactMap { rule in rule.sector.map { ($0, rule.period) } }, uniquingKeysWith: { $1 }),
                            procedures: Dictionary((procedures ?? []).compactMap { rule in rule.procedure.map { ($0, rule.period) } }, uniquingKeysWith: { $1 }))
        }
    }

    private struct CalendarDocument: Decodable {
        var officialSwapDays: Bool?
        var holidays: [NamedDay]?
        var workingDays: [NamedDay]?
    }

    private struct NamedDay: Decodable {
        var date: String
        var name: LocalizedText
    }

    private struct EnableDocument: Decodable {
        var sectors: [String]
        var formFields: [String]?
    }

    private struct RequireDocument: Decodable {
        var formFields: [String]?
    }

    private struct ProcedureDocument: Decodable {
        struct DeadlineDocument: Decodable {
            var unit: String
            var value: Int?
            var cutoff: String?
            var note: String?
            var byChannel: [String: Int]?
        }

        struct CaseDocument: Decodable {
            var id: String
            var name: LocalizedText
            var deadline: DeadlineDocument
            var `default`: Bool?
        }

        var code: String
        var name: LocalizedText
        var sector: String
        var deadline: DeadlineDocument
        var cases: [CaseDocument]?
        var fees: [ProcedureFee]?
        var formFields: [String]?
        var documents: [String]?
        var legalBasis: [String]?
        var level: String?
        var onlineLevel: String?
        var sources: [String]?
        var notes: String?
        var personal: PersonalData?
    }

    static func build(from node: ManifestNode, json: JSONValue) throws -> Deployment {
        // Plugin sections are opaque here; their own descriptors decode them.
        let document = try JSONValueDecoder().decode(Document.self, from: node.removingKeys(["plugins"]).json)
        var hours: [Weekday: [TimeRange]] = [:]
        for (key, ranges) in document.hours {
            guard let day = Weekday.allCases.first(where: { $0.manifestKey == key }) else { continue }
            hours[day] = try ranges.map { try TimeRange(parsing: $0) }
        }
        let overrides = CalendarOverrides(
            holidays: (document.calendar?.holidays ?? []).compactMap { day in LocalDate(iso: day.date).map { CalendarOverrides.Day(date: $0, reason: day.name) } },
            workingDays: (document.calendar?.workingDays ?? []).compactMap { day in LocalDate(iso: day.date).map { CalendarOverrides.Day(date: $0, reason: day.name) } },
            applyOfficialSwaps: document.calendar?.officialSwapDays ?? true
        )
        func deadlines(_ item: ProcedureDocument.DeadlineDocument) throws -> ChannelDeadlines {
            guard let unit = DeadlineUnit(rawValue: item.unit) else {
                throw Problem("manifest.deadline-unit", en: "unknown deadline unit \(item.unit)", vi: "đơn vị thời hạn lạ \(item.unit)")
            }
            var values: [Dossier.Channel: Int] = [:]
            for (key, value) in item.byChannel ?? [:] {
                if let channel = Dossier.Channel(rawValue: key) { values[channel] = value }
            }
            // The counter's figure is the deadline's own value.
            let counter = Deadline(value: values.removeValue(forKey: .counter) ?? item.value, unit: unit,
                                   cutoff: item.cutoff.flatMap(LocalTime.init(parsing:)))
            return ChannelDeadlines(counter: counter, values: values)
        }
        let procedures = try document.procedures.map { item in
            let own = try deadlines(item.deadline)
            return Procedure(
                code: item.code, name: item.name, sector: item.sector,
                deadline: own.counter, deadlineNote: item.deadline.note, deadlineByChannel: own.values,
                cases: try (item.cases ?? []).map { ProcedureCase(id: $0.id, name: $0.name, deadlines: try deadlines($0.deadline), isDefault: $0.default ?? false) },
                fees: item.fees ?? [], formFields: item.formFields ?? [],
                documents: item.documents ?? [], legalBasis: item.legalBasis ?? [], sources: item.sources ?? [], notes: item.notes, personal: item.personal)
        }
        var plugins: [Deployment.PluginSection] = []
        for member in node["plugins"]?.members ?? [] {
            plugins.append(.init(id: PluginID(member.key), settings: member.node.json))
        }
        return Deployment(
            centre: document.centre,
            hours: OpeningHours(hours),
            calendarOverrides: overrides,
            agencies: document.agencies ?? [],
            sectors: document.sectors,
            enabledSectorIDs: document.enable.sectors,
            formFields: document.formFields ?? [],
            enabledFormFieldIDs: document.enable.formFields ?? [],
            requiredFormFieldIDs: document.require?.formFields ?? [],
            procedures: procedures,
            counters: document.counters,
            dossierCode: try document.dossierCode.map { try DossierCodeTemplate($0) } ?? .standard,
            plugins: plugins,
            manifest: json,
            retention: document.retention?.policy ?? .standard)
    }
}
