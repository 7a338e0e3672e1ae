import Foundation

/// A citizen's satisfaction rating of one service: a ticket or a dossier.
public struct Rating: Sendable, Hashable, Codable {
    /// What was rated.
    public enum Subject: Sendable, Hashable, Codable {
        case ticket(String)
        case dossier(String)
    }

    /// The rated service.
    public var subject: Subject
    /// The level on the deployment's scale, 1 (worst) to the scale's size (best).
    public var level: Int
    /// Reason ids chosen for a low rating.
    public var reasons: [String]
    /// An optional free comment.
    public var comment: String?
    /// When it was given.
    public var at: Date

    /// Creates a rating.
    public init(subject: Subject, level: Int, reasons: [String] = [], comment: String? = nil, at: Date) {
        self.subject = subject
        self.level = level
        self.reasons = reasons
        self.comment = comment
        self.at = at
    }
}
