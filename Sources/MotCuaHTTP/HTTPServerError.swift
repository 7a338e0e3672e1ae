/// A server start-up or I/O failure, with a stable code and messages in English and Vietnamese.
public struct HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable code such as `http.address-in-use`.
    public let code: String
    /// What went wrong and what to do, in English.
    public let message: String
    /// The same in Vietnamese.
    public let messageVi: String

    /// An error with explicit texts.
    public init(code: String, message: String, messageVi: String) {
        self.code = code
        self.message = message
        self.messageVi = messageVi
    }

    /// "code: message".
    public var description: String { "\(code): \(message)" }

    static func addressInUse(_ address: String) -> HTTPServerError {
        HTTPServerError(
            code: "http.address-in-use",
            message: "address already in use: \(address); stop the other process or choose another port",
            messageVi: "địa chỉ đã được sử dụng: \(address); hãy dừng tiến trình kia hoặc chọn cổng khác")
    }

    static func invalidAddress(_ host: String) -> HTTPServerError {
        HTTPServerError(
            code: "http.invalid-address",
            message: "invalid bind address: \(host); use an IPv4 address such as 0.0.0.0 or 127.0.0.1",
            messageVi: "địa chỉ lắng nghe không hợp lệ: \(host); hãy dùng địa chỉ IPv4 như 0.0.0.0 hoặc 127.0.0.1")
    }

    static func system(_ call: String, _ address: String, errno code: Int32) -> HTTPServerError {
        let reason = LinuxSystem.errorString(code)
        return HTTPServerError(
            code: "http.\(call)-failed",
            message: "\(call) failed for \(address): \(reason)",
            messageVi: "lỗi \(call) với \(address): \(reason)")
    }

    static let alreadyStarted = HTTPServerError(
        code: "http.already-started",
        message: "the server was already started; create a new HTTPServer to serve again",
        messageVi: "máy chủ đã được khởi động; hãy tạo HTTPServer mới để chạy lại")

    static let notStarted = HTTPServerError(
        code: "http.not-started",
        message: "the server is not running; call start() before run()",
        messageVi: "máy chủ chưa chạy; hãy gọi start() trước run()")
}
