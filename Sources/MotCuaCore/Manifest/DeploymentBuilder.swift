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
        }

        var code: String
        var name: LocalizedText
        var sector: String
        var deadline: DeadlineDocument
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
        let procedures = try document.procedures.map { item in
            guard let unit = DeadlineUnit(rawValue: item.deadline.unit) else {
                throw Problem("manifest.deadline-unit", en: "unknown deadline unit \(item.deadline.unit)", vi: "đơn vị thời hạn lạ \(item.deadline.unit)")
            }
            return Procedure(
                code: item.code, name: item.name, sector: item.sector,
                deadline: Deadline(value: item.deadline.value, unit: unit, cutoff: item.deadline.cutoff.flatMap(LocalTime.init(parsing:))),
                deadlineNote: item.deadline.note, fees: item.fees ?? [], formFields: item.formFields ?? [],
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
            manifest: json)
    }
}
