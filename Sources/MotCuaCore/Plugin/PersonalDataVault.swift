#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Whose personal data a sealed value belongs to, and what retention needs to know of it.
///
/// The id is the journal subject, e.g. `dossier:H46.25-260302-0001`; procedure and sector
/// stay in clear beside the wrapped key so the retention job can apply the manifest's
/// rules without opening anything.
public struct PersonalDataSubject: Sendable, Hashable {
    /// The journal subject, e.g. `dossier:<code>`.
    public var id: String
    /// The procedure code, for the retention rule.
    public var procedure: String
    /// The sector id, for the retention rule.
    public var sector: String

    /// Creates a subject.
    public init(id: String, procedure: String, sector: String) {
        self.id = id
        self.procedure = procedure
        self.sector = sector
    }
}

/// Encryption at rest of personal values, provided by the host (Law 91/2025, Docs/Privacy.md).
///
/// Each subject (a dossier) gets its own random key the first time something is sealed for
/// it; the key is wrapped under the centre's key-encryption key and stored in the same
/// transaction as the sealed data, so a crash never leaves data without its key. Destroying
/// the key (retention, erasure) makes every sealed value of the subject unreadable, while
/// the journal, which holds only sealed bytes, still verifies.
public protocol PersonalDataVault: Sendable {
    /// Seals `plaintext` under the subject's key, creating and wrapping the key inside
    /// `transaction` when the subject has none. `purpose` (e.g. `form`) is authenticated:
    /// a value opened for another purpose or subject is refused.
    func seal(_ plaintext: [UInt8], for subject: PersonalDataSubject, purpose: String,
              in transaction: any StoreTransaction) throws -> [UInt8]

    /// Opens a sealed value; nil when the subject's key was destroyed (the data is erased).
    /// Throws `personal-data.tampered` when the bytes were altered or belong elsewhere.
    func open(_ sealed: [UInt8], subject: String, purpose: String, in database: any SQLExecutor) throws -> [UInt8]?

    /// Records that the subject's case closed at `date` (retention counts from there), or
    /// that it is open again when `date` is nil.
    func markClosed(_ subject: String, at date: Date?, in transaction: any StoreTransaction) throws
}

/// Files kept beside the database (scans), provided by the host.
///
/// A file is sealed under its subject's key and written durably — the file and its folder
/// are flushed to disk — before `write` returns, so a request acknowledged after the
/// transaction commits never loses a file. Paths are relative to the data folder.
public protocol BlobStore: Sendable {
    /// Seals and writes `bytes` as `name` for `subject`; returns the stored path.
    func write(_ bytes: [UInt8], name: String, for subject: PersonalDataSubject,
               in transaction: any StoreTransaction) throws -> String

    /// The bytes of a stored file; nil when it is missing or its subject was erased.
    /// Files written before encryption existed (not under `sealed/`) are read as they are.
    func read(_ path: String, subject: String, in database: any SQLExecutor) throws -> [UInt8]?

    /// Removes files or folders, e.g. those written by a transaction that rolled back, or
    /// clear files once their sealed copies committed. Missing paths are not an error.
    func remove(_ paths: [String])
}
