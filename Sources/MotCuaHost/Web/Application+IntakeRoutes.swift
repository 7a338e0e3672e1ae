import Foundation
import MotCuaCore
import MotCuaHTTP

/// The intake contract's routes and pages.
extension Application {
    func intakeRoutes(_ intake: any IntakePlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        [
            route(.post, "/api/v1/dossiers", .staff(.clerk), tag: "intake", "Receive a dossier: code and appointment date",
                  body: OpenAPIDocument.object(["procedure": "string", "channel": "string", "formValues": "object", "ticketID": "string"],
                                               required: ["procedure", "formValues"])) { context in
                let request = try context.decode(IntakeRequest.self)
                return try .encoded(try intake.receive(request, by: context.caller.principal), status: .created)
            },
            route(.get, "/api/v1/dossiers/:code", .anyone, tag: "intake", "Look up a dossier; citizens see its status only",
                  example: ["code": "X-260101-0001"]) { context in
                guard let dossier = try intake.dossier(code: context.parameter("code")) else {
                    throw Problem("intake.no-such-dossier", status: 404, en: "No dossier with code \(context.parameter("code")).",
                                  vi: "Không có hồ sơ mã \(context.parameter("code")).")
                }
                if case .staff = context.caller { return try .encoded(dossier) }
                let formatter = ISO8601DateFormatter()
                return .json(.object(JSONObject([("code", .string(dossier.code)), ("procedure", .string(dossier.procedure)),
                                                 ("status", .string(dossier.status.rawValue)), ("receivedAt", .string(formatter.string(from: dossier.receivedAt))),
                                                 ("dueAt", .string(formatter.string(from: dossier.dueAt)))])))
            },
            route(.post, "/api/v1/dossiers/:code/transitions", .staff(.clerk), tag: "intake", "Move a dossier to a new status",
                  body: OpenAPIDocument.object(["status": "string", "note": "string"], required: ["status"]), example: ["code": "X-260101-0001"]) { context in
                struct Transition: Decodable { var status: Dossier.Status; var note: String? }
                let body = try context.decode(Transition.self)
                return try .encoded(try intake.transition(dossier: context.parameter("code"), to: body.status, note: body.note, by: context.caller.principal))
            },
        ]
    }

    /// The intake pages (reception, lookup, printable forms).
    func intakePages(_ intake: any IntakePlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        []
    }
}
