/// A bank statement exported as CSV, the credits a centre's account received, read strictly:
/// one wrong line refuses the whole file, so an import either takes all of it or nothing.
///
/// The format (UTF-8, a byte-order mark is allowed, comma-separated, fields may be quoted
/// with `"` and a quote inside doubled):
///
/// ```text
/// date,amount,description,reference
/// 2026-03-02,58000,"CK 99.99999-260302-0001 NGUYEN VAN A",FT26061000123
/// ```
///
/// `date` is `yyyy-MM-dd` or `dd/MM/yyyy`; `amount` is whole đồng, digits only;
/// `description` is the transfer content the payer's bank passed on; `reference` is the
/// bank's own transaction id, unique in a statement.
public struct BankStatement: Sendable, Hashable {
    /// One credit.
    public struct Line: Sendable, Hashable {
        /// The line number in the file (the header is line 1).
        public var lineNumber: Int
        /// The value date.
        public var date: LocalDate
        /// The amount credited, whole đồng.
        public var amount: Int64
        /// The transfer content.
        public var description: String
        /// The bank's transaction id.
        public var reference: String
    }

    /// The columns, in order.
    public static let columns = ["date", "amount", "description", "reference"]
    /// The most lines a statement may hold.
    public static let maximumLines = 100_000
    /// The largest amount one line may carry, in đồng.
    public static let maximumAmount: Int64 = 1_000_000_000_000

    /// The credits, in file order.
    public var lines: [Line]

    /// Parses a statement file; throws a `Problem` naming the line and the column for any
    /// bad encoding, wrong column, bad value or duplicate line.
    public init(bytes: [UInt8]) throws {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        // Spreadsheet exports in UTF-16 start with a byte-order mark and are full of zero bytes.
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) || body.contains(0) {
            throw Self.problem("payments.statement-encoding", field: "file",
                               en: "The statement looks like UTF-16 text; save it as CSV in UTF-8 and import it again.",
                               vi: "Sao kê có vẻ là văn bản UTF-16; hãy lưu lại dạng CSV mã UTF-8 rồi nhập lại.")
        }
        guard let text = String(validating: body, as: UTF8.self) else {
            let offset = Self.firstInvalidUTF8(Array(body))
            throw Self.problem("payments.statement-encoding", field: "file",
                               en: "The statement is not UTF-8 text (bad byte at offset \(offset)); export it from the bank as CSV in UTF-8.",
                               vi: "Sao kê không phải văn bản UTF-8 (byte sai ở vị trí \(offset)); hãy xuất lại từ ngân hàng dạng CSV, mã UTF-8.")
        }
        let rows = Self.rows(text)
        guard let header = rows.first, header.fields.contains(where: { !$0.isEmpty }) else {
            throw Self.problem("payments.statement-empty", field: "file", en: "The statement is empty.", vi: "Tệp sao kê trống.")
        }
        let found = header.fields.map { $0.trimmingSpaces.lowercased() }
        guard found == Self.columns else {
            let expected = Self.columns.joined(separator: ",")
            throw Self.problem("payments.statement-columns", field: "line 1",
                               en: "Line 1 has the columns \"\(found.joined(separator: ","))\"; a statement needs exactly \"\(expected)\".",
                               vi: "Dòng 1 có các cột \"\(found.joined(separator: ","))\"; sao kê cần đúng các cột \"\(expected)\".")
        }
        guard rows.count - 1 <= Self.maximumLines else {
            throw Self.problem("payments.statement-size", field: "file",
                               en: "The statement has \(rows.count - 1) lines; split it into files of at most \(Self.maximumLines).",
                               vi: "Sao kê có \(rows.count - 1) dòng; hãy tách thành các tệp tối đa \(Self.maximumLines) dòng.")
        }
        var lines: [Line] = []
        var byReference: [String: Int] = [:]
        var byContent: [[String]: Int] = [:]
        for row in rows.dropFirst() {
            if row.fields.count == 1, row.fields[0].trimmingSpaces.isEmpty { continue }
            let n = row.lineNumber
            guard row.fields.count == Self.columns.count else {
                throw Self.problem("payments.statement-columns", field: "line \(n)",
                                   en: "Line \(n) has \(row.fields.count) columns; every line needs \(Self.columns.count) (\(Self.columns.joined(separator: ","))).",
                                   vi: "Dòng \(n) có \(row.fields.count) cột; mỗi dòng cần \(Self.columns.count) cột (\(Self.columns.joined(separator: ","))).")
            }
            let fields = row.fields.map(\.trimmingSpaces)
            guard let date = LocalDate(iso: fields[0]) ?? Self.vietnameseDate(fields[0]) else {
                throw Self.problem("payments.statement-date", field: "line \(n).date",
                                   en: "Line \(n): \"\(fields[0])\" is not a date (yyyy-MM-dd or dd/MM/yyyy).",
                                   vi: "Dòng \(n): \"\(fields[0])\" không phải ngày (yyyy-MM-dd hoặc dd/MM/yyyy).")
            }
            guard !fields[1].isEmpty, fields[1].count <= 13, fields[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let amount = Int64(fields[1]), amount > 0, amount <= Self.maximumAmount else {
                throw Self.problem("payments.statement-amount", field: "line \(n).amount",
                                   en: "Line \(n): amount \"\(fields[1])\" must be whole đồng, digits only, from 1 to \(Self.maximumAmount).",
                                   vi: "Dòng \(n): số tiền \"\(fields[1])\" phải là số đồng nguyên, chỉ gồm chữ số, từ 1 đến \(Self.maximumAmount).")
            }
            guard !fields[3].isEmpty else {
                throw Self.problem("payments.statement-reference", field: "line \(n).reference",
                                   en: "Line \(n) has no bank reference.", vi: "Dòng \(n) thiếu mã giao dịch ngân hàng.")
            }
            if let earlier = byReference[fields[3]] ?? byContent[fields] {
                throw Self.problem("payments.statement-duplicate", field: "line \(n)",
                                   en: "Line \(n) repeats line \(earlier) (reference \(fields[3])); remove the duplicate and import again.",
                                   vi: "Dòng \(n) trùng dòng \(earlier) (mã giao dịch \(fields[3])); hãy bỏ dòng trùng rồi nhập lại.")
            }
            byReference[fields[3]] = n
            byContent[fields] = n
            lines.append(Line(lineNumber: n, date: date, amount: amount, description: fields[2], reference: fields[3]))
        }
        guard !lines.isEmpty else {
            throw Self.problem("payments.statement-empty", field: "file", en: "The statement has a header but no lines.",
                               vi: "Sao kê có dòng tiêu đề nhưng không có giao dịch.")
        }
        self.lines = lines
    }

    /// Whether `description` names `dossierCode`, ignoring case, spaces and the dots,
    /// dashes and underscores banks strip or change.
    public static func description(_ description: String, mentions dossierCode: String) -> Bool {
        func squeezed(_ text: String) -> String {
            String(text.uppercased().unicodeScalars.filter { CharacterSetASCII.isAlphanumeric($0) }.map(Character.init))
        }
        let code = squeezed(dossierCode)
        return !code.isEmpty && squeezed(description).contains(code)
    }

    private struct Row { var lineNumber: Int; var fields: [String] }

    /// Splits CSV text into rows of fields, honouring quotes; line numbers count physical lines.
    private static func rows(_ text: String) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var rowStart = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return iterator.next()
        }
        while let scalar = next() {
            if quoted {
                if scalar == "\"" {
                    let after = next()
                    if after == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = after }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty: quoted = true
            case ",": fields.append(field); field = ""
            case "\r": break
            case "\n":
                fields.append(field)
                rows.append(Row(lineNumber: rowStart, fields: fields))
                fields = []; field = ""; line += 1; rowStart = line
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); rows.append(Row(lineNumber: rowStart, fields: fields)) }
        return rows
    }

    private static func vietnameseDate(_ text: String) -> LocalDate? {
        let parts = text.split(separator: "/").map(String.init)
        guard parts.count == 3, parts[2].count == 4, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// Where the first byte that does not start a well-formed UTF-8 sequence sits.
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            for offset in 1..<max(length, 1) where bytes[index + offset] & 0xC0 != 0x80 { return index }
            index += length
        }
        return index
    }

    private static func problem(_ code: String, field: String, en: String, vi: String) -> Problem {
        Problem(code, status: 422, en: en, vi: vi, details: [.init(field: field, code: code, message: LocalizedText(vi: vi, en: en))])
    }
}

private enum CharacterSetASCII {
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(scalar.value) || (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }
}

private extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
