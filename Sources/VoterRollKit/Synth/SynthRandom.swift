/// The generator's own pseudo-random numbers (SplitMix64), so that a seed gives the same files
/// on every machine and every Swift version.
///
/// Swift's `SystemRandomNumberGenerator` cannot be seeded, and the standard library's
/// algorithms that take a generator (`shuffled(using:)`, `randomElement(using:)`) do not
/// promise the same draws across releases; every draw here is spelled out instead.
struct SynthRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (0 when `bound` is not positive), without modulo bias
    /// (Lemire's multiply-and-reject).
    mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let limit = UInt64(bound)
        var product = next().multipliedFullWidth(by: limit)
        if product.low < limit {
            let threshold = (0 &- limit) % limit
            while product.low < threshold {
                product = next().multipliedFullWidth(by: limit)
            }
        }
        return Int(product.high)
    }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// A uniform number in [0, 1) with 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// Shuffles in place (Fisher–Yates, from the end).
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, below(index + 1))
        }
    }

    /// A generator for one part of the output, independent of how many draws other parts make:
    /// adding a column to one list must not change every row of the register.
    func fork(_ salt: UInt64) -> SynthRandom {
        var copy = SynthRandom(seed: state ^ (salt &* 0xD6E8_FEB8_6659_FD93))
        _ = copy.next()
        return copy
    }
}

extension Array {
    /// A copy shuffled by the generator's own random numbers.
    func shuffled(_ random: inout SynthRandom) -> [Element] {
        var copy = self
        random.shuffle(&copy)
        return copy
    }
}
