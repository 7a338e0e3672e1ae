#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import MotCuaCore
import MotCuaStore

/// A province's Ed25519 signing key on the build machine: a private key file (mode 600, never
/// in git) and a public key file beside it.
///
/// Both are short text files: comment lines, `province <id>`, then `private <64 hex>` or
/// `public <64 hex>`. `motcua keys new` writes them; `motcua build` reads the private one.
struct ProvinceKey {
    var province: String
    var privateKey: [UInt8]
    var publicKey: [UInt8]

    /// A refused key file: what is wrong with which file, and the fix.
    struct Problem: Error {
        var text: String
    }

    /// `~/.motcua/keys`, outside any checkout, where keys live unless `--out` or `--key` says otherwise.
    static var defaultFolder: String {
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return PlainText.join(home, ".motcua/keys")
    }

    /// The private key file of `province` in `folder`: `<folder>/<province>.ed25519`.
    static func privatePath(province: String, folder: String) -> String {
        PlainText.join(folder, "\(province).ed25519")
    }

    /// A province id is the first part of its communes' centre ids: letters, digits and `-`.
    static func isValidProvince(_ province: String) -> Bool {
        !province.isEmpty && province.utf8.allSatisfy { PlainText.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// The fingerprint `version` prints and the runner compares.
    var fingerprint: String { StampedManifest.fingerprint(publicKey) }

    /// Creates a new key pair for `province` in `folder`; refuses to overwrite an existing key.
    static func create(province: String, folder: String) throws(Problem) -> (key: ProvinceKey, privatePath: String, publicPath: String) {
        let privatePath = privatePath(province: province, folder: folder)
        let publicPath = privatePath + ".pub"
        guard !FileManager.default.fileExists(atPath: privatePath) else {
            throw Problem(text: "\(privatePath) already exists; a province keeps one key (every commune binary trusts it). "
                          + "Use it, or move it away first if you really mean to replace it")
        }
        let key: ProvinceKey
        do {
            let seed = try Ed25519.newPrivateKey()
            key = ProvinceKey(province: province, privateKey: seed, publicKey: try Ed25519.publicKey(privateKey: seed))
        } catch {
            throw Problem(text: "cannot create an Ed25519 key: \(error)")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw Problem(text: "cannot create the folder \(folder): \(error)")
        }
        let privateText = """
            # MotCua signing key of province \(province) (Ed25519 private key).
            # Keep it secret: mode 600, never in git. Its public half is \(PlainText.lastComponent(of: publicPath)).
            province \(province)
            private \(Hex.encode(key.privateKey))

            """
        let publicText = """
            # MotCua public key of province \(province) (Ed25519); fingerprint \(key.fingerprint).
            province \(province)
            public \(Hex.encode(key.publicKey))

            """
        // O_EXCL with mode 600 from the start: the secret is never readable by others, even briefly.
        let descriptor = open(privatePath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Problem(text: "cannot create \(privatePath): \(String(cString: strerror(errno)))") }
        let bytes = Array(privateText.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced else {
            unlink(privatePath)
            throw Problem(text: "cannot write \(privatePath): \(String(cString: strerror(errno)))")
        }
        do {
            try Data(publicText.utf8).write(to: URL(fileURLWithPath: publicPath), options: .atomic)
        } catch {
            throw Problem(text: "cannot write \(publicPath): \(error)")
        }
        return (key, privatePath, publicPath)
    }

    /// Reads a private key file, refusing one that is missing, readable by other accounts or malformed.
    static func load(privatePath path: String) throws(Problem) -> ProvinceKey {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw Problem(text: "no signing key at \(path). Create the province's key once with: motcua keys new --province <province> "
                          + "(or pass --key FILE)")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw Problem(text: "\(path) can be read or written by other accounts (mode \(String(status.st_mode & 0o777, radix: 8))); "
                          + "a signing key must be private. Run: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(text: "cannot read \(path); give this account read access to it (chmod 600, owned by this account)")
        }
        var province: String?
        var seed: [UInt8]?
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let words = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard words.count == 2 else { continue }
            if words[0] == "province" { province = words[1].trimmed() }
            if words[0] == "private" { seed = Hex.decode(words[1].trimmed()) }
        }
        guard let province, isValidProvince(province), let seed, seed.count == Ed25519.keyLength,
              let publicKey = try? Ed25519.publicKey(privateKey: seed) else {
            throw Problem(text: "\(path) is not a MotCua signing key (expected lines \"province <id>\" and \"private <64 hex digits>\"); "
                          + "create one with motcua keys new --province <province>")
        }
        return ProvinceKey(province: province, privateKey: seed, publicKey: publicKey)
    }
}

/// `motcua keys new --province <id>`: the province's signing key pair for `motcua build`.
struct KeysCommand: Command {
    static let name = "keys"
    static let summary = "Create a province's signing key pair for motcua build: keys new --province <id>"
    static let usage = """
        motcua keys new --province <id> [--out DIR]
          Writes DIR/<id>.ed25519 (private, mode 600; never commit it) and DIR/<id>.ed25519.pub;
          DIR defaults to ~/.motcua/keys. motcua build signs every commune binary with it.
        """
    static let subcommands = ["new"]

    let province: String
    let folder: String

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["province", "out"])
        guard parsed.positionals == ["new"] else { throw UsageError("expected new --province <id>") }
        guard let province = parsed.option("province") else { throw UsageError("keys new needs --province <id>, e.g. --province phu-tho") }
        guard ProvinceKey.isValidProvince(province) else {
            throw UsageError("--province takes a province id of letters, digits and -, e.g. phu-tho; got \"\(province)\"")
        }
        self.province = province
        folder = parsed.option("out") ?? ProvinceKey.defaultFolder
    }

    func run() async throws {
        do {
            let created = try ProvinceKey.create(province: province, folder: folder)
            Output.line("wrote \(created.privatePath) (private, mode 600: keep it secret, never in git)")
            Output.line("wrote \(created.publicPath) (public)")
            Output.line("fingerprint \(created.key.fingerprint): every binary motcua build signs with it shows this in `version`")
        } catch {
            Output.error("motcua keys: \(error.text)")
            throw ExitCode.failure
        }
    }
}
