import Foundation
import Testing

@testable import VoterRollKit

/// Replays every file of the fuzz corpora through the fuzz targets' own calls (`FuzzHarness`,
/// linked here from fuzz/Sources/FuzzHarness), so that an input fuzzing once broke stays fixed
/// and the seeds keep meeting every invariant the fuzz targets check.
///
/// fuzz/regressions/TARGET holds the inputs that crashed, hung or broke an invariant before a
/// fix; fuzz/corpus/TARGET the seeds made from the fixtures (fuzz/make-corpus.py).
@Suite struct RegressionCorpusTests {
    /// The longest any one input may take here (debug build, a loaded machine); libFuzzer's
    /// timeout in fuzz/run.sh is 30 s.
    static let timeLimit = Duration.seconds(10)

    struct Input: CustomTestStringConvertible, Sendable {
        var target: FuzzTarget
        var path: String
        var testDescription: String { "\(target.rawValue)/\(URL(fileURLWithPath: path).lastPathComponent)" }
    }

    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Hardening
        .deletingLastPathComponent()  // VoterRollKitTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()
        .appendingPathComponent("fuzz")

    /// Every file under fuzz/KIND/TARGET for every target.
    static func inputs(_ kind: String) -> [Input] {
        FuzzTarget.allCases.flatMap { target in
            let folder = fuzzDirectory.appendingPathComponent("\(kind)/\(target.rawValue)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { Input(target: target, path: folder.appendingPathComponent($0).path) }
        }
    }

    @Test func everyTargetHasSeeds() {
        let seeded = Set(Self.inputs("corpus").map(\.target))
        #expect(seeded == Set(FuzzTarget.allCases), "run python3 fuzz/make-corpus.py")
    }

    @Test(arguments: inputs("regressions"))
    func regressionsStayFixed(input: Input) throws {
        try withHarness { harness in try replay(input, harness) }
    }

    /// The seeds, one test per target (there are hundreds of small files).
    @Test(arguments: FuzzTarget.allCases)
    func seedsMeetEveryInvariant(target: FuzzTarget) throws {
        try withHarness { harness in
            for input in Self.inputs("corpus") where input.target == target {
                try replay(input, harness)
            }
        }
    }

    private func withHarness(_ body: (FuzzHarness) throws -> Void) throws {
        let directory = try SpreadsheetTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(FuzzHarness(directory: directory.path))
    }

    private func replay(_ input: Input, _ harness: FuzzHarness) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: input.path)))
        let clock = ContinuousClock()
        var outcome = FuzzOutcome()
        let elapsed = clock.measure { outcome = harness.run(input.target, bytes) }
        #expect(outcome.violations.isEmpty, "\(input.testDescription): \(outcome.violations)")
        #expect(elapsed < Self.timeLimit, "\(input.testDescription) took \(elapsed)")
        // Bounded: no reader makes more rows than its input can hold (the harness checks each
        // row; this is the total).
        if input.target == .csv {
            #expect(outcome.rows <= bytes.count + 1)
        }
    }
}
