#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP

extension Application {
    /// A route and its handler, for the route table.
    func route(_ method: HTTPMethod, _ path: String, _ access: Access, tag: String, _ summary: String,
               body: JSONValue? = nil, page: Bool = false, example: [String: String] = [:], rendersOnceFor: Set<String>? = nil,
               _ handler: @escaping RouteHandler) -> (route: APIRoute, implementation: RouteImplementation) {
        (APIRoute(method: method, path: path, access: access, summary: summary, tag: tag, isPage: page,
                  requestSchema: body, exampleParameters: example, rendersOnceFor: rendersOnceFor), .handler(handler))
    }

    /// A route answered with the same response every time.
    func cached(_ path: String, tag: String, _ summary: String, _ response: HTTPResponse) -> (route: APIRoute, implementation: RouteImplementation) {
        (APIRoute(method: .get, path: path, access: .anyone, summary: summary, tag: tag, isPage: false,
                  requestSchema: nil, exampleParameters: [:]), .cached(response))
    }

    func systemRoutes() -> [(route: APIRoute, implementation: RouteImplementation)] {
        let health = JSONValue.object(JSONObject([("status", .string("ok")), ("centre", .string(deployment.centre.id)),
                                                  ("version", .string(version))]))
        return [
            cached("/healthz", tag: "system", "Liveness: the process answers", .json(health)),
            cached("/api/v1/deployment", tag: "system", "The centre: identity, sectors, counters, hours, plugins",
                   .json(deploymentSummary())),
            (APIRoute(method: .get, path: "/api/openapi.json", access: .anyone, summary: "This document: every route of this deployment",
                      tag: "system", isPage: false, requestSchema: nil, exampleParameters: [:]), .routeDocument),
            route(.get, "/api/v1/events", .staffOrDevice(.clerk, Set(DeviceKind.allCases)), tag: "system",
                  "Live events as Server-Sent Events; ?topics=queue,intake (each device and role only its own topics)") { [hub] context in
                let topics = try EventTopics.requested(context.request.query("topics"), by: context.caller)
                let ready = JSONValue.object(JSONObject([("topics", .array(topics.map { .string($0) }))])).serialized()
                return .eventStream { stream in
                    for topic in topics { hub.subscribe(stream, to: topic) }
                    _ = stream.send(event: "ready", data: ready)
                }
            },
            route(.get, "/api/v1/journal/verify", .staff(.admin), tag: "system", "Verify the journal's hash chain") { [store] _ in
                let result = try store.verifyJournal()
                var object = JSONObject()
                object["entries"] = .number(.integer(Int64(result.entries)))
                object["intact"] = .bool(result.firstBadSequence == nil)
                if let bad = result.firstBadSequence { object["firstBadSequence"] = .number(.integer(bad)) }
                object["message"] = .string(result.message)
                return .json(.object(object))
            },
        ]
    }

    /// What `/api/v1/deployment` answers: everything a device needs to draw the centre.
    public func deploymentSummary() -> JSONValue {
        let centre = deployment.centre
        func text(_ value: LocalizedText) -> JSONValue { .object(JSONObject([("vi", .string(value.vi)), ("en", .string(value.en))])) }
        var hours = JSONObject()
        for day in Weekday.allCases {
            hours[day.manifestKey] = .array(deployment.hours.ranges(on: day).map { .string($0.description) })
        }
        let plugins: [JSONValue] = composition.plugins.map { plugin in
            let type = type(of: plugin.instance.plugin)
            return .object(JSONObject([("id", .string(plugin.id.rawValue)), ("kind", .string(type.kind.rawValue)),
                                       ("role", .string(type.role.rawValue)), ("version", .string(type.version))]))
        }
        return .object(JSONObject([
            ("centre", .object(JSONObject([
                ("id", .string(centre.id)), ("name", text(centre.name)), ("level", .string(centre.level.rawValue)),
                ("unitCode", .string(centre.unitCode)), ("province", .object(JSONObject([("code", .string(centre.province.code)),
                                                                                        ("name", text(centre.province.name))]))),
                ("timeZone", .string(centre.timeZone)),
            ]))),
            ("sectors", .array(deployment.enabledSectors.map { sector in
                .object(JSONObject([("id", .string(sector.id)), ("name", text(sector.name)),
                                    ("procedures", .number(.integer(Int64(deployment.enabledProcedures.filter { $0.sector == sector.id }.count))))]))
            })),
            ("counters", .array(deployment.counters.map { counter in
                .object(JSONObject([("id", .string(counter.id)), ("name", text(counter.name)), ("sectors", .array(counter.sectors.map { .string($0) }))]))
            })),
            ("hours", .object(hours)),
            ("kinds", .array(composition.kinds.map { .string($0.rawValue) })),
            ("plugins", .array(plugins)),
        ]))
    }

    /// Changes the caller's own password, from the API or the account page's form: the two
    /// new passwords must match (when the second is given), then the identity's rules apply.
    static func changeOwnPassword(_ context: RequestContext, identity: IdentityService,
                                  current: String, new: String, confirm: String?) throws -> StaffAccount {
        if let confirm, confirm != new {
            throw Problem("identity.passwords-differ", en: "The two new passwords differ; type the same password twice.",
                          vi: "Hai lần nhập mật khẩu mới không khớp; hãy nhập cùng một mật khẩu hai lần.",
                          details: [.init(field: "confirm", code: "differs", message: LocalizedText(vi: "Không khớp mật khẩu mới", en: "Does not match the new password"))])
        }
        let token = Cookies.value(Cookies.session, in: context.request) ?? ""
        return try identity.changePassword(session: token, current: current, new: new, remote: context.clientAddress)
    }

    func identityRoutes() -> [(route: APIRoute, implementation: RouteImplementation)] {
        let identity = self.identity
        let lifetime = Int(identity.policy.sessionLifetime)
        return [
            route(.post, "/api/v1/session", .anyone, tag: "identity", "Sign in; sets the HttpOnly session cookie",
                  body: OpenAPIDocument.object(["login": "string", "password": "string"], required: ["login", "password"])) { context in
                struct SignIn: Decodable { var login: String; var password: String }
                let body = try context.decode(SignIn.self)
                let session = try identity.signIn(id: body.login, password: body.password, remote: context.clientAddress)
                var response = try HTTPResponse.encoded(SessionReply(kind: "staff", account: session.account, device: nil,
                                                                     expiresAt: JournalEntry.isoText(session.expires),
                                                                     next: session.account.mustChangePassword ? Pages.accountPath : nil))
                response.headers.add("Set-Cookie", Cookies.set(Cookies.session, session.token, maxAge: lifetime))
                return response
            },
            route(.get, "/api/v1/session", .anyone, tag: "identity", "Who is calling: staff, device or citizen") { context in
                switch context.caller {
                case .staff(let account): try .encoded(SessionReply(kind: "staff", account: account, device: nil, expiresAt: nil,
                                                                    next: account.mustChangePassword ? Pages.accountPath : nil))
                case .device(let device): try .encoded(SessionReply(kind: "device", account: nil, device: device, expiresAt: nil, next: nil))
                case .citizen: try .encoded(SessionReply(kind: "citizen", account: nil, device: nil, expiresAt: nil, next: nil))
                }
            },
            route(.delete, "/api/v1/session", .staff(.clerk), tag: "identity", "Sign out") { context in
                if let token = Cookies.value(Cookies.session, in: context.request) { try identity.signOut(token: token) }
                var response = HTTPResponse(status: .noContent)
                response.headers.add("Set-Cookie", Cookies.clear(Cookies.session))
                return response
            },
            route(.post, Self.changePasswordPath, .staff(.clerk), tag: "identity",
                  "Change your own password; ends your other sessions and lifts a forced change",
                  body: OpenAPIDocument.object(["current": "string", "password": "string", "confirm": "string"],
                                               required: ["current", "password"])) { context in
                struct Change: Decodable { var current: String; var password: String; var confirm: String? }
                let body = try context.decode(Change.self)
                let account = try Self.changeOwnPassword(context, identity: identity, current: body.current, new: body.password, confirm: body.confirm)
                return .json(.object(JSONObject([("account", try JSONValueEncoder().encode(account))])))
            },
            route(.get, "/api/v1/staff", .staff(.admin), tag: "identity", "Staff accounts") { _ in
                .json(.object(JSONObject([("accounts", try JSONValueEncoder().encode(identity.accounts()))])))
            },
            route(.post, "/api/v1/staff", .staff(.admin), tag: "identity", "Add a staff account; without a password one is generated and shown once",
                  body: OpenAPIDocument.object(["id": "string", "displayName": "string", "role": "string", "counter": "string", "password": "string"],
                                               required: ["id", "displayName", "role"])) { [deployment] context in
                struct NewAccount: Decodable { var id: String; var displayName: String; var role: StaffRole; var counter: String?; var password: String? }
                let body = try context.decode(NewAccount.self)
                if let counter = body.counter, deployment.counter(counter) == nil {
                    throw Problem("identity.unknown-counter", en: "No counter \"\(counter)\" in this deployment.", vi: "Không có quầy \"\(counter)\".",
                                  details: [.init(field: "counter", code: "unknown", message: LocalizedText(vi: "Quầy không tồn tại", en: "Unknown counter"))])
                }
                let created = try identity.addAccount(id: body.id, displayName: body.displayName, role: body.role, counter: body.counter,
                                                      password: body.password, by: context.caller.principal)
                var object = JSONObject([("account", try JSONValueEncoder().encode(created.account))])
                if let password = created.oneTimePassword { object["oneTimePassword"] = .string(password) }
                return .json(.object(object), status: .created)
            },
            route(.post, "/api/v1/staff/:id/disable", .staff(.admin), tag: "identity", "Disable an account and end its sessions",
                  example: ["id": "someone"]) { context in
                try identity.disableAccount(context.parameter("id"), by: context.caller.principal)
                return .json(.object(JSONObject([("disabled", .string(context.parameter("id")))])))
            },
            route(.post, "/api/v1/staff/:id/enable", .staff(.admin), tag: "identity", "Enable a disabled account again",
                  example: ["id": "someone"]) { context in
                try identity.enableAccount(context.parameter("id"), by: context.caller.principal)
                return .json(.object(JSONObject([("enabled", .string(context.parameter("id")))])))
            },
            route(.post, "/api/v1/staff/:id/password", .staff(.admin), tag: "identity", "Set or generate a new password",
                  body: OpenAPIDocument.object(["password": "string"], required: []), example: ["id": "someone"]) { context in
                struct NewPassword: Decodable { var password: String? }
                let body = context.request.body.isEmpty ? NewPassword(password: nil) : try context.decode(NewPassword.self)
                let generated = try identity.setPassword(context.parameter("id"), to: body.password, by: context.caller.principal)
                var object = JSONObject([("account", .string(context.parameter("id")))])
                if let generated { object["oneTimePassword"] = .string(generated) }
                return .json(.object(object))
            },
            route(.post, "/api/v1/staff/:id/role", .staff(.admin), tag: "identity",
                  "Change an account's role; the last active administrator keeps theirs",
                  body: OpenAPIDocument.object(["role": "string"], required: ["role"]), example: ["id": "someone"]) { context in
                struct NewRole: Decodable { var role: StaffRole }
                let body = try context.decode(NewRole.self)
                try identity.setRole(context.parameter("id"), to: body.role, by: context.caller.principal)
                return .json(.object(JSONObject([("account", .string(context.parameter("id"))), ("role", .string(body.role.rawValue))])))
            },
            route(.get, "/api/v1/devices", .staff(.supervisor), tag: "identity", "Paired devices") { _ in
                .json(.object(JSONObject([("devices", try JSONValueEncoder().encode(identity.devices()))])))
            },
            route(.post, "/api/v1/devices", .staff(.supervisor), tag: "identity", "Register a device and get its one-time pairing code",
                  body: OpenAPIDocument.object(["id": "string", "kind": "string", "name": "string", "counter": "string"],
                                               required: ["id", "kind", "name"])) { [deployment] context in
                struct NewDevice: Decodable { var id: String; var kind: DeviceKind; var name: String; var counter: String? }
                let body = try context.decode(NewDevice.self)
                if let counter = body.counter, deployment.counter(counter) == nil {
                    throw Problem("identity.unknown-counter", en: "No counter \"\(counter)\" in this deployment.", vi: "Không có quầy \"\(counter)\".",
                                  details: [.init(field: "counter", code: "unknown", message: LocalizedText(vi: "Quầy không tồn tại", en: "Unknown counter"))])
                }
                let pairing = try identity.startPairing(deviceID: body.id, kind: body.kind, name: body.name, counter: body.counter,
                                                        by: context.caller.principal)
                return .json(.object(JSONObject([("device", .string(body.id)), ("code", .string(pairing.code)),
                                                 ("expiresAt", .string(JournalEntry.isoText(pairing.expires)))])), status: .created)
            },
            route(.post, "/api/v1/devices/pair", .anyone, tag: "identity", "Exchange a pairing code for the device token (cookie and body)",
                  body: OpenAPIDocument.object(["code": "string"], required: ["code"])) { context in
                struct Pair: Decodable { var code: String }
                let body = try context.decode(Pair.self)
                let paired = try identity.completePairing(code: body.code, remote: context.clientAddress)
                // `next` sends the pairing page on to the device's own screen.
                var response = HTTPResponse.json(.object(JSONObject([("device", try JSONValueEncoder().encode(paired.device)),
                                                                     ("token", .string(paired.token)),
                                                                     ("next", .string(paired.device.kind.screenPath))])))
                response.headers.add("Set-Cookie", Cookies.set(Cookies.device, paired.token, maxAge: 5 * 365 * 86_400))
                return response
            },
            route(.post, "/api/v1/devices/:id/revoke", .staff(.supervisor), tag: "identity", "Revoke a device's token",
                  example: ["id": "kiosk-1"]) { context in
                try identity.revokeDevice(context.parameter("id"), by: context.caller.principal)
                return .json(.object(JSONObject([("revoked", .string(context.parameter("id")))])))
            },
        ]
    }
}

/// The body of the session routes.
struct SessionReply: Encodable {
    var kind: String
    var account: StaffAccount?
    var device: PairedDevice?
    var expiresAt: String?
    /// Where the browser must go first: the change-password page after a one-time password.
    var next: String?
}
