#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHost
import MotCuaStore

/// `motcua bench payments`: cash receipts per second beside raw durable inserts.
///
/// Both sides use one database file each with the same PRAGMAs (WAL, `synchronous=FULL`)
/// and one transaction per operation, so each pays one fsync: (a) raw inserts one
/// receipt-shaped row; (b) a receipt is `payments.cash` collecting a dossier's fees through
/// the payments desk: quote, paid-line check, number allocation, receipt and line rows and
/// the journal entry. They run interleaved in rounds so disk noise hits both alike.
struct PaymentsBenchmark {
    /// Receipts of each kind.
    var count: Int
    /// Where the two databases go; the folder must be on the disk the centre will use.
    var directory: String
    /// The manifest whose `payments.cash` and procedures are used; the embedded demo when nil.
    var manifest: String?

    func run() async throws {
        let deployment = try DeploymentLoading.deployment(manifest)
        guard deployment.plugins.contains(where: { $0.id == "payments.cash" }),
              let procedure = deployment.enabledProcedures.first(where: { $0.fees.contains { $0.amount > 0 } }) else {
            Output.error("bench payments: \(deployment.centre.id) needs payments.cash and a procedure with a fee")
            throw ExitCode.failure
        }
        let folder = PlainText.join(directory, "motcua-bench-payments-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Output.line("bench payments: \(count) cash receipts and \(count) raw durable inserts (WAL, synchronous=FULL), in \(folder)")

        let clock = ManualClock(deployment.calendar.instant(LocalDate(year: 2026, month: 3, day: 2)!, LocalTime(hour: 8, minute: 0)!))
        let store = try SQLiteStore(path: PlainText.join(folder, "receipts.sqlite"))
        let composition = try Composition.compose(deployment, catalogue: CLIContext.catalogue, store: store, clock: clock,
                                                  events: DiscardingEventSink(), logHandler: SilentLogHandler())
        let desk = PaymentsDesk(methods: composition.payments, calendar: deployment.calendar, clock: clock)
        let raw = try SQLiteStore(path: PlainText.join(folder, "raw.sqlite"))
        try raw.migrate(MigrationSet(owner: "bench", migrations: [
            Migration(version: 1, name: "create-receipts", statements: [
                """
                CREATE TABLE bench_receipts (series TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL, dossier TEXT NOT NULL,
                                             lines TEXT NOT NULL, total INTEGER NOT NULL, PRIMARY KEY (series, year, number))
                """,
            ]),
        ]))

        let rounds = 10
        let timer = ContinuousClock()
        var rawTime = Duration.zero
        var receiptTime = Duration.zero
        var done = 0
        for round in 0..<rounds {
            let size = count / rounds + (round < count % rounds ? 1 : 0)
            let range = done..<(done + size)
            done += size
            rawTime += try timer.measure {
                for index in range {
                    try raw.write { transaction in
                        try transaction.execute("INSERT INTO bench_receipts (series, year, number, dossier, lines, total) VALUES (?, ?, ?, ?, ?, ?)",
                                                [.text("BL-26E"), .integer(2026), .integer(Int64(index + 1)), .text("HS-\(index)"),
                                                 .text(#"[{"id":"phi-1","amount":8000}]"#), .integer(8_000)])
                    }
                }
            }
            receiptTime += try timer.measure {
                for index in range {
                    let dossier = Dossier(code: "HS-260302-\(index)", procedure: procedure.code, channel: .counter,
                                          applicantName: "Nguyễn Văn Thử", receivedAt: clock.now, dueAt: clock.now)
                    _ = try desk.collect(method: "payments.cash", dossier: dossier, request: PaymentRequest(), by: .staff("bench"))
                }
            }
        }
        let rawSeconds = Self.seconds(rawTime), receiptSeconds = Self.seconds(receiptTime)
        let verification = try store.verifyJournal()
        Output.line("\(count) each: raw durable insert \((Double(count) / rawSeconds).fixed(0))/s, cash receipt \((Double(count) / receiptSeconds).fixed(0))/s, receipt/raw cost \((receiptSeconds / rawSeconds).fixed(2))x; journal \(verification.firstBadSequence == nil ? "intact" : "BROKEN")")
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
