import Testing

@testable import VoterRollKit

/// File names made from 选区 cells (issue 17, item 4): bytes, invisible characters, Windows
/// device names, collisions.
@Suite struct PublishedFileNameTests {
    static let flags = String(repeating: "🇨🇳", count: 70)

    @Test(arguments: [
        ("第一选区", "第一选区"),
        ("a/b\\c:d", "a_b_c_d"),
        ("..", "__"),
        ("", "未分选区"),
        ("东\u{202E}lmth.exe", "东lmth.exe"),
        ("东\u{200B}街\u{200D}\u{FEFF}", "东街"),
        ("东\u{1B}[31m街\u{7F}\n", "东[31m街"),
        ("CON", "_CON"),
        ("nul.x", "_nul.x"),
        ("Com1", "_Com1"),
        ("LPT9 ", "_LPT9"),
        ("COM10", "COM10"),
        ("东街. . ", "东街"),
        ("\u{202E}\u{200B}", "未分选区"),
    ])
    func cleaned(constituency: String, base: String) {
        #expect(PublishedFileName.base(constituency) == base)
    }

    @Test func longNamesAreCutByBytesOnWholeCharacters() {
        let base = PublishedFileName.base(Self.flags)
        #expect(base.utf8.count <= PublishedFileName.maximumBytes)
        #expect(base.utf8.count + ".xlsx".utf8.count + ".voterroll.tmp-4194304-".utf8.count <= 255)
        #expect(Self.flags.hasPrefix(base))
        #expect(base.count == PublishedFileName.maximumBytes / 8)
        let numbered = PublishedFileName.base(Self.flags, number: 12)
        #expect(numbered.utf8.count <= PublishedFileName.maximumBytes)
        #expect(numbered.hasSuffix("-12"))
        #expect(PublishedFileName.base(String(repeating: "选", count: 100)).utf8.count <= PublishedFileName.maximumBytes)
    }
}
