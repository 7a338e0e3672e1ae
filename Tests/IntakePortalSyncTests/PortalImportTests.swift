import Foundation
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import MotCuaTesting
import Testing

@Suite("intake.portal: online dossiers in")
struct PortalImportTests {
    static let good = #"{"MaHoSo": "000.00.12.H46-260302-00007", "MaTTHC": "1.004873", "ChuHoSo": "Trần Thị Bình", "SoDienThoai": "0987654321", "NgayNopHoSo": "20260301210000", "MaDoiTuong": "tk-123"}"#

    @Test("the portal's dossiers become online dossiers with their own code; a repeat changes nothing; bad records say why in both languages")
    func imports() async throws {
        let bench = try SyncBench(settings: #", "sectorCodes": {"ho-tich": "G12-TP04"}"#, accounts: [.supervisor, .clerk])
        let body = """
            {"data": [\(Self.good),
              {"MaHoSo": "P-2", "MaTTHC": "1.004873", "NgayNopHoSo": "20260301210000"},
              {"MaHoSo": "P-3", "MaTTHC": "9.999999", "ChuHoSo": "Lê Văn C", "NgayNopHoSo": "20260301210000"},
              {"MaHoSo": "P-4", "MaTTHC": "1.004873", "ChuHoSo": "Lê Văn D", "NgayNopHoSo": "01/03/2026"}]}
            """
        try await bench.host.test(.router) { client in
            let supervisor = try await client.signIn("sup")
            let first = try await client.post("/api/v1/intake/import", json: body, as: supervisor)
            #expect(first.status == 200)
            let answer = try first.json()
            #expect(answer["imported"]?.int64Value == 1 && answer["refused"]?.int64Value == 3)
            let results = try #require(answer["results"]?.arrayValue)
            #expect(results[1]["error"]?["details"]?[0]?["field"]?.stringValue == "data[1].ChuHoSo")
            #expect(results[1]["error"]?["messageVi"]?.stringValue?.contains("ChuHoSo") == true)
            #expect(results[2]["error"]?["code"]?.stringValue == "portal-import.unknown-procedure")
            #expect(results[2]["error"]?["messageVi"]?.stringValue?.contains("9.999999") == true)
            #expect(results[3]["error"]?["details"]?[0]?["message"]?.stringValue?.contains("yyyyMMddHHmmss") == true)
            let code = try #require(results[0]["dossier"]?.stringValue)
            let dossier = try #require(try bench.intake.dossier(code: code))
            #expect(dossier.channel == .online && dossier.status == .received && dossier.applicantName == "Trần Thị Bình")

            // Again: nothing changes, and the answer says so.
            let journalBefore = try bench.host.journal().count
            let again = try await client.post("/api/v1/intake/import", json: "{\"data\": [\(Self.good)]}", as: supervisor)
            #expect(again.status == 200)
            #expect(try again.json()["duplicates"]?.int64Value == 1)
            #expect(try again.json()["results"]?[0]?["error"]?["messageVi"]?.stringValue?.contains(code) == true)
            #expect(try bench.host.journal().count == journalBefore)

            // A clerk may not import.
            let clerk = try await client.signIn("lan")
            #expect(try await client.post("/api/v1/intake/import", json: body, as: clerk).status == 403)

            // It follows the normal workflow and reaches the portal under the portal's code.
            _ = try bench.intake.transition(dossier: code, to: .inProcess, note: nil, by: clerk_)
            #expect(await bench.drain().stoppedBy == nil)
            let held = try #require(bench.standIn.dossiers["000.00.12.H46-260302-00007"])
            #expect(held.data["KenhThucHien"]?.stringValue == "2" && held.data["TrangThaiHoSo"]?.stringValue == "4")
            #expect(bench.standIn.dossiers[code] == nil)
            #expect(try bench.sync.syncState(dossier: code)?.portalCode == "000.00.12.H46-260302-00007")

            // The register CSV carries the codes the portal knows beside its own columns: the
            // imported dossier's own MaHoSo, the mapped MaLinhVuc; masked, it shows no personal value.
            let csv = try await client.get("/register.csv?from=2026-03-02&to=2026-03-02", as: clerk)
            #expect(csv.status == 200)
            let text = String(decoding: csv.body, as: UTF8.self)
            let lines = text.split(separator: "\r\n")
            #expect(lines.first?.hasSuffix(PortalMapping.exportFields.joined(separator: ",")) == true)
            #expect(lines.dropFirst().first?.contains("\"000.00.12.H46-260302-00007\",\"1.004873\",\"G12-TP04\",\"2\",\"4\",\"2026") == true)
            #expect(!text.contains("Trần Thị Bình") && !text.contains("0987654321"))
            let full = try await client.get("/register.csv?from=2026-03-02&to=2026-03-02&full=1&reason=Thanh%20tra", as: supervisor)
            let fullText = String(decoding: full.body, as: UTF8.self)
            #expect(full.status == 200 && fullText.contains("Trần Thị Bình"))
            #expect(fullText.split(separator: "\r\n").dropFirst().first?.hasSuffix(lines.dropFirst().first.map { $0.split(separator: ",").suffix(11).joined(separator: ",") } ?? "-") == true)

            // The dossier's page shows its state on the portal, and the supervisor's home page the sender's card.
            let page = try await client.get("/dossiers/\(code)", as: supervisor)
            #expect(page.status == 200 && page.text.contains("000.00.12.H46-260302-00007") && page.text.contains("portal-resend"))
            let home = try await client.get("/", as: supervisor)
            #expect(home.text.contains("Cổng Dịch vụ công quốc gia"))

            let status = try await client.get("/api/v1/portal/status", as: supervisor)
            let waiting = try status.json()["waiting"]?.int64Value
            #expect(status.status == 200 && waiting == 0)
        }
        await bench.stop()
    }
}

private let clerk_ = Principal.staff("lan")
