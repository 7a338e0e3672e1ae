import Foundation
import IntakeOneStop
import IntakePortalSync
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import MotCuaHTTPClient
import MotCuaStore
import MotCuaTesting
import Testing

@Suite("intake.portal")
struct IntakePortalSyncTests {
    @Test("every dossier and every step reaches the portal once, in order, in the portal's format")
    func sendsEverythingOnce() async throws {
        let bench = try SyncBench()
        let first = try bench.receive(1), second = try bench.receive(2, channel: .online)
        for status in [Dossier.Status.inProcess, .done, .returned] {
            bench.host.clock.advance(by: 3600)
            _ = try bench.intake.transition(dossier: first.code, to: status, note: nil, by: clerk)
        }
        let pass = await bench.drain()
        #expect(pass.stoppedBy == nil)
        #expect(bench.standIn.invalid.isEmpty)
        let held = bench.standIn.dossiers
        #expect(held.count == 2 && held.values.allSatisfy { $0.created == 1 && $0.newAgain == 0 })
        #expect(held[first.code]?.updates == 3)
        #expect(held[first.code]?.data["TrangThaiHoSo"]?.stringValue == "10")
        #expect(held[first.code]?.data["NgayTra"]?.stringValue?.count == 14)
        #expect(held[first.code]?.data["ChuHoSo"]?.stringValue == "Nguyễn Văn An 1")
        #expect(held[second.code]?.data["KenhThucHien"]?.stringValue == "2")
        #expect(bench.standIn.steps.filter { $0.code == first.code }.map(\.status) == ["2", "4", "9", "10"])
        #expect(bench.standIn.steps.count == 5 && bench.standIn.stepsAgain == 0)
        let status = try bench.sync.syncStatus()
        #expect(status.waiting == 0 && status.refused == 0 && status.lastSuccessAt != nil && status.accepted == 2 + 2 + 3 * 2)
        #expect(try bench.sync.syncState(dossier: first.code)?.state == .sent)
        #expect(try bench.sync.syncState(dossier: first.code)?.onPortal == true)
        // Nothing new: a pass sends nothing.
        #expect(await bench.sync.sendPending().accepted == 0)
        await bench.stop()
    }

    @Test("the portal down for a week: everything waits, with the reason, then arrives in order")
    func weekOffline() async throws {
        let bench = try SyncBench()
        bench.standIn.set(.fail)
        var codes: [String] = []
        for day in 0..<7 {
            bench.host.clock.advance(by: 86_400)
            codes.append(try bench.receive(day).code)
            let pass = await bench.sync.sendPending()
            #expect(pass.accepted == 0 && pass.stoppedBy?.en.contains("HTTP 500") == true && pass.retryAfter != nil)
        }
        let waiting = try bench.sync.syncStatus()
        #expect(waiting.waiting == 7 && waiting.lastError?.vi.contains("HTTP 500") == true && waiting.lastSuccessAt == nil)
        #expect(try bench.sync.syncState(dossier: codes[0])?.state == .waiting)
        bench.standIn.set(.up)
        #expect(await bench.drain().stoppedBy == nil)
        #expect(bench.standIn.steps.map(\.code) == codes)
        #expect(try bench.sync.syncStatus().waiting == 0)
        await bench.stop()
    }

    @Test("an answer that is not JSON and a portal that hangs are recorded with a reason, and nothing is lost")
    func garbageAndHang() async throws {
        let bench = try SyncBench()
        try bench.receive(1)
        bench.standIn.set(.garbage)
        let garbage = await bench.sync.sendPending()
        #expect(garbage.stoppedBy?.vi.contains("không phải JSON") == true)
        bench.standIn.set(.hang)
        let hung = await bench.sync.sendPending()
        #expect(hung.stoppedBy?.en.contains("did not answer in time") == true)
        bench.standIn.set(.up)
        #expect(await bench.drain().stoppedBy == nil)
        #expect(bench.standIn.dossiers.count == 1 && bench.standIn.steps.count == 1)
        await bench.stop()
    }

    @Test("a credentials file that is missing or wrong is named in the error")
    func credentials() async throws {
        let bench = try SyncBench()
        try bench.receive(1)
        try FileManager.default.removeItem(at: bench.credentials)
        let missing = await bench.sync.sendPending()
        #expect(missing.stoppedBy?.en.contains(bench.credentials.path) == true)
        try Data(#"{"username": "motcua", "password": "sai"}"#.utf8).write(to: bench.credentials)
        let wrong = await bench.sync.sendPending()
        #expect(wrong.stoppedBy?.vi.contains("từ chối đăng nhập") == true)
        await bench.stop()
    }

    @Test("settings that cannot work are refused with the key and a fix")
    func badSettings() throws {
        let manifest = portalManifest(plugin: #"{ "endpoint": "ftp://portal", "authEndpoint": "https://portal/auth", "unitCode": "", "credentialsFile": "c.json", "maxAttempts": 0 }"#)
        #expect {
            _ = try TestHost(TestManifest(json: manifest), plugins: [.intake(IntakeOneStop.self), .intake(IntakePortalSync.self)], requiredKinds: [.intake],
                             files: catalogueFiles, accounts: [])
        } throws: { error in
            let text = "\(error)"
            return text.contains("endpoint \"ftp://portal\"") && text.contains("unitCode") && text.contains("maxAttempts 0")
        }
        let unknown = portalManifest(plugin: #"{ "endpoint": "https://p/x", "authEndpoint": "https://p/a", "unitCode": "u", "credentialsFile": "c", "endpont": "x" }"#)
        #expect(throws: (any Error).self) {
            _ = try TestHost(TestManifest(json: unknown), plugins: [.intake(IntakeOneStop.self), .intake(IntakePortalSync.self)], requiredKinds: [.intake],
                             files: catalogueFiles, accounts: [])
        }
    }
}
