import Foundation
import MotCuaCore
import MotCuaStore
import Testing

@Suite("Personal data: AES-256-GCM, dossier keys and the key file")
struct PersonalDataTests {
    let subject = PersonalDataSubject(id: "dossier:H46-260302-0001", procedure: "1.001193", sector: "ho-tich")

    @Test func aesGCMRoundTripsAndRefusesTamperingOrOtherAssociatedData() throws {
        let key = try SecureRandom.bytes(32)
        let plaintext = Array("Nguyễn Văn An, 001090012345".utf8)
        let box = try AESGCM.seal(plaintext, key: key, aad: Array("a".utf8))
        #expect(box.count == plaintext.count + AESGCM.overhead)
        #expect(try AESGCM.open(box, key: key, aad: Array("a".utf8)) == plaintext)
        #expect(try AESGCM.seal(plaintext, key: key) != AESGCM.seal(plaintext, key: key), "each seal takes a fresh nonce")
        #expect(try AESGCM.open(try AESGCM.seal([], key: key), key: key) == [])
        for position in [0, 12, box.count / 2, box.count - 1] {
            var tampered = box
            tampered[position] ^= 0x01
            #expect(throws: CryptoError.self) { try AESGCM.open(tampered, key: key, aad: Array("a".utf8)) }
        }
        #expect(throws: CryptoError.self) { try AESGCM.open(box, key: key, aad: Array("b".utf8)) }
        #expect(throws: CryptoError.self) { try AESGCM.open(box, key: try SecureRandom.bytes(32), aad: Array("a".utf8)) }
        #expect(throws: CryptoError.self) { try AESGCM.open(Array(box.prefix(10)), key: key) }
        #expect(throws: CryptoError.self) { try AESGCM.seal(plaintext, key: [1, 2, 3]) }
    }

    @Test func aDossierKeyIsWrappedInTheSameTransactionAndErasureMakesItsDataUnreadable() throws {
        let store = try SQLiteStore.inMemory()
        let vault = PersonalDataKeys(key: try KeyEncryptionKey.ephemeral(), clock: ManualClock(Date(timeIntervalSince1970: 1_772_413_200)))
        try vault.install(on: store)
        // A transaction that fails after sealing leaves no key behind.
        #expect(throws: Problem.self) {
            try store.write { transaction in
                _ = try vault.seal(Array("x".utf8), for: subject, purpose: "form", in: transaction)
                throw Problem("test.crash", en: "crash", vi: "lỗi")
            }
        }
        #expect(try store.read { try $0.query("SELECT * FROM personal_data_keys") }.isEmpty)

        let sealed = try store.write { try vault.seal(Array("Nguyễn Văn An".utf8), for: subject, purpose: "form", in: $0) }
        #expect(!String(decoding: sealed, as: UTF8.self).contains("Nguyễn"))
        #expect(try store.read { try vault.open(sealed, subject: subject.id, purpose: "form", in: $0) } == Array("Nguyễn Văn An".utf8))
        // Another purpose or another dossier does not open it; nor does an altered byte.
        #expect(throws: Problem.self) { try store.read { try vault.open(sealed, subject: subject.id, purpose: "file:0.pdf", in: $0) } }
        var altered = sealed
        altered[altered.count - 3] ^= 0x80
        let error = #expect(throws: Problem.self) { try store.read { try vault.open(altered, subject: subject.id, purpose: "form", in: $0) } }
        #expect(error?.code == "personal-data.tampered")
        #expect(error?.message.vi.contains("đã bị sửa") == true)

        let entry = try #require(try store.read { try vault.liveEntries(in: $0) }.first)
        #expect(entry.subject == subject.id && entry.closedAt == nil)
        let erased = try store.write { try vault.erase(entry, reason: "request", note: "Công dân yêu cầu", by: "staff:lan", at: Date(timeIntervalSince1970: 1_800_000_000), in: $0) }
        #expect(erased)
        #expect(try store.read { try vault.open(sealed, subject: subject.id, purpose: "form", in: $0) } == nil)
        #expect(throws: Problem.self) { try store.write { try vault.seal([1], for: subject, purpose: "form", in: $0) } }
        let journal = try store.journalEntries(after: 0, limit: 10)
        #expect(journal.map(\.kind) == ["personal-data.erased"])
        #expect(try store.verifyJournal().firstBadSequence == nil)
    }

    @Test func theKeyFileIsCreatedOnFirstStartOwnerOnly() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.file("motcua.sqlite"))
            let key = try KeyEncryptionKey.load(folder: directory.path, store: store)
            let path = directory.file(KeyEncryptionKey.fileName)
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber).intValue
            #expect(mode & 0o777 == 0o600)
            #expect(try KeyEncryptionKey.load(folder: directory.path, store: store).id == key.id)
        }
    }

    @Test func theServerRefusesAMissingKeyWhenDataIsSealedAndAnyBadKeyFile() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.file("motcua.sqlite"))
            let key = try KeyEncryptionKey.load(folder: directory.path, store: store)
            let vault = PersonalDataKeys(key: key, clock: ManualClock(Date(timeIntervalSince1970: 0)))
            try vault.install(on: store)
            _ = try store.write { try vault.seal([1, 2, 3], for: subject, purpose: "form", in: $0) }
            let path = directory.file(KeyEncryptionKey.fileName)
            let good = try Data(contentsOf: URL(fileURLWithPath: path))

            func refusal(_ code: String) throws {
                let error = #expect(throws: KeyFileError.self) { try KeyEncryptionKey.load(folder: directory.path, store: store) }
                #expect(error?.code == code)
                #expect(error?.message.en.contains(path) == true)
                #expect(error?.message.vi.contains("Tệp khóa") == true)
            }
            try FileManager.default.removeItem(atPath: path)
            try refusal("key-file.missing")
            #expect(!FileManager.default.fileExists(atPath: path), "a missing key must not be replaced by a new one")

            try good.write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            try refusal("key-file.permissions")

            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            try Data("motcua-kek-v1 1234\n".utf8).write(to: URL(fileURLWithPath: path))
            try refusal("key-file.malformed")

            let other = "motcua-kek-v1 " + String(repeating: "ab", count: 32) + "\n"
            try Data(other.utf8).write(to: URL(fileURLWithPath: path))
            try refusal("key-file.mismatch")

            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            try refusal("key-file.unreadable")
            try FileManager.default.removeItem(atPath: path)

            try good.write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            #expect(try KeyEncryptionKey.load(folder: directory.path, store: store).id == key.id)
        }
    }
}
