/// The settings of a payment method that numbers receipts in its own book (`receipt`).
///
/// The manifest loader and ``PaymentsPlugin`` composition read it to keep one receipt
/// series to one method: two methods numbering in one series would print two receipts
/// with the same number, and a void could land in the wrong book.
public protocol ReceiptBookSettings {
    /// The method's receipt book.
    var receipt: ReceiptBook { get }
}

extension ReceiptBook {
    /// One method whose series another method already numbers in.
    public struct SharedSeries: Sendable, Hashable {
        /// The series, as the later method wrote it.
        public var series: String
        /// The method that uses it first (manifest order).
        public var first: String
        /// The method that uses it again.
        public var again: String
    }

    /// Every method, after the first, whose series (compared without case, as printed)
    /// another method of `books` already uses; `books` in manifest order.
    public static func sharedSeries(_ books: [(method: String, book: ReceiptBook)]) -> [SharedSeries] {
        var owners: [String: String] = [:]
        var shared: [SharedSeries] = []
        for (method, book) in books {
            let key = book.series.uppercased()
            if let first = owners[key] {
                shared.append(SharedSeries(series: book.series, first: first, again: method))
            } else {
                owners[key] = method
            }
        }
        return shared
    }

    /// The message of a shared series: what is wrong at `plugins.<again>.receipt.series`.
    public static func sharedSeriesMessage(_ shared: SharedSeries) -> LocalizedText {
        LocalizedText(vi: "ký hiệu biên lai \(shared.series) đã được \(shared.first) dùng; hai phương thức thu không được dùng chung một quyển biên lai",
                      en: "receipt series \(shared.series) is already used by \(shared.first); two payment methods may not share one receipt book")
    }

    /// The fix of a shared series.
    public static func sharedSeriesFix(_ shared: SharedSeries) -> LocalizedText {
        LocalizedText(vi: "khai báo cho \(shared.again) ký hiệu riêng đã đăng ký với cơ quan thuế (ví dụ CK-26E cho chuyển khoản)",
                      en: "give \(shared.again) its own series registered with the tax office (e.g. CK-26E for transfers)")
    }
}
