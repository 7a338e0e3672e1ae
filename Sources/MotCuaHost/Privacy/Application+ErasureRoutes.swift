import MotCuaCore
import MotCuaHTTP

/// A citizen's erasure request, accepted by a supervisor (Docs/Privacy.md).
extension Application {
    func erasureRoutes() -> [(route: APIRoute, implementation: RouteImplementation)] {
        let retention = PersonalDataRetention(composition: composition, store: store, clock: clock)
        return [
            route(.post, "/api/v1/dossiers/:code/erasure", .staff(.supervisor), tag: "intake",
                  "Erase a closed dossier's personal data at the citizen's request, with the reason (journalled)",
                  body: OpenAPIDocument.object(["reason": "string"], required: ["reason"]), example: ["code": "X-260101-0001"]) { context in
                struct Erasure: Decodable { var reason: String? }
                let body = try context.decode(Erasure.self)
                let code = context.parameter("code")
                try retention.erase(dossier: code, reason: body.reason ?? "", by: context.caller.principal)
                return .json(.object(JSONObject([("code", .string(code)), ("erased", .bool(true))])))
            },
        ]
    }
}
