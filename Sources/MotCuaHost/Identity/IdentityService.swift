#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaStore
import Synchronization

/// Staff accounts, sign-in sessions and paired devices, kept in the centre's store.
///
/// Passwords are stored as PBKDF2-HMAC-SHA256 (libcrypto) with a per-account salt;
/// session and device tokens are random and stored only as their SHA-256, so a copy of
/// the database signs nobody in. Every change is journalled with its actor.
public final class IdentityService: Sendable {
    /// The knobs of sign-in and pairing.
    public struct Policy: Sendable {
        /// PBKDF2 iterations for new password hashes (OWASP 2023: 600,000).
        public var passwordIterations = PBKDF2.recommendedIterations
        /// How long a session lives after sign-in, at most.
        public var sessionLifetime: TimeInterval = 10 * 3_600
        /// A session unused this long ends.
        public var sessionIdleTimeout: TimeInterval = 2 * 3_600
        /// Failed sign-ins for one account from one client address, within ``failureWindow``,
        /// before that address may no longer try that account.
        public var failuresPerAccount = 5
        /// Failed sign-ins per client address, within ``failureWindow``, before it is locked.
        public var failuresPerAddress = 20
        /// Failed sign-ins for one account from all addresses together, within
        /// ``failureWindow``, before the account is locked for everyone: the cap on guessing
        /// spread over many machines, high enough that one machine cannot lock a colleague out.
        public var failuresPerAccountEverywhere = 100
        /// The window failures are counted in, and how long a lock lasts.
        public var failureWindow: TimeInterval = 15 * 60
        /// How long a device pairing code is valid.
        public var pairingCodeLifetime: TimeInterval = 10 * 60
        /// What a new password must be: at least 12 characters, not common, not the login
        /// or the centre's name (set ``PasswordRules/forbiddenWords`` from the deployment).
        public var passwords = PasswordRules()

        /// The default policy.
        public init() {}
    }

    /// The store migrations of the identity tables.
    public static let migrations = MigrationSet(owner: "host.identity", migrations: [
        Migration(version: 1, name: "accounts-sessions-devices", statements: [
            """
            CREATE TABLE staff_accounts (
                id TEXT PRIMARY KEY, display_name TEXT NOT NULL, role TEXT NOT NULL, counter TEXT,
                password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, created_at_ms INTEGER NOT NULL)
            """,
            """
            CREATE TABLE staff_sessions (
                token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES staff_accounts(id),
                created_at_ms INTEGER NOT NULL, expires_at_ms INTEGER NOT NULL, last_seen_ms INTEGER NOT NULL, remote TEXT NOT NULL)
            """,
            """
            CREATE TABLE devices (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, counter TEXT,
                token_hash TEXT UNIQUE, paired_at_ms INTEGER, paired_by TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0)
            """,
            """
            CREATE TABLE device_pairing_codes (
                code_hash TEXT PRIMARY KEY, device_id TEXT NOT NULL REFERENCES devices(id),
                expires_at_ms INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0)
            """,
        ]),
        // One-time passwords must be changed at the first sign-in (OWASP ASVS 2.1.x).
        Migration(version: 2, name: "forced-password-change", statements: [
            "ALTER TABLE staff_accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0",
        ]),
        // Failed sign-ins and pairing codes, counted in the store so a restart clears nothing
        // and two processes on one database share the count. A fixed window per key.
        Migration(version: 3, name: "sign-in-throttle", statements: [
            """
            CREATE TABLE sign_in_throttle (
                throttle_key TEXT PRIMARY KEY, failures INTEGER NOT NULL, window_start_ms BIGINT NOT NULL)
            """,
        ]),
    ])

    private let store: any Store
    private let clock: any WallClock
    /// The policy in force.
    public let policy: Policy
    /// Sessions checked recently, so a busy console does not write `last_seen` on every request.
    private let touched = Mutex<[String: Date]>([:])

    /// Opens the identity service over a store, migrating its tables.
    public init(store: any Store, clock: any WallClock, policy: Policy = Policy()) throws {
        self.store = store
        self.clock = clock
        self.policy = policy
        try store.migrate(Self.migrations)
    }

    // MARK: Accounts

    /// Adds a staff account. Without a password, a one-time password is generated and returned.
    @discardableResult
    public func addAccount(id: String, displayName: String, role: StaffRole, counter: String? = nil,
                           password: String? = nil, by principal: Principal) throws -> (account: StaffAccount, oneTimePassword: String?) {
        guard Self.isValidLogin(id) else {
            throw Problem("identity.invalid-login", en: "Login \"\(id)\" must be 2–32 lowercase letters, digits, dots or hyphens.",
                          vi: "Tên đăng nhập \"\(id)\" phải gồm 2–32 chữ thường, chữ số, dấu chấm hoặc gạch ngang.",
                          details: [.init(field: "id", code: "invalid", message: LocalizedText(vi: "Tên đăng nhập không hợp lệ", en: "Invalid login"))])
        }
        try TextInput.check(displayName, field: "displayName")
        let generated = password == nil ? try Self.oneTimePassword() : nil
        let secret = password ?? generated!
        if password != nil { try checkPasswordStrength(secret, login: id) }
        let hash = try PasswordHash.make(secret, iterations: policy.passwordIterations)
        let now = clock.now
        let account = StaffAccount(id: id, displayName: displayName, role: role, counter: counter, disabled: false,
                                   mustChangePassword: generated != nil)
        try store.write { transaction in
            guard try transaction.queryFirst("SELECT id FROM staff_accounts WHERE id = ?", [.text(id)]) == nil else {
                throw Problem("identity.account-exists", status: 409, en: "An account \"\(id)\" already exists.",
                              vi: "Đã có tài khoản \"\(id)\".")
            }
            try transaction.execute("""
                INSERT INTO staff_accounts (id, display_name, role, counter, password_hash, created_at_ms, must_change_password)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.text(id), .text(displayName), .text(role.rawValue), SQLValue(counter), .text(hash), .integer(JournalEntry.milliseconds(now)),
                      .integer(generated != nil ? 1 : 0)])
            try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "staff.added", subject: "staff:\(id)",
                                                       payload: Self.payload(["role": role.rawValue, "counter": counter ?? "", "displayName": displayName])))
        }
        return (account, generated)
    }

    /// Every account, by login.
    public func accounts() throws -> [StaffAccount] {
        try store.read { reader in
            try reader.query("SELECT id, display_name, role, counter, disabled, must_change_password FROM staff_accounts ORDER BY id").map(Self.account)
        }
    }

    /// Every account's display name by login, for records that hold a login (a history, a
    /// receipt's collector, a report's clerk cut), so users read names.
    public func displayNamesByLogin() throws -> [String: String] {
        Dictionary(try accounts().map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
    }

    /// The account with this login, if any.
    public func account(_ id: String) throws -> StaffAccount? {
        try store.read { reader in
            try reader.queryFirst("SELECT id, display_name, role, counter, disabled, must_change_password FROM staff_accounts WHERE id = ?", [.text(id)]).map(Self.account)
        }
    }

    /// Disables an account and ends its sessions. The last active administrator cannot be
    /// disabled: nobody could manage accounts any more.
    public func disableAccount(_ id: String, by principal: Principal) throws {
        let now = clock.now
        try store.write { transaction in
            try Self.keepAnAdministrator(besides: id, in: transaction)
            guard try transaction.execute("UPDATE staff_accounts SET disabled = 1 WHERE id = ?", [.text(id)]) == 1 else {
                throw Self.noSuchAccount(id)
            }
            try transaction.execute("DELETE FROM staff_sessions WHERE account_id = ?", [.text(id)])
            try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "staff.disabled", subject: "staff:\(id)"))
        }
    }

    /// Enables a disabled account again; it signs in with its password as before (a new
    /// one-time password, if the administrator wants one, is a separate step).
    public func enableAccount(_ id: String, by principal: Principal) throws {
        let now = clock.now
        try store.write { transaction in
            guard try transaction.execute("UPDATE staff_accounts SET disabled = 0 WHERE id = ?", [.text(id)]) == 1 else {
                throw Self.noSuchAccount(id)
            }
            try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "staff.enabled", subject: "staff:\(id)"))
        }
    }

    /// Sets a new password and ends the account's sessions. Without a password, generates a
    /// one-time password, returns it, and makes the account change it at its next sign-in.
    ///
    /// A password set by someone other than the account's owner is known to two people, so it
    /// must be changed at the next sign-in too.
    @discardableResult
    public func setPassword(_ id: String, to password: String?, by principal: Principal) throws -> String? {
        let generated = password == nil ? try Self.oneTimePassword() : nil
        let secret = password ?? generated!
        if password != nil { try checkPasswordStrength(secret, login: id) }
        let hash = try PasswordHash.make(secret, iterations: policy.passwordIterations)
        let mustChange = generated != nil || principal != Principal.staff(id)
        let now = clock.now
        try store.write { transaction in
            guard try transaction.execute("UPDATE staff_accounts SET password_hash = ?, must_change_password = ? WHERE id = ?",
                                          [.text(hash), .integer(mustChange ? 1 : 0), .text(id)]) == 1 else {
                throw Self.noSuchAccount(id)
            }
            try transaction.execute("DELETE FROM staff_sessions WHERE account_id = ?", [.text(id)])
            try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "staff.password-set", subject: "staff:\(id)"))
        }
        return generated
    }

    // MARK: Sessions

    /// Signs a staff member in and returns a new session token for the cookie.
    ///
    /// `remote` is the real client's address (behind a trusted proxy, the one it forwarded).
    /// Failed attempts are counted in the store per account and address, per address, and
    /// per account everywhere; the attempt is counted before the password is checked, so
    /// parallel guesses cannot slip past the limit. Past a limit the caller is told to
    /// wait, whatever the password. A locked address never blocks the same account from
    /// another address, until the account's own high limit for all addresses is reached.
    ///
    /// An account with a one-time password gets a session that can only change it
    /// (``StaffAccount/mustChangePassword``).
    public func signIn(id: String, password: String, remote: String) throws -> (token: String, account: StaffAccount, expires: Date) {
        let now = clock.now
        let address = Self.clientAddress(remote)
        let keys: [(key: String, limit: Int)] = [
            ("account:\(id)@\(address)", policy.failuresPerAccount),
            ("address:\(address)", policy.failuresPerAddress),
            ("account:\(id)", policy.failuresPerAccountEverywhere),
        ]
        if let wait = try countAttempt(keys, now: now) {
            let minutes = Int((wait / 60).rounded(.up))
            throw Problem("identity.throttled", status: 429,
                          en: "Too many failed sign-ins; try again in \(minutes) minute(s).",
                          vi: "Đăng nhập sai quá nhiều lần; hãy thử lại sau \(minutes) phút.")
        }
        let row = try store.read { reader in
            try reader.queryFirst("SELECT id, display_name, role, counter, disabled, must_change_password, password_hash FROM staff_accounts WHERE id = ?",
                                  [.text(id)])
        }
        // Verify against a dummy hash for unknown logins so timing does not reveal which logins exist.
        let stored = try row?.string("password_hash") ?? PasswordHash.dummy(iterations: policy.passwordIterations)
        let matches = PasswordHash.verify(password, against: stored)
        guard let row, matches, try !row.bool("disabled") else {
            throw Problem("identity.bad-credentials", status: 401, en: "Wrong login or password.", vi: "Sai tên đăng nhập hoặc mật khẩu.")
        }
        let account = try Self.account(row)
        let (token, expires) = try openSession(for: id, remote: remote, at: now, attempt: keys.map(\.key))
        return (token, account, expires)
    }

    /// Opens a session for an account whose password was already checked (or, in tests,
    /// need not be: `MotCuaTesting` signs its preset accounts in without paying PBKDF2).
    package func openSession(for id: String, remote: String) throws -> String {
        try openSession(for: id, remote: remote, at: clock.now, attempt: []).token
    }

    /// `attempt` names the throttle keys a sign-in counted before its password was checked
    /// (account at address, address, account everywhere), to take the attempt back.
    private func openSession(for id: String, remote: String, at now: Date, attempt keys: [String]) throws -> (token: String, expires: Date) {
        let token = try Self.token()
        let expires = now.addingTimeInterval(policy.sessionLifetime)
        try store.write { transaction in
            // The attempt was counted before the check: a right password takes it back, and
            // clears this address's count for the account.
            if keys.count == 3 {
                try transaction.execute("DELETE FROM sign_in_throttle WHERE throttle_key = ?", [.text(keys[0])])
                try transaction.execute("UPDATE sign_in_throttle SET failures = failures - 1 WHERE throttle_key IN (?, ?) AND failures > 0",
                                        [.text(keys[1]), .text(keys[2])])
            }
            try transaction.execute("""
                INSERT INTO staff_sessions (token_hash, account_id, created_at_ms, expires_at_ms, last_seen_ms, remote) VALUES (?, ?, ?, ?, ?, ?)
                """, [.text(SHA256.hex(token)), .text(id), .integer(JournalEntry.milliseconds(now)),
                      .integer(JournalEntry.milliseconds(expires)), .integer(JournalEntry.milliseconds(now)), .text(remote)])
            try transaction.appendJournal(JournalDraft(at: now, actor: Principal.staff(id).description, kind: "staff.signed-in",
                                                       subject: "staff:\(id)", payload: Self.payload(["remote": remote])))
        }
        return (token, expires)
    }

    /// Changes the password of the account signed in with `session`, after checking its
    /// current password; ends the account's other sessions and lifts the forced change.
    ///
    /// The old password, one-time or not, stops working at once. Wrong current passwords
    /// count as failed sign-ins from `remote`.
    public func changePassword(session token: String, current: String, new password: String, remote: String) throws -> StaffAccount {
        guard let account = try account(forSession: token) else {
            throw Problem("auth.required", status: 401, en: "Sign in again to change your password.", vi: "Hãy đăng nhập lại để đổi mật khẩu.")
        }
        let now = clock.now
        let address = Self.clientAddress(remote)
        let keys: [(key: String, limit: Int)] = [("account:\(account.id)@\(address)", policy.failuresPerAccount),
                                                 ("address:\(address)", policy.failuresPerAddress)]
        if let wait = try countAttempt(keys, now: now) {
            throw Problem("identity.throttled", status: 429,
                          en: "Too many wrong passwords; try again in \(Int((wait / 60).rounded(.up))) minute(s).",
                          vi: "Nhập sai mật khẩu quá nhiều lần; hãy thử lại sau \(Int((wait / 60).rounded(.up))) phút.")
        }
        let stored = try store.read { reader in
            try reader.queryFirst("SELECT password_hash FROM staff_accounts WHERE id = ?", [.text(account.id)])?.string("password_hash")
        } ?? ""
        guard PasswordHash.verify(current, against: stored) else {
            throw Problem("identity.wrong-current-password", status: 403, en: "The current password is wrong.", vi: "Mật khẩu hiện tại không đúng.",
                          details: [.init(field: "current", code: "wrong", message: LocalizedText(vi: "Mật khẩu hiện tại không đúng", en: "Wrong current password"))])
        }
        if current == password {
            throw Problem("identity.same-password", en: "The new password must differ from the current one.",
                          vi: "Mật khẩu mới phải khác mật khẩu hiện tại.",
                          details: [.init(field: "password", code: "same", message: LocalizedText(vi: "Trùng mật khẩu hiện tại", en: "Same as the current password"))])
        }
        try checkPasswordStrength(password, login: account.id)
        let hash = try PasswordHash.make(password, iterations: policy.passwordIterations)
        let keep = SHA256.hex(token)
        try store.write { transaction in
            try transaction.execute("DELETE FROM sign_in_throttle WHERE throttle_key = ?", [.text(keys[0].key)])
            try transaction.execute("UPDATE sign_in_throttle SET failures = failures - 1 WHERE throttle_key = ? AND failures > 0", [.text(keys[1].key)])
            try transaction.execute("UPDATE staff_accounts SET password_hash = ?, must_change_password = 0 WHERE id = ?",
                                    [.text(hash), .text(account.id)])
            try transaction.execute("DELETE FROM staff_sessions WHERE account_id = ? AND token_hash <> ?", [.text(account.id), .text(keep)])
            try transaction.appendJournal(JournalDraft(at: now, actor: Principal.staff(account.id).description, kind: "staff.password-changed",
                                                       subject: "staff:\(account.id)"))
        }
        var changed = account
        changed.mustChangePassword = false
        return changed
    }

    /// Changes an account's role. The last active administrator cannot be demoted.
    public func setRole(_ id: String, to role: StaffRole, by principal: Principal) throws {
        let now = clock.now
        try store.write { transaction in
            if role != .admin { try Self.keepAnAdministrator(besides: id, in: transaction) }
            guard try transaction.execute("UPDATE staff_accounts SET role = ? WHERE id = ?", [.text(role.rawValue), .text(id)]) == 1 else {
                throw Self.noSuchAccount(id)
            }
            try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "staff.role-changed", subject: "staff:\(id)",
                                                       payload: Self.payload(["role": role.rawValue])))
        }
    }

    /// The account behind a session token, if the session is alive; refreshes its idle timer.
    public func account(forSession token: String) throws -> StaffAccount? {
        let now = clock.now
        let hash = SHA256.hex(token)
        guard let row = try store.read({ reader in
            try reader.queryFirst("""
                SELECT a.id, a.display_name, a.role, a.counter, a.disabled, a.must_change_password, s.expires_at_ms, s.last_seen_ms
                FROM staff_sessions s JOIN staff_accounts a ON a.id = s.account_id WHERE s.token_hash = ?
                """, [.text(hash)])
        }) else { return nil }
        let nowMs = JournalEntry.milliseconds(now)
        let lastSeen = try row.int64("last_seen_ms")
        guard try row.int64("expires_at_ms") > nowMs, nowMs - lastSeen < Int64(policy.sessionIdleTimeout * 1000), try !row.bool("disabled") else {
            return nil
        }
        // Write the idle timer at most once a minute per session.
        let due = touched.withLock { recent -> Bool in
            if let last = recent[hash], now.timeIntervalSince(last) < 60 { return false }
            recent[hash] = now
            return true
        }
        if due {
            try store.write { transaction in
                try transaction.execute("UPDATE staff_sessions SET last_seen_ms = ? WHERE token_hash = ?", [.integer(nowMs), .text(hash)])
            }
        }
        return try Self.account(row)
    }

    /// Ends a session.
    public func signOut(token: String) throws {
        let now = clock.now
        let hash = SHA256.hex(token)
        try store.write { transaction in
            guard let row = try transaction.queryFirst("SELECT account_id FROM staff_sessions WHERE token_hash = ?", [.text(hash)]) else { return }
            let id = try row.string("account_id")
            try transaction.execute("DELETE FROM staff_sessions WHERE token_hash = ?", [.text(hash)])
            try transaction.appendJournal(JournalDraft(at: now, actor: Principal.staff(id).description, kind: "staff.signed-out", subject: "staff:\(id)"))
        }
        touched.withLock { $0[hash] = nil }
    }

    // MARK: Devices

    /// Registers a device to pair and returns its one-time pairing code (8 digits).
    public func startPairing(deviceID: String, kind: DeviceKind, name: String, counter: String?, by principal: Principal) throws -> (code: String, expires: Date) {
        guard Self.isValidLogin(deviceID) else {
            throw Problem("identity.invalid-device-id", en: "Device id \"\(deviceID)\" must be 2–32 lowercase letters, digits, dots or hyphens.",
                          vi: "Mã thiết bị \"\(deviceID)\" phải gồm 2–32 chữ thường, chữ số, dấu chấm hoặc gạch ngang.")
        }
        let now = clock.now
        let expires = now.addingTimeInterval(policy.pairingCodeLifetime)
        let code = try Self.pairingCode()
        try store.write { transaction in
            if let existing = try transaction.queryFirst("SELECT kind FROM devices WHERE id = ?", [.text(deviceID)]) {
                guard try existing.string("kind") == kind.rawValue else {
                    throw Problem("identity.device-kind", status: 409, en: "Device \"\(deviceID)\" is already a \(try existing.string("kind")).",
                                  vi: "Thiết bị \"\(deviceID)\" đã được đăng ký loại khác.")
                }
                // Re-pairing replaces the old token: the old device stops working once the new one pairs.
                try transaction.execute("UPDATE devices SET name = ?, counter = ?, paired_by = ?, revoked = 0 WHERE id = ?",
                                        [.text(name), SQLValue(counter), .text(principal.description), .text(deviceID)])
                try transaction.execute("DELETE FROM device_pairing_codes WHERE device_id = ?", [.text(deviceID)])
            } else {
                try transaction.execute("INSERT INTO devices (id, kind, name, counter, paired_by) VALUES (?, ?, ?, ?, ?)",
                                        [.text(deviceID), .text(kind.rawValue), .text(name), SQLValue(counter), .text(principal.description)])
            }
            try transaction.execute("INSERT INTO device_pairing_codes (code_hash, device_id, expires_at_ms) VALUES (?, ?, ?)",
                                    [.text(SHA256.hex(code)), .text(deviceID), .integer(JournalEntry.milliseconds(expires))])
            try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "device.pairing-started", subject: "device:\(deviceID)",
                                                       payload: Self.payload(["kind": kind.rawValue, "name": name, "counter": counter ?? ""])))
        }
        return (code, expires)
    }

    /// Exchanges a pairing code for the device's long-lived token. A code works once.
    public func completePairing(code: String, remote: String) throws -> (token: String, device: PairedDevice) {
        let now = clock.now
        let keys = [(key: "address:\(Self.clientAddress(remote))", limit: policy.failuresPerAddress)]
        if try countAttempt(keys, now: now) != nil {
            throw Problem("identity.throttled", status: 429, en: "Too many wrong pairing codes; wait 15 minutes.",
                          vi: "Nhập sai mã ghép nối quá nhiều lần; hãy chờ 15 phút.")
        }
        let token = try Self.token()
        return try store.write { transaction in
                guard let row = try transaction.queryFirst("""
                    SELECT c.device_id, c.expires_at_ms, c.used FROM device_pairing_codes c WHERE c.code_hash = ?
                    """, [.text(SHA256.hex(code))]),
                    try !row.bool("used"), try row.int64("expires_at_ms") > JournalEntry.milliseconds(now) else {
                    throw Problem("identity.bad-pairing-code", status: 401, en: "The pairing code is wrong, used or expired; ask a supervisor for a new one.",
                                  vi: "Mã ghép nối sai, đã dùng hoặc đã hết hạn; hãy xin lãnh đạo trung tâm mã mới.")
                }
                let id = try row.string("device_id")
                try transaction.execute("UPDATE sign_in_throttle SET failures = failures - 1 WHERE throttle_key = ? AND failures > 0", [.text(keys[0].key)])
                try transaction.execute("UPDATE device_pairing_codes SET used = 1 WHERE code_hash = ?", [.text(SHA256.hex(code))])
                try transaction.execute("UPDATE devices SET token_hash = ?, paired_at_ms = ?, revoked = 0 WHERE id = ?",
                                        [.text(SHA256.hex(token)), .integer(JournalEntry.milliseconds(now)), .text(id)])
                try transaction.appendJournal(JournalDraft(at: now, actor: Principal.device(id).description, kind: "device.paired",
                                                           subject: "device:\(id)", payload: Self.payload(["remote": remote])))
                let device = try transaction.queryFirst("SELECT id, kind, name, counter, revoked FROM devices WHERE id = ?", [.text(id)]).map(Self.device)
                return (token, device!)
            }
    }

    /// The device behind a token, unless revoked.
    public func device(forToken token: String) throws -> PairedDevice? {
        try store.read { reader in
            try reader.queryFirst("SELECT id, kind, name, counter, revoked FROM devices WHERE token_hash = ? AND revoked = 0",
                                  [.text(SHA256.hex(token))]).map(Self.device)
        }
    }

    /// Every registered device.
    public func devices() throws -> [PairedDevice] {
        try store.read { reader in
            try reader.query("SELECT id, kind, name, counter, revoked FROM devices ORDER BY kind, id").map(Self.device)
        }
    }

    /// Revokes a device's token.
    public func revokeDevice(_ id: String, by principal: Principal) throws {
        let now = clock.now
        try store.write { transaction in
            guard try transaction.execute("UPDATE devices SET revoked = 1, token_hash = NULL WHERE id = ?", [.text(id)]) == 1 else {
                throw Problem("identity.no-such-device", status: 404, en: "No device \"\(id)\".", vi: "Không có thiết bị \"\(id)\".")
            }
            try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "device.revoked", subject: "device:\(id)"))
        }
    }

    // MARK: Helpers

    private func checkPasswordStrength(_ password: String, login: String) throws {
        if let problem = policy.passwords.problem(with: password, login: login) { throw problem }
    }

    /// Counts one attempt under each key, in one transaction, before the secret is checked;
    /// returns how long to wait when a key was already at its limit.
    ///
    /// The count is a fixed window per key in `sign_in_throttle`. The `UPDATE` takes the
    /// row's lock (PostgreSQL) or the database's write lock (SQLite), so parallel attempts
    /// are counted one after the other and none is checked past the limit. Refused attempts
    /// count too under the keys of their address: eight parallel guesses count as eight.
    /// The account's key over every address (last) counts only attempts that were allowed.
    /// A successful check takes its attempt back.
    private func countAttempt(_ keys: [(key: String, limit: Int)], now: Date) throws -> TimeInterval? {
        let nowMs = JournalEntry.milliseconds(now)
        let windowMs = Int64(policy.failureWindow * 1000)
        return try store.write { transaction -> TimeInterval? in
            var wait: TimeInterval?
            for (key, limit) in keys {
                // Keys of this address are always counted; the account's count over every
                // address only for attempts this address was allowed to make, so a locked
                // address cannot go on to lock the account for everyone.
                if wait != nil, key.hasPrefix("account:"), !key.contains("@") { break }
                try transaction.execute("""
                    INSERT INTO sign_in_throttle (throttle_key, failures, window_start_ms) VALUES (?, 0, ?) ON CONFLICT (throttle_key) DO NOTHING
                    """, [.text(key), .integer(nowMs)])
                try transaction.execute("""
                    UPDATE sign_in_throttle SET
                        failures = CASE WHEN window_start_ms <= ? THEN 1 ELSE failures + 1 END,
                        window_start_ms = CASE WHEN window_start_ms <= ? THEN ? ELSE window_start_ms END
                    WHERE throttle_key = ?
                    """, [.integer(nowMs - windowMs), .integer(nowMs - windowMs), .integer(nowMs), .text(key)])
                guard let row = try transaction.queryFirst("SELECT failures, window_start_ms FROM sign_in_throttle WHERE throttle_key = ?", [.text(key)]) else {
                    continue
                }
                if try row.int64("failures") > Int64(limit) {
                    wait = max(wait ?? 0, TimeInterval(try row.int64("window_start_ms") + windowMs - nowMs) / 1000)
                }
            }
            return wait
        }
    }

    /// Refuses to take away the last active administrator's rights (disable or demote `id`).
    private static func keepAnAdministrator(besides id: String, in transaction: any StoreTransaction) throws {
        guard let target = try transaction.queryFirst("SELECT role, disabled FROM staff_accounts WHERE id = ?", [.text(id)]),
              try target.string("role") == StaffRole.admin.rawValue, try !target.bool("disabled") else { return }
        let others = try transaction.queryFirst("SELECT COUNT(*) AS n FROM staff_accounts WHERE role = ? AND disabled = 0 AND id <> ?",
                                                [.text(StaffRole.admin.rawValue), .text(id)])?.int64("n") ?? 0
        guard others > 0 else {
            throw Problem("identity.last-admin", status: 409,
                          en: "This is the last active administrator; add another administrator first, or nobody could manage accounts.",
                          vi: "Đây là tài khoản quản trị cuối cùng còn hoạt động; hãy thêm một quản trị khác trước, nếu không sẽ không ai quản lý được tài khoản.")
        }
    }

    private static func account(_ row: SQLRow) throws -> StaffAccount {
        StaffAccount(id: try row.string("id"), displayName: try row.string("display_name"),
                     role: StaffRole(rawValue: try row.string("role")) ?? .clerk, counter: try row.optionalString("counter"),
                     disabled: try row.bool("disabled"), mustChangePassword: try row.bool("must_change_password"))
    }

    private static func device(_ row: SQLRow) throws -> PairedDevice {
        PairedDevice(id: try row.string("id"), kind: DeviceKind(rawValue: try row.string("kind")) ?? .lookup, name: try row.string("name"),
                     counter: try row.optionalString("counter"), revoked: try row.bool("revoked"))
    }

    private static func noSuchAccount(_ id: String) -> Problem {
        Problem("identity.no-such-account", status: 404, en: "No account \"\(id)\".", vi: "Không có tài khoản \"\(id)\".")
    }

    /// The client's address without its port, the key failures are counted under.
    ///
    /// The server reports the peer as `127.0.0.1:35098` or `[::1]:35098`; every new
    /// connection gets a new port, so counting per host:port would never lock an address.
    /// A bare address (`127.0.0.1`, `::1`) is returned unchanged, and an IPv4-mapped IPv6
    /// address counts as the IPv4 address it is.
    static func clientAddress(_ remote: String) -> String {
        var host = Substring(remote)
        if host.hasPrefix("[") {
            // [IPv6]:port or [IPv6]
            guard let close = host.firstIndex(of: "]") else { return remote }
            host = host[host.index(after: host.startIndex)..<close]
        } else if host.count(where: { $0 == ":" }) == 1, let colon = host.firstIndex(of: ":") {
            // IPv4:port or name:port; a bare IPv6 address has several colons and no port.
            host = host[..<colon]
        }
        if host.lowercased().hasPrefix("::ffff:"), host.dropFirst(7).contains(".") {
            host = host.dropFirst(7)
        }
        return String(host)
    }

    static func isValidLogin(_ id: String) -> Bool {
        (2...32).contains(id.utf8.count) && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D }
    }

    private static func token() throws -> String {
        Hex.encode(try SecureRandom.bytes(32))
    }

    /// 12 characters without look-alikes (no 0/O, 1/l/I), easy to read out to a clerk.
    private static func oneTimePassword() throws -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        return String(try SecureRandom.bytes(12).map { alphabet[Int($0) % alphabet.count] })
    }

    private static func pairingCode() throws -> String {
        let bytes = try SecureRandom.bytes(8)
        return String(bytes.map { Character(String(Int($0) % 10)) })
    }

    private static func payload(_ fields: [String: String]) -> String {
        JSONValue.object(JSONObject(fields.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })).serialized()
    }
}

/// The stored form of a password: `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>`.
enum PasswordHash {
    /// A well-formed hash no password matches, for timing-safe checks of unknown logins.
    static func dummy(iterations: Int) -> String {
        "pbkdf2-sha256$\(iterations)$00000000000000000000000000000000$" + String(repeating: "0", count: 64)
    }

    static func make(_ password: String, iterations: Int) throws -> String {
        let salt = try SecureRandom.bytes(16)
        let hash = try PBKDF2.sha256(password: password, salt: salt, iterations: iterations, keyLength: 32)
        return "pbkdf2-sha256$\(iterations)$\(Hex.encode(salt))$\(Hex.encode(hash))"
    }

    static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let iterations = Int(parts[1]), iterations > 0,
              let salt = Hex.decode(parts[2]), let expected = Hex.decode(parts[3]),
              let actual = try? PBKDF2.sha256(password: password, salt: salt, iterations: iterations, keyLength: expected.count) else {
            return false
        }
        return ConstantTime.equals(actual, expected)
    }
}
