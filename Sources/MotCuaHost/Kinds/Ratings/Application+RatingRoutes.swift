#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP

/// The ratings contract's routes and pages.
extension Application {
    func ratingRoutes(_ ratings: any RatingsPlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        [
            route(.post, "/api/v1/ratings", .staffOrDevice(.clerk, [.rating]), tag: "ratings",
                  "The counter's rating tablet rates a ticket or dossier its counter just served; staff cannot rate",
                  body: OpenAPIDocument.object(["ticket": "string", "dossier": "string", "level": "integer", "comment": "string"], required: ["level"])) { [clock] context in
                guard case .device(let device) = context.caller else { throw Self.staffCannotRate }
                guard let counter = device.counter else {
                    throw Problem("ratings.tablet-counter", status: 409, en: "This tablet belongs to no counter; pair it again with a counter.",
                                  vi: "Máy đánh giá chưa gắn với quầy; hãy ghép nối lại và chọn quầy.")
                }
                let body = try RatingSubmission.decode(context)
                // The counter is the tablet's, never the body's: the plugin refuses a service of another counter.
                let rating = Rating(subject: try body.subject(), level: body.level, reasons: body.reasons, comment: body.comment, at: clock.now,
                                    channel: .tablet, counter: counter)
                return try .encoded(try ratings.submit(rating, by: context.caller.principal), status: .created)
            },
            route(.post, "/api/v1/ratings/by-code", .anyone, tag: "ratings",
                  "A citizen rates a returned dossier with the single-use rating code printed on their receipt (and the phone's last 4 digits where asked)",
                  body: OpenAPIDocument.object(["code": "string", "phone": "string", "level": "integer", "comment": "string"], required: ["code", "level"])) { [self, clock] context in
                if case .staff = context.caller { throw Self.staffCannotRate }
                let body = try RatingSubmission.decode(context)
                guard let code = body.code?.trimmingSpaces(), !code.isEmpty else {
                    throw Problem("ratings.code-required", en: "Enter the rating code printed on your receipt.", vi: "Hãy nhập mã đánh giá in trên giấy tiếp nhận.",
                                  details: [.init(field: "code", code: "required", message: LocalizedText(vi: "Nhập mã đánh giá", en: "Enter the rating code"))])
                }
                if case .citizen = context.caller { try publicLimiter.admit(context.request.remoteAddress, code: code, at: clock.now) }
                let subject = try self.ratingCodes.subject(of: code)
                if case .dossier(let dossier) = subject, self.composition.intake?.lookupNeedsPhoneDigits == true {
                    _ = try Self.publicDossier(dossier, phone: body.phone, intake: self.composition.intake)
                }
                let rating = Rating(subject: subject, level: body.level, reasons: body.reasons, comment: body.comment, at: clock.now, channel: .lookup)
                let stored = try ratings.submit(rating, by: .citizen)
                try self.ratingCodes.markUsed(code)
                // A citizen learns only that it was recorded, not who served the dossier.
                return .json(.object(JSONObject([("recorded", .bool(true)), ("level", .number(.integer(Int64(stored.level))))])), status: .created)
            },
            route(.get, "/api/v1/ratings/scale", .anyone, tag: "ratings", "The rating scale, reasons and tablet timeout") { _ in
                try .encoded(ratings.scale)
            },
            route(.get, "/api/v1/ratings/pending", .device([.rating]), tag: "ratings",
                  "What this tablet's counter just served and is not yet rated, within the timeout") { context in
                guard case .device(let device) = context.caller, let counter = device.counter else {
                    throw Problem("ratings.tablet-counter", status: 409, en: "This tablet belongs to no counter; pair it again with a counter.",
                                  vi: "Máy đánh giá chưa gắn với quầy; hãy ghép nối lại và chọn quầy.")
                }
                guard let target = try ratings.pending(counter: counter) else { return .json(.object(JSONObject([("pending", .null)]))) }
                return .json(.object(JSONObject([("pending", try JSONValueEncoder().encode(target))])))
            },
            route(.get, "/api/v1/ratings/summary", .staff(.supervisor), tag: "ratings",
                  "Ratings per level by clerk, counter, sector, day or month: ?period=2026-03&by=clerk") { [clock, deployment] context in
                let period = try Application.reportPeriod(context, today: deployment.calendar.local(clock.now).date)
                let name = context.request.query("by") ?? "clerk"
                guard let dimension = RatingSummary.Dimension(rawValue: name) else {
                    throw Problem("ratings.unknown-dimension", en: "Unknown summary \"\(name)\"; use clerk, counter, sector, day or month.",
                                  vi: "Không có cách tổng hợp \"\(name)\"; dùng clerk, counter, sector, day hoặc month.",
                                  details: [.init(field: "by", code: "unknown", message: LocalizedText(vi: "Không hợp lệ", en: "Unknown"))])
                }
                return try .encoded(try ratings.summary(period: period, by: dimension))
            },
        ]
    }

    /// The ratings pages: the tablet and the public page.
    func ratingPages(_ ratings: any RatingsPlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        [
            route(.get, "/rating", .staffOrDevice(.supervisor, [.rating]), tag: "pages",
                  "Rating tablet: wakes when its counter finishes a ticket or returns a dossier", page: true) { [deployment] context in
                let counter: String? = switch context.caller {
                case .device(let device): device.counter
                default: context.request.query("counter").flatMap { deployment.counter($0)?.id } ?? deployment.counters.first?.id
                }
                return Application.page(Pages.ratingTablet(context: self.reportingPageContext(context), scale: ratings.scale, counter: counter))
            },
            route(.get, "/rate", .anyone, tag: "pages", "Rate a returned dossier with the rating code on the receipt", page: true) { context in
                Application.page(Pages.rateByCode(context: self.reportingPageContext(context), scale: ratings.scale, code: nil,
                                                  needsPhone: self.composition.intake?.lookupNeedsPhoneDigits ?? false))
            },
        ]
    }
}

/// The body of a rating.
struct RatingSubmission: Decodable {
    var ticket: String?
    var dossier: String?
    var code: String?
    var phone: String?
    var level: Int
    var reasons: [String]
    var comment: String?

    private enum Keys: String, CodingKey { case ticket, dossier, code, phone, level, reasons, comment }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        ticket = try container.decodeIfPresent(String.self, forKey: .ticket)
        dossier = try container.decodeIfPresent(String.self, forKey: .dossier)
        code = try container.decodeIfPresent(String.self, forKey: .code)
        phone = try container.decodeIfPresent(String.self, forKey: .phone)
        // A form posts the level as text; accept "4" as well as 4.
        if let number = try? container.decode(Int.self, forKey: .level) {
            level = number
        } else if let text = try? container.decode(String.self, forKey: .level), let number = Int(text) {
            level = number
        } else {
            throw Problem("ratings.level", en: "Choose a level on the scale.", vi: "Hãy chọn một mức đánh giá.",
                          details: [.init(field: "level", code: "required", message: LocalizedText(vi: "Chọn mức đánh giá", en: "Choose a level"))])
        }
        reasons = (try? container.decodeIfPresent([String].self, forKey: .reasons)) ?? []
        if reasons.isEmpty, let one = try? container.decodeIfPresent(String.self, forKey: .reasons) { reasons = [one] }
        comment = try container.decodeIfPresent(String.self, forKey: .comment)
    }

    static func decode(_ context: RequestContext) throws -> RatingSubmission {
        try context.decode(RatingSubmission.self)
    }

    func subject() throws -> Rating.Subject {
        switch (ticket, dossier) {
        case (let ticket?, nil): return .ticket(ticket)
        case (nil, let dossier?): return .dossier(dossier)
        default:
            throw Problem("ratings.subject", en: "Rate exactly one of a ticket or a dossier.", vi: "Hãy đánh giá đúng một phiếu số hoặc một hồ sơ.",
                          details: [.init(field: "ticket", code: "one-of", message: LocalizedText(vi: "Chọn phiếu hoặc hồ sơ", en: "Ticket or dossier"))])
        }
    }
}

extension Application {
    /// Staff never rate: a rating is the citizen's, on the counter's tablet or with their code.
    static let staffCannotRate = Problem("ratings.staff-cannot-rate", status: 403,
                                         en: "Staff cannot rate a service; the citizen rates on the counter's tablet or with the rating code on their receipt.",
                                         vi: "Cán bộ không được tự đánh giá; công dân đánh giá trên máy tại quầy hoặc bằng mã đánh giá trên giấy tiếp nhận.")

    /// The page context of a ratings or reporting page.
    func reportingPageContext(_ context: RequestContext) -> PageContext {
        pageContext(context)
    }

    /// A page's response: HTML, never cached.
    static func page(_ html: Markup) -> HTTPResponse {
        var response = HTTPResponse.html(html)
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    /// The period of a report request: `?period=2026-03` (any form ``ReportPeriod/init(parsing:)``
    /// reads) or `?from=…&to=…`; this month when neither is given.
    static func reportPeriod(_ context: RequestContext, today: LocalDate) throws -> ReportPeriod {
        if let text = context.request.query("period"), !text.isEmpty { return try ReportPeriod(parsing: text) }
        let from = context.request.query("from").flatMap { $0.isEmpty ? nil : $0 }
        let to = context.request.query("to").flatMap { $0.isEmpty ? nil : $0 }
        if from == nil, to == nil { return .containing(today, unit: .month) }
        guard let from, let start = LocalDate(iso: from), let to, let end = LocalDate(iso: to) else {
            throw Problem("report.period", en: "Give the period as ?period=2026-03 or ?from=YYYY-MM-DD&to=YYYY-MM-DD.",
                          vi: "Hãy nhập kỳ báo cáo dạng ?period=2026-03 hoặc ?from=YYYY-MM-DD&to=YYYY-MM-DD.",
                          details: [.init(field: "from", code: "invalid", message: LocalizedText(vi: "Ngày không hợp lệ", en: "Invalid date"))])
        }
        return try ReportPeriod(from: start, to: end)
    }
}
