import Foundation
import MotCuaCore
import MotCuaHTTP

/// The ratings contract's routes and pages.
extension Application {
    func ratingRoutes(_ ratings: any RatingsPlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        [
            route(.post, "/api/v1/ratings", .staffOrDevice(.clerk, [.rating, .lookup]), tag: "ratings", "Rate a served ticket or dossier",
                  body: OpenAPIDocument.object(["ticket": "string", "dossier": "string", "level": "integer", "comment": "string"], required: ["level"])) { [clock] context in
                struct Submission: Decodable { var ticket: String?; var dossier: String?; var level: Int; var reasons: [String]?; var comment: String? }
                let body = try context.decode(Submission.self)
                let subject: Rating.Subject
                switch (body.ticket, body.dossier) {
                case (let ticket?, nil): subject = .ticket(ticket)
                case (nil, let dossier?): subject = .dossier(dossier)
                default:
                    throw Problem("ratings.subject", en: "Rate exactly one of a ticket or a dossier.", vi: "Hãy đánh giá đúng một phiếu số hoặc một hồ sơ.",
                                  details: [.init(field: "ticket", code: "one-of", message: LocalizedText(vi: "Chọn phiếu hoặc hồ sơ", en: "Ticket or dossier"))])
                }
                let rating = Rating(subject: subject, level: body.level, reasons: body.reasons ?? [], comment: body.comment, at: clock.now)
                return try .encoded(try ratings.submit(rating, by: context.caller.principal), status: .created)
            },
        ]
    }

    /// The ratings pages (the rating tablet).
    func ratingPages(_ ratings: any RatingsPlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        []
    }
}
