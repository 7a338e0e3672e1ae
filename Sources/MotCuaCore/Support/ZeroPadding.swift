/// Zero padding, the one way MotCua writes fixed-width numbers: dates (`2026-03-02`), times
/// (`07:05`), ticket and dossier numbers (`0042`), receipt numbers (`0000001`) and hex codes.
extension String {
    /// The text with `pad` added on the left up to `width` characters; longer text is kept whole.
    public func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }

    /// The text with `pad` added on the right up to `width` characters, for table columns.
    public func rightPadded(to width: Int, with pad: Character = " ") -> String {
        count >= width ? self : self + String(repeating: pad, count: width - count)
    }
}

extension BinaryInteger {
    /// The decimal digits padded with zeros on the left to `width` (a minus sign, if any,
    /// stays in front): `7.zeroPadded(3)` is `007`.
    public func zeroPadded(_ width: Int) -> String {
        self < 0 ? "-" + String(magnitude).leftPadded(to: width - 1) : String(self).leftPadded(to: width)
    }

    /// The hexadecimal digits, upper case, padded with zeros to `width`: `10.hexPadded(4)` is `000A`.
    public func hexPadded(_ width: Int) -> String {
        String(self, radix: 16, uppercase: true).leftPadded(to: width)
    }
}
