extension StoreError {
    /// The database could not be opened at `path`.
    public static func openFailed(path: String, reason: String) -> StoreError {
        StoreError(
            code: "store.open-failed",
            message: "Cannot open the database at \(path): \(reason).",
            messageVi: "Không mở được cơ sở dữ liệu tại \(path): \(reason).")
    }

    /// Another writer held the database longer than the busy timeout.
    public static func busy(milliseconds: Int, detail: String) -> StoreError {
        StoreError(
            code: "store.busy",
            message: "The database stayed busy for more than \(milliseconds) ms (\(detail)). "
                + "Try again; if it keeps happening, check that no other program uses the same database file.",
            messageVi: "Cơ sở dữ liệu bận quá \(milliseconds) ms (\(detail)). "
                + "Hãy thử lại; nếu vẫn lặp lại, kiểm tra xem có chương trình khác đang dùng cùng tệp dữ liệu không.")
    }

    /// A row broke a constraint; `detail` is the database's text naming it.
    public static func constraint(_ detail: String) -> StoreError {
        StoreError(
            code: "store.constraint",
            message: "A constraint was violated: \(detail). The change was not saved; correct the data and retry.",
            messageVi: "Dữ liệu vi phạm ràng buộc: \(detail). Thay đổi chưa được lưu; hãy sửa dữ liệu rồi thử lại.")
    }

    /// The database file is damaged or is not a database.
    public static func corrupt(_ detail: String) -> StoreError {
        StoreError(
            code: "store.corrupt",
            message: "The database is damaged or is not a MotCua database (\(detail)). Restore it from the latest backup.",
            messageVi: "Cơ sở dữ liệu bị hỏng hoặc không phải dữ liệu MotCua (\(detail)). Hãy khôi phục từ bản sao lưu gần nhất.")
    }

    /// A statement failed for another reason; `detail` names the statement and the cause.
    public static func sql(_ detail: String) -> StoreError {
        StoreError(
            code: "store.sql",
            message: "A database statement failed: \(detail).",
            messageVi: "Câu lệnh cơ sở dữ liệu bị lỗi: \(detail).")
    }

    /// A migration step failed and was rolled back.
    public static func migrationFailed(owner: String, version: Int, name: String, detail: String) -> StoreError {
        StoreError(
            code: "store.migration-failed",
            message: "Migration \(owner) version \(version) (\(name)) failed and was rolled back: \(detail). "
                + "Earlier versions stay applied; fix the migration and start again.",
            messageVi: "Bước nâng cấp dữ liệu \(owner) phiên bản \(version) (\(name)) bị lỗi và đã được hoàn tác: \(detail). "
                + "Các phiên bản trước vẫn giữ nguyên; hãy sửa bước nâng cấp rồi khởi động lại.")
    }

    /// The database holds a newer schema than this program knows.
    public static func migrationDowngrade(owner: String, databaseVersion: Int, codeVersion: Int) -> StoreError {
        StoreError(
            code: "store.migration-downgrade",
            message: "The database has \(owner) at version \(databaseVersion) but this program only knows up to "
                + "version \(codeVersion). Run the newer program that wrote it, or restore a backup made before the upgrade.",
            messageVi: "Cơ sở dữ liệu có \(owner) ở phiên bản \(databaseVersion) nhưng chương trình này chỉ biết đến "
                + "phiên bản \(codeVersion). Hãy chạy bản chương trình mới hơn, hoặc khôi phục bản sao lưu trước khi nâng cấp.")
    }

    /// A version number was applied under a different name than the code now gives it.
    public static func migrationConflict(owner: String, version: Int, databaseName: String, codeName: String) -> StoreError {
        StoreError(
            code: "store.migration-conflict",
            message: "Migration \(owner) version \(version) was applied as \"\(databaseName)\" but the program calls it "
                + "\"\(codeName)\". A shipped migration must never change; add a new version instead.",
            messageVi: "Bước nâng cấp \(owner) phiên bản \(version) đã được áp dụng với tên \"\(databaseName)\" nhưng chương trình "
                + "gọi là \"\(codeName)\". Không được sửa bước nâng cấp đã phát hành; hãy thêm phiên bản mới.")
    }

    /// The applied history and the code disagree in order or content.
    public static func migrationHistory(owner: String, detail: String, detailVi: String) -> StoreError {
        StoreError(
            code: "store.migration-history",
            message: "The migrations of \(owner) in the database do not match the program: \(detail).",
            messageVi: "Lịch sử nâng cấp dữ liệu của \(owner) không khớp với chương trình: \(detailVi).")
    }

    /// A migration set is malformed.
    public static func migrationInvalid(owner: String, detail: String, detailVi: String) -> StoreError {
        StoreError(
            code: "store.migration-invalid",
            message: "The migrations of \"\(owner)\" are malformed: \(detail). Fix the plugin's migration list.",
            messageVi: "Danh sách nâng cấp dữ liệu của \"\(owner)\" không hợp lệ: \(detailVi). Hãy sửa danh sách của plugin.")
    }

    /// A transaction or executor was used after its `read` or `write` body returned,
    /// or a write was attempted through a read executor.
    public static func transactionMisuse(_ detail: String, _ detailVi: String) -> StoreError {
        StoreError(
            code: "store.transaction-misuse",
            message: "\(detail).",
            messageVi: "\(detailVi).")
    }

    /// A transaction or executor was used after its body returned.
    public static let transactionClosed = StoreError.transactionMisuse(
        "a store transaction was used after its read or write body returned; keep it inside the body",
        "giao dịch lưu trữ bị dùng sau khi khối read hoặc write đã kết thúc; chỉ dùng bên trong khối đó")

    /// A journal append through a read executor.
    public static let journalOutsideWrite = StoreError.transactionMisuse(
        "the journal can only be appended inside write",
        "chỉ được ghi nhật ký bên trong write")

    /// A row accessor named a column the select list does not have.
    public static func columnMissing(_ column: String, available: [String]) -> StoreError {
        let list = available.joined(separator: ", ")
        return StoreError(
            code: "store.column-missing",
            message: "The result has no column \"\(column)\" (it has: \(list)). Add it to the SELECT list.",
            messageVi: "Kết quả truy vấn không có cột \"\(column)\" (chỉ có: \(list)). Hãy thêm cột vào câu SELECT.")
    }

    /// A row accessor found a value of another type than it asked for.
    public static func columnType(_ column: String, expected: String, found: String) -> StoreError {
        StoreError(
            code: "store.column-type",
            message: "Column \"\(column)\" holds \(found) where \(expected) was expected. Check the table definition and the query.",
            messageVi: "Cột \"\(column)\" chứa kiểu \(found) trong khi cần kiểu \(expected). Hãy kiểm tra định nghĩa bảng và câu truy vấn.")
    }
}
