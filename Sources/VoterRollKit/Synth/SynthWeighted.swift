/// Items with integer weights, drawn in proportion to them.
struct SynthWeighted<Item: Sendable>: Sendable {
    let items: [Item]
    private let cumulative: [Int]

    init(_ pairs: [(Item, Int)]) {
        items = pairs.map(\.0)
        var running = 0
        cumulative = pairs.map { pair in
            running += max(pair.1, 0)
            return running
        }
    }

    var total: Int { cumulative.last ?? 0 }

    func draw(_ random: inout SynthRandom) -> Item {
        let target = random.below(total)
        // Binary search for the first cumulative weight above the target.
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return items[low]
    }
}
