#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP

/// The national portal add-on's routes: online dossiers in, the sender's status, a resend.
extension Application {
    func portalRoutes(_ sync: any PortalSyncPlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        let composition = self.composition
        return [
            route(.post, "/api/v1/intake/import", .staff(.supervisor), tag: "intake",
                  "Import dossiers filed on the national portal, in the portal's field names; a repeated import changes nothing",
                  body: OpenAPIDocument.object(["data": "array"], required: ["data"])) { context in
                let body = try context.decode(JSONValue.self)
                let outcomes = try PortalImporter.make(composition).run(body, by: context.caller.principal)
                let accepted = outcomes.contains { $0.state != .refused }
                return .json(PortalImporter.json(outcomes), status: accepted ? .ok : .unprocessableContent)
            },
            route(.get, "/api/v1/portal/status", .staff(.supervisor), tag: "intake",
                  "The national portal sender: entries waiting, the oldest unsent, the last error and the last success") { _ in
                .json(try JSONValueEncoder().encode(try sync.syncStatus()))
            },
            route(.post, "/api/v1/dossiers/:code/portal-resend", .staff(.supervisor), tag: "intake",
                  "Send one dossier to the national portal again, whole", example: ["code": "X-260101-0001"]) { context in
                let code = context.parameter("code")
                try sync.resend(dossier: code, by: context.caller.principal)
                return .json(try JSONValueEncoder().encode(try sync.syncState(dossier: code)), status: .accepted)
            },
        ]
    }
}
