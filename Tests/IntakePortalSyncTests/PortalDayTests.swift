import Foundation
import MotCuaCore
import MotCuaHarness
import Testing

@Suite("intake.portal: a day of 500 dossiers")
struct PortalDayTests {
    @Test("500 dossiers through the workflow, the portal up, then down for a week, then up: the portal's record equals the journal")
    func fiveHundred() async throws {
        let bench = try SyncBench()
        var codes: [String] = []
        let flows: [[Dossier.Status]] = [[.inProcess, .done, .returned], [.inProcess, .supplementRequested, .supplemented, .done], [.refused], []]
        for number in 1...500 {
            if number == 200 { bench.standIn.set(.fail) }
            let dossier = try bench.receive(number, channel: number % 4 == 0 ? .online : .counter)
            codes.append(dossier.code)
            bench.host.clock.advance(by: 30)
            for status in flows[number % flows.count] {
                _ = try bench.intake.transition(dossier: dossier.code, to: status, note: status == .refused || status == .supplementRequested ? "Thiếu giấy tờ" : nil, by: clerk)
            }
            if number % 50 == 0 { _ = await bench.sync.sendPending() }
        }
        // A week with the portal down: every pass stops with the reason, nothing is lost.
        for _ in 0..<7 {
            bench.host.clock.advance(by: 86_400)
            let pass = await bench.sync.sendPending()
            #expect(pass.accepted == 0 && pass.stoppedBy != nil)
        }
        #expect(try bench.sync.syncStatus().waiting > 500)
        bench.standIn.set(.up)
        #expect(await bench.drain().stoppedBy == nil)
        #expect(try bench.sync.syncStatus().waiting == 0)

        #expect(bench.standIn.invalid.isEmpty)
        #expect(bench.standIn.stepsAgain == 0)
        let held = bench.standIn.dossiers
        #expect(held.count == 500 && held.values.allSatisfy { $0.created == 1 && $0.newAgain == 0 })
        // Every journalled step arrived once, in journal order, with the status the journal says.
        let journal = try bench.host.journal().filter { $0.kind == "dossier.received" || $0.kind == "dossier.status-changed" }
        let expected = journal.map { entry -> PortalStandIn.Step in
            let status = entry.kind == "dossier.received" ? Dossier.Status.received : Dossier.Status(rawValue: entry.payloadValue["to"]?.stringValue ?? "")!
            return PortalStandIn.Step(code: String(entry.subject.dropFirst("dossier:".count)), status: PortalMapping.statusCodes[status]!,
                                      at: PortalTime.format(entry.at), content: "")
        }
        let arrived = bench.standIn.steps.map { PortalStandIn.Step(code: $0.code, status: $0.status, at: $0.at, content: "") }
        #expect(arrived == expected)
        for code in codes {
            let last = try #require(try bench.intake.dossier(code: code))
            #expect(held[code]?.data["TrangThaiHoSo"]?.stringValue == PortalMapping.statusCodes[last.status])
        }
        await bench.stop()
    }
}
