// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "VoterRoll",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "voterroll", targets: ["voterroll"]),
        .library(name: "VoterRollKit", targets: ["VoterRollKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Hummingbird's header types (its own dependency): the server names headers it has no
        // constant for (X-CSRF-Token, Referrer-Policy).
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // Supplies libxml2's pkg-config flags only; its module map is empty on purpose so that
        // no Swift module ever sees libxml2's headers (they include ICU's, which clash with
        // Foundation's own ICU module on Debian).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The only code that includes ICU or libxml2 headers. Its public header includes only
        // <stdint.h> and declares opaque handles.
        .target(
            name: "CVoterRoll",
            dependencies: ["CLibXML2"],
            linkerSettings: [
                .linkedLibrary("icuuc"),
                .linkedLibrary("icui18n"),
                .linkedLibrary("icudata"),
                .linkedLibrary("xml2"),
            ]
        ),
        .target(
            name: "VoterRollKit",
            dependencies: [
                "CVoterRoll",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C functions, which GRDB is built on: the store binds the million rows
                // of a run with them directly (`SQLiteExecutor.append`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: [
                // Release builds skip the run-time checks of exclusive access (debug builds, and
                // so the tests, keep them). The profile of a million-row check showed them at 8%
                // of its instructions: every append to an array held by a class, every write to
                // a class's property, checks in and out through the runtime.
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
            ]
        ),
        // The run store on PostgreSQL (`--store postgres://…`), for a county whose townships
        // share one register. Kept out of VoterRollKit so the library needs no network stack.
        .target(
            name: "VoterRollPostgres",
            dependencies: [
                "VoterRollKit",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // One job as `check`, `run` and `serve` all run it: the lock on the output folder, the
        // store (SQLite or PostgreSQL), the transaction with the output swap, the retries.
        .target(
            name: "VoterRollJob",
            dependencies: [
                "VoterRollKit",
                "VoterRollPostgres",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `voterroll serve`: the web pages and JSON API township clerks use (Hummingbird 2).
        .target(
            name: "VoterRollServer",
            dependencies: [
                "VoterRollKit",
                "VoterRollJob",
                "VoterRollPostgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "voterroll",
            dependencies: [
                "VoterRollKit",
                "VoterRollJob",
                "VoterRollServer",
                "VoterRollPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Measured speed of the hot paths: `swift run -c release voterroll-bench names|read-csv`.
        .executableTarget(
            name: "voterroll-bench",
            dependencies: ["VoterRollKit", "VoterRollPostgres"]
        ),
        .testTarget(
            name: "VoterRollKitTests",
            dependencies: [
                "VoterRollKit",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "VoterRollServerTests",
            dependencies: [
                "VoterRollServer",
                "VoterRollKit",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "VoterRollEndToEndTests",
            dependencies: ["VoterRollKit", "VoterRollPostgres"]
        ),
    ]
)

for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    // Require `any` for existential types.
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    // A file sees only the modules it imports.
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    // Imports are internal unless a public API needs them.
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.enableUpcomingFeature("NonisolatedNonsendingByDefault"))
    // Every public type says whether it is Sendable.
    settings.append(.unsafeFlags(["-Xfrontend", "-require-explicit-sendable"]))
    target.swiftSettings = settings
}
