#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which part of MotCua a ``LocalizedFailure`` comes from; the type keeps a storage error
/// apart from a calendar error in a `catch`, and says how the HTTP layer answers it.
public protocol FailureDomain: Sendable {
    /// The HTTP status a failure of this domain answers with when nothing more precise applies.
    static var status: Int { get }
}

/// A failure a clerk, provincial IT or a plugin author can act on, in Vietnamese and English:
/// the one shape of `CalendarError`, `StoreError` and `CryptoError`.
///
/// `code` is stable for programs (`calendar.invalid-time`, `store.busy`, ...); the text
/// names the offending input, database, table or migration and says what to do, so it can
/// be shown as it is. ``problem`` turns it into the public ``Problem`` the HTTP layer and
/// the CLI render.
public struct LocalizedFailure<Domain: FailureDomain>: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// A stable machine-readable code such as `store.migration-downgrade`.
    public var code: String
    /// What went wrong and what to do, in both languages.
    public var text: LocalizedText

    /// Creates a failure from its code and text.
    public init(code: String, text: LocalizedText) {
        self.code = code
        self.text = text
    }

    /// Creates a failure from its code and both messages.
    public init(code: String, message: String, messageVi: String) {
        self.init(code: code, text: LocalizedText(vi: messageVi, en: message))
    }

    /// The English explanation.
    public var message: String { text.en }
    /// The Vietnamese explanation.
    public var messageVi: String { text.vi }

    /// `code: message`, for logs and the CLI.
    public var description: String { "\(code): \(message)" }

    public var errorDescription: String? { message }

    /// The public problem: same code and text, the domain's status.
    public var problem: Problem { Problem(code: code, status: Domain.status, message: text) }
}

/// Calendar input: a time, a range, a date, opening hours or a deadline.
public enum CalendarFailures: FailureDomain {
    public static let status = 400
}

/// Storage: the database, its migrations and the journal.
public enum StoreFailures: FailureDomain {
    public static let status = 500
}

/// A problem with calendar input; see ``LocalizedFailure``.
public typealias CalendarError = LocalizedFailure<CalendarFailures>

/// A storage failure; see ``LocalizedFailure``.
public typealias StoreError = LocalizedFailure<StoreFailures>
