import MotCuaHTTP

/// The cookies MotCua sets and reads.
enum Cookies {
    /// A staff member's session.
    static let session = "motcua_session"
    /// A paired device's token, for devices that are browsers (kiosk, board, tablet).
    static let device = "motcua_device"
    /// The chosen language.
    static let language = "motcua_lang"
    /// A province staff member's session on a province server, for the whole site.
    static let province = "motcua_province"

    /// The value of cookie `name` in the request, if present.
    static func value(_ name: String, in request: HTTPRequest) -> String? {
        for header in request.headers.values(for: "Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingSpaces() == name {
                    return parts[1].trimmingSpaces()
                }
            }
        }
        return nil
    }

    /// A `Set-Cookie` value: HttpOnly and SameSite=Strict, for the whole site.
    static func set(_ name: String, _ value: String, maxAge seconds: Int) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(seconds); HttpOnly; SameSite=Strict"
    }

    /// A `Set-Cookie` value that deletes the cookie.
    static func clear(_ name: String) -> String {
        "\(name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
