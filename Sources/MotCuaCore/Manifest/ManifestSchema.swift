/// The manifest's shape, version 1. Validation, layering and `Docs/manifest.schema.json`
/// all come from this one declaration; change the format here and regenerate the schema.
enum ManifestSchema {
    static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let deadlineUnits = ["immediate", "hours", "days", "workingDays", "months"]
    static let formFieldTypes = ["text", "date", "citizen-id", "phone", "email", "address", "enum", "money", "number"]
    static let personalLevels = PersonalData.manifestValues
    static let feeKinds = ["lePhi", "phi"]
    static let feeUnits = ["dossier", "copy", "page", "signature", "certificate"]
    /// The keys that only steer resolution and are not part of the effective deployment.
    static let layeringKeys: Set<String> = ["$schema", "abstract", "extends"]

    static let text: Shape = .object([
        .init("vi", .string(.nonEmpty), required: true, doc: "Vietnamese text."),
        .init("en", .string(.nonEmpty), required: true, doc: "English text."),
    ])

    static let namedDay: Shape = .object([
        .init("date", .string(.date), required: true, doc: "The day, YYYY-MM-DD.", example: "\"2026-11-24\""),
        .init("name", text, required: true, doc: "Why the day is special, shown in the calendar."),
    ])

    static let centre: Shape = .object([
        .init("id", .string(.dotted), required: true, doc: "Unique centre id, lowercase, e.g. phu-tho.dao-xa.", example: "\"phu-tho.dao-xa\""),
        .init("name", text, required: true, doc: "The centre's official name."),
        .init("level", .string(.oneOf(["commune", "province"])), required: true, doc: "Commune (xã/phường) or provincial centre."),
        .init("unitCode", .string(.digits(2...5)), required: true,
              doc: "Administrative unit code (Decision 19/2025/QĐ-TTg): 5 digits for a commune, 2 for a province.", example: "\"09013\""),
        .init("province", .object([
            .init("code", .string(.digits(2...2)), required: true, doc: "The province's 2-digit code.", example: "\"25\""),
            .init("name", text, required: true, doc: "The province's name."),
        ]), required: true, doc: "The province the centre belongs to."),
        .init("agencyCode", .string(.nonEmpty), required: true, doc: "The agency code printed in dossier codes.", example: "\"H46.25\""),
        .init("timeZone", .string(.oneOf(["Asia/Ho_Chi_Minh"])), required: true, doc: "Always Asia/Ho_Chi_Minh (UTC+7)."),
        .init("address", .string(.nonEmpty), doc: "Street address shown on printed forms."),
        .init("phone", .string(.nonEmpty), doc: "The centre's phone number for citizens."),
        .init("publicURL", .string(.nonEmpty), doc: "The absolute http(s) address of the centre's public pages; form 01's QR opens the dossier's lookup there.",
              example: "\"https://motcua.daoxa.phutho.gov.vn\""),
    ])

    static let hours: Shape = .object(weekdays.map {
        .init($0, .array(.string(.timeRange), identity: nil), doc: "Opening ranges on this weekday; omit or [] when closed.",
              example: "[\"07:30-11:30\", \"13:30-17:00\"]")
    })

    static let calendar: Shape = .object([
        .init("officialSwapDays", .boolean, doc: "Apply the government's per-year swapped days off and make-up days (default true)."),
        .init("holidays", .array(namedDay, identity: "date"), doc: "Extra closed days of this deployment."),
        .init("workingDays", .array(namedDay, identity: "date"), doc: "Make-up working days (e.g. a Saturday) of this deployment."),
    ])

    static let agency: Shape = .object([
        .init("id", .string(.slug), required: true, doc: "Agency id, e.g. so-tu-phap."),
        .init("name", text, required: true, doc: "The agency's name."),
        .init("code", .string(.nonEmpty), doc: "The agency's code on the national portal."),
    ])

    static let sector: Shape = .object([
        .init("id", .string(.slug), required: true, doc: "Sector (lĩnh vực) slug, e.g. ho-tich.", example: "\"ho-tich\""),
        .init("name", text, required: true, doc: "The sector's published name."),
        .init("agency", .string(.slug), doc: "The agency that owns the sector's procedures."),
        .init("personal", .string(.oneOf(personalLevels)),
              doc: "\"sensitive\" when any dossier of the sector reveals sensitive personal data (social protection, poverty, beliefs)."),
    ])

    static let formField: Shape = .object([
        .init("id", .string(.dotted), required: true, doc: "Field id, e.g. applicant.citizenId.", example: "\"applicant.phone\""),
        .init("label", text, required: true, doc: "The label on the intake form."),
        .init("type", .string(.oneOf(formFieldTypes)), required: true, doc: "How the value is validated."),
        .init("options", .array(.object([
            .init("value", .string(.nonEmpty), required: true, doc: "The stored value."),
            .init("label", text, required: true, doc: "The label shown."),
        ]), identity: "value"), doc: "The choices of an enum field."),
        .init("validation", .object([
            .init("minLength", .integer(min: 0, max: 10_000), doc: "Fewest characters."),
            .init("maxLength", .integer(min: 1, max: 10_000), doc: "Most characters."),
            .init("pattern", .string(.nonEmpty), doc: "A regular expression the whole value must match."),
            .init("min", .integer(min: nil, max: nil), doc: "Smallest number or amount."),
            .init("max", .integer(min: nil, max: nil), doc: "Largest number or amount."),
        ]), doc: "Extra rules beyond the type's own."),
        .init("help", text, doc: "A hint shown under the field."),
        .init("personal", .string(.oneOf(personalLevels)), required: true,
              doc: "Personal data (Law 91/2025): none, basic (name, birth date, address, phone, ID) or sensitive (health, disability, poverty, religion, ethnicity, exemption group). A deployment may raise a level, never lower it.",
              example: "\"basic\""),
    ])

    static let fee: Shape = .object([
        .init("id", .string(.slug), required: true, doc: "Line id, unique within the procedure.", example: "\"le-phi\""),
        .init("kind", .string(.oneOf(feeKinds)), required: true, doc: "Lệ phí or phí; they are accounted separately."),
        .init("name", text, required: true, doc: "What the line is for."),
        .init("amount", .integer(min: 0, max: 1_000_000_000), required: true,
              doc: "Whole đồng per unit; 0 when exempt.", example: "8000"),
        .init("per", .string(.oneOf(feeUnits)), required: true, doc: "What one unit is."),
        .init("note", .string(.any), doc: "Where the amount comes from, exemptions."),
    ])

    static let deadline: Shape = .object([
        .init("unit", .string(.oneOf(deadlineUnits)), required: true, doc: "How the deadline is counted."),
        .init("value", .integer(min: nil, max: 3_650), doc: "How many units; positive; omit for immediate.", example: "5"),
        .init("cutoff", .string(.time), doc: "Received after this time counts as received the next working day.", example: "\"15:00\""),
        .init("note", .string(.any), doc: "Where the deadline comes from."),
        .init("byChannel", .object(Dossier.Channel.allCases.map { channel in
            .init(channel.rawValue, .integer(min: 0, max: 3_650), doc: "The value, in the deadline's unit, for a dossier received \(channel.manifestDoc).")
        }), doc: "The national portal's figure per channel where they differ; a channel left out gets the counter's (and check warns)."),
    ])

    static let procedure: Shape = .object([
        .init("code", .string(.nonEmpty), required: true, doc: "National procedure code, e.g. 1.001193 or 1.000948.H38.", example: "\"1.001193\""),
        .init("name", text, required: true, doc: "The procedure's official name."),
        .init("sector", .string(.slug), required: true, doc: "The sector id the procedure belongs to."),
        .init("deadline", deadline, required: true, doc: "The legal deadline for returning the result (at the counter; see byChannel)."),
        .init("cases", .array(.object([
            .init("id", .string(.slug), required: true, doc: "Case id, unique within the procedure.", example: "\"bo-sung\""),
            .init("name", text, required: true, doc: "The case's name, shown at reception and on forms 01 and 07."),
            .init("deadline", deadline, required: true, doc: "The case's own deadline."),
            .init("default", .boolean, doc: "Reception preselects this case; at most one per procedure."),
        ]), identity: "id"), doc: "Cases (trường hợp) with their own deadlines; the clerk picks one at reception."),
        .init("fees", .array(fee, identity: "id"), doc: "Fee lines; omit when there is no fee."),
        .init("formFields", .array(.string(.dotted), identity: nil), doc: "Form fields this procedure requires."),
        .init("documents", .array(.string(.nonEmpty), identity: nil), doc: "Required documents (thành phần hồ sơ)."),
        .init("legalBasis", .array(.string(.nonEmpty), identity: nil), doc: "Laws, decrees and circulars."),
        .init("level", .string(.nonEmpty), doc: "Implementing level as published, e.g. Cấp xã."),
        .init("onlineLevel", .string(.oneOf(["toàn trình", "một phần"])), doc: "Online service level where known."),
        .init("sources", .array(.string(.nonEmpty), identity: nil), doc: "Where the data comes from."),
        .init("notes", .string(.any), doc: "Caveats."),
        .init("personal", .string(.oneOf(personalLevels)),
              doc: "\"sensitive\" when the dossier itself reveals sensitive personal data; the sector's level otherwise."),
    ])

    static let counter: Shape = .object([
        .init("id", .string(.slug), required: true, doc: "Counter id, e.g. 1.", example: "\"1\""),
        .init("name", text, required: true, doc: "The counter's name on the board, e.g. Quầy 1."),
        .init("sectors", .array(.string(.slug), identity: nil), required: true, doc: "The sectors this counter serves."),
    ])

    /// One retention rule: years after closing, or permanent (Docs/Privacy.md).
    static func retentionRule(_ key: (name: String, rule: Shape.StringRule, doc: String, example: String)?) -> Shape {
        .object((key.map { [Shape.Field($0.name, .string($0.rule), required: true, doc: $0.doc, example: $0.example)] } ?? []) + [
            .init("years", .integer(min: 1, max: 100), doc: "Years the personal values are kept after the dossier closes (returned, refused, stopped).", example: "5"),
            .init("permanent", .boolean, doc: "true to keep them until an erasure request; instead of years."),
            .init("after", .string(.oneOf(["closed", "received"])),
                  doc: "What the years count from; only \"closed\" is accepted, since a dossier can stay open without limit while it waits for a supplement."),
        ])
    }

    static let retention: Shape = .object([
        .init("default", retentionRule(nil), doc: "The rule of dossiers no sector or procedure rule names; 5 years after closing when absent."),
        .init("sectors", .array(retentionRule(("sector", .slug, "The sector id.", "\"dat-dai\"")), identity: "sector"),
              doc: "Rules by sector; a procedure's rule wins over its sector's."),
        .init("procedures", .array(retentionRule(("procedure", .nonEmpty, "The procedure code.", "\"1.001193\"")), identity: "procedure"),
              doc: "Rules by procedure."),
    ])

    static let root: Shape = .object([
        .init("$schema", .string(.any), doc: "Path to manifest.schema.json for editors; ignored."),
        .init("abstract", .boolean, doc: "true for a layer that only exists to be extended (province bases, catalogue files)."),
        .init("extends", .either([.string(.nonEmpty), .array(.string(.nonEmpty), identity: nil)]),
              doc: "Manifest(s) this one builds on, relative to this file, merged in order.", example: "\"province.json\""),
        .init("description", .string(.any), doc: "Free text for provincial IT."),
        .init("centre", centre, required: true, doc: "The centre's identity."),
        .init("hours", hours, required: true, doc: "Opening hours per weekday."),
        .init("calendar", calendar, doc: "Calendar overrides of this deployment."),
        .init("agencies", .array(agency, identity: "id"), doc: "Agencies whose procedures the centre receives."),
        .init("sectors", .array(sector, identity: "id"), required: true, doc: "Sector (lĩnh vực) definitions."),
        .init("formFields", .array(formField, identity: "id"), doc: "Intake form field definitions."),
        .init("procedures", .array(procedure, identity: "code"), required: true, doc: "Procedure definitions."),
        .init("enable", .object([
            .init("sectors", .array(.string(.slug), identity: nil), required: true, doc: "Sectors this deployment serves."),
            .init("formFields", .array(.string(.dotted), identity: nil), doc: "Form fields shown on every intake form."),
        ]), required: true, doc: "What this deployment switches on."),
        .init("require", .object([
            .init("formFields", .array(.string(.dotted), identity: nil), doc: "Enabled form fields that must be filled."),
        ]), doc: "What this deployment makes mandatory."),
        .init("counters", .array(counter, identity: "id"), required: true, doc: "Service counters."),
        .init("dossierCode", .string(.nonEmpty), doc: "Dossier code template; default {agency}-{yyMMdd}-{seq4}.",
              example: "\"{agency}-{yyMMdd}-{seq4}\""),
        .init("retention", retention,
              doc: "How long dossiers' personal values are kept after closing, before their keys are destroyed (Docs/Privacy.md)."),
        .init("plugins", .map(key: .pluginID, value: .opaqueObject), doc: "Plugin id → its settings."),
    ])
}
