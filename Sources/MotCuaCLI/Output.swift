#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
#if canImport(Glibc)
import Glibc
#endif

/// Writing to the terminal: results to standard output, problems to standard error.
enum Output {
    /// Writes a line to standard output unbuffered, so logs reach a pipe or file at once.
    static func line(_ text: String = "") {
        write(text + "\n", to: 1)
    }

    static func error(_ text: String) {
        write(text + "\n", to: 2)
    }

    /// Writes all of `text` to a file descriptor, retrying short writes.
    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written > 0 { bytes = bytes.dropFirst(written) } else if written < 0, errno == EINTR { continue } else { return }
        }
    }

    /// The language of messages: `MOTCUA_LANG=vi` for Vietnamese, English otherwise.
    static var language: Language {
        ProcessInfo.processInfo.environment["MOTCUA_LANG"]?.lowercased().hasPrefix("vi") == true ? .vi : .en
    }

    /// Left-aligned columns, for tables in the terminal.
    static func table(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        var widths = Array(repeating: 0, count: first.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.rightPadded(to: widths[index])
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// A duration as seconds with one decimal, e.g. `12.3 s`, for timings in tables.
    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value.fixed(value < 10 ? 2 : 1) + " s"
    }

    /// A short duration in milliseconds with two decimals, e.g. `0.42 ms`.
    static func milliseconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
        return value.fixed(2) + " ms"
    }
}
