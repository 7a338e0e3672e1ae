#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Checks a manifest tree against its declared ``Shape``: types, unknown keys, string forms,
/// duplicate ids within a file and, for deployments, required keys.
struct ShapeChecker {
    var diagnostics = DiagnosticCollector()

    /// Checks one file's own values, before layering. Nothing is required of a single layer.
    mutating func check(_ node: ManifestNode, against shape: Shape, removable: Bool = false) {
        switch shape {
        case .string(let rule):
            guard let text = node.string else { return mismatch(node, expected: shape) }
            checkString(text, rule: rule, at: node)
        case .integer(let min, let max):
            guard let value = node.integer else {
                if case .scalar(.number) = node.content {
                    return report(node, "not-integer", en: "expected a whole number, found \(node.json.serialized())",
                                  vi: "cần một số nguyên, gặp \(node.json.serialized())",
                                  fixEn: "write a whole number without a fraction or exponent",
                                  fixVi: "viết số nguyên, không có phần thập phân hay số mũ")
                }
                return mismatch(node, expected: shape)
            }
            if let min, value < min {
                report(node, "out-of-range", en: "\(value) is below the minimum \(min)", vi: "\(value) nhỏ hơn mức tối thiểu \(min)",
                       fixEn: "use a value of at least \(min)", fixVi: "dùng giá trị từ \(min) trở lên")
            }
            if let max, value > max {
                report(node, "out-of-range", en: "\(value) is above the maximum \(max)", vi: "\(value) lớn hơn mức tối đa \(max)",
                       fixEn: "use a value of at most \(max)", fixVi: "dùng giá trị không quá \(max)")
            }
        case .boolean:
            if node.bool == nil { mismatch(node, expected: shape) }
        case .object(let fields):
            guard let members = node.members else { return mismatch(node, expected: shape) }
            for member in members {
                if member.key == ManifestNode.removeKey, removable {
                    if member.node.bool == nil { mismatch(member.node, expected: .boolean) }
                    continue
                }
                guard let field = fields.first(where: { $0.name == member.key }) else {
                    unknownKey(member, among: fields.map(\.name))
                    continue
                }
                if member.node.isNull { continue }
                check(member.node, against: field.shape)
            }
        case .map(let keyRule, let valueShape):
            guard let members = node.members else { return mismatch(node, expected: shape) }
            for member in members {
                checkString(member.key, rule: keyRule, at: member.node, what: "key")
                if !member.node.isNull { check(member.node, against: valueShape) }
            }
        case .array(let itemShape, let identity):
            guard let items = node.items else { return mismatch(node, expected: shape) }
            var seen: [String: ManifestNode] = [:]
            for item in items {
                check(item, against: itemShape, removable: identity != nil)
                guard let identity, let id = item[identity]?.string else { continue }
                if let first = seen[id] {
                    let line = first.location.line.map { " (line \($0))" } ?? ""
                    let lineVi = first.location.line.map { " (dòng \($0))" } ?? ""
                    report(item, "duplicate-id", en: "duplicate \(identity) \"\(id)\", already used at \(first.location.path)\(line)",
                           vi: "\(identity) \"\(id)\" bị trùng, đã dùng ở \(first.location.path)\(lineVi)",
                           fixEn: "give each item its own \(identity), or merge the two items",
                           fixVi: "đặt \(identity) riêng cho mỗi mục, hoặc gộp hai mục làm một")
                } else {
                    seen[id] = item
                }
            }
        case .either(let shapes):
            guard let match = shapes.first(where: { Self.typeMatches(node, $0) }) else { return mismatch(node, expected: shape) }
            check(node, against: match)
        case .opaqueObject:
            if node.members == nil { mismatch(node, expected: shape) }
        }
    }

    /// Checks that a resolved deployment has every required key.
    mutating func checkRequired(_ node: ManifestNode, against shape: Shape) {
        switch shape {
        case .object(let fields):
            guard node.members != nil else { return }
            for field in fields {
                if let child = node[field.name] {
                    checkRequired(child, against: field.shape)
                } else if field.required {
                    let example = field.example ?? Self.skeleton(field.shape)
                    report(node, "missing-key", en: "missing required key \"\(field.name)\" (\(field.doc))",
                           vi: "thiếu khóa bắt buộc \"\(field.name)\"",
                           fixEn: "add \"\(field.name)\": \(example)", fixVi: "thêm \"\(field.name)\": \(example)")
                }
            }
        case .array(let itemShape, _):
            for item in node.items ?? [] { checkRequired(item, against: itemShape) }
        case .map(_, let valueShape):
            for member in node.members ?? [] { checkRequired(member.node, against: valueShape) }
        case .either(let shapes):
            if let match = shapes.first(where: { Self.typeMatches(node, $0) }) { checkRequired(node, against: match) }
        default:
            break
        }
    }

    private mutating func checkString(_ text: String, rule: Shape.StringRule, at node: ManifestNode, what: String = "value") {
        guard !Self.matches(text, rule) else { return }
        let whatVi = what == "key" ? "khóa" : "giá trị"
        var fixEn = "write \(rule.expectation)"
        var fixVi = "viết đúng dạng: \(rule.expectation)"
        if case .oneOf(let values) = rule, let near = Suggestion.closest(to: text, among: values) {
            fixEn = "did you mean \"\(near)\"? Allowed: " + values.joined(separator: ", ")
            fixVi = "có phải \"\(near)\"? Cho phép: " + values.joined(separator: ", ")
        }
        report(node, "invalid-\(what)", en: "\(what) \"\(text)\" is not \(rule.expectation)",
               vi: "\(whatVi) \"\(text)\" không đúng dạng", fixEn: fixEn, fixVi: fixVi)
    }

    private mutating func unknownKey(_ member: ManifestNode.Member, among names: [String]) {
        let location = member.node.location
        if let near = Suggestion.closest(to: member.key, among: names) {
            diagnostics.report(at: location, "unknown-key", en: "unknown key \"\(member.key)\" — did you mean \"\(near)\"?",
                               vi: "khóa lạ \"\(member.key)\" — có phải \"\(near)\"?",
                               fixEn: "rename it to \"\(near)\"", fixVi: "đổi tên thành \"\(near)\"")
        } else {
            let allowed = names.filter { !$0.hasPrefix("$") }.joined(separator: ", ")
            diagnostics.report(at: location, "unknown-key", en: "unknown key \"\(member.key)\"",
                               vi: "khóa lạ \"\(member.key)\"",
                               fixEn: "remove it; allowed keys here: \(allowed)", fixVi: "xóa khóa này; các khóa hợp lệ: \(allowed)")
        }
    }

    private mutating func mismatch(_ node: ManifestNode, expected shape: Shape) {
        let example = Self.skeleton(shape)
        report(node, "wrong-type", en: "expected \(shape.typeName), found \(node.typeName)",
               vi: "cần kiểu \(shape.typeName), gặp \(node.typeName)",
               fixEn: "write a value like \(example)", fixVi: "viết giá trị dạng \(example)")
    }

    private mutating func report(_ node: ManifestNode, _ code: String, en: String, vi: String, fixEn: String, fixVi: String) {
        diagnostics.report(at: node.location, code, en: en, vi: vi, fixEn: fixEn, fixVi: fixVi)
    }

    static func typeMatches(_ node: ManifestNode, _ shape: Shape) -> Bool {
        switch (shape, node.content) {
        case (.string, .scalar(.string)), (.integer, .scalar(.number)), (.boolean, .scalar(.bool)),
             (.object, .object), (.map, .object), (.opaqueObject, .object), (.array, .array):
            true
        case (.either(let shapes), _):
            shapes.contains { typeMatches(node, $0) }
        default:
            false
        }
    }

    /// A minimal example of a shape, for fixes.
    static func skeleton(_ shape: Shape) -> String {
        switch shape {
        case .string(.oneOf(let values)): "\"\(values.first ?? "")\""
        case .string(.date): "\"2026-01-01\""
        case .string(.time): "\"15:00\""
        case .string(.timeRange): "\"07:30-11:30\""
        case .string: "\"…\""
        case .integer: "1"
        case .boolean: "true"
        case .object(let fields):
            // Show the required keys; when none is required, the first key as a hint.
            "{ " + (fields.filter(\.required).isEmpty ? Array(fields.prefix(1)) : fields.filter(\.required))
                .map { "\"\($0.name)\": \($0.example ?? skeleton($0.shape))" }.joined(separator: ", ") + " }"
        case .map, .opaqueObject: "{}"
        case .array: "[]"
        case .either(let shapes): shapes.first.map(skeleton) ?? "null"
        }
    }

    static func matches(_ text: String, _ rule: Shape.StringRule) -> Bool {
        switch rule {
        case .any:
            return true
        case .nonEmpty:
            return !text.trimmingSpaces().isEmpty
        case .slug:
            return !text.isEmpty && text.utf8.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
                && text.first != "-" && text.last != "-"
        case .dotted:
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            return !text.isEmpty && parts.allSatisfy { part in
                !part.isEmpty && part.utf8.allSatisfy { isLower($0) || isUpper($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
            }
        case .pluginID:
            return PluginID(text).isWellFormed
        case .date:
            return LocalDate(iso: text) != nil
        case .time:
            return LocalTime(parsing: text) != nil
        case .timeRange:
            return (try? TimeRange(parsing: text)) != nil
        case .digits(let counts):
            return counts.contains(text.utf8.count) && text.utf8.allSatisfy(isDigit)
        case .oneOf(let values):
            return values.contains(text)
        }
    }

    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
