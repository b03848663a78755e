// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for VoterRoll's readers and parsers. A package of its own so that the root
// Package.swift stays free of sanitizer flags; it depends on the root package by path.
//
// Build and run through `fuzz/run.sh TARGET SECONDS`, which passes the sanitizers to every Swift
// module (`-sanitize=fuzzer,address`), so VoterRollKit itself is instrumented for coverage.
// Built in debug on purpose: the harness uses `@testable import` (debug builds enable testing)
// to reach the readers' small-chunk and small-limit initialisers.

let targets = ["csv", "spreadsheetml", "xlsx", "xls", "id", "date", "name"]

let package = Package(
    name: "VoterRollFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "VoterRoll", path: ".."),
    ],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver, so that each target keeps its own `main`
        // (SwiftPM renames an executable's entry point, so libFuzzer's own main cannot be used).
        .target(name: "CFuzzerDriver"),
        // What one input does to the code under test; Tests/VoterRollKitTests/Hardening links
        // the same file (a symlink) to replay the corpora through the very same calls.
        .target(
            name: "FuzzHarness",
            dependencies: [.product(name: "VoterRollKit", package: "VoterRoll")]
        ),
        .target(name: "FuzzSupport", dependencies: ["FuzzHarness", "CFuzzerDriver"]),
    ] + targets.map { name in
        .executableTarget(name: "fuzz-\(name)", dependencies: ["FuzzSupport"], path: "Targets/\(name)")
    }
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.enableUpcomingFeature("NonisolatedNonsendingByDefault"))
    target.swiftSettings = settings
}
