/// Two deployments checked or built together that claim the same centre: the same centre id
/// (their data, binaries and reports would be mixed up) or the same official unit code (one
/// unit has one centre). `check`, `build` and the province server refuse them.
public struct DuplicateCentre: Sendable, Hashable {
    /// What the two manifests share.
    public enum Field: Sendable, Hashable {
        case id, unitCode
    }

    /// The shared field.
    public var field: Field
    /// The shared value.
    public var value: String
    /// The manifest that claimed it first.
    public var first: String
    /// The manifest that claims it again.
    public var file: String

    /// Every repeat among `deployments`, in their order; each names the earlier file.
    public static func find(_ deployments: [(file: String, deployment: Deployment)]) -> [DuplicateCentre] {
        var ids: [String: String] = [:]
        var codes: [String: String] = [:]
        var found: [DuplicateCentre] = []
        for (file, deployment) in deployments {
            let centre = deployment.centre
            if let first = ids[centre.id] {
                found.append(DuplicateCentre(field: .id, value: centre.id, first: first, file: file))
            } else {
                ids[centre.id] = file
            }
            if let first = codes[centre.unitCode] {
                found.append(DuplicateCentre(field: .unitCode, value: centre.unitCode, first: first, file: file))
            } else {
                codes[centre.unitCode] = file
            }
        }
        return found
    }

    /// The error line: the file, the JSON path, what clashes with which file, and the fix.
    public func rendered(_ language: Language) -> String {
        switch (field, language) {
        case (.id, .vi):
            "\(file): centre.id: mã trung tâm \"\(value)\" đã là mã của \(first) — cách sửa: đặt cho một trong hai tệp một centre.id khác, "
                + "ví dụ \"tỉnh.tên-xã\""
        case (.id, _):
            "\(file): centre.id: centre id \"\(value)\" is already the id of \(first) — fix: give one of the two files another centre.id, "
                + "e.g. \"province.commune-name\""
        case (.unitCode, .vi):
            "\(file): centre.unitCode: mã đơn vị \"\(value)\" đã dùng ở \(first); mỗi đơn vị hành chính có một trung tâm — cách sửa: "
                + "sửa mã của tệp sai (`motcua units search <tên xã>`), hoặc xóa tệp trùng"
        case (.unitCode, _):
            "\(file): centre.unitCode: unit code \"\(value)\" is already used by \(first); one administrative unit has one centre — fix: "
                + "correct the wrong file's code (`motcua units search <commune name>`), or remove the duplicate file"
        }
    }
}
