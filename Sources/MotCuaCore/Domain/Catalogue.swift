#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The centre's identity, as the manifest's `centre` section gives it.
public struct Centre: Sendable, Hashable, Codable {
    /// Commune (xã, phường) or provincial centre.
    public enum Level: String, Sendable, Hashable, Codable {
        case commune, province
    }

    /// The province a centre belongs to.
    public struct Province: Sendable, Hashable, Codable {
        /// The 2-digit province code.
        public var code: String
        /// The province's name.
        public var name: LocalizedText
    }

    /// The unique centre id, e.g. `phu-tho.dao-xa`.
    public var id: String
    /// The official name.
    public var name: LocalizedText
    /// Commune or province.
    public var level: Level
    /// The administrative unit code: 5 digits for a commune, 2 for a province.
    public var unitCode: String
    /// The province.
    public var province: Province
    /// The agency code printed in dossier codes.
    public var agencyCode: String
    /// Always `Asia/Ho_Chi_Minh`.
    public var timeZone: String
    /// Street address for printed forms.
    public var address: String?
    /// Phone number for citizens.
    public var phone: String?
    /// The absolute address citizens reach the centre's public pages at, e.g.
    /// `https://motcua.daoxa.phutho.gov.vn`; form 01's QR opens the lookup of the dossier there.
    public var publicURL: String?

    /// The public lookup page of a dossier, as an absolute URL; nil without `publicURL`.
    public func lookupURL(code: String) -> String? {
        guard let base = publicURL else { return nil }
        let escaped = code.percentEncoded()
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/lookup?code=" + escaped
    }
}

/// An agency whose procedures a centre receives (a provincial department, a commune office).
public struct Agency: Sendable, Hashable, Codable, Identifiable {
    /// The agency id.
    public var id: String
    /// The agency's name.
    public var name: LocalizedText
    /// The national portal's code, when known.
    public var code: String?
}

/// A sector (lĩnh vực): a family of procedures, and the unit the queue numbers tickets by.
public struct Sector: Sendable, Hashable, Codable, Identifiable {
    /// The sector slug, e.g. `ho-tich`.
    public var id: String
    /// The published name.
    public var name: LocalizedText
    /// The owning agency's id, when the deployment lists agencies.
    public var agency: String?
    /// `sensitive` when any dossier of the sector reveals sensitive data (social protection).
    public var personal: PersonalData?
}

/// A field of the intake form, validated by its type.
public struct FormField: Sendable, Hashable, Codable, Identifiable {
    /// How a field's value is validated.
    public enum FieldType: String, Sendable, Hashable, Codable, CaseIterable {
        case text, date, citizenID = "citizen-id", phone, email, address, `enum`, money, number
    }

    /// One choice of an enum field.
    public struct Option: Sendable, Hashable, Codable {
        /// The stored value.
        public var value: String
        /// The label shown.
        public var label: LocalizedText
    }

    /// Extra rules beyond the type's own.
    public struct Validation: Sendable, Hashable, Codable {
        /// Fewest characters.
        public var minLength: Int?
        /// Most characters.
        public var maxLength: Int?
        /// A regular expression the whole value must match.
        public var pattern: String?
        /// Smallest number or amount.
        public var min: Int64?
        /// Largest number or amount.
        public var max: Int64?
    }

    /// The field id, e.g. `applicant.citizenId`.
    public var id: String
    /// The label on the form.
    public var label: LocalizedText
    /// The value's type.
    public var type: FieldType
    /// The choices of an enum field.
    public var options: [Option]?
    /// Extra rules.
    public var validation: Validation?
    /// A hint under the field.
    public var help: LocalizedText?
    /// Whether the value is personal data, and how sensitive (required in the manifest).
    public var personal: PersonalData
}

/// One fee line of a procedure, in whole đồng per unit.
public struct ProcedureFee: Sendable, Hashable, Codable, Identifiable {
    /// What one unit of a fee is.
    public enum Unit: String, Sendable, Hashable, Codable {
        case dossier, copy, page, signature, certificate
    }

    /// The line id within the procedure.
    public var id: String
    /// Lệ phí or phí.
    public var kind: FeeLine.Kind
    /// What the line is for.
    public var name: LocalizedText
    /// Đồng per unit; 0 when exempt.
    public var amount: Int64
    /// What one unit is.
    public var per: Unit
    /// Where the amount comes from.
    public var note: String?
}

/// An administrative procedure (thủ tục hành chính) the centre receives.
public struct Procedure: Sendable, Hashable, Identifiable {
    /// The national code, e.g. `1.001193`.
    public var code: String
    /// The official name.
    public var name: LocalizedText
    /// The sector id.
    public var sector: String
    /// The legal deadline.
    public var deadline: Deadline
    /// Where the deadline comes from.
    public var deadlineNote: String?
    /// The deadline's value for channels that differ from the counter (`deadline.byChannel`).
    public var deadlineByChannel: [Dossier.Channel: Int] = [:]
    /// The cases (trường hợp) with their own deadlines; empty when the procedure has one.
    public var cases: [ProcedureCase] = []
    /// The fee lines.
    public var fees: [ProcedureFee]
    /// Form fields this procedure requires.
    public var formFields: [String]
    /// Required documents (thành phần hồ sơ).
    public var documents: [String]
    /// Laws, decrees and circulars.
    public var legalBasis: [String]
    /// Where the data comes from.
    public var sources: [String]
    /// Caveats.
    public var notes: String?
    /// `sensitive` when the dossier itself reveals sensitive data; nil inherits the sector's.
    public var personal: PersonalData?

    public var id: String { code }
}

/// A service counter and the sectors it serves.
public struct Counter: Sendable, Hashable, Codable, Identifiable {
    /// The counter id, e.g. `1`.
    public var id: String
    /// The name on the board, e.g. Quầy 1.
    public var name: LocalizedText
    /// The sector ids served.
    public var sectors: [String]

    /// Creates a counter.
    public init(id: String, name: LocalizedText, sectors: [String]) {
        self.id = id
        self.name = name
        self.sectors = sectors
    }
}
