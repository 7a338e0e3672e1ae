/// One decoded query parameter (`name=value`); `+` and percent escapes are decoded.
public struct HTTPQueryItem: Sendable, Equatable {
    /// The decoded name.
    public var name: String
    /// The decoded value; empty when the item had no `=`.
    public var value: String

    /// A query item.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A parsed HTTP request as handed to a handler.
///
/// The body is fully read (`Content-Length` only) before the handler runs.
public struct HTTPRequest: Sendable {
    /// The request method.
    public var method: HTTPMethod
    /// The percent-decoded path, e.g. `/api/v1/tickets/A 001`.
    public var path: String
    /// The path exactly as sent, before decoding and without the query.
    public var rawPath: String
    /// The query string as sent (without `?`), empty when absent.
    public var rawQuery: String
    /// The decoded query parameters in order.
    public var queryItems: [HTTPQueryItem]
    /// The header fields in order.
    public var headers: HTTPHeaders
    /// The body bytes (empty when there is none).
    public var body: [UInt8]
    /// The peer address, e.g. `192.168.1.20:51234`.
    public var remoteAddress: String
    /// Route parameters filled in by the `Router` (`:id` → `parameters["id"]`, tail `*` → `parameters["*"]`).
    public var parameters: [String: String]
    /// The HTTP minor version (0 or 1).
    public var versionMinor: Int
    /// The path prefix a province server mounted this request's centre under (`/05425`), empty
    /// otherwise; ``path`` and ``rawPath`` are already without it. Pages put it before their
    /// own links so they work unchanged under the prefix (Docs/Province.md).
    public var basePath: String = ""

    /// A request built by hand, e.g. to call a handler from a test without a socket.
    public init(
        method: HTTPMethod, path: String, rawPath: String? = nil, rawQuery: String = "",
        queryItems: [HTTPQueryItem] = [], headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
        remoteAddress: String = "", parameters: [String: String] = [:], versionMinor: Int = 1
    ) {
        self.method = method
        self.path = path
        self.rawPath = rawPath ?? path
        self.rawQuery = rawQuery
        self.queryItems = queryItems
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.parameters = parameters
        self.versionMinor = versionMinor
    }

    /// The first decoded value of query parameter `name`, or nil.
    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// The body decoded as UTF-8 (invalid sequences replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The fields of an HTML form's `application/x-www-form-urlencoded` body, decoded like a
    /// query; nil when the body has another type or a malformed escape.
    public var formItems: [HTTPQueryItem]? {
        let type = headers["Content-Type"]?.lowercased() ?? ""
        guard type.split(separator: ";").first?.trimmingSpaces == "application/x-www-form-urlencoded" else {
            return nil
        }
        return body.withUnsafeBufferPointer { PercentDecoding.queryItems($0) }
    }
}
