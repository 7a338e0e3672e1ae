/// HTTP requests a plugin sends to another system (the national portal), provided by the host.
///
/// Plugins depend on `MotCuaCore` only, so they never open sockets: the host hands them a
/// client through ``HostContext/outbound`` (libcurl with TLS verification on, in
/// `MotCuaHTTPClient`), and a test hands them the same client pointed at a loopback stand-in.
public protocol OutboundHTTP: Sendable {
    /// Sends one POST and waits for the whole answer; throws ``OutboundFailure`` when no
    /// answer arrived (unreachable, timed out, a certificate that does not verify).
    func post(_ request: OutboundRequest) async throws(OutboundFailure) -> OutboundAnswer
}

/// One POST to another system, with how to reach it.
public struct OutboundRequest: Sendable, Hashable {
    /// The address, `http://` or `https://`.
    public var url: String
    /// The JSON body.
    public var body: [UInt8]
    /// Extra headers.
    public var headers: [String: String]
    /// Seconds allowed to connect (TCP and TLS).
    public var connectTimeout: Int
    /// Seconds allowed for the whole exchange.
    public var timeout: Int
    /// A proxy such as `http://proxy.tinh.gov.vn:3128`; none when nil.
    public var proxy: String?
    /// A file of extra certificate authorities to trust (the province's gateway CA); the
    /// system's alone when nil. Verification itself is never turned off.
    public var certificateAuthorities: String?

    /// Creates a request: 10 s to connect and 30 s in all by default.
    public init(url: String, body: [UInt8], headers: [String: String] = [:], connectTimeout: Int = 10, timeout: Int = 30,
                proxy: String? = nil, certificateAuthorities: String? = nil) {
        self.url = url
        self.body = body
        self.headers = headers
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.proxy = proxy
        self.certificateAuthorities = certificateAuthorities
    }
}

/// The answer of another system: its status and body.
public struct OutboundAnswer: Sendable, Hashable {
    /// The HTTP status, e.g. 200.
    public var status: Int
    /// The body as received.
    public var body: [UInt8]

    /// Creates an answer.
    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// Why a request got no answer, with the reason in Vietnamese and English.
public struct OutboundFailure: Error, Sendable, Hashable {
    /// What kind of failure it was.
    public enum Kind: String, Sendable, Hashable {
        /// The name did not resolve or nothing listened.
        case unreachable
        /// The connection or the whole exchange took longer than allowed.
        case timeout
        /// The server's certificate did not verify.
        case tls
        /// Anything else the transport reported.
        case transport
    }

    /// The kind.
    public var kind: Kind
    /// The reason in both languages, naming the address.
    public var message: LocalizedText

    /// Creates a failure.
    public init(_ kind: Kind, message: LocalizedText) {
        self.kind = kind
        self.message = message
    }
}
