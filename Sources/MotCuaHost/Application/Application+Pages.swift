import Foundation
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
            page("/", .anyone, "Home: the centre's pages, sectors, counters and hours") { context, _ in
                let supervisor = if case .staff(let account) = context.caller { account.role >= .supervisor } else { false }
                return Pages.home(context: context, devices: supervisor ? try identity.devices() : nil, pluginKinds: kinds,
                                  portal: supervisor ? try self.composition.portalSync?.syncStatus() : nil)
            },
            page(Pages.signInPath, .anyone, "Staff sign-in") { context, request in
                Pages.signIn(context: context, next: request.request.query("next") ?? "/")
            },
            page(Pages.pairPath, .anyone, "Device pairing: enter the one-time code") { context, _ in
                Pages.pair(context: context)
            },
            page(Pages.accountPath, .staff(.clerk), "Your account: change your password") { context, _ in
                guard case .staff(let account) = context.caller else { throw Problem("auth.required", status: 401, en: "Sign in.", vi: "Hãy đăng nhập.") }
                return Pages.account(context: context, account: account)
            },
            page("/admin/staff", .staff(.admin), "Staff accounts") { context, _ in
                Pages.staffAdmin(context: context, accounts: try identity.accounts())
            },
            page("/admin/devices", .staff(.supervisor), "Paired devices and pairing codes") { context, _ in
                Pages.deviceAdmin(context: context, devices: try identity.devices())
            },
        ]
    }

    /// What a page answers when the caller may not see it: citizens go to sign in, others see why not.
    func pageRefusal(_ problem: Problem, context: RequestContext) throws -> HTTPResponse {
        if case .citizen = context.caller {
            let next = context.request.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            var response = HTTPResponse(status: .seeOther)
            response.headers.add("Location", "\(Pages.signInPath)?next=\(next)")
            return response
        }
        var response = HTTPResponse.html(Pages.forbidden(context: pageContext(context), message: problem.message), status: .forbidden)
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    private func page(_ path: String, _ access: Access, _ summary: String,
                      _ render: @escaping @Sendable (PageContext, RequestContext) throws -> Markup) -> (route: APIRoute, implementation: RouteImplementation) {
        route(.get, path, access, tag: "pages", summary, page: true) { [self] context in
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
        page.csrfToken = BrowserSafety.token(for: context.request)
        return page
    }
}
