import Foundation
import MotCuaBuiltins
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import MotCuaHarness
import MotCuaPostgresTesting
import MotCuaStore
import MotCuaTesting
import Testing

/// The province's reports by centre, sector and procedure (Docs/Province.md): every centre's
/// own period report summed, matched by the portal's codes.
@Suite(.enabled(if: StoreEngine.all.contains(.postgresql)))
struct ProvinceReportsTests {
    @Test func theProvinceSumsEachCentresOwnReportBySectorAndProcedure() async throws {
        let province = try await TestProvince(catalogue: BuiltinPlugins.catalogue, communes: ["an-binh.json", "au-co.json", "ban-nguyen.json"])
        // Different days in each centre: An Bình serves two tickets of two sectors and receives
        // three dossiers of two procedures, Âu Cơ one ticket and one dossier of An Bình's first
        // procedure, Bản Nguyên nothing.
        let anBinh = try #require(province.server.tenant(ProvinceServerTests.anBinh)?.application.composition)
        let auCo = try #require(province.server.tenant(ProvinceServerTests.auCo)?.application.composition)
        for (composition, sectors) in [(anBinh, [0, 1]), (auCo, [0])] {
            let queue = try #require(composition.queueing)
            for index in sectors {
                let sector = composition.deployment.enabledSectors[index].id
                let ticket = try queue.issueTicket(TicketRequest(sector: sector), by: .device("kiosk-1"))
                guard try queue.callNext(counter: "1", by: .staff("lan"))?.id == ticket.id else { continue }
                _ = try queue.perform(.start, onTicket: ticket.id, by: .staff("lan"))
                _ = try queue.perform(.finish, onTicket: ticket.id, by: .staff("lan"))
            }
        }
        let procedures = anBinh.deployment.enabledProcedures
        for (composition, picks) in [(anBinh, [procedures[0], procedures[0], procedures[1]]), (auCo, [procedures[0]])] {
            let intake = try #require(composition.intake)
            for procedure in picks {
                let local = try #require(composition.deployment.procedure(procedure.code), "\(procedure.code) is not offered in every centre")
                _ = try intake.receive(IntakeSuite.sampleRequest(local, composition.deployment), by: .staff("lan"))
            }
        }
        province.clock.advance(by: 3600)

        try await province.test(.router) { client in
            let signIn = try await client.post("/api/v1/province/session", json: #"{"login":"giamsat","password":"\#(TestHost.password)"}"#)
            let supervisor = Credential.cookie(String(try #require(signIn.headers["Set-Cookie"]).split(separator: ";")[0]))

            for (view, cut, field) in [("sector", "sector", "MaLinhVuc"), ("procedure", "procedure", "MaTTHC")] {
                // What each centre's own API reports, cut the same way, summed by the portal's code.
                var expected: [String: [String: Int64]] = [:]
                var wholeExpected: [String: Int64] = [:]
                for tenant in province.server.tenants {
                    let own = try await client.signIn("sup", at: tenant.code)
                    let report = try await client.get("/\(tenant.code)/api/v1/reports/period?period=2026-03&cut=\(cut)", as: own).json()
                    let table = try #require(report["tables"]?.arrayValue?.first { $0["id"]?.stringValue == "by-\(cut)" })
                    // After the label, the export's column of portal codes.
                    let portal = Dictionary((table["rows"]?.arrayValue ?? []).compactMap { row -> (String, String)? in
                        guard let id = row[0]?.stringValue, let code = row[1]?.stringValue else { return nil }
                        return (id, code)
                    }, uniquingKeysWith: { first, _ in first })
                    for part in report["parts"]?.arrayValue ?? [] {
                        let key = portal[part["value"]?.stringValue ?? ""] ?? ""
                        for figure in part["figures"]?.arrayValue ?? [] where figure["decimals"]?.int64Value == 0 {
                            let id = figure["id"]?.stringValue ?? ""
                            guard !id.hasSuffix("-seconds") else { continue }
                            expected[key, default: [:]][id, default: 0] += figure["value"]?.int64Value ?? 0
                        }
                    }
                    let whole = try await client.get("/\(tenant.code)/api/v1/reports/period?period=2026-03", as: own).json()
                    for figure in whole["figures"]?.arrayValue ?? [] where figure["decimals"]?.int64Value == 0 {
                        wholeExpected[figure["id"]?.stringValue ?? "", default: 0] += figure["value"]?.int64Value ?? 0
                    }
                }
                #expect(expected.count >= 2, "\(view): \(expected.keys.sorted())")

                let answer = try await client.get("/api/v1/province/reports?by=\(view)&period=2026-03", as: supervisor)
                #expect(answer.status == 200)
                let json = try answer.json()
                let rows = json["rows"]?.arrayValue ?? []
                #expect(Set(rows.map { $0[field]?.stringValue ?? "?" }) == Set(expected.keys), "\(view)")
                for row in rows {
                    let key = row[field]?.stringValue ?? "?"
                    let figures = Self.figures(row)
                    for (id, value) in expected[key] ?? [:] {
                        #expect(figures[id] == value, "\(view) \(key) \(id): province \(figures[id] ?? -1), centres \(value)")
                    }
                    // A rate from the summed counts, never an average of rates.
                    let finished = (figures["dossiers.early"] ?? 0) + (figures["dossiers.on-time"] ?? 0) + (figures["dossiers.late"] ?? 0)
                    let onTime = finished == 0 ? 0 : ((figures["dossiers.early"] ?? 0) + (figures["dossiers.on-time"] ?? 0)) * 1000 / finished
                    #expect(figures["dossiers.on-time-percent"] == onTime)
                    #expect(row["name"]?["vi"]?.stringValue?.isEmpty == false)
                }
                let total = Self.figures(try #require(json["total"]))
                for id in ["tickets.issued", "tickets.served", "dossiers.received", "fees.total", "ratings.total"] {
                    #expect(total[id] == wholeExpected[id], "\(view) total \(id)")
                }
                #expect(total["tickets.issued"] == 3 && total["dossiers.received"] == 4)

                // The CSV has the same rows: the label, the portal's code, the centres, every figure.
                let csv = try await client.get("/api/v1/province/reports?by=\(view)&period=2026-03&format=csv", as: supervisor)
                #expect(csv.status == 200)
                #expect(csv.headers["Content-Type"]?.hasPrefix("text/csv") == true)
                let lines = csv.text.components(separatedBy: "\r\n")
                let header = try #require(lines.first { $0.contains(",\(field),") })
                #expect(header.hasPrefix(view == "sector" ? "Lĩnh vực," : "Thủ tục,"))
                for row in rows {
                    let figures = (row["figures"]?.arrayValue ?? []).map { Report.Figure(id: "", title: LocalizedText(vi: "", en: ""),
                                                                                     value: $0["value"]?.int64Value ?? 0,
                                                                                     decimals: Int($0["decimals"]?.int64Value ?? 0)).text }
                    let cells = [row["name"]?["vi"]?.stringValue ?? "", row[field]?.stringValue ?? "", String(row["centres"]?.int64Value ?? 0)] + figures
                    #expect(lines.contains(ReportCSVLine.row(cells)), "\(view): no CSV line \(cells)")
                }
            }

            // By centre, each centre keeps its own median wait beside the sums.
            let byCentre = try await client.get("/api/v1/province/reports?by=centre&period=2026-03", as: supervisor).json()
            #expect(byCentre["rows"]?.arrayValue?.count == 3)
            #expect(byCentre["rows"]?.arrayValue?.allSatisfy { Self.figures($0)["tickets.wait-median-seconds"] != nil } == true)

            // The page, in words: every view, Vietnamese numbers, no codes.
            let page = try await client.get("/reports?by=procedure&unit=quarter&date=2026-03-02", as: supervisor.with("Accept", "text/html"))
            #expect(page.status == 200)
            #expect(page.text.contains(procedures[0].name.vi) && page.text.contains("Toàn tỉnh") && page.text.contains("01/01/2026 – 31/03/2026"))
            #expect(!page.text.contains(">\(procedures[0].code)<"))
            let english = try await client.get("/reports?by=sector&period=2026-03&lang=en", as: supervisor.with("Accept", "text/html"))
            #expect(english.text.contains("Whole province") && english.text.contains(anBinh.deployment.enabledSectors[0].name.en))

            // Bad input is a JSON problem in both languages; a wrong period on the page is shown there.
            let badView = try await client.get("/api/v1/province/reports?by=commune&period=2026-03", as: supervisor)
            #expect(badView.status == 400)
            let problem = try badView.json()["error"]
            #expect(problem?["code"]?.stringValue == "province.report-view")
            #expect(problem?["messageVi"]?.stringValue?.contains("by=sector") == true && problem?["message"]?.stringValue?.contains("by=procedure") == true)
            #expect(try await client.get("/api/v1/province/reports?by=sector&period=March", as: supervisor).json()["error"]?["code"]?.stringValue == "report.period")
            let badPage = try await client.get("/reports?by=sector&period=March", as: supervisor.with("Accept", "text/html"))
            #expect(badPage.status == 400 && badPage.text.contains("không hợp lệ"))

            // A centre's accounts, even its supervisor, and nobody at all cannot read them.
            for login in ["lan", "sup"] {
                let own = try await client.signIn(login, at: ProvinceServerTests.anBinh)
                #expect(try await client.get("/api/v1/province/reports?by=sector", as: own).status == 401)
            }
            let nobody = try await client.get("/api/v1/province/reports?by=sector")
            #expect(nobody.status == 401 && nobody.text.contains("province.sign-in"))
        }
    }

    @Test func aCentrePageLeadsAProvinceAccountBackToTheProvince() async throws {
        let province = try await TestProvince(catalogue: BuiltinPlugins.catalogue, communes: ["an-binh.json"])
        let code = ProvinceServerTests.anBinh
        try await province.test(.router) { client in
            let signIn = try await client.post("/api/v1/province/session", json: #"{"login":"giamsat","password":"\#(TestHost.password)"}"#)
            let supervisor = Credential.cookie(String(try #require(signIn.headers["Set-Cookie"]).split(separator: ";")[0])).with("Accept", "text/html")
            // Relative, so the province server leaves it at its own root: one level up per segment.
            let reports = try await client.get("/\(code)/reports", as: supervisor)
            #expect(reports.text.contains("<a class=\"province-link\" href=\"../\" title=\"Về trang của tỉnh\">← Tỉnh Phú Thọ</a>"))
            let devices = try await client.get("/\(code)/admin/devices", as: supervisor)
            #expect(devices.status == 200 && devices.text.contains("class=\"province-link\" href=\"../../\""))
            // The centre's own staff and citizens see no such link.
            let clerk = try await client.signIn("lan", at: code)
            #expect(try await !client.get("/\(code)/", as: clerk.with("Accept", "text/html")).text.contains("province-link"))
            #expect(try await !client.get("/\(code)/", as: .browser).text.contains("province-link"))
        }
    }

    /// A JSON row's figures by id.
    static func figures(_ row: JSONValue) -> [String: Int64] {
        Dictionary((row["figures"]?.arrayValue ?? []).compactMap { figure in
            figure["id"]?.stringValue.map { ($0, figure["value"]?.int64Value ?? 0) }
        }, uniquingKeysWith: { first, _ in first })
    }
}

/// One CSV line as the exports write it (RFC 4180).
enum ReportCSVLine {
    static func row(_ cells: [String]) -> String {
        cells.map { cell in
            cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ",")
    }
}
