#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP

extension Application {
    /// The web pages and their embedded assets.
    func pageRoutes() -> [(route: APIRoute, implementation: RouteImplementation)] {
        let identity = self.identity
        let kinds = composition.kinds
        return [
            asset("/assets/app.css", contentType: "text/css; charset=utf-8", WebAssets.stylesheet(for: kinds)),
            asset("/assets/app.js", contentType: "text/javascript; charset=utf-8", WebAssets.script(for: kinds)),
            // Browsers ask for /favicon.ico on every page; the icon answers it instead of a 404.
            asset("/favicon.svg", contentType: "image/svg+xml", WebAssets.favicon),
            asset("/favicon.ico", contentType: "image/svg+xml", WebAssets.favicon),
            page("/", .anyone, "Home: the centre's pages, sectors, counters and hours", rendersOnceFor: ["lang"]) { context, _ in
                let supervisor = if case .staff(let account) = context.caller { account.role >= .supervisor } else { false }
                return Pages.home(context: context, devices: supervisor ? try identity.devices() : nil, pluginKinds: kinds,
                                  portal: supervisor ? try self.composition.portalSync?.syncStatus() : nil)
            },
            page(Pages.signInPath, .anyone, "Staff sign-in", rendersOnceFor: ["lang", "next"]) { context, request in
                Pages.signIn(context: context, next: request.request.query("next") ?? "/")
            },
            route(.post, Pages.signInPath, .anyone, tag: "pages",
                  "Staff sign-in from the form without JavaScript: 303 to the next page, or the page again with the reason",
                  page: true) { [self] context in
                try signInFromForm(context)
            },
            page(Pages.pairPath, .anyone, "Device pairing: enter the one-time code", rendersOnceFor: ["lang"]) { context, _ in
                Pages.pair(context: context)
            },
            page(Pages.accountPath, .staff(.clerk), "Your account: change your password") { context, _ in
                guard case .staff(let account) = context.caller else { throw Problem("auth.required", status: 401, en: "Sign in.", vi: "Hãy đăng nhập.") }
                return Pages.account(context: context, account: account)
            },
            route(.post, Pages.accountPath, .staff(.clerk), tag: "pages",
                  "Change your password from the form without JavaScript: 303 home, or the page again with the reason",
                  page: true) { [self] context in
                try changePasswordFromForm(context)
            },
            page("/admin/staff", .staff(.admin), "Staff accounts") { context, _ in
                Pages.staffAdmin(context: context, accounts: try identity.accounts())
            },
            page("/admin/devices", .staff(.supervisor), "Paired devices and pairing codes") { context, _ in
                Pages.deviceAdmin(context: context, devices: try identity.devices())
            },
        ]
    }

    /// Signs in with the fields of the sign-in form posted without JavaScript: a session cookie
    /// and 303 to the next page (the account page first after a one-time password), or the
    /// sign-in page again with the reason, in the status the API would answer.
    private func signInFromForm(_ context: RequestContext) throws -> HTTPResponse {
        let next = HTML.localPath(context.request.query("next") ?? "/")
        let form = try Self.formFields(context.request)
        var login = ""
        do {
            login = try form("login").trimmingSpaces()
            let password = try form("password")
            guard !login.isEmpty, !password.isEmpty else {
                throw Problem("identity.bad-credentials", status: 400, en: "Type your login and your password.",
                              vi: "Hãy nhập tên đăng nhập và mật khẩu.")
            }
            let session = try identity.signIn(id: login, password: password, remote: context.clientAddress)
            var response = HTTPResponse(status: .seeOther)
            response.headers.add("Location", session.account.mustChangePassword ? Pages.accountPath : next)
            response.headers.add("Set-Cookie", Cookies.set(Cookies.session, session.token, maxAge: Int(identity.policy.sessionLifetime)))
            response.headers.add("Cache-Control", "no-store")
            return response
        } catch let problem as Problem {
            var response = HTTPResponse.html(Pages.signIn(context: pageContext(context), next: next, login: login, error: problem.message),
                                             status: .motcua(problem.status))
            response.headers.add("Cache-Control", "no-store")
            return response
        }
    }

    /// Changes the caller's password with the fields of the account page's form posted without
    /// JavaScript: 303 to the home page, or the account page again with the reason.
    private func changePasswordFromForm(_ context: RequestContext) throws -> HTTPResponse {
        guard case .staff(let account) = context.caller else { throw Problem("auth.required", status: 401, en: "Sign in.", vi: "Hãy đăng nhập.") }
        let form = try Self.formFields(context.request)
        do {
            _ = try Self.changeOwnPassword(context, identity: identity, current: form("current"), new: form("password"), confirm: form("confirm"))
            var response = HTTPResponse(status: .seeOther)
            response.headers.add("Location", "/")
            return response
        } catch let problem as Problem {
            let reason = problem.details.first.map { LocalizedText(vi: problem.message.vi + " " + $0.message.vi, en: problem.message.en + " " + $0.message.en) }
            var response = HTTPResponse.html(Pages.account(context: pageContext(context), account: account, error: reason ?? problem.message),
                                             status: .motcua(problem.status))
            response.headers.add("Cache-Control", "no-store")
            return response
        }
    }

    /// The fields of an HTML form posted without JavaScript, by name ("" when absent), each
    /// refused when it holds a control character.
    static func formFields(_ request: HTTPRequest) throws -> (String) throws -> String {
        guard let items = request.formItems else {
            throw Problem("request.content-type", status: 415, en: "Send the form as the page does (application/x-www-form-urlencoded).",
                          vi: "Hãy gửi biểu mẫu như trang vẫn gửi (application/x-www-form-urlencoded).")
        }
        return { name in
            let value = items.first { $0.name == name }?.value ?? ""
            try TextInput.check(value, field: name)
            return value
        }
    }

    /// What a page answers when the caller may not see it: citizens go to sign in, others see why not.
    func pageRefusal(_ problem: Problem, context: RequestContext) throws -> HTTPResponse {
        if case .citizen = context.caller {
            let next = context.request.path.percentEncoded(keeping: PlainText.isAlphanumeric)
            var response = HTTPResponse(status: .seeOther)
            response.headers.add("Location", "\(Pages.signInPath)?next=\(next)")
            return response
        }
        var response = HTTPResponse.html(Pages.forbidden(context: pageContext(context), message: problem.message), status: .forbidden)
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    private func page(_ path: String, _ access: Access, _ summary: String, rendersOnceFor: Set<String>? = nil,
                      _ render: @escaping @Sendable (PageContext, RequestContext) throws -> Markup) -> (route: APIRoute, implementation: RouteImplementation) {
        route(.get, path, access, tag: "pages", summary, page: true, rendersOnceFor: rendersOnceFor) { [self] context in
            var response = HTTPResponse.html(try render(pageContext(context), context))
            response.headers.add("Cache-Control", "no-store")
            // A language chosen with ?lang= sticks for the next pages.
            if let chosen = context.request.query("lang"), Language(rawValue: chosen) != nil {
                response.headers.add("Set-Cookie", "\(Cookies.language)=\(chosen); Path=/; Max-Age=31536000; SameSite=Strict")
            }
            return response
        }
    }

    private func asset(_ path: String, contentType: String, _ bytes: [UInt8]) -> (route: APIRoute, implementation: RouteImplementation) {
        var response = HTTPResponse(status: .ok, body: bytes)
        response.headers.add("Content-Type", contentType)
        response.headers.add("Cache-Control", "public, max-age=3600")
        return (APIRoute(method: .get, path: path, access: .anyone, summary: "Embedded asset", tag: "pages", isPage: true,
                         requestSchema: nil, exampleParameters: [:]), .cached(response))
    }

    /// The context every page of this request renders with.
    func pageContext(_ context: RequestContext) -> PageContext {
        var offers: PageContext.Offers = []
        if !composition.payments.isEmpty { offers.insert(.payments) }
        if composition.ratings != nil { offers.insert(.ratings) }
        if appointments != nil { offers.insert(.booking) }
        var page = PageContext(language: context.language, deployment: deployment, caller: context.caller, path: context.request.path, offers: offers)
        // Staff pages name colleagues (histories, receipts, report cuts) by their names, not logins.
        if case .staff = context.caller, let names = try? identity.displayNamesByLogin() {
            page.staffNames = names
        }
        page.csrfToken = BrowserSafety.token(for: context.request)
        page.basePath = context.request.basePath
        return page
    }
}
