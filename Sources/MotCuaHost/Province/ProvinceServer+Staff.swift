#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP

/// The province's own staff: province supervisors and province administrators, kept in the
/// province's schema, signed in at the province's root and acting in every centre with their
/// role (a province supervisor reads every centre's reports, a province administrator also
/// manages each centre's staff and devices).
extension ProvinceServer {
    /// The roles a province account may hold.
    public static let provinceRoles: Set<StaffRole> = [.supervisor, .admin]

    /// The province account a request carries, as a centre sees it (`province.<login>`, with
    /// its role); nil without one, or while its one-time password is not yet changed.
    public static func staff(_ request: HTTPRequest, identity: IdentityService) throws -> StaffAccount? {
        guard let token = Cookies.value(Cookies.province, in: request), let account = try identity.account(forSession: token),
              !account.mustChangePassword, provinceRoles.contains(account.role) else { return nil }
        var seen = account
        seen.id = "province." + account.id
        seen.counter = nil
        return seen
    }

    /// The signed-in province account of a request, with its own login.
    func provinceAccount(_ request: HTTPRequest) -> StaffAccount? {
        guard let identity, let token = Cookies.value(Cookies.province, in: request) else { return nil }
        return try? identity.account(forSession: token)
    }

    /// Sign-in, sign-out, password and the province's reports.
    func staffRoutes(_ router: inout Router) {
        guard let identity else { return }
        let lifetime = Int(identity.policy.sessionLifetime)
        router.get("/signin", async: { [self] request in
            BrowserSafety.secure(page(ProvincePages.signIn(provincePage(request)), request: request))
        })
        router.get("/account", async: { [self] request in
            guard let account = provinceAccount(request) else { return BrowserSafety.secure(redirect("/signin")) }
            return BrowserSafety.secure(page(ProvincePages.account(provincePage(request), account: account), request: request))
        })
        router.post("/api/v1/province/session", async: { [self] request in
            guarded(request) {
                struct SignIn: Decodable { var login: String; var password: String }
                let body = try JSONValueDecoder().decode(SignIn.self, from: request.body)
                let session = try identity.signIn(id: body.login, password: body.password, remote: IdentityService.clientAddress(request.remoteAddress))
                guard Self.provinceRoles.contains(session.account.role) else {
                    try identity.signOut(token: session.token)
                    throw Problem("province.role", status: 403, en: "Province accounts are province supervisors or administrators.",
                                  vi: "Tài khoản cấp tỉnh chỉ là giám sát hoặc quản trị cấp tỉnh.")
                }
                var object = JSONObject([("account", try JSONValueEncoder().encode(session.account))])
                if session.account.mustChangePassword { object["next"] = .string("/account") }
                var response = HTTPResponse.json(.object(object))
                response.headers.add("Set-Cookie", "\(Cookies.province)=\(session.token); Path=/; Max-Age=\(lifetime); HttpOnly; SameSite=Strict")
                return response
            }
        })
        router.delete("/api/v1/province/session", async: { [self] request in
            guarded(request) {
                if let token = Cookies.value(Cookies.province, in: request) { try identity.signOut(token: token) }
                var response = HTTPResponse(status: .noContent)
                response.headers.add("Set-Cookie", "\(Cookies.province)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict")
                return response
            }
        })
        router.post("/api/v1/province/password", async: { [self] request in
            guarded(request) {
                struct Change: Decodable { var current: String; var password: String; var confirm: String? }
                let body = try JSONValueDecoder().decode(Change.self, from: request.body)
                if let confirm = body.confirm, confirm != body.password {
                    throw Problem("identity.passwords-differ", en: "The two new passwords differ; type the same password twice.",
                                  vi: "Hai lần nhập mật khẩu mới không khớp; hãy nhập cùng một mật khẩu hai lần.")
                }
                let account = try identity.changePassword(session: Cookies.value(Cookies.province, in: request) ?? "", current: body.current,
                                                          new: body.password, remote: IdentityService.clientAddress(request.remoteAddress))
                return .json(.object(JSONObject([("account", try JSONValueEncoder().encode(account))])))
            }
        })
        centreStaffRoutes(&router)
        router.get("/reports", async: { [self] request in
            guard let account = provinceAccount(request), !account.mustChangePassword else {
                return BrowserSafety.secure(redirect("/signin?next=%2Freports"))
            }
            return BrowserSafety.secure(reportsPage(request))
        })
        reportRoutes(&router)
    }

    /// The staff of each centre, for province accounts: the page (`/staff?centre=<unit code>`)
    /// and the list as JSON. Changes go through the centre's own staff API under its prefix,
    /// where a province administrator acts as an administrator and a supervisor is refused.
    func centreStaffRoutes(_ router: inout Router) {
        router.get("/staff", async: { [self] request in
            guard let account = provinceAccount(request), !account.mustChangePassword else {
                return BrowserSafety.secure(redirect("/signin?next=%2Fstaff"))
            }
            let code = request.query("centre") ?? ""
            let chosen = code.isEmpty ? nil : tenant(code)
            guard code.isEmpty || chosen != nil else { return BrowserSafety.secure(unknownCentre(request, segment: code)) }
            do {
                let accounts = try chosen?.application.identity.accounts() ?? []
                return BrowserSafety.secure(page(ProvincePages.centreStaff(provincePage(request), centres: tenants.map(\.deployment.centre),
                                                                           chosen: chosen, accounts: accounts), request: request))
            } catch {
                return BrowserSafety.secure(Application.response(for: error))
            }
        })
        router.get("/api/v1/province/centres/:code/staff", async: { [self] request in
            guard let account = provinceAccount(request), !account.mustChangePassword else {
                return BrowserSafety.secure(.problem(Problem("auth.required", status: 401, en: "Sign in with a province account to use this.",
                                                             vi: "Hãy đăng nhập bằng tài khoản cấp tỉnh để dùng chức năng này.")))
            }
            let code = request.parameters["code"] ?? ""
            guard let chosen = tenant(code) else { return BrowserSafety.secure(unknownCentre(request, segment: code)) }
            do {
                return BrowserSafety.secure(.json(.object(JSONObject([("centre", .string(chosen.code)),
                                                                      ("accounts", try JSONValueEncoder().encode(chosen.application.identity.accounts()))]))))
            } catch {
                return BrowserSafety.secure(Application.response(for: error))
            }
        })
    }

    /// A state-changing province request: refused when forged, its errors as JSON problems.
    private func guarded(_ request: HTTPRequest, _ body: () throws -> HTTPResponse) -> HTTPResponse {
        if let refusal = BrowserSafety.refusal(for: request) ?? BrowserSafety.contentTypeRefusal(for: request) {
            return BrowserSafety.secure(.problem(refusal))
        }
        do {
            return BrowserSafety.secure(try body())
        } catch {
            return BrowserSafety.secure(Application.response(for: error))
        }
    }

    private func redirect(_ location: String) -> HTTPResponse {
        var response = HTTPResponse(status: .seeOther)
        response.headers.add("Location", location)
        return response
    }
}
