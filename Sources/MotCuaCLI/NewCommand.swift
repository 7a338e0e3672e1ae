#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// `motcua new commune --unit <code> --province <province.json> [--out FILE] [--counters N]`:
/// writes a ready manifest for one commune-level unit of the province: its official name and
/// code, the province's sectors spread over a few counters, the usual form fields. The file
/// extends the province layer and passes `check` and the harness as written; provincial IT then
/// edits counters, sectors and plugins to the centre's real layout.
struct NewCommand: Command {
    static let name = "new"
    static let summary = "Write a ready manifest for a commune from its official unit code"
    static let usage = "motcua new commune --unit <code> --province <province.json> [--out FILE] [--counters N]"
    static let subcommands = ["commune"]

    let unitCode: String
    let province: String
    let out: String?
    let counters: Int

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["unit", "province", "out", "counters"])
        guard parsed.positionals == ["commune"] else { throw UsageError("expected: \(Self.usage)") }
        guard let unit = parsed.option("unit") else {
            throw UsageError("give the commune's official code with --unit, e.g. --unit 08662 (find it with motcua units search \"Đào Xá\")")
        }
        guard let province = parsed.option("province") else {
            throw UsageError("give the province layer the commune extends with --province, e.g. --province Deployments/phu-tho/province.json")
        }
        unitCode = unit
        self.province = province
        out = parsed.option("out")
        counters = try parsed.integer("counters", in: 1...12) ?? 4
    }

    func run() async throws {
        let vi = Output.language == .vi
        let units = OfficialUnits.units
        guard let unit = units.unit(code: unitCode), !unit.isProvince else {
            let hint = units.unit(code: unitCode)?.isProvince == true
                ? (vi ? "\"\(unitCode)\" là mã tỉnh; cần mã 5 chữ số của xã, phường" : "\"\(unitCode)\" is a province code; give a commune's 5-digit code")
                : (vi ? "không có đơn vị cấp xã nào mang mã \"\(unitCode)\"" : "no commune-level unit has the code \"\(unitCode)\"")
            Output.error("--unit: " + hint + (vi ? " — cách sửa: tìm mã bằng `motcua units search <tên xã>`"
                                                 : " — fix: find the code with `motcua units search <commune name>`"))
            throw ExitCode.failure
        }
        let layer = try DeploymentLoading.load(province)
        guard layer.isAbstract else {
            Output.error(vi ? "\(province): đây là cấu hình một trung tâm, không phải lớp tỉnh (\"abstract\": true) — cách sửa: chỉ ra province.json của tỉnh"
                            : "\(province): this is a centre's manifest, not a province layer (\"abstract\": true) — fix: name the province's province.json")
            throw ExitCode.failure
        }
        let effective = layer.effective
        guard let provinceCode = effective["centre"]?["province"]?["code"]?.stringValue else {
            Output.error(vi ? "\(province): centre.province.code: lớp tỉnh không ghi mã tỉnh — cách sửa: thêm \"centre\": { \"province\": { \"code\": \"25\", … } }"
                            : "\(province): centre.province.code: the layer gives no province code — fix: add \"centre\": { \"province\": { \"code\": \"25\", … } }")
            throw ExitCode.failure
        }
        guard unit.provinceCode == provinceCode else {
            let theirs = units.unit(code: unit.provinceCode)?.name ?? unit.provinceCode
            let ours = units.unit(code: provinceCode)?.name ?? provinceCode
            let search = "motcua units search \"\(Self.withoutRank(unit.name))\" --province \(provinceCode)"
            Output.error(vi ? "--unit: \(unit.code) (\(unit.name)) thuộc \(theirs) (\(unit.provinceCode)), không thuộc \(ours) (\(provinceCode)) của \(province) — cách sửa: dùng một đơn vị của tỉnh (`\(search)`), hoặc lớp province.json của \(theirs)"
                            : "--unit: \(unit.code) (\(unit.name)) is in \(theirs) (\(unit.provinceCode)), not in \(ours) (\(provinceCode)) of \(province) — fix: use a unit of that province (`\(search)`), or the province.json of \(theirs)")
            throw ExitCode.failure
        }

        let provinceSlug = units.unit(code: provinceCode).map { AdministrativeUnits.slug($0.name) } ?? provinceCode
        let slug = AdministrativeUnits.slug(unit.name)
        let provinceURL = URL(fileURLWithPath: province).standardizedFileURL
        let file = out ?? provinceURL.deletingLastPathComponent().appendingPathComponent(slug + ".json").path
        let fileURL = URL(fileURLWithPath: file).standardizedFileURL
        guard !FileManager.default.fileExists(atPath: fileURL.path) else {
            Output.error(vi ? "\(file): tệp đã có; lệnh không ghi đè — cách sửa: chọn tệp khác bằng --out, hoặc xóa tệp cũ"
                            : "\(file): the file exists; new commune does not overwrite — fix: choose another file with --out, or remove the old one")
            throw ExitCode.failure
        }
        let manifest = Self.manifest(unit: unit, provinceSlug: provinceSlug, slug: slug, provinceCode: provinceCode,
                                     extends: Self.relativePath(from: fileURL.deletingLastPathComponent(), to: provinceURL),
                                     layer: effective, counters: counters)
        do {
            try Data((manifest.serialized(pretty: true) + "\n").utf8).write(to: fileURL, options: .withoutOverwriting)
        } catch {
            Output.error(vi ? "\(file): không ghi được: \(error)" : "\(file): cannot write: \(error)")
            throw ExitCode.environment
        }
        Output.line(vi ? "đã ghi \(file): \(unit.name) (\(unit.code)), mở rộng \(province)" : "wrote \(file): \(unit.name) (\(unit.code)), extending \(province)")
        Output.line(vi ? "tiếp theo: sửa quầy, lĩnh vực và plugin cho đúng trung tâm, rồi chạy motcua check \(file) và motcua harness \(file)"
                       : "next: set the counters, sectors and plugins to the centre's own, then run motcua check \(file) and motcua harness \(file)")
    }

    /// The manifest: identity from the official list, the layer's sectors spread over
    /// `counters` counters in the layer's order, the layer's usual applicant fields.
    static func manifest(unit: AdministrativeUnit, provinceSlug: String, slug: String, provinceCode: String, extends: String,
                         layer: JSONValue, counters: Int) -> JSONValue {
        let ward = unit.name.hasPrefix("Phường")
        let bare = withoutRank(unit.name)
        let rankEnglish = ward ? "Ward" : unit.name.hasPrefix("Đặc khu") ? "Special Zone" : "Commune"

        var sectors: [(id: String, vi: String, en: String)] = []
        for sector in layer["sectors"]?.arrayValue ?? [] {
            guard let id = sector["id"]?.stringValue else { continue }
            sectors.append((id, sector["name"]?["vi"]?.stringValue ?? id, sector["name"]?["en"]?.stringValue ?? id))
        }
        let used = max(1, min(counters, sectors.count))
        var counterValues: [JSONValue] = []
        for index in 0..<used {
            let lower = index * sectors.count / used
            let upper = (index + 1) * sectors.count / used
            let group = sectors[lower..<upper]
            let number = String(index + 1)
            counterValues.append(.object([
                "id": .string(number),
                "name": ["vi": .string("Quầy \(number) – " + group.map(\.vi).joined(separator: ", ")),
                         "en": .string("Counter \(number) – " + group.map(\.en).joined(separator: ", "))],
                "sectors": .array(group.map { .string($0.id) }),
            ]))
        }

        let defined = Set((layer["formFields"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue })
        let usual = ["applicant.fullName", "applicant.citizenId", "applicant.dateOfBirth", "applicant.phone", "applicant.address",
                     "postal.returnAddress", "fee.exemptionGroup"].filter(defined.contains)
        let required = ["applicant.fullName", "applicant.citizenId"].filter(defined.contains)

        var object: JSONObject = [
            "extends": .string(extends),
            "description": .string("\(unit.name) (official unit code \(unit.code)), written by motcua new commune: the name and code are "
                                   + "the official ones; the counters, sectors and form fields are a starting point from the province layer, "
                                   + "to be set to the centre's own. The agencyCode is a local placeholder built from the province and unit codes."),
            "centre": [
                "id": .string("\(provinceSlug).\(slug)"),
                "name": ["vi": .string(AdministrativeUnits.centreName(for: unit)),
                         "en": .string("\(AdministrativeUnits.latin(bare)) \(rankEnglish) Public Administrative Service Centre")],
                "level": "commune",
                "unitCode": .string(unit.code),
                "agencyCode": .string("\(provinceCode).\(unit.code)"),
            ],
            "enable": [
                "sectors": .array(sectors.map { .string($0.id) }),
                "formFields": .array(usual.map { .string($0) }),
            ],
            "counters": .array(counterValues),
        ]
        if !required.isEmpty { object["require"] = ["formFields": .array(required.map { .string($0) })] }
        return .object(object)
    }

    /// A unit's name without its rank word: "Xã Đào Xá" → "Đào Xá".
    static func withoutRank(_ name: String) -> String {
        for rank in ["Xã ", "Phường ", "Đặc khu "] where name.hasPrefix(rank) { return String(name.dropFirst(rank.count)) }
        return name
    }

    /// `target` as a path relative to the folder `base`, e.g. `province.json` or `../phu-tho/province.json`.
    static func relativePath(from base: URL, to target: URL) -> String {
        let from = base.standardizedFileURL.pathComponents
        let to = target.standardizedFileURL.pathComponents
        var common = 0
        while common < min(from.count, to.count - 1), from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
    }
}
