#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How MotCua speaks to the national public service portal (DVCQG): its operation names,
/// field names, formats and codes, in one place (Docs/Portal.md).
///
/// The official specification is not public; what is here follows what two open one-stop
/// systems send. A field or a code that turns out wrong is corrected in the tables below
/// (``dossierFields``, ``progressFields``, ``statusCodes`` …) and nowhere else: the sender,
/// the stand-in's validation, the exports and the documentation all read them.
public enum PortalMapping {
    /// The dossier push.
    public static let dossierService = "DongBoHoSoMC"
    /// The processing-history push.
    public static let progressService = "CapNhatTienDoHoSoMC"

    // MARK: Codes

    /// `TrangThaiHoSo` / `TrangThai`: the portal's status code of each MotCua status.
    /// Waiting for payment (6) and withdrawal (7) have no MotCua status of their own.
    public static let statusCodes: [Dossier.Status: String] = [
        .received: "2", .inProcess: "4", .supplementRequested: "5", .supplemented: "4",
        .done: "9", .returned: "10", .refused: "3", .stopped: "8",
    ]

    /// The portal's status codes 1–10 with their words, as the portal labels them.
    public static let statusLabels: [(code: String, label: LocalizedText)] = [
        ("1", LocalizedText(vi: "Mới đăng ký", en: "Newly submitted")),
        ("2", LocalizedText(vi: "Được tiếp nhận", en: "Accepted")),
        ("3", LocalizedText(vi: "Không được tiếp nhận", en: "Not accepted")),
        ("4", LocalizedText(vi: "Đang xử lý", en: "Being processed")),
        ("5", LocalizedText(vi: "Yêu cầu bổ sung giấy tờ", en: "Supplement requested")),
        ("6", LocalizedText(vi: "Yêu cầu thực hiện nghĩa vụ tài chính", en: "Payment requested")),
        ("7", LocalizedText(vi: "Công dân yêu cầu rút hồ sơ", en: "Withdrawn by the applicant")),
        ("8", LocalizedText(vi: "Dừng xử lý", en: "Processing stopped")),
        ("9", LocalizedText(vi: "Đã xử lý xong", en: "Processing finished")),
        ("10", LocalizedText(vi: "Đã trả kết quả", en: "Result returned")),
    ]

    /// `NoiDungXuLy`: what each MotCua step did, in the words the portal shows (the note follows).
    public static let stepWords: [Dossier.Status: String] = [
        .received: "Tiếp nhận hồ sơ", .inProcess: "Chuyển xử lý", .supplementRequested: "Yêu cầu bổ sung hồ sơ",
        .supplemented: "Công dân đã bổ sung hồ sơ", .done: "Đã có kết quả giải quyết", .returned: "Đã trả kết quả",
        .refused: "Từ chối tiếp nhận", .stopped: "Dừng xử lý",
    ]

    /// `KenhThucHien`: 1 in person, 2 online, 3 by public post.
    public static let channelCodes: [Dossier.Channel: String] = [.counter: "1", .online: "2", .postal: "3"]

    /// `HinhThuc`: how the result is returned.
    public enum ReturnMethod: String, Sendable, CaseIterable {
        case counter, post
    }

    /// The code of each return method: 0 at the counter, 1 by post.
    public static let returnMethodCodes: [ReturnMethod: String] = [.counter: "0", .post: "1"]

    /// `LoaiDoiTuong`: who the applicant is.
    public enum ApplicantType: String, Sendable, CaseIterable {
        case citizen, business, agency, organisation
    }

    /// The code of each applicant type: 1 citizen, 2 business, 3 state agency, 4 organisation.
    public static let applicantTypeCodes: [ApplicantType: String] = [.citizen: "1", .business: "2", .agency: "3", .organisation: "4"]

    /// The applicant type a dossier's form values show: a business name makes a business,
    /// an organisation's name an organisation, otherwise a citizen.
    public static func applicantType(formValues: [String: String]) -> ApplicantType {
        if formValues["business.name"]?.isEmpty == false { return .business }
        if formValues["applicant.organisation"]?.isEmpty == false { return .organisation }
        return .citizen
    }

    /// What the portal answers for a dossier it already holds: `error_code` 3 or -3, with
    /// "đã tồn tại" in the message.
    public static func isAlreadyExists(errorCode: String, message: String) -> Bool {
        ["3", "-3"].contains(errorCode) && message.lowercased().contains("đã tồn tại")
    }

    /// What the portal answers to an update of a dossier it does not hold: an error code
    /// with "không tồn tại" in the message (assumed, like the stand-in; Docs/Portal.md).
    public static func isNotFound(errorCode: String, message: String) -> Bool {
        errorCode != "0" && message.lowercased().contains("không tồn tại") && message.lowercased().contains("hồ sơ")
    }

    // MARK: Fields

    /// A field's format as the portal reads it; every value is a string.
    public enum Format: Sendable, Hashable {
        /// Free text of at most `max` characters.
        case text(max: Int)
        /// `yyyyMMddHHmmss` in Vietnam time.
        case time
        /// One of the listed codes.
        case code([String])

        /// Whether `value` has the format; an empty value is judged by the field's `required`.
        public func accepts(_ value: String) -> Bool {
            switch self {
            case .text(let max): value.count <= max
            case .time: PortalTime.parse(value) != nil
            case .code(let codes): codes.contains(value)
            }
        }

        /// The format in words, for errors and the documentation.
        public var words: LocalizedText {
            switch self {
            case .text(let max): LocalizedText(vi: "chuỗi, tối đa \(max) ký tự", en: "text, at most \(max) characters")
            case .time: LocalizedText(vi: "yyyyMMddHHmmss, giờ Việt Nam", en: "yyyyMMddHHmmss, Vietnam time")
            case .code(let codes): LocalizedText(vi: "mã: \(codes.joined(separator: ", "))", en: "code: \(codes.joined(separator: ", "))")
            }
        }
    }

    /// One field of a portal message: its name, where MotCua takes it from, its format.
    public struct Field: Sendable {
        /// The portal's field name, e.g. `MaHoSo`.
        public let name: String
        /// Where the value comes from in MotCua, for the documentation.
        public let source: LocalizedText
        /// The format.
        public let format: Format
        /// Whether an empty value is refused.
        public let required: Bool
        let value: @Sendable (PortalDossier) -> String

        init(_ name: String, _ vi: String, _ en: String, _ format: Format, required: Bool,
             _ value: @escaping @Sendable (PortalDossier) -> String) {
            self.name = name
            source = LocalizedText(vi: vi, en: en)
            self.format = format
            self.required = required
            self.value = value
        }
    }

    static let statusValues = statusLabels.map(\.code)

    /// The dossier object of `DongBoHoSoMC`, field by field.
    public static let dossierFields: [Field] = [
        Field("MaHoSo", "mã hồ sơ (mã trên cổng nếu hồ sơ nhận từ cổng)", "dossier code (the portal's code for imported dossiers)",
              .text(max: 50), required: true) { $0.portalCode },
        Field("MaTTHC", "mã thủ tục", "procedure code", .text(max: 50), required: true) { $0.procedure },
        Field("TenTTHC", "tên thủ tục", "procedure name", .text(max: 1000), required: true) { $0.procedureName },
        Field("MaLinhVuc", "mã lĩnh vực (bảng sectorCodes)", "sector code (sectorCodes table)", .text(max: 50), required: true) { $0.sectorCode },
        Field("TenLinhVuc", "tên lĩnh vực", "sector name", .text(max: 500), required: true) { $0.sectorName },
        Field("KenhThucHien", "kênh tiếp nhận", "channel", .code(channelCodes.values.sorted()), required: true) { channelCodes[$0.channel] ?? "" },
        Field("ChuHoSo", "họ tên người nộp", "applicant's name", .text(max: 500), required: true) { $0.applicantName },
        Field("SoGiayToChuHoSo", "số giấy tờ tùy thân", "identity number", .text(max: 50), required: false) { $0.formValues["applicant.citizenId"] ?? "" },
        Field("LoaiDoiTuong", "loại người nộp", "applicant type", .code(applicantTypeCodes.values.sorted()), required: true) {
            applicantTypeCodes[applicantType(formValues: $0.formValues)] ?? "1"
        },
        Field("MaDoiTuong", "mã tài khoản trên cổng (hồ sơ trực tuyến)", "applicant's portal account (online dossiers)", .text(max: 100), required: false) {
            $0.channel == .online ? $0.portalAccount : ""
        },
        Field("ThongTinKhac", "—", "—", .text(max: 2000), required: false) { _ in "" },
        Field("Email", "thư điện tử", "email", .text(max: 200), required: false) { $0.formValues["applicant.email"] ?? "" },
        Field("Fax", "—", "—", .text(max: 50), required: false) { _ in "" },
        Field("SoDienThoai", "số điện thoại", "phone", .text(max: 50), required: false) { $0.formValues["applicant.phone"] ?? "" },
        Field("TrichYeuHoSo", "tên thủ tục và người nộp", "procedure and applicant", .text(max: 1000), required: true) {
            String("\($0.procedureName) — \($0.applicantName)".prefix(1000))
        },
        Field("NgayTiepNhan", "thời điểm tiếp nhận", "received at", .time, required: true) { PortalTime.format($0.receivedAt) },
        Field("NgayHenTra", "ngày hẹn trả (gia hạn nếu có)", "promised date (extension if any)", .time, required: false) { PortalTime.format($0.promisedAt) },
        Field("TrangThaiHoSo", "trạng thái", "status", .code(statusValues), required: true) { statusCodes[$0.status] ?? "" },
        Field("NgayTra", "ngày trả kết quả", "result returned at", .time, required: false) { PortalTime.format($0.returnedAt) },
        Field("ThongTinTra", "—", "—", .text(max: 2000), required: false) { _ in "" },
        Field("HinhThuc", "trả kết quả tại quầy hay qua bưu chính", "result at the counter or by post",
              .code(returnMethodCodes.values.sorted()), required: true) { returnMethodCodes[$0.returnMethod] ?? "0" },
        Field("NgayKetThucXuLy", "ngày có kết quả", "decided at", .time, required: false) { PortalTime.format($0.finishedAt) },
        Field("DonViXuLy", "tên trung tâm", "the centre's name", .text(max: 500), required: true) { $0.centreName },
        Field("GhiChu", "ghi chú lần chuyển cuối", "last note", .text(max: 2000), required: false) { String(($0.note ?? "").prefix(2000)) },
        Field("NgayNopHoSo", "thời điểm tiếp nhận", "received at", .time, required: true) { PortalTime.format($0.receivedAt) },
        Field("NgayTuChoi", "ngày không tiếp nhận", "refused at", .time, required: false) { PortalTime.format($0.refusedAt) },
        Field("HoSoCoThanhPhanSoHoa", "có thành phần được số hóa", "any document digitised", .code(["0", "1"]), required: true) {
            $0.digitised > 0 ? "1" : "0"
        },
    ]

    /// The history object of `CapNhatTienDoHoSoMC`, field by field.
    public static let progressFields: [Field] = [
        Field("MaHoSo", "mã hồ sơ", "dossier code", .text(max: 50), required: true) { $0.portalCode },
        Field("NguoiXuLy", "người xử lý (chức danh chung)", "who acted (a role word)", .text(max: 50), required: true) { String($0.step.actorName.prefix(50)) },
        Field("ChucDanh", "—", "—", .text(max: 200), required: false) { _ in "" },
        Field("ThoiDiemXuLy", "thời điểm của bước", "when the step happened", .time, required: true) { PortalTime.format($0.step.at) },
        Field("PhongBanXuLy", "quầy hoặc bộ phận", "counter or department", .text(max: 500), required: false) { $0.step.department },
        Field("NoiDungXuLy", "việc đã làm và lý do", "what was done and why", .text(max: 2000), required: true) { String($0.step.content.prefix(2000)) },
        Field("TrangThai", "trạng thái sau bước", "status after the step", .code(statusValues), required: true) { statusCodes[$0.step.status] ?? "" },
        Field("NgayBatDau", "thời điểm của bước trước", "when the previous step happened", .time, required: false) { PortalTime.format($0.step.startedAt) },
        Field("NgayKetThucTheoQuyDinh", "ngày hẹn trả", "due date", .time, required: false) { PortalTime.format($0.promisedAt) },
    ]

    // MARK: Messages

    /// The `DongBoHoSoMC` body for one dossier: `service`, `madonvi`, `isUpdating`
    /// (`"True"` when the portal already holds the dossier) and `data`, every value a string.
    public static func dossierMessage(_ dossier: PortalDossier, unit: String, isUpdating: Bool) -> JSONValue {
        .object(JSONObject([
            ("service", .string(dossierService)), ("madonvi", .string(unit)), ("isUpdating", .string(isUpdating ? "True" : "False")),
            ("data", .array([object(dossierFields, dossier)])),
        ]))
    }

    /// The `CapNhatTienDoHoSoMC` body for the dossier's step ``PortalDossier/step``.
    public static func progressMessage(_ dossier: PortalDossier, unit: String) -> JSONValue {
        .object(JSONObject([
            ("service", .string(progressService)), ("madonvi", .string(unit)), ("data", .array([object(progressFields, dossier)])),
        ]))
    }

    static func object(_ fields: [Field], _ dossier: PortalDossier) -> JSONValue {
        .object(JSONObject(fields.map { ($0.name, JSONValue.string($0.value(dossier))) }))
    }

    /// The values of the export columns ``exportFields`` for a dossier.
    public static func exportValues(_ dossier: PortalDossier) -> [String] {
        exportFields.map { name in dossierFields.first { $0.name == name }?.value(dossier) ?? "" }
    }

    /// The portal columns the register and report exports carry beside their own.
    public static let exportFields = ["MaHoSo", "MaTTHC", "MaLinhVuc", "KenhThucHien", "TrangThaiHoSo", "NgayTiepNhan", "NgayHenTra",
                                      "NgayKetThucXuLy", "NgayTra", "HinhThuc", "LoaiDoiTuong"]

    // MARK: Validation

    /// Everything wrong with a message body against the tables: the operation, the unit,
    /// `isUpdating`, and each data item's fields (missing, not a string, bad format,
    /// unknown). Empty when the message is what the portal expects.
    public static func problems(in body: JSONValue) -> [Problem.Detail] {
        var found: [Problem.Detail] = []
        func add(_ field: String, _ code: String, _ vi: String, _ en: String) {
            found.append(.init(field: field, code: code, message: LocalizedText(vi: vi, en: en)))
        }
        guard case .object(let message) = body else {
            add("$", "not-object", "Nội dung không phải đối tượng JSON", "The body is not a JSON object")
            return found
        }
        let service = message["service"]?.stringValue ?? ""
        let fields: [Field]
        switch service {
        case dossierService:
            fields = dossierFields
            if !["True", "False"].contains(message["isUpdating"]?.stringValue ?? "") {
                add("isUpdating", "format", "isUpdating phải là \"True\" hoặc \"False\"", "isUpdating must be \"True\" or \"False\"")
            }
        case progressService:
            fields = progressFields
        default:
            add("service", "unknown", "Không có dịch vụ \"\(service)\"", "No service \"\(service)\"")
            return found
        }
        if (message["madonvi"]?.stringValue ?? "").isEmpty {
            add("madonvi", "required", "Thiếu mã đơn vị", "The unit code is missing")
        }
        guard case .array(let items)? = message["data"], !items.isEmpty else {
            add("data", "required", "Thiếu danh sách data", "The data list is missing")
            return found
        }
        for (index, item) in items.enumerated() {
            guard case .object(let object) = item else {
                add("data[\(index)]", "not-object", "Phần tử không phải đối tượng", "The item is not an object")
                continue
            }
            for field in fields {
                let path = "data[\(index)].\(field.name)"
                guard let value = object[field.name] else {
                    add(path, "missing", "Thiếu trường \(field.name)", "Field \(field.name) is missing")
                    continue
                }
                guard let text = value.stringValue else {
                    add(path, "not-string", "\(field.name) phải là chuỗi", "\(field.name) must be a string")
                    continue
                }
                if text.isEmpty {
                    if field.required { add(path, "required", "\(field.name) không được để trống", "\(field.name) must not be empty") }
                } else if !field.format.accepts(text) {
                    add(path, "format", "\(field.name) sai định dạng (\(field.format.words.vi)): \"\(text)\"",
                        "\(field.name) has the wrong format (\(field.format.words.en)): \"\(text)\"")
                }
            }
            for (key, _) in object where !fields.contains(where: { $0.name == key }) {
                add("data[\(index)].\(key)", "unknown", "Trường lạ \(key)", "Unknown field \(key)")
            }
        }
        return found
    }
}

/// What the portal messages are built from: a dossier as the sync add-on knows it, and the
/// step being pushed.
public struct PortalDossier: Sendable, Hashable {
    /// The code the portal knows the dossier by: its own code for an imported dossier,
    /// otherwise MotCua's.
    public var portalCode: String
    /// MotCua's dossier code.
    public var code: String
    public var procedure: String
    public var procedureName: String
    public var sectorCode: String
    public var sectorName: String
    public var channel: Dossier.Channel
    public var status: Dossier.Status
    /// The applicant's name; empty once personal data was erased.
    public var applicantName: String
    /// The form values (phone, email, identity number); empty once erased.
    public var formValues: [String: String]
    /// The applicant's portal account, for online dossiers.
    public var portalAccount: String = ""
    public var receivedAt: Date
    /// The date promised: the extension's, else the due date.
    public var promisedAt: Date?
    public var finishedAt: Date?
    public var returnedAt: Date?
    public var refusedAt: Date?
    public var returnMethod: PortalMapping.ReturnMethod = .counter
    /// How many checklist lines were digitised.
    public var digitised: Int = 0
    /// The centre's name (`DonViXuLy`).
    public var centreName: String
    /// The last note.
    public var note: String?
    /// The step a progress message carries.
    public var step: Step

    /// One processing step.
    public struct Step: Sendable, Hashable {
        public var at: Date
        public var status: Dossier.Status
        public var actorName: String
        public var department: String
        public var content: String
        public var startedAt: Date?

        /// Creates a step.
        public init(at: Date, status: Dossier.Status, actorName: String, department: String, content: String, startedAt: Date?) {
            self.at = at
            self.status = status
            self.actorName = actorName
            self.department = department
            self.content = content
            self.startedAt = startedAt
        }
    }

    /// Creates the facts of a dossier.
    public init(portalCode: String, code: String, procedure: String, procedureName: String, sectorCode: String, sectorName: String,
                channel: Dossier.Channel, status: Dossier.Status, applicantName: String, formValues: [String: String],
                receivedAt: Date, promisedAt: Date?, centreName: String, step: Step) {
        self.portalCode = portalCode
        self.code = code
        self.procedure = procedure
        self.procedureName = procedureName
        self.sectorCode = sectorCode
        self.sectorName = sectorName
        self.channel = channel
        self.status = status
        self.applicantName = applicantName
        self.formValues = formValues
        self.receivedAt = receivedAt
        self.promisedAt = promisedAt
        self.centreName = centreName
        self.step = step
    }
}

/// The portal's time format: `yyyyMMddHHmmss` in Vietnam time (UTC+7, no daylight saving).
public enum PortalTime {
    static let offset: Int64 = 7 * 3600

    /// `date` as 14 digits in Vietnam time; empty for nil ("not set").
    public static func format(_ date: Date?) -> String {
        guard let date else { return "" }
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + offset
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let day = LocalDate(dayNumber: Int(days))
        let clock = Int(rest)
        return day.year.zeroPadded(4) + day.month.zeroPadded(2) + day.day.zeroPadded(2) + (clock / 3600).zeroPadded(2)
            + (clock % 3600 / 60).zeroPadded(2) + (clock % 60).zeroPadded(2)
    }

    /// The instant 14 digits in Vietnam time name; nil when the text is not a real time.
    public static func parse(_ text: String) -> Date? {
        let digits = Array(text.utf8)
        guard digits.count == 14, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        func number(_ from: Int, _ count: Int) -> Int {
            digits[from..<from + count].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        let (h, mi, s) = (number(8, 2), number(10, 2), number(12, 2))
        guard number(0, 4) >= 1900, h < 24, mi < 60, s < 60,
              let day = LocalDate(year: number(0, 4), month: number(4, 2), day: number(6, 2)) else { return nil }
        return Date(timeIntervalSince1970: Double(Int64(day.dayNumber) * 86_400 + Int64(h * 3600 + mi * 60 + s) - offset))
    }
}
