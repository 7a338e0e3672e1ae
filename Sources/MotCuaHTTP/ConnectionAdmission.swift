#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The open-connection counts every loop of one server shares: in total and per TCP peer
/// address, so that one client address can never take more than its share.
final class ConnectionAdmission: Sendable {
    /// Why a connection was not admitted.
    enum Refusal {
        /// The peer address holds `maxConnectionsPerAddress` connections already.
        case address
        /// The server holds `maxConnections` connections already.
        case server
    }

    private let maxConnections: Int
    private let maxPerAddress: Int
    /// IPv4 addresses in network byte order, as `sockaddr_in.sin_addr.s_addr` holds them.
    private let unlimited: Set<UInt32>
    private let total = Atomic<Int>(0)
    private let perAddress = Mutex<[UInt32: Int]>([:])

    init(configuration: HTTPServer.Configuration) {
        maxConnections = configuration.maxConnections
        maxPerAddress = max(1, configuration.maxConnectionsPerAddress)
        unlimited = Set(configuration.unlimitedAddresses.compactMap(Self.ipv4))
    }

    /// Connections currently admitted.
    var count: Int { total.load(ordering: .relaxed) }

    /// Connections currently admitted from `peer`.
    func count(of peer: UInt32) -> Int { perAddress.withLock { $0[peer] ?? 0 } }

    /// Counts a new connection from `peer`, or says which limit refuses it (counting nothing).
    func admit(_ peer: UInt32) -> Refusal? {
        let limited = !unlimited.contains(peer)
        if limited {
            let taken = perAddress.withLock { counts -> Bool in
                let open = counts[peer, default: 0]
                guard open < maxPerAddress else { return false }
                counts[peer] = open + 1
                return true
            }
            if !taken { return .address }
        }
        if total.wrappingAdd(1, ordering: .relaxed).newValue > maxConnections {
            total.wrappingSubtract(1, ordering: .relaxed)
            if limited { releaseAddress(peer) }
            return .server
        }
        return nil
    }

    /// Uncounts a connection `admit` counted.
    func release(_ peer: UInt32) {
        total.wrappingSubtract(1, ordering: .relaxed)
        if !unlimited.contains(peer) { releaseAddress(peer) }
    }

    private func releaseAddress(_ peer: UInt32) {
        perAddress.withLock { counts in
            let open = counts[peer, default: 0]
            if open <= 1 { counts[peer] = nil } else { counts[peer] = open - 1 }
        }
    }

    /// `text` as an IPv4 address in network byte order, or nil (IPv6 peers never reach an
    /// IPv4-only listener, so they need no entry).
    static func ipv4(_ text: String) -> UInt32? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return address.s_addr
    }
}
