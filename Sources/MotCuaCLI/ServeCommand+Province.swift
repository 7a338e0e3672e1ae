#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import MotCuaCore
import MotCuaHTTP
import MotCuaHTTPClient
import MotCuaHost
import MotCuaPostgres
import MotCuaStore

/// `motcua serve --province <folder> --database postgresql://…`: every deployment under the
/// folder in one process, each centre in its own schema under `/<unit code>/` (Docs/Province.md).
extension ServeCommand {
    /// The file a running province server writes its process id to, in the data folder.
    static let provincePIDFile = "motcua-province.pid"
    /// The file a province server writes each reload's report to, in the data folder.
    static let reloadReportFile = "motcua-province-reload.txt"

    func serveProvince(_ folder: String, signals: ShutdownSignals) async throws {
        guard let postgres = database.postgres else { throw ExitCode.failure }
        let started = ContinuousClock.now
        let found = ProvinceFolder.load(folder, catalogue: CLIContext.catalogue, language: Output.language)
        for (_, lines) in found.failures { for line in lines { Output.error(line) } }
        guard found.failures.isEmpty else {
            Output.error("motcua serve: \(found.failures.count) manifest(s) under \(folder) do not load; fix them (`motcua check \(folder)`) and start again")
            throw ExitCode.failure
        }
        guard let first = found.manifests.first else {
            Output.error("motcua serve: no deployment under \(folder); a province folder holds province.json and one manifest per centre")
            throw ExitCode.failure
        }
        let province = first.deployment.centre.province
        var problems = ProvinceServer.problems(found.manifests.map { ($0.file, $0.deployment) }, language: Output.language)
        for manifest in found.manifests where manifest.deployment.centre.province.code != province.code {
            problems.append(Output.language == .vi
                ? "\(manifest.file): centre.province.code: \"\(manifest.deployment.centre.province.code)\" khác tỉnh \(province.code) của \(first.file) — cách sửa: mỗi thư mục chỉ chứa một tỉnh"
                : "\(manifest.file): centre.province.code: \"\(manifest.deployment.centre.province.code)\" is not province \(province.code) of \(first.file) — fix: one province per folder")
        }
        guard problems.isEmpty else {
            for line in problems { Output.error(line) }
            Output.error("motcua serve: \(problems.count) error(s); nothing was started")
            throw ExitCode.failure
        }
        let loaded = ContinuousClock.now
        try Self.prepareDataFolder(dataFolder)
        let identity: IdentityService
        do {
            identity = try Self.provinceIdentity(province, postgres: postgres)
        } catch {
            Output.error("motcua serve: \(ProvinceServer.reasons(error, language: Output.language).joined(separator: " "))")
            throw ExitCode.environment
        }
        let factory = provinceFactory(postgres, identity: identity)
        let tenants: [Tenant]
        do {
            tenants = try await factory.makeAll(found.manifests)
        } catch {
            for (file, reason) in error.failures {
                for line in ProvinceServer.reasons(reason, language: Output.language) { Output.error("motcua serve: \(file): \(line)") }
            }
            Output.error("motcua serve: \(error.failures.count) centre(s) could not be composed; nothing was started")
            throw ExitCode.failure
        }
        let composed = ContinuousClock.now
        let server = ProvinceServer(province: province, tenants: tenants, clock: SystemClock(), identity: identity)
        var requestLogger: HTTPServer.RequestLogger?
        if !quiet {
            requestLogger = { (log: HTTPRequestLog) in Output.line(log.line) }
        }
        let http = HTTPServer(configuration: serverConfiguration(), router: server.makeRouter(),
                              requestLogger: requestLogger, errorMapper: Application.errorMapper)
        do throws(HTTPServerError) {
            try http.start()
        } catch {
            Output.error("motcua serve: cannot listen on \(host):\(port): \(Output.language == .vi ? error.messageVi : error.message)")
            await server.endAll()
            throw ExitCode.environment
        }
        let pidFile = PlainText.join(dataFolder, Self.provincePIDFile)
        try? "\(getpid())\n".write(toFile: pidFile, atomically: true, encoding: .utf8)
        let serving = ContinuousClock.now
        Output.line("MotCua \(MotCuaVersion.current) serving \(tenants.count) centres of \(province.name.text(Output.language)) "
              + "at http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(http.port)/ (started in \(Self.seconds(serving - started)) s) — data in \(postgres), one schema per centre")
        Output.line(Output.language == .vi
            ? "  khởi động: đọc và kiểm tra \(found.manifests.count) tệp cấu hình \(Self.seconds(loaded - started)) s, dựng các trung tâm (\(TenantFactory.defaultInFlight) cùng lúc) \(Self.seconds(composed - loaded)) s, trang tỉnh và cổng \(Self.seconds(serving - composed)) s"
            : "  start-up: reading and checking \(found.manifests.count) manifests \(Self.seconds(loaded - started)) s, composing the centres (\(TenantFactory.defaultInFlight) at a time) \(Self.seconds(composed - loaded)) s, province pages and listening \(Self.seconds(serving - composed)) s")
        Output.line("  each centre at /<unit code>/, e.g. /\(tenants[0].code)/; staff: motcua users add <login> --deployment <manifest> --database \(postgres)")
        let reloads = ReloadSignal()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await http.run() }
            group.addTask { await server.run() }
            group.addTask { [dataFolder] in
                for await _ in reloads.arrivals {
                    let report = await server.reload(folder, factory: factory, language: Output.language)
                    let lines = report.lines(Output.language)
                    for line in lines { Output.line("motcua serve: \(line)") }
                    try? (lines.joined(separator: "\n") + "\n").write(toFile: PlainText.join(dataFolder, Self.reloadReportFile),
                                                                     atomically: true, encoding: .utf8)
                }
            }
            let signal = await signals.next()
            Output.line("motcua serve: signal \(signal), finishing requests in flight")
            reloads.finish()
            await http.shutdown(gracePeriod: .seconds(10))
            server.finish()
            group.cancelAll()
            try await group.waitForAll()
        }
        await server.endAll()
        try? FileManager.default.removeItem(atPath: pidFile)
        Output.line("motcua serve: stopped")
    }

    /// A duration in seconds with one decimal, as the start-up lines print it.
    static func seconds(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return VietnameseNumber.decimal(Int64((seconds * 10).rounded()), decimals: 1)
    }

    /// The province's own accounts (province supervisors and administrators), in the schema
    /// `province_<code>` beside the centres'.
    static func provinceIdentity(_ province: Centre.Province, postgres: PostgresLocation) throws -> IdentityService {
        let store = try PostgresStore(location: postgres, schema: PostgresLocation.schemaName(forCentre: "province.\(province.code)"))
        var policy = IdentityService.Policy()
        policy.passwords.forbiddenWords = [province.name.vi, province.name.en]
        return try IdentityService(store: store, clock: SystemClock(), policy: policy)
    }

    /// How each centre is composed: its schema on the server, its key and scans under
    /// `<data>/<unit code>/`.
    func provinceFactory(_ postgres: PostgresLocation, identity: IdentityService) -> TenantFactory {
        var factory = TenantFactory(
            catalogue: CLIContext.catalogue, clock: SystemClock(), logHandler: StandardErrorLogHandler(),
            dataFolder: URL(fileURLWithPath: dataFolder, isDirectory: true),
            openStore: { deployment in try PostgresStore(location: postgres, schema: PostgresLocation.schemaName(forCentre: deployment.centre.id)) },
            loadKey: { _, folder, store in try KeyEncryptionKey.load(folder: folder.path, store: store) },
            outbound: CurlClient())
        factory.trustedProxies = trustedProxies
        factory.provinceIdentity = identity
        factory.retentionLog = { Output.line("motcua serve: \($0)") }
        return factory
    }
}

/// SIGHUP as an async sequence: each one asks the province server to reload its folder.
final class ReloadSignal: Sendable {
    /// One element per SIGHUP.
    let arrivals: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private nonisolated(unsafe) let source: any DispatchSourceSignal

    init() {
        (arrivals, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        signal(SIGHUP, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler { [continuation] in continuation.yield() }
        source.resume()
    }

    /// No more reloads.
    func finish() {
        continuation.finish()
        source.cancel()
    }
}
