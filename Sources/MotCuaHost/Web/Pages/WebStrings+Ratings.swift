import MotCuaCore

/// The words of the ratings pages. Each entry is `public static let`; list it in ``ratings``
/// too, which the catalogue test checks.
extension WebStrings {
    /// Every entry of this file.
    static let ratings: [LocalizedText] = [
    ]
}
