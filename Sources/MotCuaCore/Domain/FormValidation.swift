#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Checks the values typed into an intake form against the form's fields and their types.
///
/// The form is what ``Deployment/form(for:)`` gives: the deployment's enabled fields plus the
/// procedure's own, each with whether it must be filled. A value for a field not on the form
/// is refused, so a field switched off in the manifest cannot be filled through the API.
/// Every bad field is reported at once, each as a `Problem.Detail` naming `formValues.<id>`.
public struct FormValidation: Sendable {
    /// The form's fields, in order, with whether each must be filled.
    public let form: [(field: FormField, required: Bool)]
    /// Today in the centre's time zone: dates of birth and death cannot be after it.
    public let today: LocalDate?

    /// Creates a validation for a form.
    public init(form: [(field: FormField, required: Bool)], today: LocalDate? = nil) {
        self.form = form
        self.today = today
    }

    /// The values trimmed and normalised (ISO dates, `0…` phones, plain-digit amounts), or a
    /// `intake.invalid-form` problem listing every bad field. Empty values count as absent.
    public func validate(_ values: [String: String]) throws(Problem) -> [String: String] {
        var details: [Problem.Detail] = []
        var clean: [String: String] = [:]
        let known = Set(form.map(\.field.id))
        for id in values.keys.sorted() where !known.contains(id) {
            details.append(Self.detail(id, "not-on-form", vi: "Trường này không có trên mẫu tiếp nhận của trung tâm",
                                       en: "This field is not on this centre's intake form"))
        }
        for (field, required) in form {
            let raw = (values[field.id] ?? "").trimmed()
            if raw.isEmpty {
                if required {
                    details.append(Self.detail(field.id, "required", vi: "Bắt buộc nhập \(field.label.vi)", en: "\(field.label.en) is required"))
                }
                continue
            }
            switch Self.check(raw, as: field, today: today) {
            case .valid(let value): clean[field.id] = value
            case .invalid(let detail): details.append(detail)
            }
        }
        details += crossChecks(clean)
        guard details.isEmpty else {
            // The message names the fields by their labels (it is shown to the clerk); each
            // detail keeps the JSON path for the form and the API.
            let labels = Dictionary(form.map { ("formValues." + $0.field.id, $0.field.label) }, uniquingKeysWith: { first, _ in first })
            var seen = Set<String>()
            let named = details.map(\.field).filter { seen.insert($0).inserted }.map { labels[$0] ?? LocalizedText(vi: $0, en: $0) }
            throw Problem("intake.invalid-form", en: "Check the form: \(named.map(\.en).joined(separator: ", ")).",
                          vi: "Hãy kiểm tra lại các trường: \(named.map(\.vi).joined(separator: ", ")).", details: details)
        }
        return clean
    }

    /// A citizen ID must agree with the same person's date of birth and sex when they are given:
    /// `applicant.citizenId` with `applicant.dateOfBirth` and `applicant.gender`.
    private func crossChecks(_ values: [String: String]) -> [Problem.Detail] {
        var details: [Problem.Detail] = []
        for (field, _) in form where field.type == .citizenID {
            guard let text = values[field.id], case .success(let id) = CitizenID.parse(text) else { continue }
            let person = field.id.split(separator: ".").dropLast().joined(separator: ".")
            let prefix = person.isEmpty ? "" : person + "."
            if let birth = values[prefix + "dateOfBirth"].flatMap(LocalDate.init(iso:)), birth.year != id.birthYear {
                details.append(Self.detail(field.id, "birth-year",
                    vi: "Số định danh ghi năm sinh \(id.birthYear), khác ngày sinh \(birth.day)/\(birth.month)/\(birth.year)",
                    en: "The ID encodes birth year \(id.birthYear), but the date of birth is \(birth)"))
            }
            if let gender = values[prefix + "gender"], gender == "nam" || gender == "nu" {
                let expected: CitizenID.Sex = gender == "nam" ? .male : .female
                if expected != id.sex {
                    details.append(Self.detail(field.id, "sex",
                        vi: "Chữ số thứ 4 của số định danh không khớp giới tính đã chọn",
                        en: "The ID's 4th digit does not match the sex chosen"))
                }
            }
        }
        return details
    }

    /// Checks one non-empty value against its field's type and rules.
    public static func check(_ raw: String, as field: FormField, today: LocalDate? = nil) -> FieldCheck {
        let label = field.label
        let rules = field.validation
        var value = raw
        switch field.type {
        case .text, .address:
            break
        case .date:
            guard let date = parseDate(raw) else {
                return .invalid(detail(field.id, "date", vi: "\(label.vi): ngày không hợp lệ, nhập dd/mm/yyyy", en: "\(label.en): not a valid date; use dd/mm/yyyy"))
            }
            if date.year < 1900 {
                return .invalid(detail(field.id, "date-range", vi: "\(label.vi): năm phải từ 1900", en: "\(label.en): the year must be 1900 or later"))
            }
            if let today, date > today {
                return .invalid(detail(field.id, "date-future", vi: "\(label.vi): không được sau ngày hôm nay", en: "\(label.en): cannot be after today"))
            }
            value = date.description
        case .citizenID:
            switch CitizenID.parse(raw) {
            case .success(let id):
                value = id.digits
            case .failure(.format):
                return .invalid(detail(field.id, "citizen-id", vi: "\(label.vi): phải gồm đúng 12 chữ số", en: "\(label.en): must be exactly 12 digits"))
            case .failure(.province(let code)):
                return .invalid(detail(field.id, "citizen-id-province", vi: "\(label.vi): mã tỉnh \(code) không tồn tại", en: "\(label.en): \(code) is no province's code"))
            }
        case .phone:
            guard let phone = normalisedPhone(raw) else {
                return .invalid(detail(field.id, "phone", vi: "\(label.vi): số điện thoại không hợp lệ (di động 10 số bắt đầu 03, 05, 07, 08, 09 hoặc cố định 02…)",
                                       en: "\(label.en): not a Vietnamese phone number (mobile 03/05/07/08/09 + 8 digits, or a 02… landline)"))
            }
            value = phone
        case .email:
            guard isEmail(raw) else {
                return .invalid(detail(field.id, "email", vi: "\(label.vi): địa chỉ thư điện tử không hợp lệ", en: "\(label.en): not an email address"))
            }
            value = raw.lowercased()
        case .enum:
            let options = field.options ?? []
            guard options.contains(where: { $0.value == raw }) else {
                let list = options.map(\.value).joined(separator: ", ")
                return .invalid(detail(field.id, "enum", vi: "\(label.vi): chọn một trong \(list)", en: "\(label.en): choose one of \(list)"))
            }
        case .money:
            guard let amount = wholeDong(raw) else {
                return .invalid(detail(field.id, "money", vi: "\(label.vi): nhập số tiền nguyên đồng, ví dụ 1.500.000", en: "\(label.en): enter whole đồng, e.g. 1.500.000"))
            }
            if let problem = range(amount, field) { return .invalid(problem) }
            value = String(amount)
        case .number:
            guard let number = Int64(raw) else {
                return .invalid(detail(field.id, "number", vi: "\(label.vi): phải là số nguyên", en: "\(label.en): must be a whole number"))
            }
            if let problem = range(number, field) { return .invalid(problem) }
            value = String(number)
        }
        if let min = rules?.minLength, value.count < min {
            return .invalid(detail(field.id, "min-length", vi: "\(label.vi): ít nhất \(min) ký tự", en: "\(label.en): at least \(min) characters"))
        }
        if let max = rules?.maxLength, value.count > max {
            return .invalid(detail(field.id, "max-length", vi: "\(label.vi): tối đa \(max) ký tự", en: "\(label.en): at most \(max) characters"))
        }
        // Phones and IDs have their own checks above; their manifest patterns describe the same rule.
        if field.type != .phone, field.type != .citizenID, let pattern = rules?.pattern,
           let regex = try? Regex(pattern), (try? regex.wholeMatch(in: value)) == nil {
            return .invalid(detail(field.id, "pattern", vi: "\(label.vi): sai định dạng", en: "\(label.en): wrong format"))
        }
        return .valid(value)
    }

    /// `yyyy-MM-dd` or `dd/MM/yyyy` (also with `-` or `.`), as a calendar date.
    public static func parseDate(_ text: String) -> LocalDate? {
        if let iso = LocalDate(iso: text) { return iso }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
        guard parts.count == 3, parts[2].count == 4, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// A mobile (`0` + 3/5/7/8/9 + 8 digits) or landline (`02` + 9 digits) number, written
    /// with a leading `0`; `+84`/`84` prefixes, spaces, dots and dashes are accepted.
    public static func normalisedPhone(_ text: String) -> String? {
        var digits = text.filter { $0 != " " && $0 != "." && $0 != "-" && $0 != "(" && $0 != ")" }
        if digits.hasPrefix("+84") { digits = "0" + digits.dropFirst(3) } else if digits.hasPrefix("84"), digits.count == 11 { digits = "0" + digits.dropFirst(2) }
        guard digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), digits.hasPrefix("0") else { return nil }
        let second = digits.dropFirst().first
        if digits.count == 10, let second, "35789".contains(second) { return digits }
        if digits.count == 11, second == "2" { return digits }
        return nil
    }

    /// A plausible email address: one `@`, a non-empty local part, a dotted domain, no spaces.
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, text.count <= 254, !text.contains(where: { $0 == " " || $0 == "," || $0 == ";" }) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
            && labels.last!.count >= 2
    }

    /// Whole đồng: digits with optional `.`, `,` or space thousand separators, an optional
    /// trailing `đ`/`VND`; no decimals.
    public static func wholeDong(_ text: String) -> Int64? {
        var body = text.trimmingSpaces()
        for suffix in ["VNĐ", "VND", "vnđ", "vnd", "đồng", "đ", "Đ"] where body.hasSuffix(suffix) {
            body = String(body.dropLast(suffix.count)).trimmingSpaces()
            break
        }
        let negative = body.hasPrefix("-")
        if negative { body.removeFirst() }
        // Groups of three after a separator, so "1.5" (a decimal) is refused.
        let groups = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," || $0 == " " })
        guard let first = groups.first, !first.isEmpty, first.count <= 3 || groups.count == 1,
              groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
              let amount = Int64(groups.joined()) else { return nil }
        return negative ? -amount : amount
    }

    private static func range(_ value: Int64, _ field: FormField) -> Problem.Detail? {
        if let min = field.validation?.min, value < min {
            return detail(field.id, "min", vi: "\(field.label.vi): nhỏ nhất là \(min)", en: "\(field.label.en): the smallest allowed is \(min)")
        }
        if let max = field.validation?.max, value > max {
            return detail(field.id, "max", vi: "\(field.label.vi): lớn nhất là \(max)", en: "\(field.label.en): the largest allowed is \(max)")
        }
        if field.validation?.min == nil, value < 0 {
            return detail(field.id, "min", vi: "\(field.label.vi): không được âm", en: "\(field.label.en): cannot be negative")
        }
        return nil
    }

    private static func detail(_ id: String, _ code: String, vi: String, en: String) -> Problem.Detail {
        Problem.Detail(field: "formValues.\(id)", code: code, message: LocalizedText(vi: vi, en: en))
    }
}

/// The outcome of checking one field: the normalised value or what is wrong with it.
public enum FieldCheck: Sendable, Hashable {
    /// The value, normalised.
    case valid(String)
    /// Why the value is refused, naming the field.
    case invalid(Problem.Detail)
}
