import MotCuaCore

/// The words of the payments pages. Each entry is `public static let`; list it in ``payments``
/// too, which the catalogue test checks.
extension WebStrings {
    /// Every entry of this file.
    static let payments: [LocalizedText] = [
    ]
}
