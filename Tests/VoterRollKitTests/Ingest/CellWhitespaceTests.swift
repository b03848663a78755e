import Testing

@testable import VoterRollKit

/// The one white space table (`CellWhitespace`) and everything that asks it: trimming
/// (`RawValue.trimmed`, `CellWhitespace.trimmed`), blank cells and rows, header keys, the name
/// normaliser, and the ID-number, date and boolean readers. For every code point in the set, and
/// for the near misses, they must all give the same answer.
@Suite struct CellWhitespaceTests {
    /// Unicode's White_Space property, then U+200B and U+FEFF, which WPS exports scatter.
    static let members: [UInt32] =
        Array(0x09...0x0D) + [0x20, 0x85, 0xA0, 0x1680] + Array(0x2000...0x200A)
        + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000] + [0x200B, 0xFEFF]

    /// Invisible or space-like, but no white space: a cell holding only one is not blank.
    /// Joiners, word joiner, soft hyphen, Mongolian vowel separator (White_Space until Unicode
    /// 6.3), left-to-right mark, combining grapheme joiner, the ASCII information separators
    /// (white space to Python's `isspace`), Hangul filler, braille blank, NUL's neighbour DEL.
    static let nearMisses: [UInt32] = [
        0x200C, 0x200D, 0x2060, 0x00AD, 0x180E, 0x200E, 0x034F, 0x1C, 0x1D, 0x1E, 0x1F, 0x3164, 0x2800, 0x7F,
    ]

    static func text(_ value: UInt32) -> String { String(Character(Unicode.Scalar(value)!)) }
    static func raw(_ text: String) -> RawValue { RawValue(text: text, kind: .string, column: 1, header: "x") }
    static func row(_ text: String) -> SourceRow {
        SourceRow(file: "roll.csv", sheet: nil, number: 2, cells: [Cell(column: 1, text: text, kind: .string)])
    }

    static func booleanText(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { SpreadsheetValue.booleanText($0) }
    }

    let names: NameNormalizer

    init() throws {
        names = try NameNormalizer(pinyin: false)
    }

    @Test(arguments: members)
    func everyMemberIsTrimmedAndBlankEverywhere(value: UInt32) throws {
        let space = Self.text(value)
        #expect(CellWhitespace.isWhitespace(value))
        #expect(CellWhitespace.mayStartWhitespace(Array(space.utf8)[0]))

        for around in ["\(space)张三\(space)", "\(space)\(space)张三", "张三\(space)\(space)"] {
            #expect(Self.raw(around).trimmed == "张三")
            #expect(CellWhitespace.trimmed(around) == "张三")
            #expect(!CellWhitespace.isBlank(around))
            #expect(!Self.row(around).isBlank)
            #expect(names.normalize(around).canonical == "张三")
        }
        for alone in [space, space + space, " " + space + "\u{3000}"] {
            #expect(Self.raw(alone).trimmed == "")
            #expect(CellWhitespace.trimmed(alone) == "")
            #expect(CellWhitespace.isBlank(alone))
            #expect(Cell(column: 1, text: alone, kind: .string).isBlank)
            #expect(Self.row(alone).isBlank)
            #expect(names.normalize(alone).issues.contains(.missing))
        }
        // Inside a name, U+200B and U+FEFF are dropped like the joiners; the rest separate words.
        let words = names.normalize("John\(space)Smith").canonical
        #expect(words == (CellWhitespace.isInvisible(value) ? "JohnSmith" : "John Smith"))

        #expect(HeaderAliases.key("\(space)姓\(space)名\(space)") == "姓名")
        let id = ResidentID.parse("\(space)11010519491231002X\(space)")
        #expect(id == .valid(try #require(ResidentID(canonical: "11010519491231002X")), notes: []))
        #expect(DateParser().parse("\(space)1990-03-07\(space)")?.date.iso8601 == "1990-03-07")
        #expect(Self.booleanText("\(space)1\(space)") == "TRUE")
    }

    @Test(arguments: nearMisses)
    func nearMissesAreNeitherTrimmedNorBlank(value: UInt32) {
        let other = Self.text(value)
        #expect(!CellWhitespace.isWhitespace(value))

        for text in [other, "张三\(other)", "\(other)张三", " \(other) "] {
            #expect(Self.raw(text).trimmed == CellWhitespace.trimmed(text))
            #expect(!CellWhitespace.isBlank(text))
            #expect(!Cell(column: 1, text: text, kind: .string).isBlank)
            #expect(!Self.row(text).isBlank)
        }
        #expect(Self.raw(other).trimmed == other)
        #expect(Self.raw("张三\(other)").trimmed == "张三\(other)")
        #expect(Self.raw(" \(other) ").trimmed == other)
        // Nor is it a word break in a name.
        #expect(names.normalize("John\(other)Smith").canonical != "John Smith")
        #expect(ResidentID.parse("\(other)11010519491231002X") == .invalid(.idFormat))
        #expect(DateParser().parse("\(other)1990-03-07") == nil)
    }

    /// The table is exactly Unicode's White_Space plus U+200B and U+FEFF, and the byte-level
    /// gate lets through the first byte of every member and, in ASCII, nothing else.
    @Test func theTableIsUnicodeWhiteSpacePlusTheTwoZeroWidthOnes() {
        var mismatches: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected = scalar.properties.isWhitespace || value == 0x200B || value == 0xFEFF
            if CellWhitespace.isWhitespace(value) != expected { mismatches.append(value) }
            if expected, !CellWhitespace.mayStartWhitespace(Array(String(Character(scalar)).utf8)[0]) {
                mismatches.append(value)
            }
        }
        #expect(mismatches.isEmpty)
        #expect(Set(Self.members).count == Self.members.count)
        #expect(Self.members.allSatisfy { CellWhitespace.isWhitespace($0) })
        for byte in UInt8(0)..<0x80 {
            #expect(CellWhitespace.mayStartWhitespace(byte) == CellWhitespace.isWhitespace(UInt32(byte)), "\(byte)")
        }
    }

    /// Trimming reads both ends from the bytes: last scalars of every UTF-8 length, and
    /// members next to characters whose last bytes look like theirs.
    @Test(arguments: [
        ("", ""), ("a", "a"), ("é", "é"), ("张", "张"), ("𠮷", "𠮷"), ("e\u{301}", "e\u{301}"),
        (" 𠮷 ", "𠮷"), ("𠮷\u{3000}", "𠮷"), ("é\u{A0}", "é"), ("\u{85}é\u{85}", "é"),
        ("王\t\n", "王"), ("\u{FEFF}第一选区\u{200B}", "第一选区"), ("张 三", "张 三"),
        ("\u{3000}\u{3001}", "\u{3001}"), ("耀\u{200B}", "耀"), ("ｰ", "ｰ"), ("\u{FEFE}", "\u{FEFE}"),
        ("\u{2030}", "\u{2030}"), ("\u{1680}\u{1681}\u{1680}", "\u{1681}"),
    ])
    func trimmingFindsBothEndsFromTheBytes(text: String, trimmed: String) {
        #expect(CellWhitespace.trimmed(text) == trimmed)
        #expect(Self.raw(text).trimmed == trimmed)
        // The general way, scalar by scalar, agrees.
        var scalars = Array(text.unicodeScalars)
        while let first = scalars.first, CellWhitespace.isWhitespace(first.value) { scalars.removeFirst() }
        while let last = scalars.last, CellWhitespace.isWhitespace(last.value) { scalars.removeLast() }
        var general = String.UnicodeScalarView()
        general.append(contentsOf: scalars)
        #expect(String(general) == trimmed)
    }
}
