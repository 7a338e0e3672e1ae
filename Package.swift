// swift-tools-version:6.1
import PackageDescription

// MotCua declares no Swift package dependencies: the toolchain and C system libraries only.

/// The built-in plugins: each is a library product under `Plugins/<Name>/` depending on
/// MotCuaCore only, with its tests in `Tests/<Name>Tests/` when `tested` is true.
let plugins: [(name: String, tested: Bool)] = [
    ("QueueStandard", true),
    ("QueueAppointments", true),
    ("IntakeOneStop", true),
    ("IntakePostal", true),
    ("IntakePortalSync", true),
    ("PaymentsCash", true),
    ("PaymentsVietQR", true),
    ("RatingsCounter", true),
    ("ReportingStandard", true),
    ("ReportingIndex766", true),
]

let pluginTargets: [Target] = plugins.map { plugin in
    .target(name: plugin.name, dependencies: ["MotCuaCore"], path: "Plugins/\(plugin.name)")
}

let pluginTestTargets: [Target] = plugins.filter(\.tested).map { plugin in
    .testTarget(name: "\(plugin.name)Tests", dependencies: [.target(name: plugin.name), "MotCuaCore", "MotCuaStore", "MotCuaHarness", "MotCuaHost", "MotCuaHTTP", "MotCuaTesting",
                                                        "MotCuaPostgresTesting"])
}

let package = Package(
    name: "MotCua",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "motcua", targets: ["motcua"]),
        .library(name: "MotCuaCore", targets: ["MotCuaCore"]),
        .library(name: "MotCuaStore", targets: ["MotCuaStore"]),
        .library(name: "MotCuaPostgres", targets: ["MotCuaPostgres"]),
        .library(name: "MotCuaHTTP", targets: ["MotCuaHTTP"]),
        .library(name: "MotCuaHTTPClient", targets: ["MotCuaHTTPClient"]),
        .library(name: "MotCuaHost", targets: ["MotCuaHost"]),
        .library(name: "MotCuaHarness", targets: ["MotCuaHarness"]),
        .library(name: "MotCuaBuiltins", targets: ["MotCuaBuiltins"]),
        .library(name: "MotCuaCLI", targets: ["MotCuaCLI"]),
        .library(name: "MotCuaTesting", targets: ["MotCuaTesting"]),
    ] + plugins.map { .library(name: $0.name, targets: [$0.name]) },
    dependencies: [],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        .target(name: "MotCuaCore"),
        .target(name: "MotCuaStore", dependencies: ["MotCuaCore", "CSQLite", "COpenSSL"]),
        .target(name: "MotCuaPostgres", dependencies: ["MotCuaCore", "MotCuaStore", "CLibPQ"]),
        // Tests only: a throwaway PostgreSQL cluster per test process, and the engines to run suites on.
        .target(name: "MotCuaPostgresTesting", dependencies: ["MotCuaCore", "MotCuaStore", "MotCuaPostgres"]),
        .target(name: "MotCuaHTTP"),
        // Requests to other systems (the national portal) over libcurl, TLS verified; never FoundationNetworking.
        .target(name: "MotCuaHTTPClient", dependencies: ["MotCuaCore", "CCurl"]),
        .target(
            name: "MotCuaHost",
            dependencies: ["MotCuaCore", "MotCuaStore", "MotCuaHTTP", "COpenSSL"],
            exclude: ["Resources/Passwords/README.md"],
            // A shared script and layout sheet, then one script and sheet per kind (WebAssets.swift),
            // and the list of common and breached passwords (Resources/Passwords/README.md).
            resources: ["api.js", "layout.css", "favicon.svg", "Passwords/common-passwords.txt"].map { .embedInCode("Resources/\($0)") }
                + ["queueing", "intake", "payments", "ratings", "reporting"].flatMap { kind in
                    [.embedInCode("Resources/\(kind).js"), .embedInCode("Resources/\(kind).css")]
                }
        ),
        .target(name: "MotCuaBuiltins", dependencies: ["MotCuaCore", "MotCuaHost"] + plugins.map { .target(name: $0.name) }),
        .target(name: "MotCuaHarness", dependencies: ["MotCuaCore", "MotCuaStore", "MotCuaHTTP", "MotCuaHTTPClient", "MotCuaHost"]),
        // The test host every test target uses: manifest builder, in-memory store, manual clock,
        // preset accounts, and clients in process or over a socket.
        .target(name: "MotCuaTesting", dependencies: ["MotCuaCore", "MotCuaStore", "MotCuaHTTP", "MotCuaHost", "MotCuaPostgres", "MotCuaPostgresTesting"]),
        // The commands, without MotCuaBuiltins: a per-commune binary links only its own plugins.
        // The official unit list is a generated string literal (Generated/README.md says from where).
        .target(name: "MotCuaCLI", dependencies: ["MotCuaCore", "MotCuaStore", "MotCuaPostgres", "MotCuaHTTP", "MotCuaHTTPClient", "MotCuaHost", "MotCuaHarness"],
                exclude: ["Generated/README.md"]),
        .executableTarget(
            name: "motcua",
            dependencies: ["MotCuaCLI", "MotCuaBuiltins"],
            resources: [.embedInCode("Embedded/demo-deployment.json")]
        ),

        .testTarget(name: "MotCuaCoreTests", dependencies: ["MotCuaCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MotCuaStoreTests", dependencies: ["MotCuaStore", "MotCuaCore"]),
        .testTarget(name: "MotCuaPostgresTests", dependencies: ["MotCuaPostgres", "MotCuaPostgresTesting", "MotCuaStore", "MotCuaCore"]),
        .testTarget(name: "MotCuaHTTPTests", dependencies: ["MotCuaHTTP"]),
        .testTarget(name: "MotCuaHTTPClientTests", dependencies: ["MotCuaHTTPClient", "MotCuaHTTP", "MotCuaCore"]),
        .testTarget(name: "MotCuaHostTests", dependencies: ["MotCuaHost", "MotCuaCore", "MotCuaStore", "MotCuaHTTP", "MotCuaTesting"]),
        .testTarget(name: "CLITests", dependencies: ["MotCuaHTTP", "MotCuaCore", "MotCuaPostgresTesting"]),
        .testTarget(name: "MotCuaCLITests", dependencies: ["MotCuaCLI", "MotCuaCore", "MotCuaHost", "MotCuaBuiltins", "MotCuaStore", "MotCuaHarness"]),
        .testTarget(name: "DeploymentTests", dependencies: ["MotCuaHost", "MotCuaBuiltins", "MotCuaHarness", "MotCuaCore", "MotCuaHTTP", "MotCuaStore", "MotCuaTesting",
                                                        "MotCuaPostgresTesting"]),
    ] + pluginTargets + pluginTestTargets,
    swiftLanguageModes: [.v6]
)

// Ratings and reporting: the host routes, pages and province roll-up, over real sockets.
package.targets.append(.testTarget(name: "RatingsReportingHostTests",
                                   dependencies: ["MotCuaHost", "MotCuaHTTP", "MotCuaStore", "MotCuaCore", "MotCuaHarness",
                                                  "RatingsCounter", "ReportingStandard", "ReportingIndex766", "MotCuaCLI", "MotCuaTesting"]))

// The portal add-on is tested behind the real one-stop intake (its journal entries) and the libcurl client.
package.targets.first { $0.name == "IntakePortalSyncTests" }?.dependencies += ["IntakeOneStop", "MotCuaHTTPClient"]
