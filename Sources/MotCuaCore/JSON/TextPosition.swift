/// A place in a text document: 1-based line and column, and the 0-based byte offset.
///
/// Lines are separated by line feeds (a carriage return before one is ordinary whitespace).
/// Columns count Unicode scalars, so `"Đào Xá"` advances the column by 6, not by its
/// 9 UTF-8 bytes; that matches what an editor shows for Vietnamese text. A leading byte
/// order mark does not count as a column, but does count in `offset`.
public struct TextPosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The line, counting from 1.
    public var line: Int
    /// The column in Unicode scalars, counting from 1.
    public var column: Int
    /// The offset in bytes from the start of the input, counting from 0.
    public var offset: Int

    /// Creates a position.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// Positions order by where they are in the input.
    public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
        lhs.offset < rhs.offset
    }

    /// `line L, column C`, as error messages write it.
    public var description: String { "line \(line), column \(column)" }

    /// `dòng L, cột C`, the Vietnamese form of `description`.
    public var descriptionVi: String { "dòng \(line), cột \(column)" }
}
