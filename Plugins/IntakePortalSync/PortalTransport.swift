#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import Synchronization

/// Posts a message to the portal and reads its answer: the session, the timeouts and proxy
/// from the settings, and the answer sorted into accepted, already there, refused or failed.
final class PortalTransport: Sendable {
    /// What one message came to.
    enum Outcome: Error, Sendable, Hashable {
        /// `error_code` 0.
        case accepted(code: String, message: String)
        /// The portal already holds this dossier (or step).
        case alreadyExists(code: String, message: String)
        /// The portal read the message and refused it, or answered something that is not an answer.
        case refused(code: String, message: String)
        /// No usable answer: unreachable, timed out, TLS, a server error. Try again later.
        case failed(LocalizedText)
        /// An update about a dossier the portal does not hold (the sender then sends it as new).
        case notFound
    }

    private let settings: IntakePortalSync.Settings
    private let context: HostContext
    private let session = Mutex<String?>(nil)

    init(settings: IntakePortalSync.Settings, context: HostContext) {
        self.settings = settings
        self.context = context
    }

    /// Sends `body` (a JSON object without `session`), signing in first when needed, and
    /// once again after the portal says the session expired.
    func send(_ body: JSONObject) async -> Outcome {
        guard let outbound = context.outbound else {
            return .failed(LocalizedText(vi: "Máy chủ không cấp kết nối ra ngoài cho phần đồng bộ Cổng quốc gia",
                                         en: "The host gives the portal add-on no outbound connection"))
        }
        for attempt in 0..<2 {
            let token: String
            if let current = session.withLock({ $0 }) {
                token = current
            } else {
                switch await signIn(outbound) {
                case .success(let fresh): token = fresh
                case .failure(let outcome): return outcome
                }
            }
            var signed = body
            signed["session"] = .string(token)
            let outcome = await post(outbound, settings.endpoint, signed).outcome
            if case .refused(let code, _) = outcome, code == "401", attempt == 0 {
                session.withLock { $0 = nil }
                continue
            }
            return outcome
        }
        return .failed(LocalizedText(vi: "Cổng không nhận phiên làm việc mới", en: "The portal refuses a fresh session"))
    }

    private func signIn(_ outbound: any OutboundHTTP) async -> Result<String, Outcome> {
        let credentials: (username: String, password: String)
        do {
            credentials = try readCredentials()
        } catch {
            return .failure(.failed(error.message))
        }
        let body = JSONObject([("username", .string(credentials.username)), ("password", .string(credentials.password)),
                               ("madonvi", .string(settings.unitCode))])
        let (outcome, answer) = await post(outbound, settings.authEndpoint, body)
        switch outcome {
        case .accepted where answer?["session"]?.stringValue?.isEmpty == false:
            let token = answer!["session"]!.stringValue!
            session.withLock { $0 = token }
            return .success(token)
        case .accepted, .alreadyExists, .notFound:
            return .failure(.failed(LocalizedText(vi: "Cổng không trả phiên làm việc khi đăng nhập", en: "The portal answered the sign-in without a session")))
        case .refused(let code, let message):
            return .failure(.failed(LocalizedText(vi: "Cổng từ chối đăng nhập (mã \(code)): \(message). Kiểm tra tệp \(settings.credentialsFile).",
                                                  en: "The portal refused the sign-in (code \(code)): \(message). Check \(settings.credentialsFile).")))
        case .failed(let reason):
            return .failure(.failed(reason))
        }
    }

    /// Why the credentials could not be read.
    struct CredentialsError: Error {
        var message: LocalizedText
    }

    private func readCredentials() throws(CredentialsError) -> (username: String, password: String) {
        let path = settings.credentialsFile.hasPrefix("/") ? settings.credentialsFile
            : (context.dataFolder?.appendingPathComponent(settings.credentialsFile).path ?? settings.credentialsFile)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CredentialsError(message: LocalizedText(vi: "Không đọc được tệp tài khoản Cổng \(path); hãy tạo tệp {\"username\": …, \"password\": …} do tỉnh cấp",
                                en: "Cannot read the portal credentials file \(path); create it as {\"username\": …, \"password\": …} from the province"))
        }
        guard let value = try? JSONParser().parse(String(decoding: data, as: UTF8.self)),
              let username = value["username"]?.stringValue, let password = value["password"]?.stringValue, !username.isEmpty else {
            throw CredentialsError(message: LocalizedText(vi: "Tệp tài khoản Cổng \(path) phải là JSON {\"username\": …, \"password\": …}",
                                en: "The portal credentials file \(path) must be JSON {\"username\": …, \"password\": …}"))
        }
        return (username, password)
    }

    private func post(_ outbound: any OutboundHTTP, _ url: String, _ body: JSONObject) async -> (outcome: Outcome, answer: JSONObject?) {
        let request = OutboundRequest(url: url, body: Array(JSONValue.object(body).serialized().utf8), headers: ["dstcode": settings.unitCode],
                                      connectTimeout: settings.connectTimeoutSeconds ?? 10, timeout: settings.timeoutSeconds ?? 30,
                                      proxy: settings.proxy, certificateAuthorities: settings.certificateAuthorities)
        let answer: OutboundAnswer
        do {
            answer = try await outbound.post(request)
        } catch {
            return (.failed(error.message), nil)
        }
        if answer.status >= 500 || answer.status == 429 {
            return (.failed(LocalizedText(vi: "Cổng trả lỗi máy chủ HTTP \(answer.status)", en: "The portal answered with server error HTTP \(answer.status)")), nil)
        }
        let text = String(decoding: answer.body, as: UTF8.self)
        guard let value = try? JSONParser().parse(text), case .object(let object) = value else {
            let excerpt = String(text.prefix(120))
            return (.refused(code: "http-\(answer.status)", message: "Câu trả lời không phải JSON / the answer is not JSON: \(excerpt)"), nil)
        }
        let code = object["error_code"].flatMap { $0.stringValue ?? $0.int64Value.map(String.init) } ?? ""
        let message = object["message"]?.stringValue ?? ""
        if code.isEmpty {
            return (.refused(code: "http-\(answer.status)", message: "Câu trả lời thiếu error_code / the answer has no error_code: \(String(text.prefix(120)))"), object)
        }
        if code == "0" { return (.accepted(code: code, message: message), object) }
        if PortalMapping.isAlreadyExists(errorCode: code, message: message) { return (.alreadyExists(code: code, message: message), object) }
        return (.refused(code: code, message: message), object)
    }
}
