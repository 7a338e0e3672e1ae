import MotCuaCore

/// The official provinces and commune-level units compiled into every binary (the list is in
/// `Generated/OfficialUnits+List.swift`), so `check` needs no file and no network.
public enum OfficialUnits {
    /// The 34 provinces and 3,321 commune-level units in force from 1 July 2025.
    public static let units = AdministrativeUnits(parsing: list)
}
