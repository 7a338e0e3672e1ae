#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP
import Synchronization

/// Every centre of a province in one process (`motcua serve --province`): each a ``Tenant``
/// under `/<unit code>/`, and the province's own pages at the root.
///
/// The table of centres can change while the server runs: ``install(_:)`` puts a new or
/// recomposed centre in service for the next request, without touching the others (their
/// open streams stay connected), and ``run()`` starts its background work.
public final class ProvinceServer: Sendable {
    /// The province.
    public let province: Centre.Province
    /// The clock the province's pages read.
    public let clock: any WallClock
    /// The province's own staff (province supervisors and administrators); nil for none.
    public let identity: IdentityService?
    private let table: Mutex<[String: Tenant]>
    /// How often one address may have the province look across its centres for a refused
    /// credential (each look reads every centre): past it, the refusal stays 401.
    let crossCentreLooks = PublicLimiter(policy: .init(requestsPerWindow: 30, codesPerWindow: 0, window: 60))
    private let arrivals: AsyncStream<Tenant>
    private let arriving: AsyncStream<Tenant>.Continuation

    /// The first path segments of the province's own routes: no centre's prefix may take one.
    public static let reservedSegments: Set<String> = ["", "healthz", "assets", "favicon.svg", "favicon.ico", "api", "province", "signin", "account", "reports", "staff"]

    /// A server for `province` serving `tenants` (already checked with ``problems(_:)``).
    public init(province: Centre.Province, tenants: [Tenant], clock: any WallClock, identity: IdentityService? = nil) {
        self.province = province
        self.clock = clock
        self.identity = identity
        table = Mutex([:])
        (arrivals, arriving) = AsyncStream.makeStream(of: Tenant.self)
        for tenant in tenants { install(tenant) }
    }

    /// The centres in service, by unit code.
    public var tenants: [Tenant] {
        table.withLock { Array($0.values) }.sorted { $0.code < $1.code }
    }

    /// The centre with unit code `code`, if it is in service.
    public func tenant(_ code: String) -> Tenant? {
        table.withLock { $0[code] }
    }

    /// Puts `tenant` in service for the next request, in place of the centre with its unit
    /// code if there is one (returned: end it once its requests in flight are answered).
    @discardableResult
    public func install(_ tenant: Tenant) -> Tenant? {
        let replaced = table.withLock { table in
            let old = table[tenant.code]
            table[tenant.code] = tenant
            return old
        }
        arriving.yield(tenant)
        return replaced
    }

    /// Takes the centre with unit code `code` out of service; returns it to be ended.
    public func remove(_ code: String) -> Tenant? {
        table.withLock { $0.removeValue(forKey: code) }
    }

    /// Takes `tenant` out of service if it is still the centre under its unit code.
    func remove(_ tenant: Tenant) -> Tenant? {
        table.withLock { $0[tenant.code] === tenant ? $0.removeValue(forKey: tenant.code) : nil }
    }

    /// Runs every installed centre's background work until ``finish()`` (or cancellation).
    public func run() async {
        await withTaskGroup(of: Void.self) { [arrivals] group in
            for await tenant in arrivals {
                group.addTask { await tenant.run() }
            }
            group.cancelAll()
        }
    }

    /// Ends ``run()``: no more centres start background work.
    public func finish() {
        arriving.finish()
    }

    /// Ends every centre (their background work and plugins).
    public func endAll() async {
        for tenant in tenants { await tenant.end() }
    }

    /// Why `manifests` cannot run together on one province server: two files with the same
    /// centre id or unit code, or a unit code that is one of the province's own paths. Each
    /// line names the file, the JSON path and the fix, in `language`.
    public static func problems(_ manifests: [(file: String, deployment: Deployment)], language: Language,
                                reserved: Set<String> = reservedSegments) -> [String] {
        var lines = DuplicateCentre.find(manifests).map { $0.rendered(language) }
        for (file, deployment) in manifests where reserved.contains(deployment.centre.unitCode) {
            let code = deployment.centre.unitCode
            lines.append(language == .vi
                ? "\(file): centre.unitCode: \"\(code)\" trùng với đường dẫn /\(code) của trang tỉnh, nên trung tâm không có địa chỉ riêng — cách sửa: "
                    + "sửa mã đơn vị cho đúng mã chính thức (`motcua units search <tên xã>`)"
                : "\(file): centre.unitCode: \"\(code)\" is the province's own path /\(code), so the centre would have no address of its own — fix: "
                    + "correct the unit code to the official one (`motcua units search <commune name>`)")
        }
        return lines
    }

    // MARK: Routes

    /// The province's router: its own pages at the root, each centre under `/<unit code>/`.
    public func makeRouter() -> Router {
        var router = Router()
        let kinds = PluginKind.allCases
        router.get("/healthz") { [self] _ in
            BrowserSafety.secure(.json(.object(JSONObject([("status", .string("ok")), ("province", .string(province.code)),
                                                           ("centres", .number(.integer(Int64(tenants.count)))),
                                                           ("version", .string(MotCuaVersion.current))]))))
        }
        for (path, type, bytes) in [("/assets/app.css", "text/css; charset=utf-8", WebAssets.stylesheet(for: kinds)),
                                    ("/assets/app.js", "text/javascript; charset=utf-8", WebAssets.script(for: kinds)),
                                    ("/favicon.svg", "image/svg+xml", WebAssets.favicon), ("/favicon.ico", "image/svg+xml", WebAssets.favicon)] {
            var response = HTTPResponse(status: .ok, body: bytes)
            response.headers.add("Content-Type", type)
            response.headers.add("Cache-Control", "public, max-age=3600")
            let secured = BrowserSafety.secure(response)
            router.get(path) { _ in secured }
        }
        router.get("/", async: { [self] request in
            do {
                let period = try rankingPeriod(request)
                return BrowserSafety.secure(page(ProvincePages.home(provincePage(request), states: states(), period: period,
                                                                    ranking: try ranking(period: period)), request: request))
            } catch {
                return BrowserSafety.secure(Application.response(for: error))
            }
        })
        router.get("/api/v1/province/ranking", async: { [self] request in
            do {
                let period = try rankingPeriod(request)
                return BrowserSafety.secure(.json(.object(JSONObject([("period", .string(period.text)), ("ranking", .array(try ranking(period: period).map { rank in
                    .object(JSONObject([("rank", .number(.integer(Int64(rank.rank)))), ("of", .number(.integer(Int64(rank.of)))),
                                        ("centre", .string(rank.commune)), ("scoreHundredths", .number(.integer(rank.scoreHundredths)))]))
                }))]))))
            } catch {
                return BrowserSafety.secure(Application.response(for: error))
            }
        })
        router.get("/api/v1/province/centres", async: { [self] _ in
            BrowserSafety.secure(.json(.object(JSONObject([("centres", .array(tenants.map { tenant in
                let centre = tenant.deployment.centre
                return .object(JSONObject([("id", .string(centre.id)), ("unitCode", .string(centre.unitCode)), ("level", .string(centre.level.rawValue)),
                                           ("name", .object(JSONObject([("vi", .string(centre.name.vi)), ("en", .string(centre.name.en))]))),
                                           ("path", .string(tenant.prefix + "/"))]))
            }))]))))
        })
        staffRoutes(&router)
        router.fallback = .async { [self] request in
            await dispatch(request)
        }
        return router
    }

    /// A request under a centre's prefix goes to that centre; any other path is unknown.
    private func dispatch(_ request: HTTPRequest) async -> HTTPResponse {
        let segment = request.path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true).first.map(String.init) ?? ""
        if let tenant = tenant(segment) { return await answer(request, at: tenant) }
        return BrowserSafety.secure(unknownCentre(request, segment: segment))
    }

    /// An unknown centre or path: a page for a browser, the JSON problem for the API and scripts.
    func unknownCentre(_ request: HTTPRequest, segment: String) -> HTTPResponse {
        let problem = segment.allSatisfy(\.isNumber) && !segment.isEmpty
            ? Problem("province.unknown-centre", status: 404,
                      en: "No centre with unit code \(segment) is served here; the list of centres is at /.",
                      vi: "Máy chủ này không phục vụ trung tâm nào có mã đơn vị \(segment); danh sách các trung tâm ở trang /.")
            : Problem("http.not-found", status: 404, en: "No resource at \(request.path).", vi: "Không có tài nguyên tại \(request.path).")
        guard Application.wantsPage(request), request.method == .get || request.method == .head else { return .problem(problem) }
        var response = HTTPResponse.html(ProvincePages.notFound(provincePage(request), message: problem.message), status: .notFound)
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    /// The ranking's period: `?period=2026-03` (any period `motcua report` takes), this month by default.
    func rankingPeriod(_ request: HTTPRequest) throws -> ReportPeriod {
        if let text = request.query("period"), !text.isEmpty { return try ReportPeriod(parsing: text) }
        let today = (tenants.first?.deployment.calendar).map { $0.local(clock.now).date } ?? LocalDate(year: 2026, month: 1, day: 1)!
        return ReportPeriod.containing(today, unit: .month)
    }

    /// A province page's answer: not cached, and a language chosen with `?lang=` kept.
    func page(_ markup: Markup, request: HTTPRequest) -> HTTPResponse {
        var response = HTTPResponse.html(markup)
        response.headers.add("Cache-Control", "no-store")
        if let chosen = request.query("lang"), Language(rawValue: chosen) != nil {
            response.headers.add("Set-Cookie", "\(Cookies.language)=\(chosen); Path=/; Max-Age=31536000; SameSite=Strict")
        }
        return response
    }

    /// What a province page needs to know about its request.
    func provincePage(_ request: HTTPRequest) -> ProvincePages.Context {
        var context = ProvincePages.Context(language: Application.language(of: request), province: province, path: request.path)
        context.staff = provinceAccount(request)
        context.signsIn = identity != nil
        context.csrfToken = BrowserSafety.token(for: request)
        return context
    }
}
