/// A GB/T 2260 administrative division code (行政区划代码), the first six digits of an ID.
///
/// Validity does not depend on the birth year, or on the year of anything else: an ID keeps
/// the code of the place where it was first issued, so a code abolished in 2009 (110103
/// 崇文区) is still on living people's cards, and a person born in 1950 may carry a code
/// created in 2015 because they registered there later. A code is therefore *known* when it
/// existed at any time; the years are kept only to name the place as it was called.
public struct RegionCode: Sendable, Hashable, Comparable {
    /// The code as a number, 0–999999.
    public let value: Int

    /// One name a code had, and the editions of the code table that list it under that name.
    public struct Period: Sendable, Hashable {
        /// The place's name, e.g. 崇文区.
        public let name: String
        /// The first year of the table listing it; nil when already in the first (1980).
        public let firstYear: Int?
        /// The last year of the table listing it; nil when still current.
        public let lastYear: Int?

        /// Whether the code had this name in `year`.
        public func contains(year: Int) -> Bool {
            year >= (firstYear ?? Int.min) && year <= (lastYear ?? Int.max)
        }
    }

    public init?(value: Int) {
        guard (0...999_999).contains(value) else { return nil }
        self.value = value
    }

    /// A value the caller knows has at most six digits.
    init(uncheckedValue value: Int) {
        self.value = value
    }

    /// Reads exactly six ASCII digits.
    public init?(_ text: String) {
        var value = 0
        var count = 0
        for byte in text.utf8 {
            guard CellText.isDigit(UInt32(byte)) else { return nil }
            value = value * 10 + Int(byte - 0x30)
            count += 1
        }
        guard count == 6 else { return nil }
        self.value = value
    }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.value < rhs.value }

    /// Whether the code was ever in the GB/T 2260 table.
    public var isKnown: Bool { RegionCodeTable.shared.contains(value) }

    /// The code's names, oldest first; empty when unknown.
    public var periods: [Period] { RegionCodeTable.shared.periods(of: value) }

    /// The name the code had in `year`, or nil when it did not exist then.
    public func name(in year: Int) -> String? {
        periods.last { $0.contains(year: year) }?.name
    }

    /// The latest name the code had (the current one, or the last before it was abolished).
    public var name: String? { periods.last?.name }
}

extension RegionCode: CustomStringConvertible {
    /// The six digits.
    public var description: String {
        var digits: [UInt8] = Array(repeating: 0x30, count: 6)
        var rest = value
        for index in digits.indices.reversed() {
            digits[index] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
            rest /= 10
        }
        return String(decoding: digits, as: UTF8.self)
    }
}
