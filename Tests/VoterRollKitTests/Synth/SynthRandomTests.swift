import Testing

@testable import VoterRollKit

@Suite struct SynthRandomTests {
    /// SplitMix64's published outputs for seed 0: the same numbers on every platform.
    @Test func matchesTheReferenceSequence() {
        var random = SynthRandom(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func drawsStayInRangeAndCoverIt() {
        var random = SynthRandom(seed: 42)
        var seen = Set<Int>()
        for _ in 0..<10_000 {
            let value = random.int(in: 3...9)
            #expect((3...9).contains(value))
            seen.insert(value)
        }
        #expect(seen == Set(3...9))
    }

    @Test func weightsAreRespected() {
        var random = SynthRandom(seed: 7)
        let weighted = SynthWeighted([("a", 1), ("b", 3)])
        let draws = (0..<40_000).map { _ in weighted.draw(&random) }
        let share = Double(draws.filter { $0 == "b" }.count) / Double(draws.count)
        #expect(abs(share - 0.75) < 0.02)
    }

    @Test func forksAreIndependentStreams() {
        let root = SynthRandom(seed: 1)
        var first = root.fork(1)
        var second = root.fork(2)
        #expect(first.next() != second.next())
        var again = root.fork(1)
        var firstAgain = root.fork(1)
        #expect(again.next() == firstAgain.next())
    }
}
