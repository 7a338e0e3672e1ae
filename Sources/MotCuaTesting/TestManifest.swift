import MotCuaCore

/// A deployment manifest for a test, built in code: a commune centre open Monday–Friday
/// 07:30–11:30 and 13:30–17:00, with the sectors, counters, procedures and plugins the test
/// names. `json` is the manifest text, checked by the real loader when a ``TestHost`` is built.
///
/// ```swift
/// let manifest = TestManifest()
///     .sector("ho-tich", vi: "Hộ tịch", en: "Civil status")
///     .counter("1", sectors: ["ho-tich"])
///     .plugin("queue.standard")
/// ```
public struct TestManifest: Sendable {
    /// The centre's fields, in order, as JSON text.
    public private(set) var centre: [(key: String, json: String)]
    /// The other top-level keys, in order, as JSON text.
    public private(set) var entries: [(key: String, json: String)] = []
    private var sectors: [(id: String, vi: String, en: String, enabled: Bool)] = []
    private var counters: [(id: String, vi: String, en: String, sectors: [String]?)] = []
    private var procedures: [String] = []
    private var plugins: [(id: String, json: String)] = []
    private var text: String?

    /// Monday to Friday, 07:30–11:30 and 13:30–17:00.
    public static let weekdayHours = #"{ "mon": ["07:30-11:30", "13:30-17:00"], "tue": ["07:30-11:30", "13:30-17:00"], "wed": ["07:30-11:30", "13:30-17:00"], "thu": ["07:30-11:30", "13:30-17:00"], "fri": ["07:30-11:30", "13:30-17:00"] }"#

    /// A commune centre `id` named `name`, in province 25 (Phú Thọ), agency code `A`.
    public init(id: String = "t.centre", name: LocalizedText = LocalizedText(vi: "Xã Thử", en: "Test commune"), level: String = "commune") {
        centre = [
            ("id", Self.quoted(id)), ("name", Self.json(name)), ("level", Self.quoted(level)),
            ("unitCode", Self.quoted(level == "commune" ? "12345" : "25")),
            ("province", #"{ "code": "25", "name": { "vi": "Tỉnh Phú Thọ", "en": "Phu Tho" } }"#),
            ("agencyCode", Self.quoted("A")), ("timeZone", Self.quoted("Asia/Ho_Chi_Minh")),
        ]
        entries = [("hours", Self.weekdayHours)]
    }

    /// A manifest written out as JSON text (to test layering or the loader itself); the
    /// builder methods do not change it.
    public init(json text: String) {
        self.init()
        self.text = text
    }

    /// Sets a centre field (`address`, `agencyCode`, …) to a JSON value given as text.
    public func centre(_ key: String, json: String) -> TestManifest {
        var copy = self
        if let index = copy.centre.firstIndex(where: { $0.key == key }) { copy.centre[index].json = json } else { copy.centre.append((key, json)) }
        return copy
    }

    /// Sets a centre field to a string.
    public func centre(_ key: String, _ text: String) -> TestManifest { centre(key, json: Self.quoted(text)) }

    /// Sets a top-level key (`hours`, `dossierCode`, `extends`, `formFields`, …) to JSON text.
    public func set(_ key: String, json: String) -> TestManifest {
        var copy = self
        if let index = copy.entries.firstIndex(where: { $0.key == key }) { copy.entries[index].json = json } else { copy.entries.append((key, json)) }
        return copy
    }

    /// Adds a sector, enabled unless told otherwise.
    public func sector(_ id: String, vi: String, en: String, enabled: Bool = true) -> TestManifest {
        var copy = self
        copy.sectors.append((id, vi, en, enabled))
        return copy
    }

    /// Adds a counter serving `sectors` (every enabled sector when nil), named "Quầy <id>".
    public func counter(_ id: String, sectors: [String]? = nil) -> TestManifest {
        var copy = self
        copy.counters.append((id, "Quầy \(id)", "Counter \(id)", sectors))
        return copy
    }

    /// Adds a procedure, given as its JSON object.
    public func procedure(_ json: String) -> TestManifest {
        var copy = self
        copy.procedures.append(json)
        return copy
    }

    /// Enables a plugin with its settings as JSON text.
    public func plugin(_ id: String, _ settings: String = "{}") -> TestManifest {
        var copy = self
        copy.plugins.append((id, settings))
        return copy
    }

    /// The manifest text.
    public var json: String {
        if let text { return text }
        let sectors = self.sectors.isEmpty ? [("s", "Lĩnh vực thử", "Test sector", true)] : self.sectors
        let enabled = sectors.filter(\.3).map(\.0)
        let counters = self.counters.isEmpty ? [("1", "Quầy 1", "Counter 1", nil)] : self.counters
        var lines = ["\"centre\": { " + centre.map { "\(Self.quoted($0.key)): \($0.json)" }.joined(separator: ", ") + " }"]
        lines += entries.map { "\(Self.quoted($0.key)): \($0.json)" }
        lines.append("\"sectors\": [" + sectors.map { #"{ "id": \#(Self.quoted($0.0)), "name": \#(Self.json(LocalizedText(vi: $0.1, en: $0.2))) }"# }
            .joined(separator: ", ") + "]")
        lines.append("\"procedures\": [" + procedures.joined(separator: ", ") + "]")
        lines.append("\"enable\": { \"sectors\": [" + enabled.map(Self.quoted).joined(separator: ", ") + "] }")
        lines.append("\"counters\": [" + counters.map { counter in
            #"{ "id": \#(Self.quoted(counter.0)), "name": \#(Self.json(LocalizedText(vi: counter.1, en: counter.2))), "sectors": [\#((counter.3 ?? enabled).map(Self.quoted).joined(separator: ", "))] }"#
        }.joined(separator: ", ") + "]")
        lines.append("\"plugins\": { " + plugins.map { "\(Self.quoted($0.id)): \($0.json)" }.joined(separator: ", ") + " }")
        return "{ " + lines.joined(separator: ",\n  ") + " }"
    }

    /// `text` as a JSON string literal.
    public static func quoted(_ text: String) -> String { JSONValue.string(text).serialized() }

    private static func json(_ text: LocalizedText) -> String { #"{ "vi": \#(quoted(text.vi)), "en": \#(quoted(text.en)) }"# }
}
