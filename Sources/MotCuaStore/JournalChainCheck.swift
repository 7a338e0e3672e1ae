import MotCuaCore

/// Checks a journal entry by entry, oldest first, then against the head anchor.
///
/// Both stores walk their rows through it, so a journal moved between SQLite and PostgreSQL
/// is judged by the same rules and words.
package struct JournalChainCheck {
    private var previous = JournalHead.genesis
    private var verified = 0
    private var failure: JournalVerification?

    package init() {}

    /// Checks the next entry; answers whether to go on (false after the first problem).
    package mutating func check(_ entry: JournalEntry) -> Bool {
        guard failure == nil else { return false }
        let expected = previous.sequence + 1
        if entry.sequence > expected {
            fail(.sequenceGap, expected,
                 "journal entry \(expected) is missing (the entry after \(previous.sequence) is \(entry.sequence)); "
                 + "entries were deleted, restore the database from a backup and investigate")
        } else if entry.sequence < expected {
            fail(.brokenLink, entry.sequence,
                 "journal entry \(entry.sequence) comes before entry 1; it was inserted by hand")
        } else if entry.previousHash != previous.hash {
            fail(.brokenLink, entry.sequence,
                 "journal entry \(entry.sequence) does not follow entry \(previous.sequence): its previous hash differs; "
                 + "entries were reordered, spliced in, or entry \(previous.sequence) was rewritten")
        } else if JournalHash.hash(of: entry) != entry.hash {
            fail(.hashMismatch, entry.sequence,
                 "journal entry \(entry.sequence) (\(entry.kind) \(entry.subject)) does not match its hash; "
                 + "its content was edited after it was written")
        } else {
            previous = JournalHead(sequence: entry.sequence, hash: entry.hash)
            verified += 1
        }
        return failure == nil
    }

    private mutating func fail(_ problem: JournalVerification.Problem, _ sequence: Int64, _ message: String) {
        failure = JournalVerification(entries: verified, firstBadSequence: sequence, problem: problem, message: message)
    }

    /// The verdict, once every entry was checked: the first problem, or the anchor's agreement.
    package func finish(anchor: JournalHead?) -> JournalVerification {
        if let failure { return failure }
        guard let anchor else {
            return JournalVerification(
                entries: verified, firstBadSequence: previous.sequence + 1, problem: .anchorMismatch,
                message: "the journal head anchor row is missing, so whether entries from \(previous.sequence + 1) on were removed "
                    + "cannot be checked; "
                    + "restore the database from a backup and investigate")
        }
        if anchor.sequence > previous.sequence {
            return JournalVerification(
                entries: verified, firstBadSequence: previous.sequence + 1, problem: .truncated,
                message: "the head anchor records \(anchor.sequence) journal entries but the journal ends at "
                    + "\(previous.sequence); entries \(previous.sequence + 1) to \(anchor.sequence) were removed")
        }
        if anchor.sequence < previous.sequence {
            return JournalVerification(
                entries: verified, firstBadSequence: anchor.sequence + 1, problem: .anchorMismatch,
                message: "journal entries after \(anchor.sequence) were added without updating the head anchor")
        }
        if anchor.hash != previous.hash {
            return JournalVerification(
                entries: verified, firstBadSequence: previous.sequence, problem: .anchorMismatch,
                message: "the head anchor's hash differs from journal entry \(previous.sequence); "
                    + "the last entry or the anchor was rewritten")
        }
        return JournalVerification(
            entries: verified, firstBadSequence: nil, problem: .none,
            message: "journal intact: \(verified) entries, head \(previous.hash)")
    }
}
