import MotCuaCore
import MotCuaHTTP

/// The answer while the database cannot be reached: 503 with a code a script can act on, a
/// message a clerk can read, and no server address (the log keeps the cause).
extension Application {
    /// Store codes that mean "no database answers now": nothing of the request was saved.
    /// `store.diverged` too: the only server that answers is one MotCua refuses to write to.
    static let unavailableCodes: Set<String> = ["store.unreachable", "store.connection-lost", "store.diverged"]

    /// The seconds a client is told to wait before trying again.
    static let outageRetrySeconds = 2

    /// `store.unavailable` or `store.commit-unknown` for a store error that is an outage, else nil.
    static func outageProblem(_ error: any Error) -> Problem? {
        guard let error = error as? StoreError else { return nil }
        if unavailableCodes.contains(error.code) {
            return Problem(code: "store.unavailable", status: 503, message: WebStrings.storeUnavailableNote)
        }
        if error.code == "store.commit-unknown" {
            return Problem(code: "store.commit-unknown", status: 503, message: WebStrings.commitUnknownNote)
        }
        return nil
    }

    /// Whether `problem` is one of ``outageProblem(_:)``'s.
    static func isOutage(_ problem: Problem) -> Bool {
        problem.code == "store.unavailable" || problem.code == "store.commit-unknown"
    }
}

extension HTTPResponse {
    /// The JSON problem of an outage, with `Retry-After`.
    static func outage(_ problem: Problem) -> HTTPResponse {
        var response = HTTPResponse.problem(problem)
        response.headers.add("Retry-After", String(Application.outageRetrySeconds))
        return response
    }
}
