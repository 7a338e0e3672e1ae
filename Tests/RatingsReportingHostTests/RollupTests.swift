import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaStore
import MotCuaTesting
import ReportingIndex766
import Testing

/// A province of 148 generated communes, each with its own key and a bundle whose 766 total
/// is known, so the ranking can be checked.
struct GeneratedProvince {
    var keys: ProvinceKeys
    var files: [(name: String, bytes: [UInt8])]
    var scores: [String: Int64]
    static let period = try! ReportPeriod(parsing: "2026-03")

    init(count: Int = 148) throws {
        var communes: [(id: String, key: [UInt8])] = []
        var files: [(name: String, bytes: [UInt8])] = []
        var scores: [String: Int64] = [:]
        for number in 1...count {
            let id = "phu-tho.xa-\(number)"
            let key = try SecureRandom.bytes(32)
            // Distinct totals: commune n scores 100.00 − 0.5·n, except two that tie.
            let total: Int64 = number == 149 - 8 ? 9_395 : Int64(10_000 - 50 * number)
            scores[id] = total
            let bundle = RollupBundle(commune: id, name: LocalizedText(vi: "Xã \(number)", en: "Commune \(number)"), period: Self.period,
                                      figures: [Report.Figure(id: "index766.total", title: LocalizedText(vi: "Tổng", en: "Total"), value: total, decimals: 2),
                                                Report.Figure(id: "index766.2", title: LocalizedText(vi: "Tiến độ", en: "Progress"), value: 2000 - Int64(number), decimals: 2),
                                                Report.Figure(id: "index766.2.max", title: LocalizedText(vi: "Tiến độ", en: "Progress"), value: 2000, decimals: 2),
                                                Report.Figure(id: "tickets.issued", title: LocalizedText(vi: "Phiếu", en: "Tickets"), value: 100),
                                                Report.Figure(id: "fees.total", title: LocalizedText(vi: "Phí", en: "Fees"), value: 1_000_000)],
                                      createdAt: "2026-04-01T00:00:00.000Z")
            communes.append((id, key))
            files.append(("\(id).json", bundle.signed(key: key)))
        }
        keys = ProvinceKeys(province: "phu-tho", communes: communes)
        self.files = files
        self.scores = scores
    }
}

@Suite struct RollupTests {
    @Test func a148CommuneProvinceImportsAllBundlesAndRanksThem() throws {
        let province = try GeneratedProvince()
        let store = try SQLiteStore.inMemory()
        let rollup = try ProvinceRollup(store: store, scoring: ReportingIndex766.scoring)
        let imported = try rollup.importBundles(province.files, keys: province.keys, at: Date(), by: .system)
        #expect(imported.count == 148)
        let ranking = try rollup.ranking(period: GeneratedProvince.period)
        #expect(ranking.count == 148)
        #expect(ranking.first?.commune == "phu-tho.xa-1")
        #expect(ranking.allSatisfy { $0.of == 148 })
        #expect(zip(ranking, ranking.dropFirst()).allSatisfy { $0.scoreHundredths >= $1.scoreHundredths })
        // Commune 141 was given 93.95, between communes 12 (94.00) and 13 (93.50): rank 13.
        let daoXa = try #require(ranking.first { $0.commune == "phu-tho.xa-141" })
        #expect(daoXa.rank == 13)
        #expect(daoXa.gaps.first?.indicator == "2")
        #expect(daoXa.gaps.first?.lost == 141)
        let totals = try rollup.totals(period: GeneratedProvince.period)
        #expect(totals.first { $0.id == "tickets.issued" }?.value == 14_800)
        #expect(totals.first { $0.id == "fees.total" }?.value == 148_000_000)
        #expect(try store.journalEntries(matching: JournalQuery(kinds: ["rollup.imported"])).count == 148)
    }

    @Test func aForgedMalformedForeignOrDuplicateBundleRefusesTheWholeImport() throws {
        let province = try GeneratedProvince(count: 5)
        let store = try SQLiteStore.inMemory()
        let rollup = try ProvinceRollup(store: store, scoring: ReportingIndex766.scoring)
        func refused(_ files: [(name: String, bytes: [UInt8])]) -> Problem? {
            #expect(throws: Problem.self) { try rollup.importBundles(files, keys: province.keys, at: Date(), by: .system) }
        }
        // Raise one commune's score by editing the file: the signature no longer matches.
        var forged = province.files[2]
        forged.bytes = Array(String(decoding: forged.bytes, as: UTF8.self).replacingOccurrences(of: "\"value\":9850", with: "\"value\":9990").utf8)
        #expect(forged.bytes != province.files[2].bytes)
        let forgery = refused(Array(province.files[0..<2]) + [forged])
        #expect(forgery?.details.map(\.code) == ["forged"])
        // Signed with another commune's key.
        let stranger = RollupBundle(commune: "phu-tho.xa-1", name: LocalizedText(vi: "X", en: "X"), period: GeneratedProvince.period, figures: [],
                                    createdAt: "x").signed(key: province.keys.communes[1].key)
        #expect(refused([("stranger.json", stranger)])?.details.map(\.code) == ["forged"])
        #expect(refused([("junk.json", Array("not json".utf8))])?.details.map(\.code) == ["malformed"])
        #expect(refused([("old.json", Array(#"{"format":"other/1","body":{},"signature":"00"}"#.utf8))])?.details.map(\.code) == ["malformed"])
        let foreign = RollupBundle(commune: "ha-noi.xa-1", name: LocalizedText(vi: "X", en: "X"), period: GeneratedProvince.period, figures: [],
                                   createdAt: "x").signed(key: Array(repeating: 7, count: 32))
        #expect(refused([("foreign.json", foreign)])?.details.map(\.code) == ["unknown-commune"])
        #expect(refused([province.files[0], province.files[0]])?.details.map(\.code) == ["duplicate"])
        // Nothing was half-applied by any refusal.
        #expect(try rollup.periods().isEmpty)
        #expect(try store.journalEntries(matching: JournalQuery(kinds: ["rollup.imported"])).isEmpty)

        try rollup.importBundles(Array(province.files[0..<3]), keys: province.keys, at: Date(), by: .system)
        // A second bundle for a period already imported is refused; the first stays.
        let again = refused([province.files[3], province.files[1]])
        #expect(again?.details.map(\.code) == ["duplicate"])
        #expect(try rollup.ranking(period: GeneratedProvince.period).map(\.commune) == ["phu-tho.xa-1", "phu-tho.xa-2", "phu-tho.xa-3"])
    }

    @Test func theKeysFileIsCheckedAndTheProvincePageRanks() async throws {
        #expect(throws: Problem.self) { try ProvinceKeys(bytes: Array(#"{"province":"p","communes":[{"id":"a","key":"abcd"}]}"#.utf8), file: "k.json") }
        #expect(throws: Problem.self) { try ProvinceKeys(bytes: Array("[]".utf8), file: "k.json") }
        let key = String(repeating: "ab", count: 32)
        let keys = try ProvinceKeys(bytes: Array(#"{"province":"p","communes":[{"id":"a","key":"\#(key)"}]}"#.utf8), file: "k.json")
        #expect(keys.key("a")?.count == 32)
        // A commune has no province page.
        try await serveReports { host, client in
            let supervisor = try host.signIn("sup")
            #expect(try await client.request("GET", "/province", as: supervisor).status == 404)
        }
        try await serveReports(level: "province") { host, client in
            let supervisor = try host.signIn("sup")
            #expect(try await client.request("GET", "/province", as: supervisor).text.contains(WebStrings.provinceNone.vi))
            let province = try GeneratedProvince(count: 12)
            try ProvinceRollup(store: host.store).importBundles(province.files, keys: province.keys, at: Date(), by: .system)
            let page = try await client.request("GET", "/province?period=2026-03", as: supervisor)
            #expect(page.text.contains("<td>1/12</td><td class=\"text\">Xã 1</td><td>99,50</td>"))
            #expect(page.text.contains("id=\"chart-score-distribution\""))
            let api = try (try await client.request("GET", "/api/v1/province/ranking?period=2026-03", as: supervisor)).json()
            #expect(api["ranking"]?.arrayValue?.count == 12)
            #expect(api["ranking"]?[0]?["score"]?.stringValue == "99.50")
        }
    }
}
