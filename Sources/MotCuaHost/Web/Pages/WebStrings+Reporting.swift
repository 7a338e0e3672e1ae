import MotCuaCore

/// The words of the reporting pages. Each entry is `public static let`; list it in ``reporting``
/// too, which the catalogue test checks.
extension WebStrings {
    /// Every entry of this file.
    static let reporting: [LocalizedText] = [
    ]
}
