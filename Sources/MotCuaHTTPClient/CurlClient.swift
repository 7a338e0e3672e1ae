import CCurl
import Dispatch
import MotCuaCore

/// An HTTP client over libcurl for talking to other systems (the national portal).
///
/// TLS certificates are always verified (peer and host name); there is no switch to turn
/// that off. Each request has a connect timeout and a total timeout, may go through a proxy
/// (never one from the environment), and runs on a thread of its own so the caller's task
/// only waits. Only `http` and `https` are allowed, redirects are not followed, and an
/// answer over ``maxAnswerBytes`` is refused.
public struct CurlClient: OutboundHTTP {
    /// The largest answer accepted, in bytes.
    public let maxAnswerBytes: Int

    /// Creates a client; answers over `maxAnswerBytes` are refused.
    public init(maxAnswerBytes: Int = 4 * 1024 * 1024) {
        _ = Self.globalInit
        self.maxAnswerBytes = maxAnswerBytes
    }

    /// libcurl's global set-up, once per process before the first handle (it is not thread-safe itself).
    private static let globalInit: Bool = curl_global_init(3 /* CURL_GLOBAL_DEFAULT: SSL and Win32 */) == CURLE_OK

    public func post(_ request: OutboundRequest) async throws(OutboundFailure) -> OutboundAnswer {
        let limit = maxAnswerBytes
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<OutboundAnswer, OutboundFailure>, Never>) in
            DispatchQueue.global().async {
                continuation.resume(returning: Self.perform(request, limit: limit))
            }
        }
        return try result.get()
    }

    /// Collects the answer's bytes; handed to libcurl's write callback as its context.
    private final class Sink {
        var bytes: [UInt8] = []
        let limit: Int
        var overflowed = false
        init(limit: Int) { self.limit = limit }
    }

    private static func perform(_ request: OutboundRequest, limit: Int) -> Result<OutboundAnswer, OutboundFailure> {
        let url = request.url, body = request.body
        guard let handle = curl_easy_init() else {
            return .failure(OutboundFailure(.transport, message: LocalizedText(vi: "Không khởi tạo được libcurl", en: "libcurl could not start")))
        }
        defer { curl_easy_cleanup(handle) }
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) + [("Content-Type", "application/json; charset=utf-8"), ("Expect", "")] {
            list = curl_slist_append(list, "\(name): \(value)")
        }
        defer { curl_slist_free_all(list) }
        let sink = Sink(limit: limit)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        var code = CURLE_OK
        func set(_ option: CURLoption, _ value: Int) { if code == CURLE_OK { code = motcua_curl_setopt_long(handle, option, value) } }
        func set(_ option: CURLoption, _ value: String) { if code == CURLE_OK { code = motcua_curl_setopt_string(handle, option, value) } }
        set(CURLOPT_URL, url)
        set(CURLOPT_PROTOCOLS_STR, "http,https")
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_SSL_VERIFYPEER, 1)
        set(CURLOPT_SSL_VERIFYHOST, 2)
        set(CURLOPT_FOLLOWLOCATION, 0)
        set(CURLOPT_CONNECTTIMEOUT, max(1, request.connectTimeout))
        set(CURLOPT_TIMEOUT, max(1, request.timeout))
        set(CURLOPT_POST, 1)
        // An empty proxy turns off the proxies the environment names.
        set(CURLOPT_PROXY, request.proxy ?? "")
        if let authorities = request.certificateAuthorities { set(CURLOPT_CAINFO, authorities) }
        if code == CURLE_OK { code = motcua_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, list) }
        if code == CURLE_OK { code = motcua_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context) }
        if code == CURLE_OK {
            code = motcua_curl_setopt_write(handle) { data, size, count, context in
                let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
                let length = size * count
                guard sink.bytes.count + length <= sink.limit else {
                    sink.overflowed = true
                    return 0
                }
                if let data { sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length)) }
                return length
            }
        }
        guard code == CURLE_OK else { return .failure(failure(code, url: url)) }
        code = body.withUnsafeBufferPointer { buffer in
            let setSize = motcua_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, buffer.count)
            guard setSize == CURLE_OK else { return setSize }
            let pointer = UnsafeMutableRawPointer(mutating: buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!)
            let setBody = motcua_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, pointer)
            guard setBody == CURLE_OK else { return setBody }
            return curl_easy_perform(handle)
        }
        withExtendedLifetime(sink) {}
        if sink.overflowed {
            return .failure(OutboundFailure(.transport, message: LocalizedText(
                vi: "\(url) trả lời quá \(limit) byte", en: "\(url) answered more than \(limit) bytes")))
        }
        guard code == CURLE_OK else { return .failure(failure(code, url: url)) }
        var status = 0
        _ = motcua_curl_response_code(handle, &status)
        return .success(OutboundAnswer(status: status, body: sink.bytes))
    }

    private static func failure(_ code: CURLcode, url: String) -> OutboundFailure {
        let reason = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            return OutboundFailure(.unreachable, message: LocalizedText(vi: "Không kết nối được \(url) (\(reason))", en: "Cannot reach \(url) (\(reason))"))
        case CURLE_OPERATION_TIMEDOUT:
            return OutboundFailure(.timeout, message: LocalizedText(vi: "\(url) không trả lời kịp thời hạn (\(reason))", en: "\(url) did not answer in time (\(reason))"))
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM:
            return OutboundFailure(.tls, message: LocalizedText(vi: "Chứng thư TLS của \(url) không xác thực được (\(reason))",
                                                                en: "The TLS certificate of \(url) does not verify (\(reason))"))
        default:
            return OutboundFailure(.transport, message: LocalizedText(vi: "Lỗi khi gửi tới \(url): \(reason)", en: "Sending to \(url) failed: \(reason)"))
        }
    }
}
