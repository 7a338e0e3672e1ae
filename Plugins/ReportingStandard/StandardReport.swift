#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// One fact row's dimensions, for cutting.
struct Dimensions: Sendable {
    var sector: String?
    var procedure: String?
    var counter: String?
    var clerk: String?

    func value(_ dimension: ReportCut.Dimension) -> String? {
        switch dimension {
        case .sector: sector
        case .procedure: procedure
        case .counter: counter
        case .clerk: clerk
        }
    }
}

struct TicketFact: Sendable {
    var dimensions: Dimensions
    var hour: Int
    var waitSeconds: Int?
    var serviceSeconds: Int?
    var outcome: String?
}

struct DossierFact: Sendable {
    var dimensions: Dimensions
    var channel: String
    var receivedInPeriod: Bool
    var doneInPeriod: Bool
    var doneDay: String?
    var verdict: String?
    var returnedInPeriod: Bool
    var openAtEnd: Bool
    var dueMilliseconds: Int64?
}

struct PaymentFact: Sendable {
    var dimensions: Dimensions
    var method: String
    var total: Int64
}

struct RatingFact: Sendable {
    var dimensions: Dimensions
    var day: String
    var level: Int
    var scale: Int

    /// Satisfied: above the middle of the scale (4 and 5 of 5).
    var satisfied: Bool { level > (scale + 1) / 2 }
}

/// The fact rows a period's report is computed from.
struct PeriodFacts: Sendable {
    var tickets: [TicketFact] = []
    var dossiers: [DossierFact] = []
    var payments: [PaymentFact] = []
    var ratings: [RatingFact] = []
    /// The instant "in process at the end" is judged at: the period's end, or now if sooner.
    var endMilliseconds: Int64 = 0

    static func load(period: ReportPeriod, store: any Store, calendar: WorkingCalendar, now: Date) throws -> PeriodFacts {
        let from = SQLValue.text(period.from.description)
        let to = SQLValue.text(period.to.description)
        let end = min(JournalEntry.milliseconds(calendar.instant(period.to.adding(days: 1), LocalTime(hour: 0, minute: 0)!)),
                      JournalEntry.milliseconds(now))
        return try store.read { database in
            var facts = PeriodFacts()
            facts.endMilliseconds = end
            for row in try database.query("""
                SELECT t.sector, COALESCE(t.procedure, d.procedure) AS procedure, t.counter, t.clerk, t.hour, t.wait_s, t.service_s, t.outcome
                FROM reporting_standard_tickets t LEFT JOIN reporting_standard_dossiers d ON d.ticket = t.subject
                WHERE t.day >= ? AND t.day <= ?
                """, [from, to]) {
                facts.tickets.append(TicketFact(
                    dimensions: Dimensions(sector: try row.optionalString("sector"), procedure: try row.optionalString("procedure"),
                                           counter: try row.optionalString("counter"), clerk: try row.optionalString("clerk")),
                    hour: try row.int("hour"), waitSeconds: try row.optionalInt64("wait_s").map(Int.init),
                    serviceSeconds: try row.optionalInt64("service_s").map(Int.init), outcome: try row.optionalString("outcome")))
            }
            for row in try database.query("""
                SELECT sector, procedure, counter, clerk, channel, received_day, received_ms, done_day, verdict, returned_day, ended_ms, due_ms
                FROM reporting_standard_dossiers WHERE subject IN (
                    SELECT subject FROM reporting_standard_dossiers WHERE received_day >= ? AND received_day <= ?
                    UNION SELECT subject FROM reporting_standard_dossiers WHERE done_day >= ? AND done_day <= ?
                    UNION SELECT subject FROM reporting_standard_dossiers WHERE returned_day >= ? AND returned_day <= ?
                    UNION SELECT subject FROM reporting_standard_dossiers WHERE ended_ms IS NULL AND received_ms < ?
                    UNION SELECT subject FROM reporting_standard_dossiers WHERE ended_ms >= ? AND received_ms < ?)
                """, [from, to, from, to, from, to, .integer(end), .integer(end), .integer(end)]) {
                func within(_ column: String) throws -> Bool {
                    guard let day = try row.optionalString(column) else { return false }
                    return day >= period.from.description && day <= period.to.description
                }
                let ended = try row.optionalInt64("ended_ms")
                facts.dossiers.append(DossierFact(
                    dimensions: Dimensions(sector: try row.optionalString("sector"), procedure: try row.optionalString("procedure"),
                                           counter: try row.optionalString("counter"), clerk: try row.optionalString("clerk")),
                    channel: try row.optionalString("channel") ?? "counter", receivedInPeriod: try within("received_day"),
                    doneInPeriod: try within("done_day"), doneDay: try row.optionalString("done_day"), verdict: try row.optionalString("verdict"),
                    returnedInPeriod: try within("returned_day"),
                    openAtEnd: try row.int64("received_ms") < end && (ended == nil || ended! >= end),
                    dueMilliseconds: try row.optionalInt64("due_ms")))
            }
            for row in try database.query("""
                SELECT p.method, p.total, p.sector, p.procedure, p.clerk, d.counter FROM reporting_standard_payments p
                LEFT JOIN reporting_standard_dossiers d ON d.subject = 'dossier:' || p.dossier
                WHERE p.day >= ? AND p.day <= ? AND p.voided = 0
                """, [from, to]) {
                facts.payments.append(PaymentFact(
                    dimensions: Dimensions(sector: try row.optionalString("sector"), procedure: try row.optionalString("procedure"),
                                           counter: try row.optionalString("counter"), clerk: try row.optionalString("clerk")),
                    method: try row.optionalString("method") ?? "?", total: try row.int64("total")))
            }
            for row in try database.query("""
                SELECT r.day, r.level, r.scale, r.counter, r.clerk, r.sector, COALESCE(d.procedure, t.procedure) AS procedure
                FROM reporting_standard_ratings r
                LEFT JOIN reporting_standard_dossiers d ON d.subject = r.subject
                LEFT JOIN reporting_standard_tickets t ON t.subject = r.subject
                WHERE r.day >= ? AND r.day <= ?
                """, [from, to]) {
                facts.ratings.append(RatingFact(
                    dimensions: Dimensions(sector: try row.optionalString("sector"), procedure: try row.optionalString("procedure"),
                                           counter: try row.optionalString("counter"), clerk: try row.optionalString("clerk")),
                    day: try row.string("day"), level: try row.int("level"), scale: max(1, try row.int("scale"))))
            }
            return facts
        }
    }

    /// Only the rows whose `dimension` is `value`.
    func restricted(to dimension: ReportCut.Dimension, _ value: String) -> PeriodFacts {
        var copy = self
        copy.tickets = tickets.filter { $0.dimensions.value(dimension) == value }
        copy.dossiers = dossiers.filter { $0.dimensions.value(dimension) == value }
        copy.payments = payments.filter { $0.dimensions.value(dimension) == value }
        copy.ratings = ratings.filter { $0.dimensions.value(dimension) == value }
        return copy
    }

    /// Every value of `dimension` that occurs, sorted; `-` for rows without one.
    func values(of dimension: ReportCut.Dimension) -> [String] {
        var all = Set<String>()
        for fact in tickets { all.insert(fact.dimensions.value(dimension) ?? "-") }
        for fact in dossiers { all.insert(fact.dimensions.value(dimension) ?? "-") }
        for fact in payments { all.insert(fact.dimensions.value(dimension) ?? "-") }
        for fact in ratings { all.insert(fact.dimensions.value(dimension) ?? "-") }
        return all.sorted()
    }
}

/// The nearest-rank percentile (p in 0…100) of values, or nil for none.
func percentile(_ sorted: [Int], _ p: Int) -> Int? {
    guard !sorted.isEmpty else { return nil }
    let rank = max(1, (p * sorted.count + 99) / 100)
    return sorted[min(sorted.count, rank) - 1]
}

/// The numbers of one period, as exact figures.
struct Headline {
    var issued = 0, served = 0, noShow = 0
    var waitMedian: Int?, waitP90: Int?, serviceMedian: Int?, serviceP90: Int?
    var received = 0
    var byChannel: [String: Int] = [:]
    var early = 0, onTime = 0, late = 0
    var openWithin = 0, openPast = 0
    var returned = 0
    var fees: Int64 = 0
    var feesByMethod: [String: Int64] = [:]
    var receipts = 0
    var ratings = 0
    var levels: [Int: Int] = [:]
    var satisfied = 0

    init(_ facts: PeriodFacts) {
        issued = facts.tickets.count
        served = facts.tickets.count { $0.outcome == "served" }
        noShow = facts.tickets.count { $0.outcome == "noShow" }
        let waits = facts.tickets.compactMap(\.waitSeconds).sorted()
        let services = facts.tickets.compactMap { $0.outcome == "served" ? $0.serviceSeconds : nil }.sorted()
        waitMedian = percentile(waits, 50); waitP90 = percentile(waits, 90)
        serviceMedian = percentile(services, 50); serviceP90 = percentile(services, 90)
        for dossier in facts.dossiers {
            if dossier.receivedInPeriod {
                received += 1
                byChannel[dossier.channel, default: 0] += 1
            }
            if dossier.doneInPeriod {
                switch dossier.verdict {
                case "early": early += 1
                case "late": late += 1
                default: onTime += 1
                }
            }
            if dossier.returnedInPeriod { returned += 1 }
            if dossier.openAtEnd {
                if let due = dossier.dueMilliseconds, due < facts.endMilliseconds { openPast += 1 } else { openWithin += 1 }
            }
        }
        for payment in facts.payments {
            fees += payment.total
            feesByMethod[payment.method, default: 0] += payment.total
            receipts += 1
        }
        ratings = facts.ratings.count
        for rating in facts.ratings {
            levels[rating.level, default: 0] += 1
            if rating.satisfied { satisfied += 1 }
        }
    }

    var finished: Int { early + onTime + late }
    /// Early or on time among finished dossiers, per mille.
    var onTimePerMille: Int? { finished == 0 ? nil : (early + onTime) * 1000 / finished }
    var satisfiedPerMille: Int? { ratings == 0 ? nil : satisfied * 1000 / ratings }
}

/// Builds the `period` report from a period's facts.
struct StandardReport {
    let facts: PeriodFacts
    let period: ReportPeriod
    let cut: ReportCut?
    let waitBuckets: [Int]

    private static func text(_ vi: String, _ en: String) -> LocalizedText { LocalizedText(vi: vi, en: en) }

    static let dimensionNames: [ReportCut.Dimension: LocalizedText] = [
        .sector: text("Lĩnh vực", "Sector"), .procedure: text("Thủ tục", "Procedure"),
        .counter: text("Quầy", "Counter"), .clerk: text("Cán bộ", "Clerk"),
    ]
    /// The cuts the portal has codes for (`MaLinhVuc`, `MaTTHC`).
    static let portalDimensions: [ReportCut.Dimension: PortalMapping.Dimension] = [.sector: .sector, .procedure: .procedure]
    /// The reception channels, in words.
    static let channels: [(id: String, name: LocalizedText, how: String)] = [
        ("counter", text("Trực tiếp tại quầy", "At the counter"), "at the counter"),
        ("online", text("Trực tuyến", "Online"), "online"),
        ("postal", text("Qua bưu chính", "By post"), "by post"),
    ]

    /// How a fee was paid, in words.
    static func methodName(_ method: String) -> LocalizedText {
        switch method {
        case "cash": text("Tiền mặt", "Cash")
        case "transfer": text("Chuyển khoản", "Bank transfer")
        default: text("Hình thức khác", "Other method")
        }
    }

    private static func minutes(_ seconds: Int?) -> String {
        guard let seconds else { return "—" }
        return "\(seconds / 60):\((seconds % 60).zeroPadded(2))"
    }
    private static func perMille(_ value: Int?) -> String {
        guard let value else { return "—" }
        return "\(value / 10),\(value % 10) %"
    }

    func report() -> Report {
        var scoped = facts
        if let cut, let value = cut.value { scoped = facts.restricted(to: cut.dimension, value) }
        let headline = Headline(scoped)
        var tables: [Report.Table] = []
        let figures = Self.figures(headline)
        tables.append(Report.Table(id: "summary", title: Self.text("Tổng hợp", "Summary"),
                                   columns: [Self.text("Chỉ tiêu", "Figure"), Self.text("Giá trị", "Value")],
                                   rows: figures.map { [$0.title.vi, $0.text] }, labels: figures.map(\.title)))
        tables.append(Report.Table(id: "dossiers-by-channel", title: Self.text("Hồ sơ tiếp nhận theo kênh", "Dossiers received by channel"),
                                   columns: [Self.text("Kênh", "Channel"), Self.text("Số hồ sơ", "Dossiers")],
                                   rows: Self.channels.map { [$0.name.vi, String(headline.byChannel[$0.id] ?? 0)] },
                                   labels: Self.channels.map(\.name),
                                   portalKeys: .init(.channel, ids: Self.channels.map(\.id))))
        let fees = headline.feesByMethod.sorted { $0.key < $1.key }
        tables.append(Report.Table(id: "fees-by-method", title: Self.text("Phí, lệ phí theo hình thức", "Fees by method"),
                                   columns: [Self.text("Hình thức", "Method"), Self.text("Số tiền (đồng)", "Amount (đồng)")],
                                   rows: fees.map { [Self.methodName($0.key).vi, String($0.value)] }, labels: fees.map { Self.methodName($0.key) }))
        let scale = max(5, scoped.ratings.map(\.scale).max() ?? 5)
        tables.append(Report.Table(id: "satisfaction", title: Self.text("Mức độ hài lòng", "Satisfaction"),
                                   columns: [Self.text("Mức", "Level"), Self.text("Số lượt", "Ratings")],
                                   rows: (1...scale).reversed().map { [String($0), String(headline.levels[$0] ?? 0)] }))
        let charts = charts(scoped)
        for chart in charts {
            tables.append(Report.Table(id: chart.id, title: chart.title, columns: [Self.text("Nhãn", "Label"), Self.text("Giá trị", "Value")],
                                       rows: zip(chart.labels, chart.values).map { [$0, $1.map { $0.fixed(1) } ?? "—"] }))
        }
        var parts: [Report.Part]?
        if let cut, cut.value == nil {
            let values = facts.values(of: cut.dimension)
            var found: [Report.Part] = []
            let rows = values.map { value -> [String] in
                let part = Headline(value == "-" ? PeriodFacts(
                    tickets: facts.tickets.filter { $0.dimensions.value(cut.dimension) == nil },
                    dossiers: facts.dossiers.filter { $0.dimensions.value(cut.dimension) == nil },
                    payments: facts.payments.filter { $0.dimensions.value(cut.dimension) == nil },
                    ratings: facts.ratings.filter { $0.dimensions.value(cut.dimension) == nil },
                    endMilliseconds: facts.endMilliseconds) : facts.restricted(to: cut.dimension, value))
                found.append(Report.Part(value: value, figures: Self.figures(part)))
                return [value, String(part.issued), String(part.served), String(part.noShow), Self.minutes(part.waitMedian),
                        String(part.received), String(part.early + part.onTime), String(part.late), String(part.openPast),
                        String(part.fees), String(part.ratings), Self.perMille(part.satisfiedPerMille)]
            }
            let name = Self.dimensionNames[cut.dimension]!
            tables.insert(Report.Table(id: "by-\(cut.dimension.rawValue)", title: Self.text("Theo \(name.vi.lowercased())", "By \(name.en.lowercased())"),
                                       columns: [name, Self.text("Phiếu cấp", "Issued"),
                                                 Self.text("Đã phục vụ", "Served"), Self.text("Vắng mặt", "No-show"),
                                                 Self.text("Chờ (trung vị)", "Wait (median)"), Self.text("Hồ sơ nhận", "Received"),
                                                 Self.text("Đúng/trước hạn", "On time/early"), Self.text("Trễ hạn", "Late"),
                                                 Self.text("Đang xử lý quá hạn", "Open past due"), Self.text("Phí (đồng)", "Fees (đồng)"),
                                                 Self.text("Lượt đánh giá", "Ratings"), Self.text("Hài lòng", "Satisfied")],
                                       rows: rows, portalKeys: Self.portalDimensions[cut.dimension].map { .init($0, ids: values) }), at: 1)
            parts = found
        }
        return Report(id: "period", title: Self.text("Báo cáo định kỳ", "Period report"), period: period, tables: tables,
                      figures: figures, charts: charts, cut: cut, parts: parts)
    }

    static func figures(_ h: Headline) -> [Report.Figure] {
        var figures: [Report.Figure] = [
            .init(id: "tickets.issued", title: text("Phiếu đã cấp", "Tickets issued"), value: Int64(h.issued)),
            .init(id: "tickets.served", title: text("Phiếu đã phục vụ", "Tickets served"), value: Int64(h.served)),
            .init(id: "tickets.no-show", title: text("Phiếu vắng mặt", "No-shows"), value: Int64(h.noShow)),
            .init(id: "tickets.wait-median-seconds", title: text("Thời gian chờ, trung vị (giây)", "Wait, median (s)"), value: Int64(h.waitMedian ?? 0)),
            .init(id: "tickets.wait-p90-seconds", title: text("Thời gian chờ, p90 (giây)", "Wait, p90 (s)"), value: Int64(h.waitP90 ?? 0)),
            .init(id: "tickets.service-median-seconds", title: text("Thời gian phục vụ, trung vị (giây)", "Service, median (s)"), value: Int64(h.serviceMedian ?? 0)),
            .init(id: "tickets.service-p90-seconds", title: text("Thời gian phục vụ, p90 (giây)", "Service, p90 (s)"), value: Int64(h.serviceP90 ?? 0)),
            .init(id: "dossiers.received", title: text("Hồ sơ tiếp nhận", "Dossiers received"), value: Int64(h.received)),
        ]
        for channel in channels {
            figures.append(.init(id: "dossiers.received.\(channel.id)", title: text("Tiếp nhận \(channel.name.vi.lowercased())", "Received \(channel.how)"),
                                 value: Int64(h.byChannel[channel.id] ?? 0)))
        }
        figures += [
            .init(id: "dossiers.early", title: text("Giải quyết trước hạn", "Done early"), value: Int64(h.early)),
            .init(id: "dossiers.on-time", title: text("Giải quyết đúng hạn", "Done on time"), value: Int64(h.onTime)),
            .init(id: "dossiers.late", title: text("Giải quyết trễ hạn", "Done late"), value: Int64(h.late)),
            .init(id: "dossiers.open-within", title: text("Đang giải quyết trong hạn", "In process within deadline"), value: Int64(h.openWithin)),
            .init(id: "dossiers.open-past", title: text("Đang giải quyết quá hạn", "In process past deadline"), value: Int64(h.openPast)),
            .init(id: "dossiers.returned", title: text("Đã trả kết quả", "Returned"), value: Int64(h.returned)),
            .init(id: "fees.total", title: text("Phí, lệ phí đã thu (đồng)", "Fees collected (đồng)"), value: h.fees),
            .init(id: "fees.receipts", title: text("Số biên lai", "Receipts"), value: Int64(h.receipts)),
        ]
        for (method, amount) in h.feesByMethod.sorted(by: { $0.key < $1.key }) {
            let name = methodName(method)
            figures.append(.init(id: "fees.\(method)", title: text("Thu \(name.vi.lowercased()) (đồng)", "Collected by \(name.en.lowercased()) (đồng)"), value: amount))
        }
        figures.append(.init(id: "ratings.total", title: text("Lượt đánh giá", "Ratings"), value: Int64(h.ratings)))
        for level in h.levels.keys.sorted(by: >) {
            figures.append(.init(id: "ratings.level-\(level)", title: text("Đánh giá mức \(level)", "Ratings at level \(level)"), value: Int64(h.levels[level]!)))
        }
        figures.append(.init(id: "ratings.satisfied", title: text("Lượt hài lòng", "Satisfied ratings"), value: Int64(h.satisfied)))
        figures.append(.init(id: "ratings.satisfied-percent", title: text("Tỷ lệ hài lòng (%)", "Satisfied (%)"),
                             value: Int64(h.satisfiedPerMille ?? 0), decimals: 1))
        figures.append(.init(id: "dossiers.on-time-percent", title: text("Tỷ lệ đúng hạn (%)", "On time or early (%)"),
                             value: Int64(h.onTimePerMille ?? 0), decimals: 1))
        return figures
    }

    /// Over-time charts go by day for periods up to 62 days, by month beyond.
    func charts(_ facts: PeriodFacts) -> [Report.Chart] {
        var byHour = Array(repeating: 0, count: 24)
        for ticket in facts.tickets { byHour[max(0, min(23, ticket.hour))] += 1 }
        let hours = Array((byHour.firstIndex { $0 > 0 } ?? 7)...(byHour.lastIndex { $0 > 0 } ?? 17))
        var buckets = Array(repeating: 0, count: waitBuckets.count + 1)
        for wait in facts.tickets.compactMap(\.waitSeconds) {
            buckets[waitBuckets.firstIndex { wait < $0 * 60 } ?? waitBuckets.count] += 1
        }
        var bucketLabels: [String] = []
        var lower = 0
        for upper in waitBuckets { bucketLabels.append("\(lower)–\(upper)'"); lower = upper }
        bucketLabels.append("≥\(lower)'")

        let byDay = period.from.days(to: period.to) < 62
        func key(_ day: String) -> String { byDay ? day : String(day.prefix(7)) }
        var keys: [String] = []
        for day in period.days.map(\.description) where keys.last != key(day) { keys.append(key(day)) }
        var finished: [String: (good: Int, all: Int)] = [:]
        for dossier in facts.dossiers where dossier.doneInPeriod {
            guard let day = dossier.doneDay else { continue }
            let good = dossier.verdict == "late" ? 0 : 1
            finished[key(day), default: (0, 0)].good += good
            finished[key(day), default: (0, 0)].all += 1
        }
        var satisfied: [String: (good: Int, all: Int)] = [:]
        for rating in facts.ratings {
            satisfied[key(rating.day), default: (0, 0)].good += rating.satisfied ? 1 : 0
            satisfied[key(rating.day), default: (0, 0)].all += 1
        }
        func rate(_ map: [String: (good: Int, all: Int)], _ key: String) -> Double? {
            guard let value = map[key], value.all > 0 else { return nil }
            return Double(value.good) * 100 / Double(value.all)
        }
        let labels = keys.map { byDay ? String($0.suffix(5)) : $0 }
        return [
            Report.Chart(id: "tickets-by-hour", title: Self.text("Phiếu theo giờ", "Tickets by hour"), style: .bars, unit: "phiếu",
                         labels: hours.map { "\($0)h" }, values: hours.map { Double(byHour[$0]) }),
            Report.Chart(id: "wait-distribution", title: Self.text("Phân bố thời gian chờ", "Wait-time distribution"), style: .bars, unit: "phiếu",
                         labels: bucketLabels, values: buckets.map(Double.init)),
            Report.Chart(id: "on-time-rate", title: Self.text("Tỷ lệ đúng hạn theo thời gian", "On-time rate over time"), style: .line, unit: "%",
                         labels: labels, values: keys.map { rate(finished, $0) }),
            Report.Chart(id: "satisfaction-over-time", title: Self.text("Tỷ lệ hài lòng theo thời gian", "Satisfaction over time"), style: .line, unit: "%",
                         labels: labels, values: keys.map { rate(satisfied, $0) }),
        ]
    }
}
