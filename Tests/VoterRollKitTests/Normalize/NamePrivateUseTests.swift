import Testing

@testable import VoterRollKit

/// Private Use code points in names: the 24 that GB 18030-2005 decoders write become the
/// standard characters (`name.pua-mapped`); any other is kept and named (`name.private-use`).
@Suite struct NamePrivateUseTests {
    let normalizer: NameNormalizer
    let address = CellAddress(file: "roll.csv", row: 7, column: 3)

    init() throws {
        normalizer = try NameNormalizer()
    }

    static func scalar(_ value: UInt32) -> String {
        String(Character(Unicode.Scalar(value)!))
    }

    /// The generated table agrees with this machine's ICU (GB 18030-2005): each two-byte code
    /// decodes to the table's Private Use code point.
    @Test(arguments: GB18030PrivateUse.entries)
    func tableMatchesICUsDecoding(entry: GB18030PrivateUse.Entry) throws {
        let converter = try CharsetConverter(charset: "GB18030")
        let bytes = [UInt8(entry.code >> 8), UInt8(entry.code & 0xFF)]
        let decoded = try converter.decode(bytes)
        #expect(decoded.invalid.isEmpty)
        #expect(decoded.text.unicodeScalars.map(\.value) == [entry.privateUse])
        #expect(GB18030PrivateUse.standard(for: entry.privateUse) == entry.standard)
    }

    @Test func tableHasTheTwentyFourOfTheStandard() {
        let entries = GB18030PrivateUse.entries
        #expect(entries.count == 24)
        #expect(Set(entries.map(\.privateUse)).count == 24)
        #expect(entries.filter { !$0.standardHasTwoByteCode }.map(\.standard) == [0x20087, 0x20089, 0x200CC, 0x215D7, 0x2298F, 0x241FE])
        #expect(entries.allSatisfy { NameCharacters.isPrivateUse($0.privateUse) && !NameCharacters.isPrivateUse($0.standard) })
    }

    /// A name written with the Private Use code point is the name written with the standard
    /// character: same canonical form, keys and findings, plus `name.pua-mapped`.
    @Test(arguments: GB18030PrivateUse.entries)
    func privateUseNameIsTheStandardName(entry: GB18030PrivateUse.Entry) {
        let written = "王" + Self.scalar(entry.privateUse) + "明"
        let standard = "王" + Self.scalar(entry.standard) + "明"
        let fromPUA = normalizer.normalize(written)
        let fromStandard = normalizer.normalize(standard)
        #expect(fromPUA.canonical == standard)
        #expect(fromPUA.matchKey == fromStandard.matchKey)
        #expect(fromPUA.pinyinKey == fromStandard.pinyinKey)
        #expect(fromPUA.surname == fromStandard.surname)
        var expected = fromStandard.issues
        expected.insert(.privateUseMapped)
        #expect(fromPUA.issues == expected)
        #expect(!fromPUA.canonical.unicodeScalars.contains { NameCharacters.isPrivateUse($0.value) })
    }

    @Test func mappedFindingShowsTheRawValueAndTheReplacement() throws {
        let findings = normalizer.findings(for: "\u{E816}三", at: address, columnName: "姓名")
        expectProduces(.namePuaMapped, findings)
        #expect(!findings.contains { $0.code == .nameNormalized })
        let finding = try #require(findings.first { $0.code == .namePuaMapped })
        #expect(finding.value == "\u{E816}三")
        #expect(finding.name == "𠂇三")
        #expect(finding.evidence == "U+E816 → 𠂇 U+20087")
        #expect(finding.address == address)
    }

    /// Another change besides the mapping still says the name was normalized.
    @Test func otherChangesStillReportNormalized() {
        let name = normalizer.normalize("張 \u{E81E}")
        #expect(name.canonical == "张\u{9FB4}")
        #expect(name.issues.contains(.normalized))
        #expect(name.issues.contains(.privateUseMapped))
    }

    @Test(arguments: [0xE000, 0xE815, 0xF8FF, 0xE5E5] as [UInt32])
    func unmappedPrivateUseIsKeptAndNamed(value: UInt32) throws {
        let raw = "李" + Self.scalar(value) + "华"
        #expect(normalizer.normalize(raw).canonical == raw)
        let findings = normalizer.findings(for: raw, at: address)
        expectProduces(.namePrivateUse, findings)
        #expect(!findings.contains { $0.code == .namePuaMapped })
        let finding = try #require(findings.first { $0.code == .namePrivateUse })
        #expect(finding.evidence == "U+" + String(value, radix: 16, uppercase: true))
        #expect(finding.code.action == .keep)
        #expect(finding.code.severity == .warning)
    }

    @Test func bothKindsInOneName() {
        let codes = normalizer.normalize("\u{E816}\u{E000}").codes
        #expect(codes.contains(.namePuaMapped))
        #expect(codes.contains(.namePrivateUse))
    }

    /// The edges of the Private Use Area, and the code points just outside it.
    @Test(arguments: [(0xDFFF, false), (0xE000, true), (0xF8FF, true), (0xF900, false), (0x20087, false)] as [(UInt32, Bool)])
    func privateUseRange(value: UInt32, isPrivateUse: Bool) {
        #expect(NameCharacters.isPrivateUse(value) == isPrivateUse)
    }
}
