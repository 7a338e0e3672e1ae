#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Checks what only the layered whole can tell: references between sections, deadlines,
/// hours, calendar days, the dossier-code template and, for deployments, completeness.
struct ReferenceChecker {
    let root: ManifestNode
    let isDeployment: Bool
    /// The official unit list a deployment's unit code is checked against; nil skips that check.
    let units: AdministrativeUnits?
    var diagnostics = DiagnosticCollector()
    /// Findings that do not stop a load.
    var warnings = DiagnosticCollector()

    init(root: ManifestNode, isDeployment: Bool, units: AdministrativeUnits? = nil) {
        self.root = root
        self.isDeployment = isDeployment
        self.units = units
    }

    mutating func check() {
        let sectors = ids(of: "sectors", key: "id")
        let formFields = ids(of: "formFields", key: "id")
        let agencies = ids(of: "agencies", key: "id")

        for sector in root["sectors"]?.items ?? [] {
            if let agency = sector["agency"] { reference(agency, in: agencies, what: "agency", section: "agencies") }
        }
        for counter in root["counters"]?.items ?? [] {
            for (_, node) in counter["sectors"]?.stringItems ?? [] { reference(node, in: sectors, what: "sector", section: "sectors") }
        }
        for procedure in root["procedures"]?.items ?? [] {
            if let sector = procedure["sector"] { reference(sector, in: sectors, what: "sector", section: "sectors") }
            for (_, node) in procedure["formFields"]?.stringItems ?? [] {
                reference(node, in: formFields, what: "form field", section: "formFields")
            }
            if let deadline = procedure["deadline"] { checkDeadline(deadline) }
            checkCases(procedure)
        }
        let enabledFields = root["enable"]?["formFields"]?.stringItems ?? []
        for (_, node) in root["enable"]?["sectors"]?.stringItems ?? [] { reference(node, in: sectors, what: "sector", section: "sectors") }
        for (_, node) in enabledFields { reference(node, in: formFields, what: "form field", section: "formFields") }
        let enabledFieldIDs = Set(enabledFields.map(\.0))
        for (id, node) in root["require"]?["formFields"]?.stringItems ?? [] where isDeployment && !enabledFieldIDs.contains(id) {
            report(node, "require-not-enabled", en: "form field \"\(id)\" is required but not enabled",
                   vi: "trường \"\(id)\" bắt buộc nhưng chưa được bật",
                   fixEn: "add \"\(id)\" to enable.formFields", fixVi: "thêm \"\(id)\" vào enable.formFields")
        }
        for field in root["formFields"]?.items ?? [] { checkFormField(field) }
        checkHours()
        checkCalendar()
        checkCentre()
        checkDossierCode()
        checkRetention(sectors: sectors, procedures: ids(of: "procedures", key: "code"))
        if isDeployment { checkCompleteness(sectors: sectors) }
    }

    /// Each rule says years or permanent, never both, and counts from closing: a rule
    /// counted from receipt could erase a dossier that is still open.
    private mutating func checkRetention(sectors: Set<String>, procedures: Set<String>) {
        guard let retention = root["retention"] else { return }
        var rules: [ManifestNode] = retention["default"].map { [$0] } ?? []
        for rule in retention["sectors"]?.items ?? [] {
            if let sector = rule["sector"] { reference(sector, in: sectors, what: "sector", section: "sectors") }
            rules.append(rule)
        }
        for rule in retention["procedures"]?.items ?? [] {
            if let procedure = rule["procedure"] { reference(procedure, in: procedures, what: "procedure", section: "procedures") }
            rules.append(rule)
        }
        for rule in rules {
            if let after = rule["after"], after.string == "received" {
                report(after, "retention-open-dossiers",
                       en: "a retention counted from receipt could erase the personal data of dossiers that are still open (a dossier waiting for a supplement has no end date)",
                       vi: "thời hạn tính từ ngày tiếp nhận có thể xóa dữ liệu cá nhân của hồ sơ còn đang giải quyết (hồ sơ chờ bổ sung không có ngày kết thúc)",
                       fixEn: "count from closing: set \"after\": \"closed\" or remove \"after\"",
                       fixVi: "tính từ khi hồ sơ kết thúc: đặt \"after\": \"closed\" hoặc bỏ \"after\"")
            }
            let years = rule["years"], permanent = rule["permanent"]
            if years != nil, permanent?.bool == true {
                report(rule, "retention-both", en: "a retention rule gives both years and permanent", vi: "quy tắc lưu trữ vừa có số năm vừa có permanent",
                       fixEn: "keep one of \"years\" and \"permanent\"", fixVi: "chỉ giữ một trong \"years\" và \"permanent\"")
            } else if years == nil, permanent?.bool != true {
                report(rule, "retention-empty", en: "a retention rule gives neither years nor permanent", vi: "quy tắc lưu trữ thiếu số năm",
                       fixEn: "add e.g. \"years\": 5, or \"permanent\": true", fixVi: "thêm ví dụ \"years\": 5, hoặc \"permanent\": true")
            }
        }
    }

    private func ids(of section: String, key: String) -> Set<String> {
        Set((root[section]?.items ?? []).compactMap { $0[key]?.string })
    }

    /// Checks a reference. Layers are checked only through the deployments that extend them:
    /// a catalogue file may refer to sectors another catalogue file defines.
    private mutating func reference(_ node: ManifestNode, in known: Set<String>, what: String, section: String) {
        guard isDeployment, let id = node.string, !known.contains(id) else { return }
        if let near = Suggestion.closest(to: id, among: Array(known)) {
            report(node, "unknown-reference", en: "unknown \(what) \"\(id)\" — did you mean \"\(near)\"?",
                   vi: "không có \(Self.vietnamese(what)) \"\(id)\" — có phải \"\(near)\"?",
                   fixEn: "use \"\(near)\", or define \"\(id)\" in \(section)", fixVi: "dùng \"\(near)\", hoặc khai báo \"\(id)\" trong \(section)")
        } else {
            report(node, "unknown-reference", en: "unknown \(what) \"\(id)\"", vi: "không có \(Self.vietnamese(what)) \"\(id)\"",
                   fixEn: "define \"\(id)\" in \(section) or extend the catalogue file that does",
                   fixVi: "khai báo \"\(id)\" trong \(section) hoặc kế thừa tệp danh mục có nó")
        }
    }

    private static func vietnamese(_ what: String) -> String {
        switch what {
        case "sector": "lĩnh vực"
        case "form field": "trường biểu mẫu"
        case "agency": "cơ quan"
        case "procedure": "thủ tục"
        default: what
        }
    }

    private mutating func checkDeadline(_ deadline: ManifestNode) {
        guard let unit = deadline["unit"]?.string else { return }
        let value = deadline["value"]
        if unit == "immediate" {
            if let value, !value.isNull {
                report(value, "deadline-value", en: "an immediate deadline takes no value",
                       vi: "thời hạn giải quyết ngay không có giá trị số",
                       fixEn: "remove \"value\", or use unit \"workingDays\"", fixVi: "bỏ \"value\", hoặc dùng đơn vị \"workingDays\"")
            }
        } else if let value {
            if let number = value.integer, number <= 0 {
                report(value, "deadline-not-positive", en: "the deadline must be positive, found \(number)",
                       vi: "thời hạn phải lớn hơn 0, gặp \(number)",
                       fixEn: "use at least 1, or unit \"immediate\" for same-day procedures",
                       fixVi: "dùng từ 1 trở lên, hoặc đơn vị \"immediate\" cho thủ tục giải quyết trong ngày")
            }
        } else {
            report(deadline, "deadline-value", en: "a deadline in \(unit) needs a \"value\"", vi: "thời hạn theo \(unit) cần có \"value\"",
                   fixEn: "add \"value\": 5 (or the legal number)", fixVi: "thêm \"value\": 5 (hoặc số ngày theo quy định)")
        }
    }

    /// A procedure's cases: each deadline valid, at most one default; and each deadline's
    /// `byChannel`: the counter's figure equal to `value`, a missing channel warned about.
    private mutating func checkCases(_ procedure: ManifestNode) {
        let code = procedure["code"]?.string ?? "?"
        if let deadline = procedure["deadline"] { checkChannels(deadline, code: code) }
        let cases = procedure["cases"]?.items ?? []
        var firstDefault: String?
        for item in cases {
            if let deadline = item["deadline"] {
                checkDeadline(deadline)
                checkChannels(deadline, code: code)
            }
            guard let flag = item["default"], flag.bool == true else { continue }
            let id = item["id"]?.string ?? "?"
            if let firstDefault {
                report(flag, "case-defaults", en: "procedure \(code) has two default cases, \"\(firstDefault)\" and \"\(id)\"",
                       vi: "thủ tục \(code) có hai trường hợp mặc định, \"\(firstDefault)\" và \"\(id)\"",
                       fixEn: "keep \"default\": true on one case only", fixVi: "chỉ để \"default\": true ở một trường hợp")
            } else {
                firstDefault = id
            }
        }
    }

    private mutating func checkChannels(_ deadline: ManifestNode, code: String) {
        guard let channels = deadline["byChannel"], let members = channels.members, !members.isEmpty else { return }
        if let counter = channels["counter"], let figure = counter.integer, let value = deadline["value"]?.integer, figure != value {
            report(counter, "channel-counter", en: "procedure \(code): byChannel.counter \(figure) differs from the deadline's value \(value)",
                   vi: "thủ tục \(code): byChannel.counter \(figure) khác giá trị thời hạn \(value)",
                   fixEn: "the counter's deadline is \"value\"; make them equal or remove byChannel.counter",
                   fixVi: "thời hạn tại quầy là \"value\"; để hai số bằng nhau hoặc bỏ byChannel.counter")
        }
        if deadline["unit"]?.string == "immediate" {
            report(channels, "channel-immediate", en: "procedure \(code): an immediate deadline has no figures by channel",
                   vi: "thủ tục \(code): thời hạn giải quyết ngay không có số ngày theo hình thức nộp",
                   fixEn: "remove byChannel, or use a counted unit", fixVi: "bỏ byChannel, hoặc dùng đơn vị có số ngày")
            return
        }
        for channel in [Dossier.Channel.online, .postal] where channels[channel.rawValue] == nil {
            warnings.report(at: channels.location, "channel-missing",
                            en: "procedure \(code) gives no deadline for \(channel.rawValue); such dossiers get the counter's",
                            vi: "thủ tục \(code) không có thời hạn cho hình thức \(channel == .online ? "trực tuyến" : "bưu chính"); hồ sơ nộp theo hình thức này dùng thời hạn tại quầy",
                            fixEn: "add byChannel.\(channel.rawValue) when the portal gives one",
                            fixVi: "thêm byChannel.\(channel.rawValue) nếu Cổng dịch vụ công có số liệu")
        }
    }

    private mutating func checkFormField(_ field: ManifestNode) {
        let type = field["type"]?.string
        let options = field["options"]?.items
        if type == "enum", options?.isEmpty ?? true {
            report(field, "enum-options", en: "enum field \"\(field["id"]?.string ?? "?")\" has no options",
                   vi: "trường lựa chọn \"\(field["id"]?.string ?? "?")\" chưa có phương án nào",
                   fixEn: "add \"options\": [{ \"value\": …, \"label\": { \"vi\": …, \"en\": … } }]",
                   fixVi: "thêm \"options\": [{ \"value\": …, \"label\": { \"vi\": …, \"en\": … } }]")
        } else if let options = field["options"], type != nil, type != "enum" {
            report(options, "options-not-enum", en: "only enum fields take options", vi: "chỉ trường kiểu enum mới có options",
                   fixEn: "remove \"options\" or set \"type\": \"enum\"", fixVi: "bỏ \"options\" hoặc đặt \"type\": \"enum\"")
        }
        guard let validation = field["validation"] else { return }
        if let pattern = validation["pattern"], let text = pattern.string, (try? Regex(text)) == nil {
            report(pattern, "bad-pattern", en: "\"\(text)\" is not a valid regular expression", vi: "\"\(text)\" không phải biểu thức chính quy hợp lệ",
                   fixEn: "correct the pattern", fixVi: "sửa lại biểu thức")
        }
        for (low, high) in [("minLength", "maxLength"), ("min", "max")] {
            if let lowValue = validation[low]?.integer, let highNode = validation[high], let highValue = highNode.integer, lowValue > highValue {
                report(highNode, "bad-bounds", en: "\(high) \(highValue) is below \(low) \(lowValue)",
                       vi: "\(high) \(highValue) nhỏ hơn \(low) \(lowValue)", fixEn: "swap them", fixVi: "đổi chỗ hai giá trị")
            }
        }
    }

    private mutating func checkHours() {
        for member in root["hours"]?.members ?? [] {
            let ranges = member.node.stringItems.compactMap { text, node in (try? TimeRange(parsing: text)).map { ($0, node, text) } }
            let sorted = ranges.sorted { $0.0.start < $1.0.start }
            for (previous, next) in zip(sorted, sorted.dropFirst()) where next.0.start < previous.0.end {
                report(next.1, "hours-overlap", en: "\(member.key): \(next.2) overlaps \(previous.2)",
                       vi: "\(member.key): \(next.2) chồng lên \(previous.2)",
                       fixEn: "make the ranges of one day not overlap, e.g. \"07:30-11:30\", \"13:30-17:00\"",
                       fixVi: "các khoảng giờ trong một ngày không được chồng nhau, ví dụ \"07:30-11:30\", \"13:30-17:00\"")
            }
        }
    }

    private mutating func checkCalendar() {
        let holidays = Set((root["calendar"]?["holidays"]?.items ?? []).compactMap { $0["date"]?.string })
        for day in root["calendar"]?["workingDays"]?.items ?? [] {
            if let date = day["date"]?.string, holidays.contains(date) {
                report(day, "calendar-conflict", en: "\(date) is both a holiday and a working day",
                       vi: "\(date) vừa là ngày nghỉ vừa là ngày làm việc",
                       fixEn: "keep it in only one of calendar.holidays and calendar.workingDays",
                       fixVi: "chỉ giữ ngày này ở một trong calendar.holidays hoặc calendar.workingDays")
            }
        }
    }

    /// The dossier code template parses, and the codes it makes can stand in a URL path
    /// segment (`/api/v1/dossiers/<code>`): so must the agency code it prints.
    private mutating func checkDossierCode() {
        let template = root["dossierCode"]
        if let template, let text = template.string {
            var literals = "", inToken = false
            for character in text {
                if character == "{" { inToken = true } else if character == "}" { inToken = false } else if !inToken { literals.append(character) }
            }
            let unsafe = DossierCodeTemplate.unsafeCharacters(in: literals)
            do {
                _ = try DossierCodeTemplate(text)
            } catch where !unsafe.isEmpty {
                let safe = String(text.map { DossierCodeTemplate.isCodeCharacter($0) || $0 == "{" || $0 == "}" ? $0 : "-" })
                report(template, "dossier-code-unsafe", en: error.message.en, vi: error.message.vi,
                       fixEn: "write \"\(safe)\" instead", fixVi: "viết \"\(safe)\"")
            } catch {
                report(template, "dossier-code", en: error.message.en, vi: error.message.vi,
                       fixEn: "use e.g. \"{agency}-{yyMMdd}-{seq4}\"", fixVi: "dùng ví dụ \"{agency}-{yyMMdd}-{seq4}\"")
            }
        }
        let usesAgency = template?.string.map { $0.contains("{agency}") } ?? true
        if usesAgency, isDeployment, let agency = root["centre"]?["agencyCode"], let text = agency.string {
            let unsafe = DossierCodeTemplate.unsafeCharacters(in: text)
            if !unsafe.isEmpty {
                let listed = unsafe.map { "\"\($0)\"" }.joined(separator: " ")
                report(agency, "agency-code-unsafe",
                       en: "agency code \"\(text)\" contains \(listed); it is printed in every dossier code, which must stand in a web address",
                       vi: "mã cơ quan \"\(text)\" chứa \(listed); mã này in trong mọi mã hồ sơ, vốn phải dùng được trong địa chỉ web",
                       fixEn: "use letters, digits, \".\" or \"-\" only, e.g. \"25.12345\"", fixVi: "chỉ dùng chữ, số, \".\" hoặc \"-\", ví dụ \"25.12345\"")
            }
        }
    }

    private mutating func checkCentre() {
        if let node = root["centre"]?["publicURL"], let text = node.string {
            let url = URL(string: text)
            if url?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) != true || (url?.host ?? "").isEmpty
                || text.contains("?") || text.contains("#") {
                report(node, "public-url", en: "publicURL \"\(text)\" is not an absolute http(s) address; the QR on form 01 would open nothing",
                       vi: "publicURL \"\(text)\" không phải địa chỉ http(s) đầy đủ; mã QR trên phiếu 01 sẽ không mở được",
                       fixEn: "write the full address citizens open, e.g. \"https://motcua.daoxa.phutho.gov.vn\"",
                       fixVi: "ghi địa chỉ đầy đủ người dân truy cập, ví dụ \"https://motcua.daoxa.phutho.gov.vn\"")
            }
        }
        guard let centre = root["centre"], let level = centre["level"]?.string, let code = centre["unitCode"] else { return }
        let expected = level == "commune" ? 5 : 2
        if let text = code.string, text.count != expected {
            report(code, "unit-code", en: "a \(level) unit code has \(expected) digits, found \"\(text)\"",
                   vi: "mã đơn vị hành chính cấp \(level == "commune" ? "xã" : "tỉnh") có \(expected) chữ số, gặp \"\(text)\"",
                   fixEn: "use the \(expected)-digit code from Decision 19/2025/QĐ-TTg",
                   fixVi: "dùng mã \(expected) chữ số theo Quyết định 19/2025/QĐ-TTg")
            return
        }
        if isDeployment, let units, let text = code.string { checkOfficialUnit(code, text, level: level, units: units) }
    }

    /// Checks the centre's unit against the official list: it exists, lies in the manifest's
    /// province and, for a commune, is the unit the centre's name names.
    private mutating func checkOfficialUnit(_ code: ManifestNode, _ text: String, level: String, units: AdministrativeUnits) {
        let province = root["centre"]?["province"]?["code"]?.string
        let nameVi = root["centre"]?["name"]?["vi"]?.string ?? ""
        let search = "motcua units search \"\(AdministrativeUnits.placeName(fromCentreName: nameVi))\""
        func described(_ unit: AdministrativeUnit) -> String {
            let provinceName = units.unit(code: unit.provinceCode).map { ", \($0.name)" } ?? ""
            return "\"\(unit.code)\" (\(unit.name)\(unit.isProvince ? "" : provinceName))"
        }
        if level == "province" {
            guard let unit = units.unit(code: text), unit.isProvince else {
                let likely = province.flatMap { units.unit(code: $0) }.flatMap { $0.isProvince ? $0 : nil }
                report(code, "unit-unknown", en: "no province has the code \"\(text)\" in the official list",
                       vi: "không có tỉnh, thành phố nào mang mã \"\(text)\" trong danh mục chính thức",
                       fixEn: likely.map { "use \(described($0))" } ?? "use the province's 2-digit code; `motcua units search` lists them",
                       fixVi: likely.map { "dùng \(described($0))" } ?? "dùng mã 2 chữ số của tỉnh; `motcua units search` liệt kê các mã")
                return
            }
            if let province, province != unit.code {
                report(code, "unit-province", en: "unit code \(described(unit)) is not the manifest's province \"\(province)\"",
                       vi: "mã đơn vị \(described(unit)) không phải tỉnh của cấu hình \"\(province)\"",
                       fixEn: "set unitCode to \"\(province)\", or centre.province.code to \"\(unit.code)\"",
                       fixVi: "đặt unitCode là \"\(province)\", hoặc centre.province.code là \"\(unit.code)\"")
            }
            return
        }
        let likely = units.likelyUnit(forCentreName: nameVi, inProvince: province)
        guard let unit = units.unit(code: text), !unit.isProvince else {
            report(code, "unit-unknown", en: "no commune-level unit has the code \"\(text)\" in the official list",
                   vi: "không có đơn vị cấp xã nào mang mã \"\(text)\" trong danh mục chính thức",
                   fixEn: likely.map { "use \(described($0)), the unit the centre's name gives" } ?? "find the code with `\(search)`",
                   fixVi: likely.map { "dùng \(described($0)), đơn vị theo tên trung tâm" } ?? "tìm mã bằng `\(search)`")
            return
        }
        if let province, unit.provinceCode != province {
            report(code, "unit-province", en: "unit code \(described(unit)) belongs to another province than the manifest's \"\(province)\"",
                   vi: "mã đơn vị \(described(unit)) thuộc tỉnh khác với tỉnh \"\(province)\" của cấu hình",
                   fixEn: likely.map { "use \(described($0)), the unit the centre's name gives in province \(province)" }
                       ?? "use a unit of province \(province) (`\(search)`), or set centre.province.code to \"\(unit.provinceCode)\"",
                   fixVi: likely.map { "dùng \(described($0)), đơn vị theo tên trung tâm trong tỉnh \(province)" }
                       ?? "dùng một đơn vị của tỉnh \(province) (`\(search)`), hoặc đặt centre.province.code là \"\(unit.provinceCode)\"")
            return
        }
        if !AdministrativeUnits.centreName(nameVi, names: unit) {
            let rename = AdministrativeUnits.centreName(for: unit)
            let other = likely.flatMap { $0 == unit ? nil : $0 }
            report(code, "unit-name", en: "the centre's name \"\(nameVi)\" does not name unit \(described(unit))",
                   vi: "tên trung tâm \"\(nameVi)\" không khớp đơn vị \(described(unit))",
                   fixEn: other.map { "set centre.unitCode to \(described($0)), or rename the centre \"\(rename)\"" }
                       ?? "rename the centre \"\(rename)\", or find the right code with `\(search)`",
                   fixVi: other.map { "đặt centre.unitCode là \(described($0)), hoặc đổi tên trung tâm thành \"\(rename)\"" }
                       ?? "đổi tên trung tâm thành \"\(rename)\", hoặc tìm đúng mã bằng `\(search)`")
        }
    }

    private mutating func checkCompleteness(sectors: Set<String>) {
        let counters = root["counters"]?.items ?? []
        if let node = root["counters"], counters.isEmpty {
            report(node, "no-counters", en: "a deployment needs at least one counter", vi: "cần ít nhất một quầy",
                   fixEn: "add { \"id\": \"1\", \"name\": { \"vi\": \"Quầy 1\", \"en\": \"Counter 1\" }, \"sectors\": [ … ] }",
                   fixVi: "thêm { \"id\": \"1\", \"name\": { \"vi\": \"Quầy 1\", \"en\": \"Counter 1\" }, \"sectors\": [ … ] }")
        }
        let served = Set(counters.flatMap { ($0["sectors"]?.stringItems ?? []).map(\.0) })
        let enabled = root["enable"]?["sectors"]?.stringItems ?? []
        if let node = root["enable"]?["sectors"], enabled.isEmpty {
            report(node, "no-sectors", en: "a deployment must enable at least one sector", vi: "cần bật ít nhất một lĩnh vực",
                   fixEn: "list sector ids in enable.sectors", fixVi: "liệt kê mã lĩnh vực trong enable.sectors")
        }
        for (id, node) in enabled where sectors.contains(id) && !served.contains(id) {
            report(node, "sector-unserved", en: "sector \"\(id)\" is enabled but no counter serves it",
                   vi: "lĩnh vực \"\(id)\" được bật nhưng không quầy nào phục vụ",
                   fixEn: "add \"\(id)\" to a counter's sectors, or remove it from enable.sectors",
                   fixVi: "thêm \"\(id)\" vào sectors của một quầy, hoặc bỏ khỏi enable.sectors")
        }
        if let hours = root["hours"], (hours.members ?? []).allSatisfy({ ($0.node.items ?? []).isEmpty }) {
            report(hours, "never-open", en: "the centre is never open", vi: "trung tâm không có giờ làm việc nào",
                   fixEn: "add opening hours, e.g. \"mon\": [\"07:30-11:30\", \"13:30-17:00\"]",
                   fixVi: "thêm giờ làm việc, ví dụ \"mon\": [\"07:30-11:30\", \"13:30-17:00\"]")
        }
    }

    private mutating func report(_ node: ManifestNode, _ code: String, en: String, vi: String, fixEn: String, fixVi: String) {
        diagnostics.report(at: node.location, code, en: en, vi: vi, fixEn: fixEn, fixVi: fixVi)
    }
}
