#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Textual IP addresses, as the socket layer reads them.
public enum IPAddress {
    /// Whether `text` is an IPv4 address (`192.0.2.7`) or an IPv6 address (`2001:db8::7`),
    /// without port, brackets or zone.
    public static func isValid(_ text: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return text.withCString { pointer in
            inet_pton(AF_INET, pointer, &buffer) == 1 || inet_pton(AF_INET6, pointer, &buffer) == 1
        }
    }
}
