import Foundation
import MotCuaBuiltins
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import MotCuaPostgres
import MotCuaPostgresTesting
import MotCuaStore
import Testing

/// Two hosts on one centre's schema, as two `serve` processes behind a balancer: each composes
/// the demo on its own `PostgresStore` (its own connection), and they take tickets, dossiers and
/// receipts at the same time. Numbers come from the database under the centre's advisory lock,
/// never from a process's memory, so none is taken twice or skipped.
@Suite(.enabled(if: StoreEngine.all.contains(.postgresql)))
struct TwoHostsOnPostgreSQLTests {
    @Test func ticketsDossiersAndReceiptsStayGapFreeAcrossTwoHosts() async throws {
        let deployment = try #require(try BuiltinPlugins.catalogue.loader(source: PackageManifestSource()).load("Deployments/demo/demo.json").deployment)
        let cluster = try TestCluster.shared()
        let location = try PostgresLocation(url: cluster.url)
        let schema = cluster.freshSchema("two-hosts")
        let key = try KeyEncryptionKey.ephemeral()
        var date = LocalDate(year: 2026, month: 3, day: 2)!
        while deployment.calendar.hours(on: date).isEmpty { date = date.adding(days: 1) }
        let clock = ManualClock(deployment.calendar.instant(date, LocalTime(hour: 9, minute: 0)!))
        let hosts = try (0..<2).map { _ -> Host in
            let store = try PostgresStore(location: location, schema: schema)
            let composition = try Composition.compose(deployment, catalogue: BuiltinPlugins.catalogue, store: store, clock: clock,
                                                      events: DiscardingEventSink(), logHandler: SilentLogHandler(), key: key)
            return Host(store: store, queue: try #require(composition.queueing), intake: try #require(composition.intake),
                        desk: PaymentsDesk(methods: composition.payments, calendar: deployment.calendar, clock: clock))
        }
        let sectors = deployment.enabledSectorIDs
        let procedure = try #require(deployment.enabledProcedures.first { $0.fees.contains { $0.amount > 0 } })
        let request = IntakeSuite.sampleRequest(procedure, deployment)

        let rounds = 12
        let taken = try await withThrowingTaskGroup(of: Taken.self) { group in
            for worker in 0..<4 {
                let host = hosts[worker % 2]
                group.addTask {
                    var taken = Taken()
                    for round in 0..<rounds {
                        let ticket = try host.queue.issueTicket(TicketRequest(sector: sectors[(worker + round) % sectors.count]), by: .device("kiosk-\(worker)"))
                        taken.tickets.append(ticket.number)
                        let dossier = try host.intake.receive(request, by: .staff("lan"))
                        taken.dossiers.append(dossier.code)
                        if case .receipt(let receipt) = try host.desk.collect(method: "payments.cash", dossier: dossier, request: PaymentRequest(), by: .staff("lan")) {
                            taken.receipts.append(receipt.number)
                        }
                    }
                    return taken
                }
            }
            return try await group.reduce(into: Taken()) { all, one in
                all.tickets += one.tickets
                all.dossiers += one.dossiers
                all.receipts += one.receipts
            }
        }
        let attempts = 4 * rounds
        #expect(Set(taken.tickets).count == attempts, "duplicate ticket numbers")
        for (prefix, numbers) in Dictionary(grouping: taken.tickets, by: { $0.prefix { !$0.isNumber } }) {
            #expect(numbers.compactMap { Int($0.drop { !$0.isNumber }) }.sorted() == Array(1...numbers.count), "ticket numbers of \(prefix) have a gap")
        }
        #expect(Set(taken.dossiers).count == attempts, "duplicate dossier codes")
        #expect(taken.dossiers.compactMap { Int($0.split(separator: "-").last ?? "") }.sorted() == Array(1...attempts), "dossier codes have a gap")
        #expect(taken.receipts.sorted() == Array(1...attempts), "receipt numbers have a gap or a duplicate")
        for host in hosts {
            let verification = try host.store.verifyJournal()
            #expect(verification.isValid, "\(verification.message)")
        }
        try PostgresStore.dropSchemas([schema], location: location)
    }

    struct Host: Sendable {
        var store: PostgresStore
        var queue: any QueueingPlugin
        var intake: any IntakePlugin
        var desk: PaymentsDesk
    }

    struct Taken: Sendable {
        var tickets: [String] = []
        var dossiers: [String] = []
        var receipts: [Int] = []
    }
}
