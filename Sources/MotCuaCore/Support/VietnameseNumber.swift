/// Numbers the way Vietnamese documents print them: a dot between thousands and a comma
/// before decimals (`1.234.567`, `93,5`), so pages and reports never show `93.5` or `1234567`.
public enum VietnameseNumber {
    /// Whole numbers with dots between thousands: `1234567` → `1.234.567`; `-1200` → `-1.200`.
    public static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(".") }
            text.append(digit)
        }
        return (value < 0 ? "-" : "") + text
    }

    /// `value` times 10^-`decimals`, grouped, with a comma before the decimals:
    /// `(9350, 2)` → `93,50`; `(12345678, 1)` → `1.234.567,8`.
    public static func decimal(_ value: Int64, decimals: Int) -> String {
        guard decimals > 0 else { return grouped(value) }
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let whole = grouped(Int64(value.magnitude / scale))
        return (value < 0 ? "-" : "") + whole + "," + Int(value.magnitude % scale).zeroPadded(decimals)
    }

    /// A plain machine number written by a plugin (`1234`, `20.00`, `-0.5`) in Vietnamese form;
    /// anything else (a code such as `1.001193`, a word, a date) comes back unchanged. Up to two
    /// decimals count as a number, so six-digit procedure codes are never mistaken for one.
    public static func display(_ text: String) -> String {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts[0].count <= 15, parts.count == 1 || parts[1].count <= 2,
              parts[0].count == 1 || !parts[0].hasPrefix("0"),
              let whole = Int64(parts[0]) else { return text }
        let sign = negative ? "-" : ""
        return parts.count == 1 ? sign + grouped(whole) : sign + grouped(whole) + "," + parts[1]
    }
}
