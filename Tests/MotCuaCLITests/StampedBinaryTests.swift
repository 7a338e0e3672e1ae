import Foundation
@testable import MotCuaCLI
import MotCuaCore
import MotCuaStore
import Testing

/// Commune binaries: one runner per plugin set, each commune's manifest stamped onto a copy
/// and signed with the province key; the runner refuses a payload it cannot trust.
@Suite("Stamped commune binaries and province keys")
struct StampedBinaryTests {
    /// Bytes standing in for a compiled runner: the stamp never looks inside them.
    let runner = [UInt8]((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })

    func key() throws -> [UInt8] { try Ed25519.newPrivateKey() }

    func stamped(_ manifest: [UInt8], with privateKey: [UInt8], pluginSet: String = "test.quiet") throws -> [UInt8] {
        try StampedManifest.stamp(runner: runner, manifest: manifest, pluginSet: pluginSet, privateKey: privateKey)
    }

    func demo(_ folder: URL, id: String = "test.commune", plugins: [String] = ["test.quiet"]) throws -> [UInt8] {
        let file = try manifest(named: "\(id).json", in: folder, plugins: plugins, id: id)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
    }

    @Test func aStampedPayloadVerifiesWithTheProvinceKeyOnly() throws {
        let province = try key()
        let publicKey = try Ed25519.publicKey(privateKey: province)
        let manifest = Array(#"{"centre":{"id":"phu-tho.dao-xa"}}"#.utf8)
        let file = try stamped(manifest, with: province)
        #expect(Array(file.prefix(runner.count)) == runner, "the runner's bytes are kept as they are")
        #expect(try StampedManifest.verify(file, publicKey: publicKey, pluginSet: "test.quiet") == manifest)
        // The same manifest glued onto a runner of another plugin set does not verify.
        #expect(throws: StampedManifest.Refusal.altered) { try StampedManifest.verify(file, publicKey: publicKey, pluginSet: "test.other") }
    }

    @Test func oneFlippedByteAnywhereInThePayloadIsRefused() throws {
        let province = try key()
        let publicKey = try Ed25519.publicKey(privateKey: province)
        let manifest = Array(#"{"centre":{"id":"phu-tho.dao-xa"},"counters":[]}"#.utf8)
        let file = try stamped(manifest, with: province)
        let payloadStart = runner.count
        let signatureEnd = file.count - StampedManifest.trailerLength
        for offset in [payloadStart, payloadStart + 9, payloadStart + manifest.count + 3, signatureEnd - 1] {
            var altered = file
            altered[offset] ^= 0x01
            #expect(throws: StampedManifest.Refusal.altered, "byte \(offset)") {
                try StampedManifest.verify(altered, publicKey: publicKey, pluginSet: "test.quiet")
            }
        }
        var badLength = file
        badLength[file.count - 16] ^= 0x40
        #expect(throws: StampedManifest.Refusal.self) { try StampedManifest.verify(badLength, publicKey: publicKey, pluginSet: "test.quiet") }
        #expect(throws: StampedManifest.Refusal.missing) { try StampedManifest.verify(runner, publicKey: publicKey, pluginSet: "test.quiet") }
    }

    @Test func aPayloadReSignedWithAnotherKeyIsRefusedNamingBothKeys() throws {
        let province = try key()
        let other = try key()
        let publicKey = try Ed25519.publicKey(privateKey: province)
        let file = try stamped(Array("{}".utf8), with: other)
        let signer = StampedManifest.fingerprint(try Ed25519.publicKey(privateKey: other))
        #expect(throws: StampedManifest.Refusal.otherKey(signer: signer, trusted: StampedManifest.fingerprint(publicKey))) {
            try StampedManifest.verify(file, publicKey: publicKey, pluginSet: "test.quiet")
        }
    }

    /// The whole start of a commune binary, on a stamped file: the runner reads its own end.
    @Test func theRunnerStartsOnItsStampAndRefusesAFlippedOrForeignOne() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let province = try key()
        let trusted = Hex.encode(try Ed25519.publicKey(privateKey: province))
        let binary = folder.appendingPathComponent("motcua-test.commune")
        func start(_ bytes: [UInt8], _ arguments: [String] = ["version"]) async throws -> Int32 {
            try Data(bytes).write(to: binary)
            return await MotCuaCLI.runStamped(catalogue: testCatalogue, pluginSet: "test.quiet", provinceKey: trusted,
                                              arguments: arguments, executable: binary.path)
        }
        let good = try stamped(try demo(folder), with: province)
        #expect(try await start(good) == 0)
        #expect(try await start(good, ["check"]) == 0, "check uses the stamped manifest")

        var flipped = good
        flipped[runner.count + 40] ^= 0x20
        #expect(try await start(flipped) == 3)
        #expect(try await start(try stamped(try demo(folder), with: try key())) == 3)
        #expect(try await start(runner) == 3)
        #expect(await MotCuaCLI.runStamped(catalogue: testCatalogue, pluginSet: "test.quiet", provinceKey: trusted, arguments: ["version"],
                                           executable: folder.appendingPathComponent("absent").path) == 3)
    }

    @Test func keysNewWritesAPrivateKeyOnlyItsOwnerReadsAndNeverOverwritesIt() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let keys = folder.appendingPathComponent("keys")
        #expect(await MotCuaCLI.main(catalogue: testCatalogue, embeddedManifest: [], arguments: ["keys", "new", "--province", "phu-tho", "--out", keys.path]) == 0)
        let privatePath = keys.appendingPathComponent("phu-tho.ed25519").path
        let attributes = try FileManager.default.attributesOfItem(atPath: privatePath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let loaded = try ProvinceKey.load(privatePath: privatePath)
        #expect(loaded.province == "phu-tho")
        let publicText = try String(contentsOfFile: privatePath + ".pub", encoding: .utf8)
        #expect(publicText.contains("public " + Hex.encode(loaded.publicKey)))
        #expect(!publicText.contains(Hex.encode(loaded.privateKey)))

        // A second key for the same province would orphan every binary signed with the first.
        #expect(await MotCuaCLI.main(catalogue: testCatalogue, embeddedManifest: [], arguments: ["keys", "new", "--province", "phu-tho", "--out", keys.path]) == 1)
        #expect(try ProvinceKey.load(privatePath: privatePath).privateKey == loaded.privateKey)
        #expect(await MotCuaCLI.main(catalogue: testCatalogue, embeddedManifest: [], arguments: ["keys", "new", "--province", "phú thọ"]) == 2)
        #expect(await MotCuaCLI.main(catalogue: testCatalogue, embeddedManifest: [], arguments: ["keys", "new"]) == 2)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: privatePath)
        #expect(throws: ProvinceKey.Problem.self) { try ProvinceKey.load(privatePath: privatePath) }
        #expect(throws: ProvinceKey.Problem.self) { try ProvinceKey.load(privatePath: keys.appendingPathComponent("absent.ed25519").path) }
    }
}
