import Foundation
import IntakeOneStop
import MotCuaCore
import MotCuaStore
import MotCuaTesting
import Testing
import MotCuaPostgresTesting

/// A test centre built on the shared catalogue layers: civil status, certification and
/// business sectors on, land off; name, citizen ID and phone required.
func testManifest(plugin: String = "{}", dossierCode: String = "{agency}-{yyMMdd}-{seq4}", extraFields: String = "") -> String {
    """
    { "extends": ["catalogue/sectors.json", "catalogue/form-fields.json", "catalogue/procedures.json"],
      "centre": { "id": "t.intake", "name": { "vi": "Trung tâm Phục vụ hành chính công xã Thử", "en": "Test commune centre" }, "level": "commune",
                  "unitCode": "12345", "province": { "code": "25", "name": { "vi": "Tỉnh Phú Thọ", "en": "Phu Tho" } },
                  "agencyCode": "25.12345", "timeZone": "Asia/Ho_Chi_Minh", "address": "Số 1, xã Thử" },
      "hours": \(TestManifest.weekdayHours),
      "enable": { "sectors": ["ho-tich", "chung-thuc", "kinh-doanh"],
                  "formFields": ["applicant.fullName", "applicant.citizenId", "applicant.dateOfBirth", "applicant.gender", "applicant.phone", "applicant.email"\(extraFields)] },
      "require": { "formFields": ["applicant.fullName", "applicant.citizenId", "applicant.phone"] },
      "counters": [ { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["ho-tich", "chung-thuc", "kinh-doanh"] } ],
      "dossierCode": "\(dossierCode)",
      "plugins": { "intake.onestop": \(plugin) } }
    """
}

/// The catalogue layers the test manifest extends, read once from `Deployments/catalogue/`.
let catalogueFiles: [String: String] = {
    var files: [String: String] = [:]
    for name in ["sectors", "form-fields", "procedures"] {
        files["catalogue/\(name).json"] = try? TestHost.packageFile("Deployments/catalogue/\(name).json")
    }
    return files
}()

/// intake.onestop composed on a fresh store, the clock at `time` on `day` (Monday 2 March
/// 2026, 08:00), with `accounts` (none by default, so the journal holds only the intake's).
func intakeHost(_ manifest: String = testManifest(), day: LocalDate = day(2026, 3, 2), time: LocalTime = LocalTime(hour: 8, minute: 0)!,
                store: (any Store)? = nil, key: KeyEncryptionKey? = nil, accounts: [TestAccount] = []) throws -> TestHost {
    try TestHost(TestManifest(json: manifest), plugins: [.intake(IntakeOneStop.self)], requiredKinds: [.intake], files: catalogueFiles,
                 day: day, time: time, store: store, key: key, accounts: accounts)
}

extension TestHost {
    /// The composed intake.
    var intake: IntakeOneStop { composition.intake as! IntakeOneStop }
}

let clerk = Principal.staff("lan")

/// A valid applicant: born 1990, male, Hà Nội (001).
let applicant: [String: String] = [
    "applicant.fullName": "Nguyễn Văn An", "applicant.citizenId": "001090012345", "applicant.dateOfBirth": "1990-05-04",
    "applicant.gender": "nam", "applicant.phone": "0912 345 678",
]

func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }
