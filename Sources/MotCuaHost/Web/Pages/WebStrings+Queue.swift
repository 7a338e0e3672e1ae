import MotCuaCore

/// The words of the queueing pages. Each entry is `public static let`; list it in ``queueing``
/// too, which the catalogue test checks.
extension WebStrings {
    /// Every entry of this file.
    static let queueing: [LocalizedText] = [
    ]
}
