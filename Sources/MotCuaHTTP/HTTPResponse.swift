#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A response a handler returns: status, headers and a body (bytes or an event stream).
///
/// The server adds `Date`, `Server` and `Content-Length` (and `Connection` when it closes);
/// do not set them yourself. Build cached responses once and return the same value to
/// avoid work per request.
public struct HTTPResponse: Sendable {
    /// What follows the headers.
    public enum Body: Sendable {
        /// A complete body sent with `Content-Length`.
        case bytes([UInt8])
        /// A Server-Sent Events stream: the closure receives the stream after the headers
        /// went out, on the connection's loop thread; keep it short (register, store the handle).
        case eventStream(@Sendable (EventStream) -> Void)
    }

    /// The status.
    public var status: HTTPStatus
    /// Headers to send in order.
    public var headers: HTTPHeaders
    /// The body.
    public var body: Body

    /// A response with byte body.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = .bytes(body)
    }

    /// The body bytes, or empty for an event stream.
    public var bodyBytes: [UInt8] {
        if case .bytes(let bytes) = body { return bytes }
        return []
    }

    /// A JSON response from bytes that already hold JSON.
    public static func json(_ bytes: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: bytes)
    }

    /// A UTF-8 plain-text response.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// A UTF-8 HTML response.
    public static func html(_ html: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: Array(html.utf8))
    }

    /// An event-stream response; `start` receives the `EventStream` once headers are sent.
    public static func eventStream(_ start: @escaping @Sendable (EventStream) -> Void) -> HTTPResponse {
        var response = HTTPResponse(status: .ok, headers: [
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-cache",
        ])
        response.body = .eventStream(start)
        return response
    }

    /// The JSON error shape every MotCua endpoint uses: `{"error":{"code","message","messageVi","details":[]}}`.
    public static func error(_ status: HTTPStatus, code: String, message: String, messageVi: String? = nil) -> HTTPResponse {
        var json = "{\"error\":{\"code\":"
        json += jsonString(code)
        json += ",\"message\":" + jsonString(message)
        json += ",\"messageVi\":" + jsonString(messageVi ?? message)
        json += ",\"details\":[]}}"
        let bytes: [UInt8] = Array(json.utf8)
        return HTTPResponse(status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: bytes)
    }

    /// Escapes a string as a JSON string literal.
    static func jsonString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// An error that knows how it should look over HTTP; the default error mapper uses it.
public protocol HTTPResponseError: Error {
    /// The response to send for this error.
    var httpResponse: HTTPResponse { get }
}
