import Foundation
import IntakeOneStop
import IntakePortalSync
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import MotCuaPostgresTesting
import MotCuaStore
import MotCuaTesting
import Testing

/// What keeps the portal's record exact, on SQLite and on PostgreSQL: the cursor survives a
/// restart, an "already exists" answer turns a dossier into an update, and a refused message
/// is set aside while the others go on.
@Suite("intake.portal on each engine", .onEachEngine)
struct PortalEngineTests {
    @Test("the cursor survives a restart: nothing is sent again, and what came after goes once")
    func restart() async throws {
        let store = try StoreEngine.makeStore()
        let key = try KeyEncryptionKey.ephemeral()
        let standIn = PortalStandIn(credentials: ("motcua", "mat-khau-thu"))
        let first = try SyncBench(store: store, key: key, standIn: standIn)
        let sent = try first.receive(1)
        _ = try first.intake.transition(dossier: sent.code, to: .inProcess, note: nil, by: clerk)
        #expect(await first.drain().stoppedBy == nil)
        let waiting = try first.receive(2)
        await first.stop()

        // The same database, a new process: the add-on reads its cursor back.
        let second = try SyncBench(store: store, key: key, clock: first.host.clock, standIn: standIn)
        #expect(try second.sync.syncStatus().waiting == 1)
        #expect(try second.sync.syncState(dossier: sent.code)?.state == .sent)
        #expect(await second.drain().stoppedBy == nil)
        #expect(standIn.dossiers[sent.code]?.created == 1 && standIn.dossiers[sent.code]?.newAgain == 0)
        #expect(standIn.dossiers[waiting.code]?.created == 1)
        #expect(standIn.steps.map(\.code) == [sent.code, sent.code, waiting.code] && standIn.stepsAgain == 0)
        #expect(try second.sync.syncStatus().waiting == 0)
        #expect(await second.sync.sendPending().accepted == 0)
        await second.stop()
    }

    @Test("an answer lost in a crash: the dossier is asked about as an update, never sent twice as new; the step is not recorded twice")
    func lostAnswer() async throws {
        let bench = try SyncBench()
        let dossier = try bench.receive(1)
        await bench.drain()
        // As if the process died after the portal answered and before the answer was recorded.
        try bench.host.store.write { transaction in
            try transaction.execute("UPDATE intake_portal_cursor SET last_seq = 0, part = 0, inflight = 1 WHERE id = 1", [])
            try transaction.execute("UPDATE intake_portal_dossiers SET on_portal = 0", [])
        }
        #expect(await bench.drain().stoppedBy == nil)
        let held = try #require(bench.standIn.dossiers[dossier.code])
        #expect(held.created == 1 && held.newAgain == 0 && held.updates == 1)
        #expect(bench.standIn.steps.count == 1 && bench.standIn.stepsAgain == 1)
        // Died before the portal got it: the update is answered "not found" and it goes as new.
        let second = try bench.receive(2)
        try bench.host.store.write { transaction in try transaction.execute("UPDATE intake_portal_cursor SET inflight = 1 WHERE id = 1", []) }
        #expect(await bench.drain().stoppedBy == nil)
        #expect(bench.standIn.dossiers[second.code]?.created == 1 && bench.standIn.dossiers[second.code]?.newAgain == 0)
        await bench.stop()
    }

    @Test("a refused dossier is set aside with the portal's reason, the others go on, and a supervisor resends it")
    func refusedDoesNotBlock() async throws {
        let bench = try SyncBench()
        let refused = try bench.receive(1)
        let others = [try bench.receive(2), try bench.receive(3)]
        bench.standIn.refuse([refused.code])
        var passes = 0
        while try bench.sync.syncStatus().waiting > 0, passes < 10 {
            await bench.drain()
            passes += 1
        }
        #expect(Set(bench.standIn.dossiers.keys) == Set(others.map(\.code)))
        let state = try #require(try bench.sync.syncState(dossier: refused.code))
        #expect(state.state == .refused && state.lastErrorCode == "-1" && state.lastMessage?.contains("không tồn tại") == true)
        #expect(try bench.sync.syncStatus().refused == 2)
        bench.standIn.refuse([])
        try bench.sync.resend(dossier: refused.code, by: .staff("supervisor"))
        #expect(await bench.drain().stoppedBy == nil)
        #expect(bench.standIn.dossiers[refused.code]?.created == 1)
        #expect(bench.standIn.steps.filter { $0.code == refused.code }.count == 1)
        #expect(try bench.sync.syncState(dossier: refused.code)?.state == .sent)
        #expect(try bench.host.journal().contains { $0.kind == "dossier.portal-resend" && $0.subject == "dossier:\(refused.code)" })
        await bench.stop()
    }

}
