import Foundation
import MotCuaCore
import MotCuaHTTP
import MotCuaPostgresTesting
import Synchronization
import Testing

/// `motcua serve --database postgresql://…` killed with SIGKILL under load and started again,
/// three times: every ticket, dossier and receipt it acknowledged is in the database afterwards,
/// the numbers have no duplicates or gaps, and the journal verifies. The 20-round version with
/// two processes is `.ci/pg-serve-load.py` (Docs/PostgreSQL.md).
@Suite(.enabled(if: StoreEngine.all.contains(.postgresql)), .serialized)
struct ServeKillOnPostgreSQLTests {
    static let password = "Kho-doan-3-chu-Meo-Vang-42"

    @Test func aKilledServerLosesNothingItAcknowledged() async throws {
        let cluster = try TestCluster.shared()
        let database = "kill_\(ProcessInfo.processInfo.processIdentifier)"
        try cluster.psql("CREATE DATABASE \(database)")
        let url = cluster.url.replacingOccurrences(of: "/postgres?", with: "/\(database)?")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let centre = try Centre.open(url: url, folder: folder)
        let (server, manifest, clerk, kiosk) = (centre.server, centre.manifest, centre.clerk, centre.kiosk)
        defer { server.stop() }

        let tally = Tally()
        let workers = (0..<2).map { worker in
            Thread {
                var round = 0
                while !tally.stop.load(ordering: .relaxed) {
                    round += 1
                    do {
                        let ticket = try server.json("POST", "/api/v1/tickets", #"{"sector":"\#(["ho-tich", "chung-thuc"][(worker + round) % 2])"}"#, bearer: kiosk)
                        if ticket.status < 300, let number = ticket.body["number"]?.stringValue ?? ticket.body["ticket"]?["number"]?.stringValue {
                            tally.taken.withLock { $0.tickets.append(number) }
                        }
                        let dossier = try server.json("POST", "/api/v1/dossiers", #"{"procedure":"1.004837","counter":"1","formValues":{"applicant.fullName":"Nguyễn Văn An","applicant.citizenId":"001090012345","applicant.phone":"0912345678"}}"#, cookie: clerk)
                        guard dossier.status < 300, let code = dossier.body["code"]?.stringValue else { continue }
                        tally.taken.withLock { $0.dossiers.append(code) }
                        let paid = try server.json("POST", "/api/v1/payments/dossiers/\(code)/collect", #"{"method":"payments.cash"}"#, cookie: clerk)
                        if paid.status < 300, let number = paid.body["receipt"]?["number"]?.int64Value {
                            tally.taken.withLock { $0.receipts.append(number) }
                        }
                    } catch {
                        usleep(20_000) // killed or restarting: nothing acknowledged
                    }
                }
            }
        }
        workers.forEach { $0.start() }
        for _ in 0..<3 {
            try await Task.sleep(for: .milliseconds(1_200))
            server.kill()
            try server.start()
        }
        try await Task.sleep(for: .milliseconds(600))
        tally.stop.store(true, ordering: .relaxed)
        try await Task.sleep(for: .milliseconds(300))
        server.stop()

        let acknowledged = tally.taken.withLock { $0 }
        #expect(acknowledged.tickets.count > 5 && acknowledged.dossiers.count > 5 && acknowledged.receipts.count > 5, "too little load: \(acknowledged)")
        func column(_ sql: String) throws -> [String] {
            try cluster.psql("SET search_path TO demo_xa_mau; \(sql)", database: database).split(separator: "\n").map(String.init)
        }
        let tickets = try column("SELECT number FROM queue_standard_tickets")
        let dossiers = try column("SELECT code FROM intake_onestop_dossiers")
        let receipts = try column("SELECT number FROM payments_cash_receipts").compactMap { Int64($0) }
        #expect(Set(acknowledged.tickets).subtracting(tickets).isEmpty && Set(acknowledged.tickets).count == acknowledged.tickets.count)
        #expect(Set(acknowledged.dossiers).subtracting(dossiers).isEmpty && Set(acknowledged.dossiers).count == acknowledged.dossiers.count)
        #expect(Set(acknowledged.receipts).subtracting(receipts).isEmpty && Set(acknowledged.receipts).count == acknowledged.receipts.count)
        for (prefix, numbers) in Dictionary(grouping: tickets, by: { $0.prefix { !$0.isNumber } }) {
            #expect(numbers.compactMap { Int($0.drop { !$0.isNumber }) }.sorted() == Array(1...numbers.count), "ticket numbers \(prefix)… have a gap")
        }
        #expect(dossiers.compactMap { Int($0.split(separator: "-").last ?? "") }.sorted() == Array(1...dossiers.count))
        #expect(receipts.sorted() == Array(1...Int64(receipts.count)))
        let audit = try run(["audit", "verify", "--database", url, "--deployment", manifest])
        #expect(audit.status == 0, "\(audit.output) \(audit.errors)")
    }

    /// The demo centre opened round the clock on `url`, served by one `motcua serve`, with a
    /// signed-in clerk at counter 1 and a paired kiosk; the caller stops the server.
    struct Centre {
        let server: Server
        let manifest: String
        let clerk: String
        let kiosk: String

        static func open(url: String, folder: URL) throws -> Centre {
            let manifest = folder.appendingPathComponent("always-open.json").path
            let everyday = #"["00:00-23:59"]"#
            try """
                {"extends": ["\(packageRoot.appendingPathComponent("Deployments/demo/demo.json").path)"],
                 "description": "The demo opened round the clock, for the tests that break its database.",
                 "hours": {"mon": \(everyday), "tue": \(everyday), "wed": \(everyday), "thu": \(everyday), "fri": \(everyday), "sat": \(everyday), "sun": \(everyday)},
                 "calendar": {"officialSwapDays": false, "holidays": [], "workingDays": []}}
                """.write(toFile: manifest, atomically: true, encoding: .utf8)
            let data = folder.appendingPathComponent("data").path
            let server = Server(arguments: ["serve", "--deployment", manifest, "--listen", "127.0.0.1:0", "--data", data, "--database", url, "--quiet"],
                                folder: folder)
            try server.start()
            func users(_ arguments: [String]) throws -> String {
                let result = try run(["users"] + arguments + ["--deployment", manifest, "--data", data, "--database", url])
                return String(try #require(result.output.firstMatch(of: /shown once: (\S+)/)).1)
            }
            let supervisor = try server.signIn("giamsat", users(["add", "giamsat", "--name", "Trần Văn Giám", "--role", "supervisor"]))
            let clerk = try server.signIn("lan", users(["add", "lan", "--name", "Nguyễn Thị Lan", "--role", "clerk", "--counter", "1"]))
            let code = try server.json("POST", "/api/v1/devices", #"{"id":"kiosk-sanh","kind":"kiosk","name":"Kiosk sảnh"}"#, cookie: supervisor)
            let paired = try server.json("POST", "/api/v1/devices/pair", #"{"code":"\#(code.body["code"]?.stringValue ?? "")"}"#)
            return Centre(server: server, manifest: manifest, clerk: clerk, kiosk: try #require(paired.body["token"]?.stringValue))
        }
    }

    /// What the workers were told was saved, and when to stop.
    final class Tally: Sendable {
        let taken = Mutex(Taken())
        let stop = Atomic(false)
    }

    struct Taken: Sendable {
        var tickets: [String] = []
        var dossiers: [String] = []
        var receipts: [Int64] = []
    }

    /// One `motcua serve` process, started again on a new port after each kill.
    final class Server: Sendable {
        let arguments: [String]
        let folder: URL
        private let state = Mutex<(process: Process?, port: Int)>((nil, 0))

        init(arguments: [String], folder: URL) {
            self.arguments = arguments
            self.folder = folder
        }

        func start() throws {
            let log = folder.appendingPathComponent("serve-\(UUID().uuidString).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let process = Process()
            process.executableURL = motcua
            process.arguments = arguments
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = process.standardOutput
            try process.run()
            var port = 0
            let deadline = Date().addingTimeInterval(30)
            while port == 0, Date() < deadline, process.isRunning {
                usleep(20_000)
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                if let range = text.range(of: "at http://127.0.0.1:") { port = Int(text[range.upperBound...].prefix { $0.isNumber }) ?? 0 }
            }
            guard port > 0 else { throw ServeFailed(log: (try? String(contentsOf: log, encoding: .utf8)) ?? "") }
            state.withLock { $0 = (process, port) }
        }

        /// The port the running process listens on.
        var port: Int { state.withLock { $0.port } }

        func kill() {
            guard let process = state.withLock({ $0.process }) else { return }
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        func stop() {
            guard let process = state.withLock({ $0.process }), process.isRunning else { return }
            process.terminate()
            process.waitUntilExit()
        }

        /// One request on a fresh connection; the body parsed as JSON (null when it is not).
        func json(_ method: String, _ target: String, _ body: String? = nil, cookie: String? = nil, bearer: String? = nil) throws -> (status: Int, body: JSONValue, headers: HTTPHeaders) {
            let port = state.withLock { $0.port }
            let client = try LoopbackHTTPClient(port: port)
            var headers: [(String, String)] = [("Origin", "http://127.0.0.1:\(port)")]
            if body != nil { headers.append(("Content-Type", "application/json")) }
            if let cookie { headers.append(("Cookie", cookie)) }
            if let bearer { headers.append(("Authorization", "Bearer \(bearer)")) }
            let response = try client.request(method, target, headers: headers, body: Array((body ?? "").utf8))
            return (response.status, (try? JSONParser().parse(response.body)) ?? .null, response.headers)
        }

        /// Signs in with the one-time password, sets the lasting one and answers the session cookie.
        func signIn(_ login: String, _ oneTime: String) throws -> String {
            func session(_ password: String) throws -> String {
                let answer = try json("POST", "/api/v1/session", #"{"login":"\#(login)","password":"\#(password)"}"#)
                return String(try #require(answer.headers["Set-Cookie"]).split(separator: ";")[0])
            }
            let first = try session(oneTime)
            let changed = try json("POST", "/api/v1/account/password",
                                   #"{"current":"\#(oneTime)","password":"\#(ServeKillOnPostgreSQLTests.password)","confirm":"\#(ServeKillOnPostgreSQLTests.password)"}"#,
                                   cookie: first)
            try #require(changed.status < 300, "changing the password answered \(changed.status)")
            return try session(ServeKillOnPostgreSQLTests.password)
        }
    }

    struct ServeFailed: Error, CustomStringConvertible {
        var log: String
        var description: String { "serve did not start: \(log)" }
    }
}
