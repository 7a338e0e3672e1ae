import Foundation
import MotCuaCore
import MotCuaHTTP
import MotCuaPostgresTesting
import Synchronization
import Testing

/// `motcua serve --database postgresql://…` while its database server is stopped for a few
/// seconds under load: requests answer 503 `store.unavailable` (JSON for the API, a page for a
/// browser), the server recovers by itself when the database is back, and everything it
/// acknowledged is there. The standby failover version is `.ci/province-failover.py`
/// (Docs/Operations.md, "PostgreSQL standby and failover").
@Suite(.enabled(if: StoreEngine.all.contains(.postgresql)), .serialized)
struct ServeOutageOnPostgreSQLTests {
    typealias Server = ServeKillOnPostgreSQLTests.Server

    /// What the workers saw.
    final class Seen: Sendable {
        let taken = Mutex(ServeKillOnPostgreSQLTests.Taken())
        /// Failed answers by status and error code, e.g. `503 store.unavailable`.
        let refusals = Mutex<[String: Int]>([:])
        let stop = Atomic(false)

        func refused(_ answer: (status: Int, body: JSONValue, headers: HTTPHeaders)) {
            let key = "\(answer.status) \(answer.body["error"]?["code"]?.stringValue ?? "?")"
            refusals.withLock { $0[key, default: 0] += 1 }
        }
    }

    /// Synchronous, with thread sleeps: in a busy test process a suspended task can wait
    /// minutes to be resumed while the worker threads keep writing.
    @Test func requestsFailWith503WhileTheDatabaseIsDownAndRecoverByThemselves() throws {
        let cluster = try TestCluster.makeOwn()
        try cluster.psql("CREATE DATABASE outage")
        let url = cluster.url.replacingOccurrences(of: "/postgres?", with: "/outage?")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let centre = try ServeKillOnPostgreSQLTests.Centre.open(url: url, folder: folder)
        let (server, manifest, clerk, kiosk) = (centre.server, centre.manifest, centre.clerk, centre.kiosk)
        defer { server.stop() }

        let seen = Seen()
        let workers = (0..<2).map { worker in
            Thread {
                var round = 0
                // Paced, so a slow machine cannot run the centre out of ticket numbers.
                while !seen.stop.load(ordering: .relaxed) {
                    round += 1
                    usleep(10_000)
                    do {
                        let ticket = try server.json("POST", "/api/v1/tickets", #"{"sector":"\#(["ho-tich", "chung-thuc"][(worker + round) % 2])"}"#, bearer: kiosk)
                        if ticket.status < 300, let number = ticket.body["number"]?.stringValue ?? ticket.body["ticket"]?["number"]?.stringValue {
                            seen.taken.withLock { $0.tickets.append(number) }
                        } else {
                            seen.refused(ticket)
                        }
                        let dossier = try server.json("POST", "/api/v1/dossiers", #"{"procedure":"1.004837","counter":"1","formValues":{"applicant.fullName":"Nguyễn Văn An","applicant.citizenId":"001090012345","applicant.phone":"0912345678"}}"#, cookie: clerk)
                        guard dossier.status < 300, let code = dossier.body["code"]?.stringValue else {
                            seen.refused(dossier)
                            usleep(50_000)
                            continue
                        }
                        seen.taken.withLock { $0.dossiers.append(code) }
                        let paid = try server.json("POST", "/api/v1/payments/dossiers/\(code)/collect", #"{"method":"payments.cash"}"#, cookie: clerk)
                        if paid.status < 300, let number = paid.body["receipt"]?["number"]?.int64Value {
                            seen.taken.withLock { $0.receipts.append(number) }
                        } else {
                            seen.refused(paid)
                        }
                    } catch {
                        seen.refusals.withLock { $0["no answer", default: 0] += 1 }
                        usleep(20_000)
                    }
                }
            }
        }
        workers.forEach { $0.start() }
        Thread.sleep(forTimeInterval: 1.5)
        try cluster.stopServer()
        Thread.sleep(forTimeInterval: 1.5)

        // While the database is down: the API answers 503 JSON, a browser gets a page, both with Retry-After.
        let api = try server.json("POST", "/api/v1/tickets", #"{"sector":"ho-tich"}"#, bearer: kiosk)
        #expect(api.status == 503)
        #expect(api.body["error"]?["code"]?.stringValue == "store.unavailable")
        #expect(api.body["error"]?["messageVi"]?.stringValue?.contains("chưa được lưu") == true)
        #expect(api.headers["Retry-After"] != nil)
        #expect(api.body["error"]?["message"]?.stringValue?.contains(cluster.folder) == false, "the database's address stays in the log")
        let page = try LoopbackHTTPClient(port: server.port).request("GET", "/", headers: [("Accept", "text/html"), ("Cookie", clerk)])
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(page.status == 503)
        #expect(html.contains("Hệ thống tạm gián đoạn") && html.contains("<html"), "\(html.prefix(300))")
        // A citizen's lookup says the service is interrupted, not that the dossier does not exist.
        let lookup = try LoopbackHTTPClient(port: server.port).request("GET", "/lookup?code=X-260101-0001", headers: [("Accept", "text/html")])
        #expect(lookup.status == 503)
        #expect(String(decoding: lookup.body, as: UTF8.self).contains("Hệ thống tạm gián đoạn"))
        let ticketsBefore = seen.taken.withLock { $0.tickets.count }
        Thread.sleep(forTimeInterval: 1.5)
        try cluster.startServer()

        // Back by itself: a ticket is acknowledged again without restarting serve.
        var recovered = false
        for _ in 0..<100 where !recovered {
            Thread.sleep(forTimeInterval: 0.1)
            recovered = seen.taken.withLock { $0.tickets.count } > ticketsBefore
        }
        #expect(recovered, "no ticket acknowledged within 10 s of the database's return: \(seen.refusals.withLock { $0 })")
        Thread.sleep(forTimeInterval: 0.8)
        seen.stop.store(true, ordering: .relaxed)
        Thread.sleep(forTimeInterval: 0.3)
        server.stop()

        let refusals = seen.refusals.withLock { $0 }
        #expect(refusals["503 store.unavailable", default: 0] > 0, "\(refusals)")
        #expect(refusals.keys.allSatisfy { $0.hasPrefix("503 store.") || $0 == "no answer" }, "only outage answers: \(refusals)")
        let acknowledged = seen.taken.withLock { $0 }
        func column(_ sql: String) throws -> [String] {
            try cluster.psql("SET search_path TO demo_xa_mau; \(sql)", database: "outage").split(separator: "\n").map(String.init)
        }
        #expect(Set(acknowledged.tickets).isSubset(of: try column("SELECT number FROM queue_standard_tickets")))
        #expect(Set(acknowledged.dossiers).isSubset(of: try column("SELECT code FROM intake_onestop_dossiers")))
        #expect(Set(acknowledged.receipts).isSubset(of: try column("SELECT number FROM payments_cash_receipts").compactMap { Int64($0) }))
        let audit = try run(["audit", "verify", "--database", url, "--deployment", manifest])
        #expect(audit.status == 0, "\(audit.output) \(audit.errors)")
    }
}
