import Foundation
import Testing

/// Starts `motcua serve` on a free port with `data`, waits until it serves, stops it, and
/// returns what it printed.
func serveOnce(data: String, in folder: URL) throws -> String {
    let outURL = folder.appendingPathComponent("serve-\(UUID().uuidString).out")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    defer { try? out.close() }
    let serve = Process()
    serve.executableURL = motcua
    serve.arguments = ["serve", "--listen", "127.0.0.1:0", "--data", data, "--quiet"]
    serve.currentDirectoryURL = packageRoot
    serve.standardOutput = out
    serve.standardError = out
    try serve.run()
    let deadline = Date().addingTimeInterval(30)
    var printed = ""
    while !printed.contains(" serving "), Date() < deadline, serve.isRunning {
        usleep(100_000)
        printed = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
    }
    serve.terminate()
    serve.waitUntilExit()
    return printed
}

@Suite("motcua users and the first-start message", .serialized)
struct UsersCommandTests {
    @Test func addRefusesACounterTheDeploymentDoesNotHave() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path
        _ = try serveOnce(data: data, in: folder)   // creates the database and the admin

        let unknown = try run(["users", "add", "clerk1", "--name", "Clerk", "--role", "clerk", "--counter", "4", "--data", data])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("no counter \"4\" in demo.xa-mau"))
        #expect(unknown.errors.contains("Its counters: 1 ("))
        #expect(!unknown.errors.contains("Did you mean"), "a single digit is not a typo of another")

        let padded = try run(["users", "add", "clerk1", "--name", "Clerk", "--role", "clerk", "--counter", "02", "--data", data])
        #expect(padded.status == 1)
        #expect(padded.errors.contains("Did you mean \"2\"?"))
        let named = try run(["users", "add", "clerk1", "--name", "Clerk", "--role", "clerk", "--counter", "Counter 3", "--data", data])
        #expect(named.errors.contains("Did you mean \"3\"?"))

        // Nothing was added by the refusals; the right id is accepted.
        #expect(!(try run(["users", "list", "--data", data]).output.contains("clerk1")))
        let added = try run(["users", "add", "clerk1", "--name", "Clerk", "--role", "clerk", "--counter", "2", "--data", data])
        #expect(added.status == 0, "\(added.errors)")
        #expect(try run(["users", "list", "--data", data]).output.contains("clerk1"))

        // With --deployment the counters are that manifest's.
        let other = try run(["users", "add", "clerk2", "--name", "Clerk", "--role", "clerk", "--counter", "9",
                             "--deployment", "Deployments/phu-tho/dao-xa.json", "--data", data])
        #expect(other.status == 1)
        #expect(other.errors.contains("(Deployments/phu-tho/dao-xa.json)"))
    }

    @Test func passwdPrintsANewOneTimePasswordOrNamesTheMissingAccount() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path
        _ = try serveOnce(data: data, in: folder)
        _ = try run(["users", "add", "sup", "--name", "Sup", "--role", "supervisor", "--data", data])
        let reset = try run(["users", "passwd", "sup", "--data", data])
        #expect(reset.status == 0)
        #expect(reset.output.contains("new one-time password for sup, shown once: "))
        let missing = try run(["users", "passwd", "nobody", "--data", data])
        #expect(missing.status == 1)
        #expect(missing.errors.contains("nobody"))
    }

    @Test func firstStartPrintsCommandsThatWork() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("centre data")
        let printed = try serveOnce(data: data.path, in: folder)

        #expect(printed.contains("created the account \"admin\""))
        // The sign-in address has the real port, not the 0 that was asked for.
        #expect(printed.contains("Sign in at http://127.0.0.1:"))
        #expect(!printed.contains("127.0.0.1:0/"))
        #expect(printed.contains("/signin"))
        // A data folder with a space is quoted so the printed command works as pasted.
        #expect(printed.contains("users passwd admin --data '\(data.path)'"))
        #expect(printed.contains("users list --data '\(data.path)'"))
        let listed = try run(["users", "list", "--data", data.path])
        #expect(listed.status == 0)
        #expect(listed.output.contains("admin"))
    }
}
