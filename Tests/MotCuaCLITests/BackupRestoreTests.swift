import Foundation
import MotCuaBuiltins
import MotCuaCLI
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import MotCuaStore
import Synchronization
import Testing

/// A working centre on a real data folder: the demo deployment over SQLite, scans on disk.
private struct Centre {
    let queue: any QueueingPlugin
    let intake: any IntakePlugin
    let cash: any PaymentsPlugin
    let store: SQLiteStore
    let procedure: Procedure

    init(data: String, deployment: Deployment, clock: ManualClock) throws {
        store = try SQLiteStore(path: (data as NSString).appendingPathComponent("motcua.sqlite"))
        let composition = try Composition.compose(deployment, catalogue: BuiltinPlugins.catalogue, store: store, clock: clock,
                                                  events: DiscardingEventSink(), logHandler: SilentLogHandler(),
                                                  dataFolder: URL(fileURLWithPath: data, isDirectory: true),
                                                  key: try KeyEncryptionKey.load(folder: data, store: store))
        queue = try #require(composition.queueing)
        intake = try #require(composition.intake)
        cash = try #require(composition.payments.first { type(of: $0).id == "payments.cash" })
        procedure = try #require(deployment.enabledProcedures.first { !$0.documents.isEmpty && $0.fees.contains { $0.amount > 0 } })
    }
}

/// What one round acknowledged: a ticket, a dossier with its scan, and a receipt if the procedure has a fee.
private struct Round: Sendable {
    var ticket: String
    var dossier: String
    var scan: [UInt8]
    var receipt: ReceiptID?
}

@Suite("motcua backup and restore", .serialized)
struct BackupRestoreTests {
    static func demo() throws -> Deployment {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Sources/motcua/Embedded/demo-deployment.json"), encoding: .utf8)
        return try #require(try BuiltinPlugins.catalogue.loader(source: InMemoryManifestSource(texts: ["demo.json": text])).load("demo.json").deployment)
    }

    /// A new data folder in `folder`, the demo deployment, and a clock at 09:00 on a working day.
    private static func dataFolder(in folder: URL) throws -> (String, Deployment, ManualClock) {
        let data = folder.appendingPathComponent("data").path
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let deployment = try demo()
        var day = LocalDate(year: 2026, month: 3, day: 2)!
        while !deployment.calendar.isWorkingDay(day) { day = day.adding(days: 1) }
        return (data, deployment, ManualClock(deployment.calendar.instant(day, LocalTime(hour: 9, minute: 0)!)))
    }

    private static func round(_ index: Int, _ centre: Centre, deployment: Deployment) throws -> Round {
        let ticket = try centre.queue.issueTicket(TicketRequest(sector: centre.procedure.sector), by: .device("kiosk-1"))
        let scan = Array("%PDF-1.4\n% scan \(index) \(UUID().uuidString)\n".utf8) + [UInt8](repeating: UInt8(index % 251), count: 2_000)
        var request = IntakeSuite.sampleRequest(centre.procedure, deployment)
        request.documents = [DocumentSubmission(index: 0, file: Upload(name: "scan.pdf", base64: Data(scan).base64EncodedString()))]
        let dossier = try centre.intake.receive(request, by: .staff("lan"))
        var receipt: ReceiptID?
        if case .receipt(let paid)? = try? centre.cash.collect(dossier: dossier, request: PaymentRequest(), by: .staff("lan")) { receipt = paid.id }
        return Round(ticket: ticket.id, dossier: dossier.code, scan: scan, receipt: receipt)
    }

    @Test("A backup taken under load restores every acknowledged ticket, dossier, scan and receipt")
    func backupUnderLoad() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (data, deployment, clock) = try Self.dataFolder(in: folder)
        let centre = try Centre(data: data, deployment: deployment, clock: clock)

        var acknowledged: [Round] = []
        for index in 0..<6 { acknowledged.append(try Self.round(index, centre, deployment: deployment)) }
        #expect(acknowledged.contains { $0.receipt != nil })
        // More rounds while the backup runs: each may or may not be in it, but nothing may break.
        let during = Mutex<[Round]>([])
        let backup = folder.appendingPathComponent("backup").path
        let load = Task.detached {
            for index in 6..<18 {
                let done = try Self.round(index, centre, deployment: deployment)
                during.withLock { $0.append(done) }
            }
        }
        let copy = Task.detached { try DataFolderBackup.create(from: data, to: backup) }
        try await load.value
        _ = try await copy.value

        let restored = folder.appendingPathComponent("restored").path
        #expect(try await cli(["restore", backup, "--data", restored]) == 0)
        #expect(try await cli(["audit", "verify", "--db", (restored as NSString).appendingPathComponent("motcua.sqlite")]) == 0)
        let keyFile = "personal-data.key"
        #expect(FileManager.default.contents(atPath: (restored as NSString).appendingPathComponent(keyFile))
                == FileManager.default.contents(atPath: (data as NSString).appendingPathComponent(keyFile)))
        let back = try Centre(data: restored, deployment: deployment, clock: ManualClock(clock.now))
        for round in acknowledged {
            #expect(try back.queue.ticket(id: round.ticket) != nil, "ticket \(round.ticket)")
            #expect(try back.intake.dossier(code: round.dossier) != nil, "dossier \(round.dossier)")
            #expect(try back.intake.file(dossier: round.dossier, document: 0)?.bytes == round.scan, "scan of \(round.dossier)")
            if let receipt = round.receipt { #expect(try back.cash.receipt(receipt) != nil, "receipt \(receipt)") }
        }
        // A dossier acknowledged during the backup is either wholly there, scan included, or absent.
        for round in during.withLock({ $0 }) where try back.intake.dossier(code: round.dossier) != nil {
            #expect(try back.intake.file(dossier: round.dossier, document: 0)?.bytes == round.scan, "scan of \(round.dossier)")
        }
    }

    @Test("A damaged or incomplete backup and a non-empty target are refused, and nothing is overwritten")
    func badBackups() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (data, deployment, clock) = try Self.dataFolder(in: folder)
        let centre = try Centre(data: data, deployment: deployment, clock: clock)
        let round = try Self.round(1, centre, deployment: deployment)
        let backup = folder.appendingPathComponent("backup").path
        #expect(try await cli(["backup", backup, "--data", data]) == 0)
        #expect(try await cli(["restore", backup, "--check"]) == 0)

        // Into a folder that holds something: refused, the file untouched.
        let busy = folder.appendingPathComponent("busy").path
        try FileManager.default.createDirectory(atPath: busy, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: busy).appendingPathComponent("note.txt"))
        #expect(try await cli(["restore", backup, "--data", busy]) == 1)
        #expect(FileManager.default.contents(atPath: busy + "/note.txt") == Data("keep me".utf8))
        let notEmpty = #expect(throws: StoreError.self) { try DataFolderBackup.restore(from: backup, to: busy) }
        #expect(notEmpty?.code == "restore.target-not-empty")
        #expect(notEmpty?.message.contains(busy) == true)
        #expect(notEmpty?.messageVi.isEmpty == false)
        #expect(try await cli(["backup", busy, "--data", data]) == 1)

        // An altered scan.
        // The stored scan of the dossier: whatever file the intake wrote besides the database and the key.
        let stored = try #require(FileManager.default.subpaths(atPath: backup)?.sorted().first { path in
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: backup + "/" + path, isDirectory: &folder) && !folder.boolValue
                && !["motcua.sqlite", "backup-manifest.tsv", "personal-data.key"].contains(path)
        }, "no scan of \(round.dossier) in the backup")
        let scan = (stored as NSString).deletingLastPathComponent
        let scanFile = (stored as NSString).lastPathComponent
        try Data("%PDF-1.4 forged".utf8).write(to: URL(fileURLWithPath: backup + "/" + stored))
        let altered = #expect(throws: StoreError.self) { try DataFolderBackup.verify(backup) }
        #expect(altered?.code == "backup.damaged")
        #expect(altered?.message.contains("\(scan)/\(scanFile) was altered") == true)
        #expect(altered?.messageVi.contains("đã bị thay đổi") == true)
        let target = folder.appendingPathComponent("target").path
        #expect(try await cli(["restore", backup, "--data", target]) == 1)
        #expect(!FileManager.default.fileExists(atPath: target))

        // A missing scan.
        try FileManager.default.removeItem(atPath: backup + "/" + scan + "/" + scanFile)
        let missing = #expect(throws: StoreError.self) { try DataFolderBackup.verify(backup) }
        #expect(missing?.message.contains("is missing") == true)
        // A missing manifest.
        try FileManager.default.removeItem(atPath: backup + "/backup-manifest.tsv")
        let incomplete = #expect(throws: StoreError.self) { try DataFolderBackup.verify(backup) }
        #expect(incomplete?.code == "backup.no-manifest")
    }

    private func cli(_ arguments: [String]) async throws -> Int32 {
        try await motcuaWithBuiltins(arguments)
    }
}
