import Foundation
import Testing

@testable import VoterRollKit

@Suite struct ResidentIDTests {
    static let electionDay = CivilDate(year: 2026, month: 5, day: 10)!

    /// Valid numbers in canonical form, with their birth date and gender.
    static let valid: [(text: String, birth: String, gender: ResidentID.Gender)] = [
        ("11010519491231002X", "1949-12-31", .female),
        ("440524188001010014", "1880-01-01", .male),
        ("610104196209276908", "1962-09-27", .female),
        ("110103198001010013", "1980-01-01", .male),
        ("320102198506153215", "1985-06-15", .male),
        ("371102199003071239", "1990-03-07", .male),
    ]

    static func parse(_ text: String, numeric: Bool = false) -> ResidentID.Outcome {
        ResidentID.parse(text, cellIsNumeric: numeric, referenceDay: electionDay)
    }

    // MARK: Valid numbers and what they say

    @Test(arguments: valid)
    func validNumberParsesToItself(text: String, birth: String, gender: ResidentID.Gender) throws {
        let outcome = Self.parse(text)
        let id = try #require(outcome.id, "\(outcome)")
        #expect(outcome == .valid(id, notes: []))
        #expect(id.canonical == text)
        #expect(id.birthDate.iso8601 == birth)
        #expect(id.gender == gender)
        #expect(id.region.description == String(text.prefix(6)))
        #expect(ResidentID(canonical: text) == id)
    }

    @Test(arguments: [
        ("110105194912310021", FindingCode.idChecksum),  // X expected
        ("11010519491231002X".replacingOccurrences(of: "X", with: "1"), .idChecksum),
        ("440524188001010015", .idChecksum),
        ("371102199003071230", .idChecksum),
    ])
    func wrongCheckDigitFails(text: String, code: FindingCode) {
        #expect(Self.parse(text) == .invalid(code))
    }

    @Test func checkDigitIsComputedByTheStandardsWeights() {
        #expect(ResidentID.weights == [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
        for (index, weight) in ResidentID.weights.enumerated() {
            var power: UInt64 = 1
            for _ in 0..<(17 - index) { power *= 2 }
            #expect(power % 11 == weight)
        }
    }

    // MARK: Legacy 15-digit numbers

    @Test(arguments: [
        ("610104620927690", "610104196209276908"),
        ("440524800101001", "440524198001010013"),
        (" 610104 620927 690 ", "610104196209276908"),
    ])
    func legacyNumberIsUpgraded(text: String, canonical: String) throws {
        let outcome = Self.parse(text)
        let id = try #require(outcome.id, "\(outcome)")
        #expect(id.canonical == canonical)
        #expect(outcome.findingCodes.contains(.idLegacy15))
    }

    @Test func legacyNumberWithImpossibleDateFails() {
        #expect(Self.parse("610104620230690") == .invalid(.idBirthdateInvalid))  // 1962-02-30
    }

    // MARK: Birth dates

    @Test(arguments: [
        "110101199002300014",  // 30 February
        "110101199002290012",  // 29 February of a common year
        "110101199013010016",  // month 13
        "110101199001000018",  // day 0
        "110101203001010014",  // 2030, after election day
        "110101179912310015",  // before 1800
    ])
    func impossibleOrFutureBirthDateFails(text: String) {
        let body = String(text.prefix(17))
        let fixed = body + Self.checkCharacter(body)
        #expect(Self.parse(fixed) == .invalid(.idBirthdateInvalid), "\(fixed)")
    }

    @Test func birthDateOnElectionDayIsValidAndAfterItIsNot() {
        let body = "11010120260510001"
        let text = body + Self.checkCharacter(body)
        #expect(Self.parse(text).id != nil)
        #expect(
            ResidentID.parse(text, referenceDay: CivilDate(year: 2026, month: 5, day: 9))
                == .invalid(.idBirthdateInvalid))
        // Without a reference day only the calendar is checked.
        #expect(ResidentID.parse("110101203001010014").id != nil)
    }

    // MARK: Regions

    @Test func abolishedRegionIsValidWithoutNotes() {
        // 110103 崇文区 was abolished in 2010; its people keep their numbers.
        #expect(Self.parse("110103198001010013").findingCodes == [])
    }

    @Test func unknownRegionIsValidWithAWarning() throws {
        let outcome = Self.parse("999999199001011238")
        #expect(outcome.id?.canonical == "999999199001011238")
        expectProduces(.idRegionUnknown, outcome.findingCodes)
        #expect(outcome.findingCodes == [.idRegionUnknown])
    }

    // MARK: Normalisation

    @Test(arguments: [
        // Reported as id.normalized:
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", true),  // full-width
        ("11010519491231002x", "11010519491231002X", true),  // lower-case x
        ("11010519491231002ｘ", "11010519491231002X", true),  // full-width lower-case x
        ("110105 19491231 002X", "11010519491231002X", true),  // spaces inside
        ("110105\u{3000}19491231\u{3000}002X", "11010519491231002X", true),  // ideographic spaces
        ("110105\u{A0}19491231002X", "11010519491231002X", true),  // no-break space
        ("110105-19491231-002X", "11010519491231002X", true),  // hyphens
        ("110105－19491231－002X", "11010519491231002X", true),  // full-width hyphens
        ("110105–19491231–002X", "11010519491231002X", true),  // en dashes
        ("'１１０１０５19491231002x", "11010519491231002X", true),  // several at once
        // Not reported: how the cell was stored, not what was written.
        ("'11010519491231002X", "11010519491231002X", false),  // Excel's text marker
        ("  11010519491231002X\t", "11010519491231002X", false),  // surrounding white space
        ("\u{3000}11010519491231002X\u{3000}", "11010519491231002X", false),
        ("\u{FEFF}11010519491231002X", "11010519491231002X", false),
        (" ' 11010519491231002X ", "11010519491231002X", false),
    ])
    func normalisesWhatPeopleType(raw: String, canonical: String, reported: Bool) throws {
        let outcome = Self.parse(raw)
        let id = try #require(outcome.id, "\(raw): \(outcome)")
        #expect(id.canonical == canonical)
        #expect(outcome.findingCodes == (reported ? [.idNormalized] : []), "\(raw)")
    }

    @Test func normalisationIsReported() {
        expectProduces(.idNormalized, Self.parse("11010519491231002x").findingCodes)
        expectProduces(.idLegacy15, Self.parse("610104620927690").findingCodes)
    }

    /// Every valid number, written in any of the ways above, comes back canonical and parses
    /// again to itself with nothing to report.
    @Test(arguments: valid.map(\.text))
    func normalisationIsIdempotent(text: String) throws {
        var fullWidth = ""
        fullWidth.unicodeScalars.append(contentsOf: text.unicodeScalars.map { Unicode.Scalar($0.value + 0xFEE0)! })
        let variants = [
            text, text.lowercased(), fullWidth, "'" + text, " \(text) ",
            "\(text.prefix(6)) \(text.dropFirst(6).prefix(8)) \(text.suffix(4))",
            "\(text.prefix(6))-\(text.dropFirst(6))",
        ]
        for variant in variants {
            let id = try #require(Self.parse(variant).id, "\(variant)")
            #expect(id.canonical == text)
            #expect(Self.parse(id.canonical) == .valid(id, notes: []))
        }
    }

    /// A single wrong digit anywhere, check digit included, never passes: the weights are all
    /// non-zero mod 11, which is prime.
    @Test(arguments: valid.map(\.text))
    func everySingleCharacterChangeFailsTheCheckDigit(text: String) {
        let characters = Array(text)
        for position in characters.indices {
            let alphabet: [Character] = position == 17 ? Array("0123456789X") : Array("0123456789")
            for replacement in alphabet where replacement != characters[position] {
                var changed = characters
                changed[position] = replacement
                let mutated = String(changed)
                let expected: FindingCode = mutated.hasSuffix("000") ? .idExcelMangled : .idChecksum
                #expect(Self.parse(mutated) == .invalid(expected), "\(mutated)")
            }
        }
    }

    // MARK: Excel damage

    @Test(arguments: [
        ("3.71102E+17", false),  // Excel's General format of an 18-digit number
        ("1.10101199003071E+17", false),  // the 15 digits Excel keeps
        ("1.10101199003071e17", false),
        ("3.71102E+17", true),
        (" 4.40524E+17 ", false),
        ("0.371102E+18", false),
        ("371102199003071239", true),  // a numeric cell of 18 digits, even with a right check digit
        ("110101199003071000", true),
        ("1101011990030710", true),  // 16 digits
        ("110101199003071000.0", true),
        ("110101199003071000.0", false),  // a decimal of 18 digits
        ("110101199003071000", false),  // 18 digits ending in 000, check digit wrong
        ("'110101199003071000", false),
    ])
    func excelDamageIsRecognised(raw: String, numeric: Bool) {
        #expect(Self.parse(raw, numeric: numeric) == .invalid(.idExcelMangled))
    }

    @Test func excelDamageIsReported() {
        expectProduces(.idExcelMangled, Self.parse("3.71102E+17").findingCodes)
    }

    @Test func numericFlagOnTextWithAnXIsIgnored() {
        // An X cannot be in a number, so the cell was text whatever the source said.
        #expect(Self.parse("11010519491231002X", numeric: true).id?.canonical == "11010519491231002X")
    }

    @Test func numericCellOf15DigitsIsALegacyNumber() {
        // Excel keeps 15 significant digits, so a 15-digit number survives.
        #expect(Self.parse("610104620927690", numeric: true).id?.canonical == "610104196209276908")
    }

    // MARK: Missing and malformed

    @Test(arguments: ["", "   ", "\u{3000}", "'", "-", " - "])
    func emptyCellIsMissing(raw: String) {
        #expect(Self.parse(raw) == .invalid(.idMissing))
    }

    @Test(arguments: [
        "无",
        "abc",
        "1101051949123100",  // 16 digits in a text cell
        "11010519491231002",  // 17: check digit dropped
        "11010519491231002X1",  // 19
        "X1010519491231002X",  // X not last
        "1101051949123100X2",
        "61010462092769X",  // 15 with X
        "1.5E+3",  // scientific, but not of an ID-sized number
        "12.5",
        "11010519491231002X号",
        "110105.19491231002X",
    ])
    func malformedNumberIsFormat(raw: String) {
        #expect(Self.parse(raw) == .invalid(.idFormat), "\(raw)")
    }

    @Test func failuresAreReported() {
        expectProduces(.idMissing, Self.parse(" ").findingCodes)
        expectProduces(.idFormat, Self.parse("11010519491231002").findingCodes)
        expectProduces(.idChecksum, Self.parse("110105194912310021").findingCodes)
        expectProduces(.idBirthdateInvalid, Self.parse("110101199002300014").findingCodes)
    }

    // MARK: Masking and coding

    @Test func maskingHidesTheMiddle() throws {
        let id = try #require(Self.parse("371102199003071239").id)
        #expect(id.masked == "371102********1239")
        #expect("\(id)" == "371102********1239")
        #expect(ResidentID.mask("37110219900307123X") == "371102********123X")
        #expect(ResidentID.mask("610104620927690") == "610104*****7690")
        #expect(ResidentID.mask("3.71102E+17") == "3.7110*E+17")
        #expect(ResidentID.mask("1234567890") == "**********")
        #expect(ResidentID.mask("") == "")
    }

    @Test func canonicalInitialiserTakesOnlyCanonicalText() {
        #expect(ResidentID(canonical: "11010519491231002X") != nil)
        #expect(ResidentID(canonical: "11010519491231002x") == nil)
        #expect(ResidentID(canonical: " 11010519491231002X") == nil)
        #expect(ResidentID(canonical: "610104620927690") == nil)
        #expect(ResidentID(canonical: "110105194912310021") == nil)
    }

    @Test func codesAsTheCanonicalNumber() throws {
        let id = try #require(ResidentID(canonical: "11010519491231002X"))
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["11010519491231002X"]"#)
        #expect(try JSONDecoder().decode([ResidentID].self, from: data) == [id])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ResidentID].self, from: Data(#"["110105194912310021"]"#.utf8))
        }
    }

    @Test func ordersByNumber() throws {
        let ids = try Self.valid.map { try #require(ResidentID(canonical: $0.text)) }
        #expect(ids.sorted().map(\.canonical) == Self.valid.map(\.text).sorted())
    }

    /// IDs hash by their own mix (for speed): equal IDs must hash equal whatever the table's
    /// seed, and neighbouring numbers, which differ only in their last digits, must still
    /// spread over a table's buckets.
    @Test func hashingSpreadsNeighbouringNumbersAndAgreesWithEquality() throws {
        let first = try #require(ResidentID(canonical: "11010519491231002X"))
        let neighbours = (0..<65_536).map { ResidentID(body: first.body + UInt64($0)) }
        for seed in [0, 1, -1, 0x5EED] {
            let buckets = Set(neighbours.map { $0._rawHashValue(seed: seed) & 0xFFFF })
            #expect(buckets.count > 40_000, "seed \(seed): \(buckets.count) of 65,536 buckets used")
            #expect(first._rawHashValue(seed: seed) == ResidentID(body: first.body)._rawHashValue(seed: seed))
        }
        var index: [ResidentID: Int] = [:]
        for (position, id) in neighbours.enumerated() { index[id] = position }
        #expect(index.count == neighbours.count)
        #expect(neighbours.indices.allSatisfy { index[neighbours[$0]] == $0 })
        #expect(first._rawHashValue(seed: 7) != neighbours[1]._rawHashValue(seed: 7))
    }

    /// The check character GB 11643 gives a 17-digit body, computed independently.
    static func checkCharacter(_ body: String) -> String {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return String(Array("10X98765432")[sum % 11])
    }
}
