import Testing

@testable import VoterRollKit

extension NameExceptions.Entry: CustomTestStringConvertible {
    var testDescription: String { "\(character) (ICU: \(icu), key: \(key))" }
}

/// The reviewed table of characters the canonical form keeps although ICU simplifies them.
@Suite struct NameExceptionsTests {
    /// One case per entry: the canonical form keeps the character, the key folds it to `key`,
    /// and ICU still maps it to `icu` (when an ICU upgrade changes that, review the entry).
    @Test(arguments: NameExceptions.entries)
    func entryIsKeptInTheCanonicalForm(entry: NameExceptions.Entry) throws {
        let normalizer = try NameNormalizer()
        let name = normalizer.normalize("王\(entry.character)明")
        #expect(name.canonical == "王\(entry.character)明")
        #expect(name.issues.isEmpty)
        #expect(name.matchKey == "王\(entry.key)明")
        let icu = try Transliterator(id: "Traditional-Simplified")
        #expect(try icu.transform(String(entry.character)) == String(entry.icu))
    }

    /// The examples the issue names, spelled out.
    @Test(arguments: [
        ("乾隆", "乾隆", "干隆"),
        ("於明", "於明", "于明"),
        ("王昇", "王昇", "王升"),
        ("李姊", "李姊", "李姊"),
        // ICU maps 苧 → 苎 and 苎 → 苧; both meet at 苎.
        ("王苧", "王苎", "王苎"),
        ("王苎", "王苎", "王苎"),
    ])
    func examples(raw: String, canonical: String, key: String) throws {
        let name = try NameNormalizer().normalize(raw)
        #expect(name.canonical == canonical)
        #expect(name.matchKey == key)
    }

    /// The table is complete for GB 2312: every character of its level-1 and level-2 hanzi that
    /// ICU's Traditional-Simplified changes is an entry.
    @Test func everyGB2312CharacterICUChangesIsAnEntry() throws {
        var bytes: [UInt8] = []
        for high in UInt8(0xB0)...0xF7 {
            for low in UInt8(0xA1)...0xFE {
                bytes += [high, low, 0x0A]
            }
        }
        let gb2312 = try CharsetConverter(charset: "GB2312")
        let decoded = try gb2312.decode(bytes).text.split(separator: "\n")
        let simplified = try Transliterator(id: "Traditional-Simplified")
            .transform(decoded.joined(separator: "\n")).split(separator: "\n")
        try #require(decoded.count == simplified.count)
        #expect(decoded.count > 6700)
        var missing: [String] = []
        for (character, icu) in zip(decoded, simplified) where character != icu && character != "\u{FFFD}" {
            let value = try #require(character.unicodeScalars.first).value
            if NameExceptions.byValue[value] == nil {
                missing.append("\(character)→\(icu)")
            }
        }
        #expect(missing.isEmpty, "GB 2312 characters ICU rewrites that the table lacks: \(missing)")
    }
}
