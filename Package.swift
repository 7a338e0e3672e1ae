// swift-tools-version:6.1
import PackageDescription

// MotCua declares no Swift package dependencies: the toolchain and C system libraries only.
let package = Package(
    name: "MotCua",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "motcua", targets: ["motcua"]),
        .library(name: "MotCuaCore", targets: ["MotCuaCore"]),
        .library(name: "MotCuaStore", targets: ["MotCuaStore"]),
        .library(name: "MotCuaHTTP", targets: ["MotCuaHTTP"]),
        .library(name: "MotCuaHost", targets: ["MotCuaHost"]),
        .library(name: "MotCuaHarness", targets: ["MotCuaHarness"]),
        .library(name: "MotCuaBuiltins", targets: ["MotCuaBuiltins"]),
    ],
    dependencies: [],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", providers: [.apt(["libssl-dev"])]),

        .target(name: "MotCuaCore"),
        .target(name: "MotCuaStore", dependencies: ["MotCuaCore", "CSQLite", "COpenSSL"]),
        .target(name: "MotCuaHTTP"),
        .target(
            name: "MotCuaHost",
            dependencies: ["MotCuaCore", "MotCuaStore", "MotCuaHTTP", "COpenSSL"],
            resources: [.embedInCode("Resources/app.css"), .embedInCode("Resources/app.js")]
        ),
        .target(name: "MotCuaBuiltins", dependencies: ["MotCuaCore", "MotCuaHost"]),
        .target(name: "MotCuaHarness", dependencies: ["MotCuaCore", "MotCuaStore", "MotCuaHost"]),
        .executableTarget(
            name: "motcua",
            dependencies: ["MotCuaCore", "MotCuaStore", "MotCuaHost", "MotCuaBuiltins", "MotCuaHarness"],
            resources: [.embedInCode("Embedded/demo-deployment.json")]
        ),

        .testTarget(name: "MotCuaCoreTests", dependencies: ["MotCuaCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MotCuaStoreTests", dependencies: ["MotCuaStore", "MotCuaCore"]),
        .testTarget(name: "MotCuaHTTPTests", dependencies: ["MotCuaHTTP"]),
        .testTarget(name: "MotCuaHostTests", dependencies: ["MotCuaHost", "MotCuaCore", "MotCuaStore"]),
        .testTarget(name: "CLITests", dependencies: ["MotCuaHTTP", "MotCuaCore"]),
        .testTarget(name: "DeploymentTests", dependencies: ["MotCuaHost", "MotCuaBuiltins", "MotCuaHarness", "MotCuaCore"]),
    ],
    swiftLanguageModes: [.v6]
)
