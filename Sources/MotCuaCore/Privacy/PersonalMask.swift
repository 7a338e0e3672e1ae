/// The one masking rule for personal data in exports and lists (register CSV, ledgers,
/// reports, roll-up bundles): enough to recognise a record at the counter, not enough to
/// identify a person from a leaked file.
///
/// - a name keeps the family name and the initials of the rest: `Nguyễn V. B.`;
/// - an ID number, phone or other digits keep the last 4: `********2345`;
/// - a date of birth keeps its year: `1990`;
/// - an address keeps its last part (the province): `***, Phú Thọ`;
/// - an email keeps its first letter and domain: `n***@example.vn`;
/// - anything sensitive, and values of other types, become `***`.
public enum PersonalMask {
    /// The text that replaces a value entirely.
    public static let hidden = "***"

    /// A person's name: family name and the initials of the middle and given names.
    public static func name(_ text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let family = words.first else { return "" }
        return ([family] + words.dropFirst().compactMap { $0.first.map { "\($0)." } }).joined(separator: " ")
    }

    /// Digits (ID number, phone): all but the last 4 characters replaced by `*`.
    public static func digits(_ text: String) -> String {
        let compact = text.filter { !$0.isWhitespace }
        guard compact.count > 4 else { return String(repeating: "*", count: compact.count) }
        return String(repeating: "*", count: compact.count - 4) + compact.suffix(4)
    }

    /// An address: only its last comma-separated part.
    public static func address(_ text: String) -> String {
        let parts = text.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        guard parts.count > 1, let last = parts.last else { return hidden }
        return "\(hidden), \(last)"
    }

    /// A date `yyyy-MM-dd` or `dd/MM/yyyy`: its year.
    public static func date(_ text: String) -> String {
        let digits = text.split(whereSeparator: { !$0.isNumber }).map(String.init)
        return digits.first { $0.count == 4 } ?? hidden
    }

    /// An email: first letter and domain.
    public static func email(_ text: String) -> String {
        guard let at = text.firstIndex(of: "@"), let first = text.first, at != text.startIndex else { return hidden }
        return "\(first)\(hidden)\(text[at...])"
    }

    /// A form value masked by its field's type and level; values that are not personal stay.
    public static func value(_ text: String, type: FormField.FieldType, level: PersonalData) -> String {
        switch level {
        case .none: return text
        case .sensitive: return text.isEmpty ? text : hidden
        case .basic:
            guard !text.isEmpty else { return text }
            switch type {
            case .citizenID, .phone: return digits(text)
            case .date: return date(text)
            case .address: return address(text)
            case .email: return email(text)
            case .text:
                // Names have several words; a single word (a plate number, a code) keeps its end only.
                return text.split(whereSeparator: \.isWhitespace).count > 1 ? name(text) : digits(text)
            case .enum, .money, .number: return hidden
            }
        }
    }
}

extension Deployment {
    /// A dossier with its personal data masked by ``PersonalMask``: the applicant's name and
    /// every personal form value, each by its field's type and its level on this procedure.
    public func masked(_ dossier: Dossier) -> Dossier {
        var copy = dossier
        let procedure = procedure(dossier.procedure)
        copy.applicantName = PersonalMask.value(dossier.applicantName, type: .text, level: .basic)
        for (id, value) in dossier.formValues {
            let field = formFields.first { $0.id == id }
            copy.formValues[id] = PersonalMask.value(value, type: field?.type ?? .text, level: personal(ofField: id, on: procedure))
        }
        return copy
    }
}
