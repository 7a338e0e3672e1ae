#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP
import MotCuaStore

/// One centre the province server runs: its own application (schema, staff, devices, journal,
/// live events) served under the prefix `/<unit code>`.
///
/// The centre's pages and API are those of a centre served alone. On the way in a request
/// loses the prefix and carries it as ``HTTPRequest/basePath``; on the way out the answer
/// gets it back where the browser would follow a path by itself: `Location`, the cookies'
/// `Path` (so a session or device cookie is sent to its own centre only) and the `href`,
/// `src` and `action` attributes of a page. Scripts add it to what they send through
/// `MotCua.url` in `api.js`, reading it from `<html data-base>`.
public final class Tenant: Sendable {
    /// The centre's running application.
    public let application: Application
    /// The manifest file the centre was composed from.
    public let file: String
    /// A digest of the effective manifest: a reload recomposes the centre only when it changed.
    public let fingerprint: String
    /// `/<unit code>`.
    public let prefix: String
    /// The centre's background work (its plugins' services, the daily erasure), run by the
    /// province server until the centre is replaced or the server stops.
    let work: [@Sendable () async -> Void]
    private let router: Router
    private let ended: AsyncStream<Void>
    private let ending: AsyncStream<Void>.Continuation

    /// A centre ready to serve, with its background work.
    public init(application: Application, file: String, fingerprint: String, work: [@Sendable () async -> Void] = []) {
        self.application = application
        self.file = file
        self.fingerprint = fingerprint
        self.work = work
        prefix = "/" + application.deployment.centre.unitCode
        router = application.makeRouter()
        (ended, ending) = AsyncStream.makeStream(of: Void.self)
    }

    /// Runs the background work until ``end()`` or until the task is cancelled.
    func run() async {
        await withTaskGroup(of: Void.self) { [work, ended] group in
            for job in work { group.addTask { await job() } }
            group.addTask { for await _ in ended {} }
            await group.next()
            group.cancelAll()
        }
    }

    /// Ends the background work and stops the plugins; the centre answers no more requests
    /// once the province server has let it go.
    public func end() async {
        ending.finish()
        await application.composition.stop()
    }

    /// The centre's deployment.
    public var deployment: Deployment { application.deployment }

    /// The centre's unit code, the first segment of its paths.
    public var code: String { deployment.centre.unitCode }

    /// Answers a request whose path starts with ``prefix``.
    func respond(to request: HTTPRequest) async -> HTTPResponse {
        let answer = await router.respond(to: Self.inward(request, prefix: prefix), errorMapper: Application.errorMapper)
        return Self.outward(answer, prefix: prefix)
    }

    /// The request as the centre sees it: the path without the prefix, the prefix as the base.
    static func inward(_ request: HTTPRequest, prefix: String) -> HTTPRequest {
        var inner = request
        inner.path = stripped(request.path, prefix: prefix)
        inner.rawPath = stripped(request.rawPath, prefix: prefix)
        inner.basePath = prefix
        return inner
    }

    /// `path` without `prefix` (`/05425/kiosk` → `/kiosk`).
    static func stripped(_ path: String, prefix: String) -> String {
        guard path.hasPrefix(prefix) else { return path }
        let rest = String(path.dropFirst(prefix.count))
        return rest.isEmpty ? "/" : rest
    }

    /// The answer as the browser must see it: the centre's own paths under the prefix.
    static func outward(_ response: HTTPResponse, prefix: String) -> HTTPResponse {
        var response = response
        if let location = response.headers["Location"] {
            response.headers.set("Location", prefixed(location, prefix: prefix))
        }
        let cookies = response.headers.values(for: "Set-Cookie")
        if !cookies.isEmpty {
            response.headers.remove("Set-Cookie")
            for cookie in cookies { response.headers.add("Set-Cookie", scopedCookie(cookie, prefix: prefix)) }
        }
        if case .bytes(let bytes) = response.body, (response.headers["Content-Type"] ?? "").hasPrefix("text/html") {
            response.body = .bytes(prefixedLinks(bytes, prefix: prefix))
        }
        return response
    }

    /// A path of the centre (`/kiosk`) under the prefix; absolute URLs and `//host` untouched.
    static func prefixed(_ target: String, prefix: String) -> String {
        guard target.hasPrefix("/"), !target.hasPrefix("//") else { return target }
        return prefix + target
    }

    /// A `Set-Cookie` value for `Path=/` made to hold for the centre's paths only.
    static func scopedCookie(_ cookie: String, prefix: String) -> String {
        let parts = cookie.split(separator: ";", omittingEmptySubsequences: false).map { part -> String in
            part.trimmingSpaces().lowercased() == "path=/" ? " Path=\(prefix)" : String(part)
        }
        return parts.joined(separator: ";")
    }

    /// The attributes a browser follows by itself, whose root-relative values get the prefix.
    private static let followed: [[UInt8]] = ["href", "src", "action", "formaction"].map { Array($0.utf8) }

    /// Puts `prefix` before every root-relative `href`, `src`, `action` and `formaction`
    /// value of a page (`href="/kiosk"` → `href="/05425/kiosk"`). Pages are ``Markup``, whose
    /// interpolated text is escaped, so a quote in a value cannot fake an attribute.
    static func prefixedLinks(_ page: [UInt8], prefix: String) -> [UInt8] {
        let insert = Array(prefix.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(page.count + page.count / 16)
        var index = 0
        let count = page.count
        while index < count {
            let byte = page[index]
            out.append(byte)
            // At `="/` not followed by another `/`: is the attribute one the browser follows?
            if byte == UInt8(ascii: "="), index + 2 < count, page[index + 1] == UInt8(ascii: "\""), page[index + 2] == UInt8(ascii: "/"),
               index + 3 >= count || page[index + 3] != UInt8(ascii: "/"), followsAttribute(page, endingBefore: index) {
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: insert)
                index += 2
                continue
            }
            index += 1
        }
        return out
    }

    private static func followsAttribute(_ page: [UInt8], endingBefore end: Int) -> Bool {
        var start = end
        while start > 0, isNameByte(page[start - 1]) { start -= 1 }
        guard start > 0, page[start - 1] == UInt8(ascii: " ") || page[start - 1] == UInt8(ascii: "\n") else { return false }
        let name = page[start..<end]
        return followed.contains { $0.elementsEqual(name) }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte == UInt8(ascii: "-")
    }
}
