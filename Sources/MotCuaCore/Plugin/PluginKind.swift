/// The five kinds of plugin the host has a contract for.
public enum PluginKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case queueing, intake, payments, ratings, reporting

    /// How many primary plugins of this kind one deployment may compose.
    public enum Multiplicity: Sendable, Hashable {
        case exactlyOne, zeroOrOne, zeroOrMore
    }

    /// How many primary plugins of this kind a deployment may have. Add-ons are not counted.
    public var multiplicity: Multiplicity {
        switch self {
        case .queueing, .intake: .exactlyOne
        case .ratings: .zeroOrOne
        case .payments, .reporting: .zeroOrMore
        }
    }

    /// The kind's name for people.
    public var title: LocalizedText {
        switch self {
        case .queueing: LocalizedText(vi: "Xếp hàng", en: "Queueing")
        case .intake: LocalizedText(vi: "Tiếp nhận hồ sơ", en: "Intake")
        case .payments: LocalizedText(vi: "Thu phí, lệ phí", en: "Payments")
        case .ratings: LocalizedText(vi: "Đánh giá hài lòng", en: "Satisfaction ratings")
        case .reporting: LocalizedText(vi: "Báo cáo", en: "Reporting")
        }
    }

    public static func < (lhs: PluginKind, rhs: PluginKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Whether a plugin is a kind's main implementation or an add-on to one.
public enum PluginRole: String, Sendable, Hashable, Codable {
    /// Implements the kind's contract; counted against the kind's multiplicity.
    case primary
    /// Adds a channel or feature to the primary plugin of its kind (postal intake,
    /// appointments). Needs a primary of the same kind in the deployment.
    case addOn
}

/// How settled a plugin is, in the manner of the OpenTelemetry Collector's components.
public enum PluginStability: String, Sendable, Hashable, Codable {
    case development, alpha, beta, stable
}
