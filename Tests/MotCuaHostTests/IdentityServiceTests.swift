import Foundation
import MotCuaCore
@testable import MotCuaHost
import MotCuaStore
import MotCuaTesting
import Testing

@Suite("Identity: sign-in throttling per client address")
struct IdentityServiceTests {
    @Test("The throttle key is the address without the port", arguments: [
        ("127.0.0.1:35098", "127.0.0.1"),
        ("192.168.1.20:80", "192.168.1.20"),
        ("127.0.0.1", "127.0.0.1"),
        ("[::1]:35098", "::1"),
        ("[fe80::1%eth0]:443", "fe80::1%eth0"),
        ("[2001:db8::7]", "2001:db8::7"),
        ("2001:db8::7", "2001:db8::7"),
        ("[::ffff:10.0.0.5]:5000", "10.0.0.5"),
    ])
    func clientAddress(remote: String, address: String) {
        #expect(IdentityService.clientAddress(remote) == address)
    }

    private func service(failuresPerAddress: Int) throws -> IdentityService {
        var policy = IdentityService.Policy()
        policy.passwordIterations = 1_000
        policy.failuresPerAddress = failuresPerAddress
        let identity = try IdentityService(store: try SQLiteStore.inMemory(), clock: SystemClock(), policy: policy)
        try identity.addAccount(id: "admin", displayName: "Admin", role: .admin, password: "correct-horse-1", by: .system)
        return identity
    }

    @Test("Failures from one address on different ports lock that address, not others")
    func differentPortsSameAddress() throws {
        let identity = try service(failuresPerAddress: 3)
        // A different login each time, so only the per-address count can trip.
        for port in 40_001...40_003 {
            let error = #expect(throws: Problem.self) {
                try identity.signIn(id: "guess\(port)", password: "wrong-password", remote: "10.0.0.5:\(port)")
            }
            #expect(error?.code == "identity.bad-credentials")
        }
        let locked = #expect(throws: Problem.self) {
            try identity.signIn(id: "admin", password: "correct-horse-1", remote: "10.0.0.5:40004")
        }
        #expect(locked?.code == "identity.throttled")
        #expect(locked?.status == 429)
        // Another machine on the LAN is not affected.
        #expect(throws: Never.self) { try identity.signIn(id: "admin", password: "correct-horse-1", remote: "10.0.0.6:40004") }
    }

    @Test("IPv6 clients are counted by address too")
    func ipv6Ports() throws {
        let identity = try service(failuresPerAddress: 2)
        for port in [50_001, 50_002] {
            _ = try? identity.signIn(id: "nobody", password: "wrong-password", remote: "[2001:db8::7]:\(port)")
        }
        let locked = #expect(throws: Problem.self) {
            try identity.signIn(id: "admin", password: "correct-horse-1", remote: "[2001:db8::7]:50003")
        }
        #expect(locked?.code == "identity.throttled")
    }

    @Test("Wrong pairing codes from one address on different ports lock the address")
    func pairingAcrossPorts() throws {
        let identity = try service(failuresPerAddress: 2)
        for port in [1_001, 1_002] {
            let error = #expect(throws: Problem.self) { try identity.completePairing(code: "00000000", remote: "10.0.0.9:\(port)") }
            #expect(error?.code == "identity.bad-pairing-code")
        }
        let locked = #expect(throws: Problem.self) { try identity.completePairing(code: "00000000", remote: "10.0.0.9:1003") }
        #expect(locked?.code == "identity.throttled")
    }

    @Test("Over real sockets: each new connection has a new port, yet the address is locked after 20 failures")
    func realConnections() async throws {
        // The default policy: 20 failures per address; the test host locks accounts after 5,
        // so each attempt names a different unknown login.
        try await serverHost().test(.live) { client in
            for attempt in 0..<20 {
                let wrong = try await client.post("/api/v1/session", json: #"{"login":"guess\#(attempt)","password":"wrong-password"}"#)
                #expect(wrong.status == 401)
            }
            let locked = try await client.post("/api/v1/session", json: #"{"login":"admin","password":"\#(TestHost.password)"}"#)
            #expect(locked.status == 429)
            #expect(locked.errorCode == "identity.throttled")
        }
    }
}
