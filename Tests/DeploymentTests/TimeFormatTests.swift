import Foundation
import MotCuaBuiltins
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import MotCuaStore
import MotCuaTesting
import Testing

/// Every time in the API is ISO 8601 UTC with milliseconds, written by `ISOTime.string`: the
/// demo commune lives a simulated day, then its JSON answers (actions and reads) are walked
/// and every time-like field is checked; an action's answer and a later GET agree exactly.
@Suite("One time format in every JSON answer")
struct TimeFormatTests {
    static var isoTime: Regex<Substring> { /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/ }
    static var isoDay: Regex<Substring> { /^\d{4}-\d{2}-\d{2}$/ }

    /// Keys that hold an instant (`issuedAt`, `at`, `expires`…) or a day (`dueDate`, `day`).
    static func isTimeKey(_ key: String) -> Bool {
        key.hasSuffix("At") || key == "at" || key.lowercased().hasSuffix("time") || key == "expires"
    }

    static func isDayKey(_ key: String) -> Bool {
        key.hasSuffix("Date") || key == "day" || key == "date"
    }

    /// Every field that is time-like by its key or its text and is not in the one format.
    static func badTimes(_ value: JSONValue, path: String = "$") -> [String] {
        switch value {
        case .object(let object):
            return object.keys.flatMap { key -> [String] in
                let member = object[key]!
                let here = "\(path).\(key)"
                switch member {
                case .number where isTimeKey(key): return ["\(here) is a number (\(member.serialized()))"]
                case .string(let text) where isTimeKey(key) && text.wholeMatch(of: isoTime) == nil:
                    return ["\(here) = \"\(text)\" is not yyyy-MM-ddTHH:mm:ss.SSSZ"]
                case .string(let text) where isDayKey(key) && text.wholeMatch(of: isoDay) == nil && text.wholeMatch(of: isoTime) == nil:
                    return ["\(here) = \"\(text)\" is not a day yyyy-MM-dd"]
                case .string(let text) where text.count >= 19 && text.prefix(11).wholeMatch(of: /\d{4}-\d{2}-\d{2}T/) != nil
                    && text.wholeMatch(of: isoTime) == nil:
                    return ["\(here) = \"\(text)\" looks like a time but is not yyyy-MM-ddTHH:mm:ss.SSSZ"]
                default: return badTimes(member, path: here)
                }
            }
        case .array(let items): return items.enumerated().flatMap { badTimes($1, path: "\(path)[\($0)]") }
        default: return []
        }
    }

    @Test("walk every answer of the demo commune's simulated day")
    func everyAnswer() async throws {
        let loaded = try BuiltinPlugins.catalogue.loader(source: PackageManifestSource()).load("Deployments/demo/demo.json")
        let deployment = try #require(loaded.deployment)
        let environment = try HarnessEnvironment(deployment: deployment, catalogue: BuiltinPlugins.catalogue, seed: 11)
        _ = try await SimulatedDay(environment: environment).run()

        var policy = IdentityService.Policy()
        policy.passwordIterations = 1_000
        let identity = try IdentityService(store: environment.store, clock: environment.clock, policy: policy)
        try identity.addAccount(id: "admin", displayName: "Quản trị", role: .admin, password: "correct-horse-1", by: .system)
        let application = Application(deployment: deployment, composition: environment.composition, store: environment.store,
                                      identity: identity, clock: environment.clock, hub: environment.hub)
        let client = TestClient(routing: application)

        var answers: [(String, JSONValue)] = []
        var cookie = ""
        @discardableResult
        func send(_ method: String, _ target: String, _ body: String? = nil) async throws -> JSONValue? {
            let response = try await client.execute(method, target, as: cookie.isEmpty ? .citizen : .cookie(cookie), body: Array((body ?? "").utf8),
                                                    contentType: body == nil ? nil : "application/json")
            if let setCookie = response.headers["Set-Cookie"], target == "/api/v1/session" {
                cookie = String(setCookie.split(separator: ";")[0])
            }
            guard response.headers["Content-Type"]?.hasPrefix("application/json") == true, let json = try? JSONParser().parse(response.body) else { return nil }
            answers.append(("\(method) \(target) → \(response.status)", json))
            return json
        }

        // The next working morning, at an instant with a fraction of a millisecond, so a writer
        // that truncates and one that rounds would disagree.
        let calendar = deployment.calendar
        var next = calendar.local(environment.clock.now).date.adding(days: 1)
        while !calendar.isWorkingDay(next) { next = next.adding(days: 1) }
        environment.clock.set(calendar.instant(next, LocalTime(hour: 9, minute: 0)!).addingTimeInterval(12.3456))
        try await send("POST", "/api/v1/session", #"{"login":"admin","password":"correct-horse-1"}"#)
        #expect(!cookie.isEmpty, "signed in")

        // Actions, each answer compared with a later GET.
        let sector = try #require(deployment.enabledSectorIDs.first)
        let ticket = try #require(try await send("POST", "/api/v1/tickets", #"{"sector":"\#(sector)"}"#))
        let ticketID = try #require(ticket["id"]?.stringValue, "\(ticket.serialized())")
        let reread = try #require(try await send("GET", "/api/v1/tickets/\(ticketID)"))
        #expect(ticket["issuedAt"] == reread["issuedAt"], "the action's answer and the GET agree to the millisecond")
        #expect(ticket["issuedAt"]?.stringValue?.hasSuffix("12.346Z") == true, "rounded to the nearest millisecond, as the journal stores it")

        let procedure = try #require(deployment.enabledProcedures.first { $0.sector == sector })
        let request = try JSONValueEncoder().serialize(IntakeSuite.sampleRequest(procedure, deployment))
        let dossier = try #require(try await send("POST", "/api/v1/dossiers", request))
        let code = try #require(dossier["code"]?.stringValue, "\(dossier.serialized())")
        let again = try #require(try await send("GET", "/api/v1/dossiers/\(code)"))
        #expect(dossier["receivedAt"] == again["receivedAt"] && dossier["dueAt"] == again["dueAt"])

        // Reads of everything the day left behind.
        let day = calendar.local(environment.clock.now).date
        let first = LocalDate(year: 2026, month: 3, day: 1)!
        for path in ["/api/v1/session", "/api/v1/queue", "/api/v1/queue/sectors", "/api/v1/counters", "/api/v1/staff", "/api/v1/devices",
                     "/api/v1/overdue", "/api/v1/register?from=\(first)&to=\(day)", "/api/v1/payments/cashier", "/api/v1/payments/transfers",
                     "/api/v1/payments/exceptions", "/api/v1/payments/methods", "/api/v1/ratings/pending", "/api/v1/ratings/summary",
                     "/api/v1/ratings/scale", "/api/v1/appointments/slots?date=\(day)&sector=\(sector)", "/api/v1/journal/verify",
                     "/api/v1/dossiers/\(code)/history", "/api/v1/payments/dossiers/\(code)"] {
            try await send("GET", path)
        }
        if case .array(let rows)? = try await send("GET", "/api/v1/register?from=\(first)&to=\(day)")?["dossiers"] {
            for row in rows.prefix(5) {
                guard let other = row["code"]?.stringValue else { continue }
                try await send("GET", "/api/v1/dossiers/\(other)")
                try await send("GET", "/api/v1/payments/dossiers/\(other)")
            }
        }
        // Close the simulated day's till: the answer carries closedAt.
        let simulated = calendar.local(environment.clock.now).date.adding(days: -1)
        var closingDay = simulated
        while !calendar.isWorkingDay(closingDay) { closingDay = closingDay.adding(days: -1) }
        let till = try await send("GET", "/api/v1/payments/cashier?day=\(closingDay)&collector=harness")
        let expected = till?["expectedCash"]?.int64Value ?? 0
        try await send("POST", "/api/v1/payments/cashier/close",
                       #"{"countedCash":\#(expected),"collector":"harness","day":"\#(closingDay)","note":"Kiểm quỹ cuối ngày"}"#)
        for report in ["standard", "index766"] {
            try await send("GET", "/api/v1/reports/\(report)?from=\(first)&to=\(day)")
        }

        #expect(answers.count >= 25, "answers read: \(answers.map(\.0))")
        let text = answers.map { $0.1.serialized() }.joined()
        for key in ["issuedAt", "receivedAt", "dueAt", "at", "expiresAt", "closedAt", "finishedAt"] { #expect(text.contains("\"\(key)\""), "the walk met \(key)") }
        for (request, answer) in answers {
            let bad = Self.badTimes(answer)
            #expect(bad.isEmpty, "\(request): \(bad.joined(separator: "; "))")
        }
    }
}
