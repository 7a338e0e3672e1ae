/// How much a value says about a person (Law 91/2025/QH15 and its decree).
///
/// Every form field declares its level in the manifest; a sector or procedure may declare
/// `sensitive` when the mere fact of the dossier reveals sensitive data (social protection,
/// poverty status, beliefs). Levels only go up through layering: a deployment may raise a
/// field from `basic` to `sensitive`, never lower it.
public enum PersonalData: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Not about a person: page counts, land parcel numbers, business capital.
    case none
    /// Basic personal data: name, date of birth, address, phone, email, ID number.
    case basic
    /// Sensitive personal data: health and disability, financial status (poor household),
    /// religion, ethnicity, biometrics, criminal records, a fee exemption group.
    case sensitive

    /// Whether the value identifies or describes a person.
    public var isPersonal: Bool { self != .none }

    public static func < (lhs: PersonalData, rhs: PersonalData) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .none: 0
        case .basic: 1
        case .sensitive: 2
        }
    }

    /// The manifest's words, for messages and the schema.
    public static let manifestValues = allCases.map(\.rawValue)

    /// Words for pages.
    public var label: LocalizedText {
        switch self {
        case .none: LocalizedText(vi: "Không phải dữ liệu cá nhân", en: "Not personal")
        case .basic: LocalizedText(vi: "Dữ liệu cá nhân cơ bản", en: "Basic personal data")
        case .sensitive: LocalizedText(vi: "Dữ liệu cá nhân nhạy cảm", en: "Sensitive personal data")
        }
    }
}

extension Deployment {
    /// The level of a procedure's dossiers as a whole: the highest of what its procedure and
    /// its sector declare. A sensitive procedure's name never appears on a public page.
    public func personal(of procedure: Procedure) -> PersonalData {
        max(procedure.personal ?? .none, sector(procedure.sector)?.personal ?? .none)
    }

    /// The level of one field on a procedure's form: the field's own, raised to sensitive
    /// when the field is personal and the procedure itself is sensitive (the beneficiary's
    /// name on a social-protection dossier says they receive social protection).
    public func personal(of field: FormField, on procedure: Procedure?) -> PersonalData {
        guard let procedure, field.personal.isPersonal else { return field.personal }
        return max(field.personal, personal(of: procedure))
    }

    /// The level of a stored form value by its field id; unknown ids count as basic, so a
    /// value no manifest describes is never shown publicly.
    public func personal(ofField id: String, on procedure: Procedure?) -> PersonalData {
        guard let field = formFields.first(where: { $0.id == id }) else { return .basic }
        return personal(of: field, on: procedure)
    }
}
