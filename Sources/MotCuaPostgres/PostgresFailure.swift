#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// The errors a PostgreSQL store raises, each a ``StoreError`` that names the cause and
/// what to do in Vietnamese and English. Statement errors keep the codes SQLite's store uses
/// (`store.constraint`, `store.busy`, …) so callers handle both engines alike.
enum PostgresFailure {
    static func badURL(_ url: String, reason: String, reasonVi: String) -> StoreError {
        StoreError(
            code: "store.database-url",
            message: "The database address \(url) is not usable: \(reason).",
            messageVi: "Địa chỉ cơ sở dữ liệu \(url) không dùng được: \(reasonVi).")
    }

    static func unreachable(_ location: PostgresLocation, reason: String) -> StoreError {
        StoreError(
            code: "store.unreachable",
            message: "Cannot reach the PostgreSQL server at \(location) (\(reason)). Check that the server runs, "
                + "the host and port are right and the firewall lets this machine through.",
            messageVi: "Không kết nối được tới máy chủ PostgreSQL tại \(location) (\(reason)). Hãy kiểm tra máy chủ đang chạy, "
                + "tên máy và cổng đúng, và tường lửa cho phép máy này kết nối.")
    }

    /// Sorts libpq's connection failure into unreachable, refused password, or another cause.
    static func connectFailed(_ location: PostgresLocation, reason: String) -> StoreError {
        let lower = reason.lowercased()
        if lower.contains("password authentication failed") || lower.contains("no password supplied")
            || lower.contains("authentication failed") {
            return StoreError(
                code: "store.auth-failed",
                message: "The PostgreSQL server at \(location) refused the login (\(reason)). Check the user name in the "
                    + "address and the password in ~/.pgpass (or the file PGPASSFILE names).",
                messageVi: "Máy chủ PostgreSQL tại \(location) từ chối đăng nhập (\(reason)). Hãy kiểm tra tên người dùng "
                    + "trong địa chỉ và mật khẩu trong ~/.pgpass (hoặc tệp mà PGPASSFILE chỉ tới).")
        }
        if lower.contains("database") && lower.contains("does not exist") {
            return StoreError(
                code: "store.database-missing",
                message: "The PostgreSQL server at \(location) has no such database (\(reason)). Create it first: "
                    + "createdb -O <role> <name> (Docs/PostgreSQL.md).",
                messageVi: "Máy chủ PostgreSQL tại \(location) không có cơ sở dữ liệu này (\(reason)). Hãy tạo trước: "
                    + "createdb -O <vai trò> <tên> (Docs/PostgreSQL.vi.md).")
        }
        return unreachable(location, reason: reason)
    }

    static func serverTooOld(_ location: PostgresLocation, version: Int, minimum: Int) -> StoreError {
        StoreError(
            code: "store.server-too-old",
            message: "The PostgreSQL server at \(location) is version \(versionText(version)); MotCua needs "
                + "\(versionText(minimum)) or later. Upgrade the server (pg_upgrade) or use another one.",
            messageVi: "Máy chủ PostgreSQL tại \(location) là phiên bản \(versionText(version)); MotCua cần phiên bản "
                + "\(versionText(minimum)) trở lên. Hãy nâng cấp máy chủ (pg_upgrade) hoặc dùng máy chủ khác.")
    }

    static func schemaDenied(_ location: PostgresLocation, schema: String, reason: String) -> StoreError {
        StoreError(
            code: "store.schema-denied",
            message: "The login used for \(location) may not create the schema \(schema) (\(reason)). As the database "
                + "owner run: GRANT CREATE ON DATABASE <name> TO <role>; or create the schema for it: "
                + "CREATE SCHEMA \(schema) AUTHORIZATION <role>;",
            messageVi: "Tài khoản dùng cho \(location) không có quyền tạo schema \(schema) (\(reason)). Người sở hữu cơ sở "
                + "dữ liệu hãy chạy: GRANT CREATE ON DATABASE <tên> TO <vai trò>; hoặc tạo sẵn schema: "
                + "CREATE SCHEMA \(schema) AUTHORIZATION <vai trò>;")
    }

    static func connectionLost(_ location: PostgresLocation, during sql: String, reason: String) -> StoreError {
        StoreError(
            code: "store.connection-lost",
            message: "The connection to the PostgreSQL server at \(location) was lost (\(reason)). The change in progress "
                + "was not saved; try again, MotCua reconnects on the next request.",
            messageVi: "Mất kết nối tới máy chủ PostgreSQL tại \(location) (\(reason)). Thay đổi đang làm chưa được lưu; "
                + "hãy thử lại, MotCua tự kết nối lại ở yêu cầu sau.")
    }

    static func diverged(_ location: PostgresLocation, server: String, schema: String, sequence: Int64) -> StoreError {
        StoreError(
            code: "store.diverged",
            message: "The PostgreSQL server \(server) (of \(location)) accepts writes but lacks journal entry \(sequence) of schema "
                + "\(schema), which this process saw committed: it is an old primary started again, or a standby that was behind. "
                + "MotCua will not write to it. Stop it and rebuild it as a standby of the promoted server (Docs/Operations.md, "
                + "PostgreSQL standby and failover).",
            messageVi: "Máy chủ PostgreSQL \(server) (thuộc \(location)) nhận ghi nhưng thiếu mục nhật ký \(sequence) của schema "
                + "\(schema) mà tiến trình này đã thấy được lưu: đó là máy chính cũ được bật lại, hoặc máy dự phòng bị chậm. "
                + "MotCua sẽ không ghi vào đó. Hãy dừng nó và dựng lại thành máy dự phòng của máy đã được nâng lên "
                + "(Docs/Operations.vi.md, mục Máy dự phòng PostgreSQL và chuyển đổi).")
    }

    static func commitUnknown(_ location: PostgresLocation, reason: String) -> StoreError {
        StoreError(
            code: "store.commit-unknown",
            message: "The connection to the PostgreSQL server at \(location) was lost while committing (\(reason)); "
                + "the change may or may not be saved. Look it up before repeating it.",
            messageVi: "Mất kết nối tới máy chủ PostgreSQL tại \(location) đúng lúc lưu (\(reason)); thay đổi có thể đã "
                + "hoặc chưa được lưu. Hãy tra cứu lại trước khi làm lại.")
    }

    /// A failed statement, by its SQLSTATE class, in the codes the SQLite store uses.
    static func statement(sqlState: String, detail: String, sql: String, schema: String, busyMilliseconds: Int) -> StoreError {
        switch sqlState {
        case let state where state.hasPrefix("23"):
            return .constraint(detail)
        case "40001", "40P01", "55P03":
            return .busy(milliseconds: busyMilliseconds, detail: detail)
        case "25006":
            return .transactionMisuse(
                "`\(abbreviate(sql))` changes data but was run inside read; use write instead",
                "`\(abbreviate(sql))` thay đổi dữ liệu nhưng được chạy trong read; hãy dùng write")
        case "25P02":
            return .sql("an earlier statement in this transaction failed, so `\(abbreviate(sql))` was not run; "
                        + "the whole change is rolled back")
        case "42501":
            return StoreError(
                code: "store.permission",
                message: "The database login may not run `\(abbreviate(sql))` in schema \(schema) (\(detail)). "
                    + "Grant the role rights on the schema (Docs/PostgreSQL.md).",
                messageVi: "Tài khoản cơ sở dữ liệu không có quyền chạy `\(abbreviate(sql))` trong schema \(schema) (\(detail)). "
                    + "Hãy cấp quyền cho vai trò trên schema (Docs/PostgreSQL.vi.md).")
        default:
            return .sql("\(detail) in `\(abbreviate(sql))` (PostgreSQL SQLSTATE \(sqlState.isEmpty ? "unknown" : sqlState))")
        }
    }

    static func versionText(_ number: Int) -> String {
        number >= 100_000 ? "\(number / 10_000).\(number % 10_000)" : "\(number / 10_000).\(number / 100 % 100)"
    }

    static func abbreviate(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces() }.joined(separator: " ")
        return flat.count > 120 ? String(flat.prefix(117)) + "..." : flat
    }
}
