import Testing

@testable import VoterRollKit

/// The `name.*` checks: missing, normalized, suspicious, rare-char.
@Suite struct NameChecksTests {
    let normalizer: NameNormalizer
    let address = CellAddress(file: "roll.csv", row: 12, column: 2)

    init() throws {
        normalizer = try NameNormalizer()
    }

    @Test(arguments: [
        // Missing: nothing but white space or invisible characters.
        ("", [FindingCode.nameMissing]),
        ("   ", [.nameMissing]),
        ("\u{3000}\t", [.nameMissing]),
        ("\u{200B}", [.nameMissing]),
        // Clean.
        ("张三", []),
        ("欧阳小明", []),
        ("买买提·艾力", []),
        // Normalized only.
        ("张 三", [.nameNormalized]),
        ("張三", [.nameNormalized]),
        // Suspicious: digits, Latin letters in a Han name, symbols, length.
        ("张三1", [.nameSuspicious]),
        ("张三2号", [.nameSuspicious]),
        ("张三A", [.nameSuspicious]),
        ("张三John", [.nameSuspicious]),
        ("张@三", [.nameSuspicious]),
        ("张三(曾用名)", [.nameSuspicious]),
        ("张三?", [.nameSuspicious]),
        ("张", [.nameSuspicious]),
        ("·", [.nameSuspicious]),
        ("-", [.nameSuspicious]),
        (String(repeating: "张", count: 26), [.nameSuspicious]),
        (String(repeating: "张", count: 25), []),
        ("张三１", [.nameNormalized, .nameSuspicious]),
        // Rare characters: outside GBK, in and out of the BMP.
        ("王𠮷", [.nameRareChar]),
        ("刘䶮", [.nameRareChar]),
        ("王𠮷1", [.nameSuspicious, .nameRareChar]),
    ])
    func codes(raw: String, expected: [FindingCode]) {
        #expect(normalizer.normalize(raw).codes == expected)
    }

    /// A name of only Latin letters (a foreign national's, or copied from a passport) is not
    /// suspicious for being Latin, and may use the punctuation such names use.
    @Test(arguments: ["John Smith", "JOHN SMITH", "Mary-Jane O'Neil", "J. R. Smith", "Li", "José Li"])
    func latinNameIsAllowed(raw: String) {
        #expect(normalizer.normalize(raw).codes == [])
    }

    @Test(arguments: [("John 2", FindingCode.nameSuspicious), ("A", .nameSuspicious), ("John@Smith", .nameSuspicious)])
    func latinNameIsStillChecked(raw: String, code: FindingCode) {
        #expect(normalizer.normalize(raw).codes.contains(code))
    }

    /// Latin letters GBK lacks (ñ) print wrongly too.
    @Test func latinLetterOutsideGBKIsRare() {
        #expect(normalizer.normalize("Muñoz Li").codes == [.nameRareChar])
    }

    @Test func missingNameProducesFinding() {
        let findings = normalizer.findings(for: " ", at: address, columnName: "姓名")
        expectProduces(.nameMissing, findings)
        #expect(findings.count == 1)
        #expect(findings.first?.value == " ")
        #expect(findings.first?.name == nil)
        #expect(findings.first?.columnName == "姓名")
    }

    @Test func normalizedNameKeepsTheRawValue() throws {
        let findings = normalizer.findings(for: "張\u{3000}三", at: address, idNumber: "11010519491231002X")
        expectProduces(.nameNormalized, findings)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.value == "張\u{3000}三")
        #expect(finding.name == "张三")
        #expect(finding.idNumber == "11010519491231002X")
        #expect(finding.address == address)
    }

    @Test func suspiciousNameNamesTheOffendingCharacters() {
        let findings = normalizer.findings(for: "张三1@", at: address)
        expectProduces(.nameSuspicious, findings)
        let evidence = findings.first { $0.code == .nameSuspicious }?.evidence
        #expect(evidence == "\"1\"; \"@\"")
    }

    @Test func tooLongNameSaysHowLong() {
        let findings = normalizer.findings(for: String(repeating: "王", count: 30), at: address)
        #expect(findings.first { $0.code == .nameSuspicious }?.evidence == "30 > 25")
    }

    @Test func rareCharacterOutsideTheBMPIsNamedWithItsCodePoint() {
        let findings = normalizer.findings(for: "王𠮷", at: address)
        expectProduces(.nameRareChar, findings)
        #expect(findings.first?.evidence == "𠮷 U+20BB7")
        #expect(findings.first?.name == "王𠮷")
    }
}
