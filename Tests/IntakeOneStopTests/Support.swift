import Foundation
import IntakeOneStop
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import MotCuaStore
import Testing

/// The package's root folder, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A test centre built on the shared catalogue layers: civil status, certification and
/// business sectors on, land off; name, citizen ID and phone required.
func testManifest(plugin: String = "{}", dossierCode: String = "{agency}-{yyMMdd}-{seq4}", extraFields: String = "") -> String {
    """
    { "extends": ["catalogue/sectors.json", "catalogue/form-fields.json", "catalogue/procedures.json"],
      "centre": { "id": "t.intake", "name": { "vi": "Trung tâm Phục vụ hành chính công xã Thử", "en": "Test commune centre" }, "level": "commune",
                  "unitCode": "12345", "province": { "code": "25", "name": { "vi": "Tỉnh Phú Thọ", "en": "Phu Tho" } },
                  "agencyCode": "25.12345", "timeZone": "Asia/Ho_Chi_Minh", "address": "Số 1, xã Thử" },
      "hours": { "mon": ["07:30-11:30", "13:30-17:00"], "tue": ["07:30-11:30", "13:30-17:00"], "wed": ["07:30-11:30", "13:30-17:00"],
                 "thu": ["07:30-11:30", "13:30-17:00"], "fri": ["07:30-11:30", "13:30-17:00"] },
      "enable": { "sectors": ["ho-tich", "chung-thuc", "kinh-doanh"],
                  "formFields": ["applicant.fullName", "applicant.citizenId", "applicant.dateOfBirth", "applicant.gender", "applicant.phone", "applicant.email"\(extraFields)] },
      "require": { "formFields": ["applicant.fullName", "applicant.citizenId", "applicant.phone"] },
      "counters": [ { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["ho-tich", "chung-thuc", "kinh-doanh"] } ],
      "dossierCode": "\(dossierCode)",
      "plugins": { "intake.onestop": \(plugin) } }
    """
}

let catalogue = PluginCatalogue([.intake(IntakeOneStop.self)], requiredKinds: [.intake])

func loadDeployment(_ manifest: String = testManifest()) throws -> Deployment {
    var texts = ["m.json": manifest]
    for name in ["sectors", "form-fields", "procedures"] {
        texts["catalogue/\(name).json"] = try String(contentsOf: packageRoot.appendingPathComponent("Deployments/catalogue/\(name).json"), encoding: .utf8)
    }
    return try #require(try catalogue.loader(source: InMemoryManifestSource(texts: texts)).load("m.json").deployment)
}

/// A composed intake on a fresh store with a manual clock and a temporary data folder.
final class Bench: Sendable {
    let deployment: Deployment
    let store: SQLiteStore
    let clock: ManualClock
    let composition: Composition
    let folder: URL
    let key: KeyEncryptionKey
    var intake: IntakeOneStop { composition.intake as! IntakeOneStop }
    var calendar: WorkingCalendar { deployment.calendar }

    init(_ manifest: String = testManifest(), at start: (LocalDate, LocalTime)? = nil, store: SQLiteStore? = nil, folder: URL? = nil,
         key: KeyEncryptionKey? = nil) throws {
        deployment = try loadDeployment(manifest)
        self.store = try store ?? SQLiteStore.inMemory()
        let start = start ?? (LocalDate(year: 2026, month: 3, day: 2)!, LocalTime(hour: 8, minute: 0)!)
        clock = ManualClock(deployment.calendar.instant(start.0, start.1))
        self.folder = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("intake-test-\(UUID().uuidString)")
        self.key = try key ?? KeyEncryptionKey.ephemeral()
        composition = try Composition.compose(deployment, catalogue: catalogue, store: self.store, clock: clock, events: DiscardingEventSink(),
                                              logHandler: SilentLogHandler(), dataFolder: self.folder, key: self.key)
    }

    func at(_ date: LocalDate, _ hour: Int, _ minute: Int = 0) {
        clock.set(calendar.instant(date, LocalTime(hour: hour, minute: minute)!))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

let clerk = Principal.staff("lan")

/// A valid applicant: born 1990, male, Hà Nội (001).
let applicant: [String: String] = [
    "applicant.fullName": "Nguyễn Văn An", "applicant.citizenId": "001090012345", "applicant.dateOfBirth": "1990-05-04",
    "applicant.gender": "nam", "applicant.phone": "0912 345 678",
]

func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }
