/// Deals defects: every kind once per round, in a shuffled order, so that even a small register
/// holds every kind, while the weights keep the mix realistic.
struct SynthDeck {
    private var cards: [SynthDefect] = []
    private var position = 0
    private let round: [SynthDefect]

    init(format: SynthFormat) {
        round = SynthDefect.allCases.filter { $0.isPossible(in: format) }.flatMap { Array(repeating: $0, count: $0.weight) }
    }

    mutating func deal(_ random: inout SynthRandom) -> SynthDefect {
        if position >= cards.count {
            cards = round
            random.shuffle(&cards)
            position = 0
        }
        position += 1
        return cards[position - 1]
    }
}
