#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP
import Synchronization

/// A stand-in for the national portal on loopback, for tests, the harness and demos
/// (`motcua portal-standin`): it signs in, accepts `DongBoHoSoMC` and `CapNhatTienDoHoSoMC`,
/// checks every field against ``PortalMapping``, answers as the portal does, and keeps a
/// record to compare with the journal. It can be told to fail, hang or refuse.
public final class PortalStandIn: Sendable {
    /// How it behaves.
    public enum Mode: String, Sendable, CaseIterable {
        /// Answers like the portal.
        case up
        /// Answers HTTP 500 to everything.
        case fail
        /// Never answers in time.
        case hang
        /// Answers 200 with a body that is not JSON.
        case garbage
    }

    /// A dossier as the stand-in holds it.
    public struct Held: Sendable, Hashable {
        /// The last data item received for it.
        public var data: JSONObject
        /// How many times it arrived as new (`isUpdating` "False") and was accepted: 1.
        public var created: Int
        /// How many updates were accepted.
        public var updates: Int
        /// How many times it arrived as new again and was answered "already exists".
        public var newAgain: Int
    }

    /// A processing step as recorded.
    public struct Step: Sendable, Hashable {
        public var code: String
        public var status: String
        public var at: String
        public var content: String

        /// Creates a step.
        public init(code: String, status: String, at: String, content: String) {
            self.code = code
            self.status = status
            self.at = at
            self.content = content
        }
    }

    struct Record {
        var mode = Mode.up
        var dossiers: [String: Held] = [:]
        var steps: [Step] = []
        var stepsAgain = 0
        var invalid: [[Problem.Detail]] = []
        var refuse: Set<String> = []
        var sessions: Set<String> = []
        var requests = 0
    }

    private let record = Mutex(Record())
    /// The credentials it accepts; any non-empty pair when nil.
    let credentials: (username: String, password: String)?

    /// The path of the two operations and of the sign-in.
    public static let servicePath = "/dvcqg", authPath = "/dvcqg/auth", controlPath = "/dvcqg/control"

    /// Creates a stand-in accepting `credentials` (any when nil).
    public init(credentials: (username: String, password: String)? = nil) {
        self.credentials = credentials
    }

    /// Sets how it behaves from now on.
    public func set(_ mode: Mode) { record.withLock { $0.mode = mode } }
    /// Refuses every message about these dossier codes with a procedure error.
    public func refuse(_ codes: Set<String>) { record.withLock { $0.refuse = codes } }
    /// The dossiers held, by `MaHoSo`.
    public var dossiers: [String: Held] { record.withLock { $0.dossiers } }
    /// The steps recorded, in arrival order.
    public var steps: [Step] { record.withLock { $0.steps } }
    /// Steps that arrived again after being recorded (answered "already exists").
    public var stepsAgain: Int { record.withLock { $0.stepsAgain } }
    /// Messages refused for a missing or badly formatted field, with the reasons.
    public var invalid: [[Problem.Detail]] { record.withLock { $0.invalid } }
    /// Requests received, in all.
    public var requests: Int { record.withLock { $0.requests } }

    /// The routes: sign-in, the two operations, and a control route to change the mode.
    public func router() -> Router {
        var router = Router()
        router.post(Self.authPath, async: { [self] request in try await answer { signIn(request) } })
        router.post(Self.servicePath, async: { [self] request in try await answer { receive(request) } })
        router.post(Self.controlPath) { [self] request in
            let value: JSONValue
            do throws(JSONSyntaxError) {
                value = try JSONParser().parse(request.bodyText)
            } catch {
                return .error(.badRequest, code: error.code, message: error.description, messageVi: error.descriptionVi)
            }
            guard let mode = Mode(rawValue: value["mode"]?.stringValue ?? "") else {
                return .error(.badRequest, code: "standin.mode", message: "Give {\"mode\": \"up|fail|hang|garbage\"}.",
                              messageVi: "Hãy gửi {\"mode\": \"up|fail|hang|garbage\"}.")
            }
            set(mode)
            return Self.json(["error_code": "0", "message": .string("mode \(mode.rawValue)")])
        }
        router.get(Self.servicePath) { [self] _ in
            let (held, created, newAgain, steps, stepsAgain, invalid) = record.withLock { record in
                (record.dossiers.count, record.dossiers.values.reduce(0) { $0 + $1.created }, record.dossiers.values.reduce(0) { $0 + $1.newAgain },
                 record.steps.count, record.stepsAgain, record.invalid.count)
            }
            return Self.json(["dossiers": .number(.integer(Int64(held))), "created": .number(.integer(Int64(created))),
                              "newAgain": .number(.integer(Int64(newAgain))), "steps": .number(.integer(Int64(steps))),
                              "stepsAgain": .number(.integer(Int64(stepsAgain))), "invalid": .number(.integer(Int64(invalid)))])
        }
        return router
    }

    private func answer(_ body: () -> HTTPResponse) async throws -> HTTPResponse {
        let mode = record.withLock { record -> Mode in
            record.requests += 1
            return record.mode
        }
        switch mode {
        case .up: return body()
        case .fail: return .error(.internalServerError, code: "standin.down", message: "Service unavailable", messageVi: "Dịch vụ tạm ngừng")
        case .garbage: return .html("<html><body>Bảo trì hệ thống</body></html>")
        case .hang:
            try await Task.sleep(for: .seconds(120))
            return body()
        }
    }

    static func json(_ object: JSONObject) -> HTTPResponse {
        .json(Array(JSONValue.object(object).serialized().utf8))
    }

    static func error(_ code: String, _ message: String) -> HTTPResponse {
        json(["error_code": .string(code), "message": .string(message)])
    }

    private func signIn(_ request: HTTPRequest) -> HTTPResponse {
        guard let value = try? JSONParser().parse(request.bodyText), let user = value["username"]?.stringValue, let password = value["password"]?.stringValue,
              !user.isEmpty, !password.isEmpty, credentials.map({ $0.username == user && $0.password == password }) ?? true else {
            return Self.error("-1", "Sai tên đăng nhập hoặc mật khẩu")
        }
        let token = UUID().uuidString
        record.withLock { _ = $0.sessions.insert(token) }
        return Self.json(["error_code": "0", "message": "Đăng nhập thành công", "session": .string(token)])
    }

    private func receive(_ request: HTTPRequest) -> HTTPResponse {
        let value: JSONValue
        do throws(JSONSyntaxError) {
            value = try JSONParser().parse(request.bodyText)
        } catch {
            // The portal answers in Vietnamese; the shared parser's error says where the body stops being JSON.
            return Self.error("-1", "Dữ liệu gửi lên không phải JSON: " + error.descriptionVi)
        }
        guard case .object(var message) = value else { return Self.error("-1", "Dữ liệu gửi lên không phải một đối tượng JSON") }
        let session = message["session"]?.stringValue ?? ""
        guard record.withLock({ $0.sessions.contains(session) }) else { return Self.error("401", "Phiên làm việc không hợp lệ hoặc đã hết hạn") }
        message["session"] = nil
        let problems = PortalMapping.problems(in: .object(message))
        guard problems.isEmpty else {
            record.withLock { $0.invalid.append(problems) }
            return Self.error("-1", "Dữ liệu không hợp lệ: " + problems.prefix(5).map { "\($0.field): \($0.message.vi)" }.joined(separator: "; "))
        }
        guard case .array(let items)? = message["data"], case .object(let item)? = items.first else { return Self.error("-1", "Thiếu data") }
        let code = item["MaHoSo"]?.stringValue ?? ""
        return record.withLock { record -> HTTPResponse in
            if record.refuse.contains(code) { return Self.error("-1", "Mã thủ tục hành chính không tồn tại trên Cổng Dịch vụ công quốc gia") }
            if message["service"]?.stringValue == PortalMapping.dossierService {
                let updating = message["isUpdating"]?.stringValue == "True"
                if var held = record.dossiers[code] {
                    guard updating else {
                        held.newAgain += 1
                        record.dossiers[code] = held
                        return Self.error("-3", "Hồ sơ \(code) đã tồn tại trên hệ thống")
                    }
                    held.updates += 1
                    held.data = item
                    record.dossiers[code] = held
                    return Self.error("0", "Cập nhật hồ sơ thành công")
                }
                guard !updating else { return Self.error("-2", "Hồ sơ \(code) không tồn tại trên hệ thống") }
                record.dossiers[code] = Held(data: item, created: 1, updates: 0, newAgain: 0)
                return Self.error("0", "Đồng bộ hồ sơ thành công")
            }
            guard record.dossiers[code] != nil else { return Self.error("-2", "Hồ sơ \(code) không tồn tại trên hệ thống") }
            let step = Step(code: code, status: item["TrangThai"]?.stringValue ?? "", at: item["ThoiDiemXuLy"]?.stringValue ?? "",
                            content: item["NoiDungXuLy"]?.stringValue ?? "")
            if record.steps.contains(step) {
                record.stepsAgain += 1
                return Self.error("-3", "Tiến độ xử lý hồ sơ \(code) đã tồn tại")
            }
            record.steps.append(step)
            return Self.error("0", "Cập nhật tiến độ thành công")
        }
    }
}
