internal import CLibPQ
import MotCuaCore

/// A PostgreSQL server to connect to, as a `postgresql://` URL, checked before any connection.
///
/// The URL is libpq's own (so `?sslmode=…`, `?target_session_attrs=read-write` and several
/// hosts, `postgresql://a:5432,b:5432/motcua`, all work). It must not carry a password:
/// passwords come from libpq's usual places (`PGPASSWORD`, `PGPASSFILE`, `~/.pgpass`), never
/// from a command line that every user of the machine can read with `ps`.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// The URL as given.
    public let connectionString: String

    /// Checks `url`: the scheme, that libpq can parse it, and that it holds no password.
    ///
    /// Throws `store.database-url` naming the problem in Vietnamese and English.
    public init(url: String) throws {
        guard PostgresLocation.isPostgresURL(url) else {
            throw PostgresFailure.badURL(url, reason: "it must start with postgresql:// (or postgres://)",
                                         reasonVi: "địa chỉ phải bắt đầu bằng postgresql:// (hoặc postgres://)")
        }
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &message) else {
            let reason = PostgresConnection.message(message)
            if let message { PQfreemem(message) }
            throw PostgresFailure.badURL(url, reason: "libpq cannot read it (\(reason))", reasonVi: "libpq không đọc được (\(reason))")
        }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", let value = option.pointee.val, value.pointee != 0 {
                throw PostgresFailure.badURL(
                    PostgresLocation.redacted(url),
                    reason: "it holds a password; put the password in ~/.pgpass (or the file PGPASSFILE names) instead",
                    reasonVi: "địa chỉ có chứa mật khẩu; hãy để mật khẩu trong ~/.pgpass (hoặc tệp mà PGPASSFILE chỉ tới)")
            }
            option += 1
        }
        connectionString = url
    }

    /// Whether `text` names a PostgreSQL server rather than a SQLite file.
    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// The URL for messages and logs.
    public var description: String { connectionString }

    /// `url` with any password (in the authority or a `password=` parameter) replaced, for messages.
    static func redacted(_ url: String) -> String {
        var text = url
        if let schemeEnd = text.firstRange(of: "://"), let at = text[schemeEnd.upperBound...].firstIndex(of: "@"),
           let colon = text[schemeEnd.upperBound..<at].firstIndex(of: ":") {
            text = String(text[..<colon]) + ":…" + String(text[at...])
        }
        if let parameter = text.firstRange(of: "password=") {
            let end = text[parameter.upperBound...].firstIndex(of: "&") ?? text.endIndex
            text.replaceSubrange(parameter.upperBound..<end, with: "…")
        }
        return text
    }

    /// The schema a centre's tables live in: its id in lower case, every character other
    /// than a letter, digit or `_` turned into `_`, prefixed `c_` when it does not start with
    /// a letter, at most 63 bytes (PostgreSQL's limit). `phu-tho.dao-xa` → `phu_tho_dao_xa`.
    public static func schemaName(forCentre centre: String) -> String {
        var name = String(centre.lowercased().unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_") ? Character(scalar) : "_"
        })
        if !(name.first.map { $0.isLetter } ?? false) { name = "c_" + name }
        return String(name.prefix(63))
    }
}
