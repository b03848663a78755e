/// A Bloom filter over 64-bit keys: what the generator has already used (ID numbers, name and
/// birth-date pairs), in fixed memory whatever the number of rows.
///
/// A false positive only makes the generator draw again, so it never makes the data wrong; a
/// false negative cannot happen. 16 bits per expected key and 4 probes keep false positives
/// near 0.2%: 2 MB for a million keys, where a `Set<UInt64>` would take over 16 MB.
struct SynthSeen {
    private var words: [UInt64]
    private let mask: UInt64

    init(expected: Int) {
        var bits = 1 << 16
        while bits < expected * 16 { bits <<= 1 }
        words = Array(repeating: 0, count: bits / 64)
        mask = UInt64(bits - 1)
    }

    /// Whether `key` may have been inserted.
    func contains(_ key: UInt64) -> Bool {
        let (first, step) = Self.probes(key)
        for probe in 0..<4 {
            let bit = (first &+ UInt64(probe) &* step) & mask
            if words[Int(bit >> 6)] & (1 << (bit & 63)) == 0 { return false }
        }
        return true
    }

    mutating func insert(_ key: UInt64) {
        let (first, step) = Self.probes(key)
        for probe in 0..<4 {
            let bit = (first &+ UInt64(probe) &* step) & mask
            words[Int(bit >> 6)] |= 1 << (bit & 63)
        }
    }

    /// Inserts `key` unless it may be there already; true when it was new.
    mutating func insertIfNew(_ key: UInt64) -> Bool {
        if contains(key) { return false }
        insert(key)
        return true
    }

    private static func probes(_ key: UInt64) -> (UInt64, UInt64) {
        (mix(key), mix(key ^ 0x5851_F42D_4C95_7F2D) | 1)
    }

    /// A 64-bit finaliser (SplitMix64's), so nearby keys land far apart.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The key of a name's match key and a birth date (FNV-1a over the bytes, then mixed).
    static func key(name: String, birth: CivilDate) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return mix(hash ^ UInt64(bitPattern: Int64(birth.dayNumber)))
    }
}
