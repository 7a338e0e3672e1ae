/// Text a citizen or clerk reads, in Vietnamese first and English second.
///
/// Every user-facing string in a manifest or a catalogue is one of these, so pages and
/// errors can switch language without a second lookup.
public struct LocalizedText: Sendable, Hashable, Codable {
    /// The Vietnamese text, always present.
    public var vi: String
    /// The English text, always present.
    public var en: String

    /// Creates a text in both languages.
    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// The text in the requested language.
    public func text(_ language: Language) -> String {
        switch language {
        case .vi: vi
        case .en: en
        }
    }
}

/// The two languages MotCua speaks: Vietnamese by default, English on request.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case vi
    case en
}
