/// The layering rule of personal-data levels: a layer may raise a field's, sector's or
/// procedure's `personal` level over what it extends, never lower it.
extension ManifestNode {
    /// The sections whose items carry a `personal` level, with their identity key.
    private static let personalSections = [("formFields", "id"), ("sectors", "id"), ("procedures", "code")]

    /// Reports every item of `self` that sets a lower `personal` level than its namesake in `base`.
    func checkPersonalLevels(over base: ManifestNode, into diagnostics: inout DiagnosticCollector) {
        for (section, key) in Self.personalSections {
            let baseLevels = Dictionary((base[section]?.items ?? []).compactMap { item -> (String, PersonalData)? in
                guard let id = item[key]?.string, let level = item["personal"]?.string.flatMap(PersonalData.init(rawValue:)) else { return nil }
                return (id, level)
            }, uniquingKeysWith: { _, last in last })
            for item in self[section]?.items ?? [] {
                guard let id = item[key]?.string, let node = item["personal"], let level = node.string.flatMap(PersonalData.init(rawValue:)),
                      let inherited = baseLevels[id], level < inherited else { continue }
                diagnostics.report(at: node.location, "personal-lowered",
                                   en: "\"\(id)\" is \"\(inherited.rawValue)\" personal data in the layer this file extends; a deployment may raise that level, never lower it to \"\(level.rawValue)\"",
                                   vi: "\"\(id)\" là dữ liệu cá nhân mức \"\(inherited.rawValue)\" ở lớp cấu hình được kế thừa; chỉ được nâng mức, không được hạ xuống \"\(level.rawValue)\"",
                                   fixEn: "remove \"personal\" here to keep \"\(inherited.rawValue)\", or set \"sensitive\"",
                                   fixVi: "bỏ \"personal\" ở đây để giữ mức \"\(inherited.rawValue)\", hoặc đặt \"sensitive\"")
            }
        }
    }
}
