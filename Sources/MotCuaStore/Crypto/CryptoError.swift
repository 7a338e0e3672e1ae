import MotCuaCore

/// The system cryptography library, or a bad argument to one of its wrappers.
public enum CryptoFailures: FailureDomain {
    public static let status = 500
}

/// A failure of the system cryptography library, or a bad argument to one of its wrappers;
/// see ``LocalizedFailure``.
public typealias CryptoError = LocalizedFailure<CryptoFailures>
