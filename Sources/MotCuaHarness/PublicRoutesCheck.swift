#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import MotCuaCore
import MotCuaHost
import MotCuaHTTP

/// After the simulated day: every form field is classified, and every public route of the
/// deployment, asked about every dossier and ticket of the day (with the right phone digits),
/// answers no personal value of it — no name, ID, phone, address, date of birth and no
/// sensitive choice (Docs/Privacy.md).
struct PublicRoutesCheck {
    let environment: HarnessEnvironment

    func run() async throws {
        let deployment = environment.deployment
        for procedure in deployment.enabledProcedures {
            for id in deployment.enabledFormFieldIDs + procedure.formFields {
                try expect(deployment.formFields.contains { $0.id == id },
                           "form field \(id) of procedure \(procedure.code) has no definition, so no personal-data level")
            }
        }
        guard let intake = environment.composition.intake else { return }
        let identity = try IdentityService(store: environment.store, clock: environment.clock)
        let application = Application(deployment: deployment, composition: environment.composition, store: environment.store,
                                      identity: identity, clock: environment.clock, hub: environment.hub,
                                      publicLimits: .init(requestsPerWindow: .max, codesPerWindow: .max))
        let router = application.makeRouter()
        let routes = application.routes.filter { $0.access == .anyone && $0.method == .get && !$0.path.hasPrefix("/assets/") && !$0.path.hasSuffix("/live") }
        let today = deployment.calendar.local(environment.clock.now).date
        let dossiers = try intake.register(from: today.adding(days: -7), through: today)
        let tickets = try environment.store.journalEntries(matching: JournalQuery(kinds: ["ticket.issued"]))
            .map { String($0.subject.dropFirst("ticket:".count)) }
        for (index, dossier) in dossiers.enumerated() {
            let secrets = personalValues(of: dossier).map { ($0, Array($0.utf8)) }
            let phone = String((dossier.formValues["applicant.phone"] ?? "").filter(\.isNumber).suffix(4))
            let ticket = tickets.isEmpty ? "0" : tickets[index % tickets.count]
            for route in routes {
                var parameters: [String: String] = [:]
                let segments = route.path.split(separator: "/").map(String.init)
                for segment in segments where segment.hasPrefix(":") {
                    let name = String(segment.dropFirst())
                    parameters[name] = name == "id" ? ticket : dossier.code
                }
                let path = "/" + segments.map { $0.hasPrefix(":") ? parameters[String($0.dropFirst())]! : $0 }.joined(separator: "/")
                let query = [HTTPQueryItem(name: "code", value: dossier.code), HTTPQueryItem(name: "dossier", value: dossier.code),
                             HTTPQueryItem(name: "phone", value: phone)]
                guard case .found(let handler, let found) = router.resolve(.get, path) else { continue }
                let request = HTTPRequest(method: .get, path: path, queryItems: query, remoteAddress: "192.0.2.1:40000", parameters: found)
                let response: HTTPResponse
                switch handler {
                case .sync(let body): response = try body(request)
                case .async(let body): response = try await body(request)
                }
                let body = response.bodyBytes
                for (secret, bytes) in secrets where Self.bytes(body, contain: bytes) {
                    throw HarnessFailure("public route GET \(route.path) shows the personal value \"\(secret)\" of dossier \(dossier.code)")
                }
            }
        }
    }

    /// Whether `needle` occurs in `haystack`: `memchr` for its first byte, `memcmp` for the
    /// rest. Foundation's `String.contains` goes through CFString (a fifth of the harness's
    /// time) and its generic `firstRange(of:)` is unspecialised here (three fifths); this
    /// runs for every personal value × public route × dossier of every deployment.
    static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBytes { body in
            needle.withUnsafeBytes { value in
                let base = body.baseAddress!, last = body.count - value.count
                var start = 0
                while start <= last, let found = memchr(base + start, Int32(first), last - start + 1) {
                    let index = base.distance(to: UnsafeRawPointer(found))
                    if memcmp(base + index, value.baseAddress!, value.count) == 0 { return true }
                    start = index + 1
                }
                return false
            }
        }
    }

    /// The texts a public answer must not contain: every personal value of the dossier long
    /// enough to be told apart, enum choices by their labels, and a sensitive procedure's name.
    private func personalValues(of dossier: Dossier) -> [String] {
        let deployment = environment.deployment
        let procedure = deployment.procedure(dossier.procedure)
        var secrets = [dossier.applicantName]
        for (id, value) in dossier.formValues {
            let level = deployment.personal(ofField: id, on: procedure)
            guard level.isPersonal, let field = deployment.formFields.first(where: { $0.id == id }) else { continue }
            if field.type == .enum {
                // "Nam" is in "Việt Nam": only a sensitive choice is looked for, by its words.
                guard level == .sensitive, value != "none", let option = field.options?.first(where: { $0.value == value }) else { continue }
                secrets += [option.label.vi, option.label.en]
            } else {
                secrets.append(value)
                if field.type == .date, let date = FormValidation.parseDate(value) {
                    secrets.append(Pages.dateText(date))  // as pages print it
                }
            }
        }
        return secrets.filter { $0.count >= 4 }
    }
}
