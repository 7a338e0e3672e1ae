import Foundation
import MotCuaCore
import MotCuaStore
import PaymentsCash
import MotCuaPostgresTesting

/// A small deployment with priced procedures, `payments.cash` built on an in-memory (or
/// file) store, and a manual clock at 09:00 on Monday 2 March 2026.
struct CashFixture {
    static let manifest = """
    { "centre": { "id": "t.x", "name": { "vi": "X", "en": "X" }, "level": "commune", "unitCode": "12345",
                  "province": { "code": "25", "name": { "vi": "P", "en": "P" } }, "agencyCode": "A", "timeZone": "Asia/Ho_Chi_Minh" },
      "hours": { "mon": ["07:30-17:00"], "tue": ["07:30-17:00"] },
      "sectors": [ { "id": "chung-thuc", "name": { "vi": "Chứng thực", "en": "Certification" } } ],
      "procedures": [
        { "code": "2.000815", "name": { "vi": "Chứng thực bản sao", "en": "Certified copy" }, "sector": "chung-thuc",
          "deadline": { "unit": "immediate" },
          "fees": [ { "id": "phi-1", "kind": "phi", "name": { "vi": "Phí chứng thực", "en": "Certification charge" }, "amount": 2000, "per": "page" },
                    { "id": "le-phi-1", "kind": "lePhi", "name": { "vi": "Lệ phí", "en": "Fee" }, "amount": 8000, "per": "dossier" } ] },
        { "code": "1.000001", "name": { "vi": "Miễn phí", "en": "Free" }, "sector": "chung-thuc", "deadline": { "unit": "immediate" } }
      ],
      "enable": { "sectors": ["chung-thuc"] },
      "counters": [ { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["chung-thuc"] } ],
      "plugins": { "payments.cash": {
        "receipt": { "template": "01BLP0-001", "series": "BL-26T", "paper": "A5" },
        "fees": { "postal": { "amount": 30000 },
                  "exemptions": [ { "group": "ho-ngheo", "percent": 100, "kinds": ["lePhi"],
                                    "reason": { "vi": "Miễn lệ phí cho hộ nghèo (thử)", "en": "Exempt for poor households (test)" } } ] } } } }
    """

    let deployment: Deployment
    let store: any Store
    let clock: ManualClock
    let cash: PaymentsCash

    init(store: (any Store)? = nil, clock: ManualClock? = nil) throws {
        let descriptor = PluginDescriptor.payments(PaymentsCash.self)
        let loader = ManifestLoader(source: InMemoryManifestSource(texts: ["m.json": Self.manifest]), plugins: [descriptor])
        deployment = try loader.load("m.json").deployment!
        self.store = try store ?? StoreEngine.makeStore()
        let calendar = deployment.calendar
        self.clock = clock ?? ManualClock(calendar.instant(LocalDate(year: 2026, month: 3, day: 2)!, LocalTime(hour: 9, minute: 0)!))
        try self.store.migrate(MigrationSet(owner: descriptor.id.rawValue, migrations: descriptor.migrations))
        let section = deployment.plugins.first { $0.id == descriptor.id }!
        let context = HostContext(deployment: deployment, store: self.store, clock: self.clock, calendar: calendar,
                                  events: DiscardingEventSink(), logger: Logger(label: "test", handler: SilentLogHandler()))
        guard case .payments(let plugin) = try descriptor.instantiate(settings: try descriptor.decodeSettings(section.settings), context: context),
              let cash = plugin as? PaymentsCash else { fatalError("not a cash plugin") }
        self.cash = cash
    }

    /// A dossier for the certified-copy procedure.
    func dossier(_ number: Int = 1, channel: Dossier.Channel = .counter, status: Dossier.Status = .received, group: String? = nil,
                 procedure: String = "2.000815") -> Dossier {
        Dossier(code: "A-260302-\(String(format: "%04d", number))", procedure: procedure, channel: channel, status: status,
                applicantName: "Nguyễn Văn A", formValues: group.map { ["fee.exemptionGroup": $0] } ?? [:],
                receivedAt: clock.now, dueAt: clock.now)
    }
}

extension PaymentOutcome {
    /// The receipt, or nil for a pending transfer.
    var receipt: Receipt? { if case .receipt(let receipt) = self { receipt } else { nil } }
}
