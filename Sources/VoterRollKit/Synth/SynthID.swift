/// A citizen ID number as the generator makes it: region, birth date and sequence, with the
/// check digit computed here from GB 11643-1999 rather than taken from `ResidentID`, so that the
/// generator is a second, independent reading of the standard.
struct SynthID: Hashable {
    /// The first 17 digits: region (6), birth date YYYYMMDD (8), sequence (3).
    let body: UInt64

    init(region: Int, birth: CivilDate, sequence: Int) {
        let date = UInt64(birth.year * 10_000 + birth.month * 100 + birth.day)
        body = UInt64(region) * 100_000_000_000 + date * 1_000 + UInt64(sequence)
    }

    /// Any 17 digits, including ones whose date does not exist (for broken numbers).
    init(body: UInt64) {
        self.body = body
    }

    var region: Int { Int(body / 100_000_000_000) }
    var sequence: Int { Int(body % 1_000) }
    /// Digits 7–14 as written, which may be no real day.
    var dateDigits: Int { Int(body / 1_000 % 100_000_000) }

    /// Odd sequence for men, even for women (GB 11643-1999 §4.2.3).
    var isMale: Bool { sequence % 2 == 1 }

    /// GB 11643-1999 weights: 2^(17-i) mod 11 for digit i.
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = Array("10X98765432")

    /// The 17 body digits, most significant first.
    var digits: [Int] {
        var result = Array(repeating: 0, count: 17)
        var rest = body
        for index in (0..<17).reversed() {
            result[index] = Int(rest % 10)
            rest /= 10
        }
        return result
    }

    /// The check character of 17 digits.
    static func check(_ digits: [Int]) -> Character {
        var sum = 0
        for (digit, weight) in zip(digits, weights) { sum += digit * weight }
        return checkCharacters[sum % 11]
    }

    var check: Character { Self.check(digits) }

    /// The 17 digits as text.
    var bodyText: String {
        String(digits.map { Character(Unicode.Scalar(UInt8(48 + $0))) })
    }

    /// The 18 characters as printed on the card.
    var canonical: String { bodyText + String(check) }

    /// The 15-digit form issued before 1999 (region, YYMMDD, sequence; no check digit), for
    /// people born in the 1900s.
    var legacy15: String? {
        let text = bodyText
        guard text.dropFirst(6).hasPrefix("19") else { return nil }
        return String(text.prefix(6)) + String(text.dropFirst(8))
    }

    /// Whether 18 characters have the right check character (an independent check for tests).
    static func isValid(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 18 else { return false }
        var digits: [Int] = []
        for character in characters.prefix(17) {
            guard let value = character.wholeNumberValue, character.isASCII else { return false }
            digits.append(value)
        }
        return check(digits) == characters[17]
    }
}
