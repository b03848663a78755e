import Foundation
import Testing

@testable import VoterRollKit

/// The pipeline's `constituencies:` (each 选区's seats, 代表名额) and `options.balance_share`.
@Suite struct PipelineConstituenciesTests {
    private func parse(_ extra: String) throws(PipelineError) -> Pipeline {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: base.appendingPathComponent("roll.csv").path, contents: Data("x".utf8))
        let text = "version: 1\nelection_day: 2026-12-01\nroll: roll.csv\noutputs:\n  dir: out\n" + extra
        return try PipelineLoader.parse(text, file: "town.yaml", baseDirectory: base.path)
    }

    @Test func readsSeatsWithTheirLines() throws {
        let pipeline = try parse("constituencies:\n  第一选区: 2\n  第二选区: 0\n  \" 第三选区 \": 3\n")
        #expect(pipeline.options.constituencySeats.map(\.constituency) == ["第一选区", "第二选区", "第三选区"])
        // A count outside 1–3 is the run's finding (with its line), not a pipeline error.
        #expect(pipeline.options.constituencySeats.map(\.seats) == [2, 0, 3])
        #expect(pipeline.options.constituencySeats.map(\.source.cell) == ["town.yaml:7", "town.yaml:8", "town.yaml:9"])
        #expect(pipeline.options.balanceShareBasisPoints == 3000)
    }

    @Test(arguments: [("30%", 3000), ("0.3", 3000), ("12.5%", 1250), ("100%", 10_000), ("0.05", 500)])
    func balanceShare(text: String, basisPoints: Int) throws {
        let pipeline = try parse("options:\n  balance_share: \"\(text)\"\n")
        #expect(pipeline.options.balanceShareBasisPoints == basisPoints)
    }

    @Test(arguments: ["0", "0%", "-10%", "150%", "三成", "1.5"])
    func balanceShareOutOfRangeIsAnError(text: String) throws {
        let error = try #require(throws: PipelineError.self) { try parse("options:\n  balance_share: \"\(text)\"\n") }
        #expect(error.line == 7)
        #expect(error.message.contains("balance_share"))
    }

    @Test(arguments: ["constituencies: 2\n", "constituencies:\n  第一选区: 两名\n", "constituencies:\n  第一选区: 2.5\n"])
    func seatsThatAreNoWholeNumberAreAnError(text: String) throws {
        let error = try #require(throws: PipelineError.self) { try parse(text) }
        #expect(error.line != nil)
    }
}
