import Testing

@testable import VoterRollKit

/// Properties of ID parsing over thousands of generated numbers (a seeded generator, so a
/// failure names a seed that reproduces it).
///
/// The check digit is computed here from GB 11643-1999 itself, not with `ResidentID`, so the
/// tests do not take the code's word for what a valid number is.
@Suite struct ResidentIDPropertyTests {
    static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]
    static let perSeed = 250

    /// Known regions (110103 崇文区 was abolished in 2009 and stays valid in IDs) and one that
    /// was never a region, which is valid with `id.region-unknown`.
    static let regions = [110101, 110102, 110103, 310101, 370102, 371102, 440305, 510104, 650102, 990000]

    /// A valid ID number: region, birth date, sequence and the GB 11643 check digit.
    struct Generated {
        var canonical: String
        var body: [Int]
        var birth: CivilDate
    }

    static func generate(_ random: inout SynthRandom) -> Generated {
        let region = random.pick(regions)
        let year = random.int(in: 1900...2008)
        let month = random.int(in: 1...12)
        let birth = CivilDate(unchecked: year, month, random.int(in: 1...CivilDate.daysIn(month: month, year: year)))
        let sequence = random.int(in: 0...999)
        let text = String(format6(region)) + String(birth.iso8601.filter(\.isNumber)) + String(format3(sequence))
        let body = text.map { Int(String($0))! }
        return Generated(canonical: text + String(check(body)), body: body, birth: birth)
    }

    static func check(_ body: [Int]) -> Character {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return Array("10X98765432")[sum % 11]
    }

    private static func format6(_ value: Int) -> String { String(String(value + 1_000_000).dropFirst()) }
    private static func format3(_ value: Int) -> String { String(String(value + 1000).dropFirst()) }

    /// How people and spreadsheets write a number: each way must read back as the same ID.
    static func messy(_ canonical: String, _ random: inout SynthRandom) -> String {
        var characters = Array(canonical)
        if characters.last == "X", random.chance(0.5) { characters[17] = "x" }
        if random.chance(0.3) {
            // Full-width digits and X, as an IME types them.
            characters = characters.map { character in
                let scalar = character.unicodeScalars.first!.value
                return Character(Unicode.Scalar(scalar + 0xFEE0)!)
            }
        }
        var text = ""
        for (index, character) in characters.enumerated() {
            if index > 0, random.chance(0.08) { text += random.pick([" ", "-", "\u{3000}", "\u{2014}"]) }
            text.append(character)
        }
        if random.chance(0.2) { text = "'" + text }
        if random.chance(0.3) { text = random.pick([" ", "\t", "\u{3000}"]) + text + random.pick([" ", "\r\n", ""]) }
        return text
    }

    @Test(arguments: seeds)
    func everyGeneratedValidIDPassesAndNormalisingThenValidatingIsIdempotent(seed: UInt64) throws {
        var random = SynthRandom(seed: seed)
        for _ in 0..<Self.perSeed {
            let generated = Self.generate(&random)
            let outcome = ResidentID.parse(generated.canonical)
            let id = try #require(outcome.id, "\(generated.canonical) (seed \(seed))")
            #expect(id.canonical == generated.canonical)
            #expect(id.birthDate == generated.birth)
            #expect(ResidentID(canonical: generated.canonical) == id)

            let written = Self.messy(generated.canonical, &random)
            let normalised = ResidentID.parse(written)
            #expect(normalised.id == id, "\(written.debugDescription) (seed \(seed))")
            // Validating what normalising gave changes nothing, and finds nothing to normalise.
            if case .valid(let again, let notes) = ResidentID.parse(try #require(normalised.id).canonical) {
                #expect(again == id)
                #expect(!notes.contains(.normalized) && !notes.contains(.legacy15))
            } else {
                Issue.record("the canonical form of \(written.debugDescription) is not valid (seed \(seed))")
            }
        }
    }

    @Test(arguments: seeds)
    func aLegacyFifteenDigitNumberUpgradesToTheSameID(seed: UInt64) throws {
        var random = SynthRandom(seed: seed)
        var checked = 0
        while checked < Self.perSeed {
            let generated = Self.generate(&random)
            guard (1900...1999).contains(generated.birth.year) else { continue }
            checked += 1
            let digits = Array(generated.canonical)
            let legacy = String(digits[0..<6]) + String(digits[8..<17])
            guard case .valid(let id, let notes) = ResidentID.parse(legacy) else {
                Issue.record("\(legacy) is not valid (seed \(seed))")
                continue
            }
            #expect(id.canonical == generated.canonical)
            #expect(notes.contains(.legacy15))
            #expect(ResidentID.parse(id.canonical).id == id)
        }
    }

    /// GB 11643's check digit catches every single-digit error: change any one character of a
    /// valid number to any other digit (or the check character to any other) and it fails.
    @Test(arguments: seeds)
    func everySingleDigitChangeFailsTheCheckDigit(seed: UInt64) throws {
        var random = SynthRandom(seed: seed)
        for _ in 0..<(Self.perSeed / 5) {
            let generated = Self.generate(&random)
            let original = Array(generated.canonical)
            for position in 0..<18 {
                let alternatives: [Character] = position == 17 ? Array("0123456789X") : Array("0123456789")
                for replacement in alternatives where replacement != original[position] {
                    var changed = original
                    changed[position] = replacement
                    let text = String(changed)
                    switch ResidentID.parse(text) {
                    case .valid:
                        Issue.record("\(text), one digit off \(generated.canonical), passes (seed \(seed))")
                    case .invalid(let code):
                        // Ending in 000 it reads as a number Excel cut short, which it may be.
                        let expected: Set<FindingCode> = text.hasSuffix("000") ? [.idChecksum, .idExcelMangled] : [.idChecksum]
                        #expect(expected.contains(code), "\(text): \(code.rawValue)")
                    }
                }
            }
        }
    }
}
