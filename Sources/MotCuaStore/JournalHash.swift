import MotCuaCore

/// The journal's hash function, written out so an auditor can recompute it elsewhere.
///
/// hash = SHA-256 over, in order: sequence, time in milliseconds, actor, kind, subject,
/// payload, previous hash. Each field is preceded by its length in bytes as an unsigned
/// 64-bit big-endian number; integers are 8 bytes big-endian two's complement, text is
/// UTF-8, the previous hash is its 64 lower-case hex characters. Length prefixes make the
/// encoding unambiguous: no two different entries encode to the same bytes.
package enum JournalHash {
    package static func hash(sequence: Int64, atMilliseconds: Int64, actor: String, kind: String,
                     subject: String, payload: String, previousHash: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 + actor.utf8.count + kind.utf8.count + subject.utf8.count + payload.utf8.count)
        appendInteger(sequence, to: &bytes)
        appendInteger(atMilliseconds, to: &bytes)
        for text in [actor, kind, subject, payload, previousHash] {
            appendLength(UInt64(text.utf8.count), to: &bytes)
            bytes.append(contentsOf: text.utf8)
        }
        return SHA256.hex(bytes)
    }

    package static func hash(of entry: JournalEntry) -> String {
        hash(sequence: entry.sequence, atMilliseconds: entry.atMilliseconds, actor: entry.actor,
             kind: entry.kind, subject: entry.subject, payload: entry.payload, previousHash: entry.previousHash)
    }

    private static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
        appendLength(8, to: &bytes)
        appendLength(UInt64(bitPattern: value), to: &bytes)
    }

    private static func appendLength(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}
