#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import Synchronization

/// The one per-address limit in front of every public route.
///
/// Two budgets per network address and window: requests to public routes, and distinct
/// codes (dossier, ticket, booking, rating) asked about. Asking again about a code already
/// admitted in the window costs nothing, so a citizen's follow page may re-read its own
/// ticket on every queue event; walking a day's sequential dossier codes stops after
/// ``Policy/codesPerWindow`` codes. Staff and paired devices are not counted.
public final class PublicLimiter: Sendable {
    /// The budgets.
    public struct Policy: Sendable {
        /// Public requests per address and window (repeats of an admitted code are free).
        public var requestsPerWindow: Int
        /// Distinct codes per address and window.
        public var codesPerWindow: Int
        /// The window, in seconds.
        public var window: TimeInterval

        /// Creates a policy; the defaults allow a family's lookups and stop a walk of codes.
        public init(requestsPerWindow: Int = 300, codesPerWindow: Int = 20, window: TimeInterval = 600) {
            self.requestsPerWindow = requestsPerWindow
            self.codesPerWindow = codesPerWindow
            self.window = window
        }
    }

    private struct Budget {
        var start: Date
        var requests = 0
        var codes: Set<String> = []
    }

    /// The budgets in force.
    public let policy: Policy
    private let budgets = Mutex<[String: Budget]>([:])

    /// Creates a limiter.
    public init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// Counts one public request from `remote` ("host:port"), about `code` when it names one;
    /// throws `public.rate-limited` (429) past either budget.
    public func admit(_ remote: String, code: String?, at now: Date) throws {
        let address = Self.address(remote)
        let code = code.map { $0.trimmingSpaces().uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
        let allowed = budgets.withLock { budgets -> Bool in
            if budgets.count > 20_000 { budgets = budgets.filter { now.timeIntervalSince($0.value.start) < policy.window } }
            var budget = budgets[address] ?? Budget(start: now)
            if now.timeIntervalSince(budget.start) >= policy.window { budget = Budget(start: now) }
            defer { budgets[address] = budget }
            if let code, budget.codes.contains(code) { return true }
            budget.requests += 1
            guard budget.requests <= policy.requestsPerWindow else { return false }
            guard let code else { return true }
            guard budget.codes.count < policy.codesPerWindow else { return false }
            budget.codes.insert(code)
            return true
        }
        guard allowed else {
            let minutes = max(1, Int((policy.window / 60).rounded(.up)))
            throw Problem("public.rate-limited", status: 429,
                          en: "Too many lookups from this network; wait \(minutes) minutes and try again, or ask at the counter.",
                          vi: "Tra cứu quá nhiều lần từ mạng này; vui lòng đợi \(minutes) phút rồi thử lại, hoặc hỏi tại quầy.")
        }
    }

    /// The host of "host:port" (each connection has its own port; the device is the host).
    static func address(_ remote: String) -> String {
        if remote.hasPrefix("["), let end = remote.firstIndex(of: "]") { return String(remote[remote.index(after: remote.startIndex)..<end]) }
        guard remote.filter({ $0 == ":" }).count == 1, let colon = remote.lastIndex(of: ":") else { return remote }
        return String(remote[..<colon])
    }
}
