/// The request line and headers of one request, parsed and validated.
struct RequestHead {
    var method: HTTPMethod
    var path: String
    var rawPath: String
    var rawQuery: String
    var queryItems: [HTTPQueryItem]
    var versionMinor: Int
    var headers: HTTPHeaders
    var contentLength: Int
    var keepAlive: Bool
    var expectsContinue: Bool
}

/// Why a request was refused before reaching a handler; every case closes the connection.
struct RequestRejection: Error {
    var status: HTTPStatus
    var code: String
    var message: String
    var messageVi: String

    static func bad(_ message: String, _ messageVi: String) -> RequestRejection {
        RequestRejection(status: .badRequest, code: "http.bad-request", message: message, messageVi: messageVi)
    }

    /// The JSON error the client gets.
    var response: HTTPResponse { .error(status, code: code, message: message, messageVi: messageVi) }
}

/// A strict HTTP/1.1 request-head parser working on raw bytes (no Foundation).
enum RequestParser {
    enum Outcome {
        /// More bytes are needed; `scanned` is where the next search may resume.
        case incomplete(scanned: Int)
        /// A complete head of `length` bytes.
        case head(RequestHead, length: Int)
    }

    private static let cr: UInt8 = 13, lf: UInt8 = 10, space: UInt8 = 32, tab: UInt8 = 9, colon: UInt8 = 58

    /// Looks for the end of the head in `bytes` starting at `from`, then parses it.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, maxHeadBytes: Int) throws(RequestRejection) -> Outcome {
        guard let end = findHeadEnd(bytes, from: from) else {
            if bytes.count > maxHeadBytes { throw tooLarge(maxHeadBytes) }
            return .incomplete(scanned: max(0, bytes.count - 3))
        }
        if end > maxHeadBytes { throw tooLarge(maxHeadBytes) }
        return .head(try parseHead(UnsafeBufferPointer(rebasing: bytes[0..<end])), length: end)
    }

    private static func tooLarge(_ limit: Int) -> RequestRejection {
        RequestRejection(
            status: .requestHeaderFieldsTooLarge, code: "http.header-too-large",
            message: "request line and headers exceed \(limit) bytes",
            messageVi: "dòng yêu cầu và phần đầu vượt quá \(limit) byte")
    }

    /// The index just past the empty line ending the head, accepting `\n\n` so that a bare-LF
    /// client is answered (with 400) instead of timing out.
    private static func findHeadEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var i = from
        let count = bytes.count
        while i < count {
            if bytes[i] == lf {
                if i + 1 < count && bytes[i + 1] == lf { return i + 2 }
                if i + 2 < count && bytes[i + 1] == cr && bytes[i + 2] == lf { return i + 3 }
            }
            i += 1
        }
        return nil
    }

    /// Parses a complete head (including its final empty line).
    private static func parseHead(_ head: UnsafeBufferPointer<UInt8>) throws(RequestRejection) -> RequestHead {
        var lineStart = 0
        var lines: [Range<Int>] = []
        lines.reserveCapacity(16)
        var i = 0
        while i < head.count {
            if head[i] == lf {
                guard i > 0, head[i - 1] == cr else {
                    throw .bad("line not terminated by CRLF", "dòng không kết thúc bằng CRLF")
                }
                let line = lineStart..<(i - 1)
                if line.isEmpty { break }
                lines.append(line)
                lineStart = i + 1
            }
            i += 1
        }
        guard let requestLine = lines.first else {
            throw .bad("empty request line", "dòng yêu cầu trống")
        }
        var request = try parseRequestLine(UnsafeBufferPointer(rebasing: head[requestLine]))
        var headers = HTTPHeaders()
        var contentLength: Int?
        var sawTransferEncoding: String?
        var connectionClose = false, connectionKeepAlive = false
        var hostCount = 0
        var expectsContinue = false
        for line in lines.dropFirst() {
            let field = try parseField(UnsafeBufferPointer(rebasing: head[line]))
            headers.add(field.name, field.value)
            switch field.name.utf8.count {
            case 4 where HTTPHeaders.equalsIgnoringCase(field.name, "Host"):
                hostCount += 1
            case 6 where HTTPHeaders.equalsIgnoringCase(field.name, "Expect"):
                if HTTPHeaders.equalsIgnoringCase(field.value, "100-continue") { expectsContinue = true }
            case 10 where HTTPHeaders.equalsIgnoringCase(field.name, "Connection"):
                for token in field.value.split(separator: ",") {
                    let token = token.trimmingSpaces
                    if HTTPHeaders.equalsIgnoringCase(token, "close") { connectionClose = true }
                    if HTTPHeaders.equalsIgnoringCase(token, "keep-alive") { connectionKeepAlive = true }
                }
            case 14 where HTTPHeaders.equalsIgnoringCase(field.name, "Content-Length"):
                guard let value = parseDecimal(field.value) else {
                    throw .bad("invalid Content-Length: \(field.value)", "Content-Length không hợp lệ: \(field.value)")
                }
                if let previous = contentLength, previous != value {
                    throw .bad("conflicting Content-Length headers", "các trường Content-Length mâu thuẫn nhau")
                }
                contentLength = value
            case 17 where HTTPHeaders.equalsIgnoringCase(field.name, "Transfer-Encoding"):
                sawTransferEncoding = field.value
            default:
                break
            }
        }
        if let codings = sawTransferEncoding {
            let last = codings.split(separator: ",").last.map { $0.trimmingSpaces } ?? ""
            if HTTPHeaders.equalsIgnoringCase(last, "chunked") {
                throw RequestRejection(
                    status: .lengthRequired, code: "http.chunked-unsupported",
                    message: "chunked request bodies are not accepted; send Content-Length",
                    messageVi: "không nhận thân yêu cầu dạng chunked; hãy gửi Content-Length")
            }
            throw RequestRejection(
                status: .notImplemented, code: "http.transfer-encoding-unsupported",
                message: "Transfer-Encoding \(codings) is not supported; send Content-Length",
                messageVi: "không hỗ trợ Transfer-Encoding \(codings); hãy gửi Content-Length")
        }
        if request.versionMinor == 1 && hostCount != 1 {
            throw .bad("HTTP/1.1 requests need exactly one Host header", "yêu cầu HTTP/1.1 cần đúng một trường Host")
        }
        request.headers = headers
        request.contentLength = contentLength ?? 0
        request.keepAlive = request.versionMinor == 1 ? !connectionClose : (connectionKeepAlive && !connectionClose)
        request.expectsContinue = expectsContinue && request.versionMinor == 1
        return request
    }

    private static func parseDecimal(_ value: String) -> Int? {
        var result = 0
        var digits = 0
        for byte in value.utf8 {
            guard byte >= 48 && byte <= 57, digits < 15 else { return nil }
            result = result * 10 + Int(byte - 48)
            digits += 1
        }
        return digits == 0 ? nil : result
    }

    private static func parseRequestLine(_ line: UnsafeBufferPointer<UInt8>) throws(RequestRejection) -> RequestHead {
        guard let firstSpace = line.firstIndex(of: space),
              let secondSpace = line[(firstSpace + 1)...].firstIndex(of: space),
              line[(secondSpace + 1)...].firstIndex(of: space) == nil
        else {
            throw .bad("malformed request line", "dòng yêu cầu sai cú pháp")
        }
        let methodBytes = UnsafeBufferPointer(rebasing: line[0..<firstSpace])
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(isTokenByte) else {
            throw .bad("malformed method", "phương thức sai cú pháp")
        }
        let version = UnsafeBufferPointer(rebasing: line[(secondSpace + 1)...])
        let versionMinor = try parseVersion(version)
        let target = try parseTarget(UnsafeBufferPointer(rebasing: line[(firstSpace + 1)..<secondSpace]))
        return RequestHead(
            method: HTTPMethod(rawValue: String(decoding: methodBytes, as: UTF8.self)),
            path: target.path, rawPath: target.rawPath,
            rawQuery: target.rawQuery, queryItems: target.queryItems, versionMinor: versionMinor,
            headers: HTTPHeaders(), contentLength: 0, keepAlive: true, expectsContinue: false)
    }

    /// A request target split into its decoded path and query, as a handler sees them.
    struct Target {
        var path: String
        var rawPath: String
        var rawQuery: String
        var queryItems: [HTTPQueryItem]
    }

    /// Checks and decodes a request target (`/path?query`); the server and the in-process
    /// router share it, so both refuse the same targets.
    static func parseTarget(_ target: UnsafeBufferPointer<UInt8>) throws(RequestRejection) -> Target {
        guard let first = target.first, first == UInt8(ascii: "/") || (target.count == 1 && first == UInt8(ascii: "*")) else {
            throw .bad("request target must start with /", "đích yêu cầu phải bắt đầu bằng /")
        }
        for byte in target where byte <= 0x20 || byte >= 0x7F {
            throw .bad("request target contains invalid characters", "đích yêu cầu chứa ký tự không hợp lệ")
        }
        let queryStart = target.firstIndex(of: UInt8(ascii: "?"))
        let rawPathBytes = UnsafeBufferPointer(rebasing: target[0..<(queryStart ?? target.count)])
        guard let path = PercentDecoding.decode(rawPathBytes, plusAsSpace: false) else {
            throw .bad("malformed percent-encoding in path", "mã hoá phần trăm trong đường dẫn không hợp lệ")
        }
        var rawQuery = ""
        var queryItems: [HTTPQueryItem] = []
        if let queryStart {
            let query = UnsafeBufferPointer(rebasing: target[(queryStart + 1)...])
            rawQuery = String(decoding: query, as: UTF8.self)
            guard let items = PercentDecoding.queryItems(query) else {
                throw .bad("malformed percent-encoding in query", "mã hoá phần trăm trong chuỗi truy vấn không hợp lệ")
            }
            queryItems = items
        }
        return Target(path: path, rawPath: String(decoding: rawPathBytes, as: UTF8.self), rawQuery: rawQuery, queryItems: queryItems)
    }

    private static func parseVersion(_ version: UnsafeBufferPointer<UInt8>) throws(RequestRejection) -> Int {
        // "HTTP/" DIGIT "." DIGIT
        let prefix: [UInt8] = Array("HTTP/".utf8)
        guard version.count == 8, version.starts(with: prefix), version[6] == UInt8(ascii: "."),
              (48...57).contains(version[5]), (48...57).contains(version[7])
        else {
            throw .bad("malformed HTTP version", "phiên bản HTTP sai cú pháp")
        }
        guard version[5] == UInt8(ascii: "1"), version[7] <= UInt8(ascii: "1") else {
            throw RequestRejection(
                status: .httpVersionNotSupported, code: "http.version-unsupported",
                message: "only HTTP/1.0 and HTTP/1.1 are supported",
                messageVi: "chỉ hỗ trợ HTTP/1.0 và HTTP/1.1")
        }
        return Int(version[7] - 48)
    }

    private static func parseField(_ line: UnsafeBufferPointer<UInt8>) throws(RequestRejection) -> HTTPHeaders.Field {
        guard let colonIndex = line.firstIndex(of: colon), colonIndex > 0 else {
            throw .bad("malformed header line", "dòng tiêu đề sai cú pháp")
        }
        let name = UnsafeBufferPointer(rebasing: line[0..<colonIndex])
        guard name.allSatisfy(isTokenByte) else {
            throw .bad("malformed header name", "tên trường tiêu đề sai cú pháp")
        }
        var start = colonIndex + 1
        var end = line.count
        while start < end && (line[start] == space || line[start] == tab) { start += 1 }
        while end > start && (line[end - 1] == space || line[end - 1] == tab) { end -= 1 }
        let value = UnsafeBufferPointer(rebasing: line[start..<end])
        for byte in value where (byte < 0x20 && byte != tab) || byte == 0x7F {
            throw .bad("header value contains control characters", "giá trị tiêu đề chứa ký tự điều khiển")
        }
        return HTTPHeaders.Field(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    /// RFC 9110 `tchar`.
    @inline(__always)
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}

/// Percent-decoding for paths and `application/x-www-form-urlencoded` queries.
enum PercentDecoding {
    /// Decodes `%XX` escapes (and `+` as space when asked); nil for bad escapes or invalid UTF-8.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, plusAsSpace: Bool) -> String? {
        var needsWork = false
        for byte in bytes where byte == UInt8(ascii: "%") || (plusAsSpace && byte == UInt8(ascii: "+")) {
            needsWork = true
            break
        }
        if !needsWork { return String(validating: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let high = hex(bytes[i + 1]), let low = hex(bytes[i + 2]) else { return nil }
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    /// Splits a query on `&` and `=` and decodes each part; nil when any part is malformed.
    static func queryItems(_ query: UnsafeBufferPointer<UInt8>) -> [HTTPQueryItem]? {
        var items: [HTTPQueryItem] = []
        for part in query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = part.firstIndex(of: UInt8(ascii: "="))
            let nameBytes = UnsafeBufferPointer(rebasing: part[part.startIndex..<(equals ?? part.endIndex)])
            let valueBytes = equals.map { UnsafeBufferPointer(rebasing: part[($0 + 1)..<part.endIndex]) }
            guard let name = decode(nameBytes, plusAsSpace: true) else { return nil }
            var value = ""
            if let valueBytes {
                guard let decoded = decode(valueBytes, plusAsSpace: true) else { return nil }
                value = decoded
            }
            items.append(HTTPQueryItem(name: name, value: value))
        }
        return items
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
