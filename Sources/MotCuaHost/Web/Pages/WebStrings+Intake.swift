import MotCuaCore

/// The words of the intake pages. Each entry is `public static let`; list it in ``intake``
/// too, which the catalogue test checks.
extension WebStrings {
    /// Every entry of this file.
    static let intake: [LocalizedText] = [
    ]
}
