import Testing

@testable import VoterRollKit

/// The canonical form and match key of names (DESIGN.md, "Domain rules → Names").
@Suite struct NameNormalizerTests {
    let normalizer: NameNormalizer

    init() throws {
        normalizer = try NameNormalizer()
    }

    /// Every middle-dot look-alike the issue names, and the ones `NameCharacters` adds.
    @Test(arguments: [
        "\u{2022}", "\u{30FB}", "\u{FF65}", "\u{2027}", "\u{2219}", "\u{22C5}", "\u{FF0E}",
        "\u{0387}", "\u{16EB}", "\u{2E31}", "\u{2E33}", "\u{2024}", "\u{A78F}", "\u{318D}",
        "\u{2981}",
    ])
    func dotLookAlikeBecomesMiddleDot(dot: String) {
        let name = normalizer.normalize("买买提\(dot)艾力")
        #expect(name.canonical == "买买提·艾力")
        #expect(name.issues == [.normalized])
    }

    @Test func middleDotItselfIsCanonical() {
        let name = normalizer.normalize("买买提·艾力")
        #expect(name.canonical == "买买提·艾力")
        #expect(name.issues.isEmpty)
    }

    @Test(arguments: [
        ("买买提.艾力", "买买提·艾力"),
        ("买买提。艾力", "买买提·艾力"),
        ("买买提｡艾力", "买买提·艾力"),
        ("买买提 . 艾力", "买买提·艾力"),
        ("买买提 · 艾力", "买买提·艾力"),
        ("J. Smith", "J. Smith"),
        ("张三.", "张三."),
    ])
    func periodIsADotOnlyBetweenHanRuns(raw: String, canonical: String) {
        #expect(normalizer.normalize(raw).canonical == canonical)
    }

    /// Every form of white space inside a Han name is removed.
    @Test(arguments: [
        " ", "\u{3000}", "\u{00A0}", "\t", "\n", "\r\n", "\u{2002}", "\u{2003}", "\u{2009}",
        "\u{200A}", "\u{202F}", "\u{205F}", "\u{1680}", "\u{0085}", "\u{2028}", "  \u{3000} ",
        "\u{200B}", "\u{FEFF}", "\u{2060}",
    ])
    func whitespaceInsideHanNameIsRemoved(space: String) {
        let name = normalizer.normalize("张\(space)三")
        #expect(name.canonical == "张三")
        #expect(name.matchKey == "张三")
        #expect(name.issues == [.normalized])
    }

    @Test(arguments: [
        (" 张三 ", "张三"),
        ("\u{3000}张三\u{3000}", "张三"),
        ("John  Smith", "John Smith"),
        ("John\u{3000}Smith", "John Smith"),
        ("John\t\u{00A0}Smith ", "John Smith"),
        ("\u{200B}John\u{200B}Smith", "JohnSmith"),
        ("ｊｏｈｎ　ＳＭＩＴＨ", "john SMITH"),
    ])
    func whitespaceAtTheEndsAndBetweenLatinWords(raw: String, canonical: String) {
        #expect(normalizer.normalize(raw).canonical == canonical)
    }

    @Test(arguments: [
        ("王小明１２", "王小明12"),
        ("Ｍａｒｙ Ｌｉ", "Mary Li"),
        ("张（三）", "张(三)"),
    ])
    func fullWidthLatinAndDigitsBecomeHalfWidth(raw: String, canonical: String) {
        let name = normalizer.normalize(raw)
        #expect(name.canonical == canonical)
        #expect(name.issues.contains(.normalized))
    }

    @Test(arguments: [
        ("Jose\u{301} Li", "Jos\u{E9} Li"),
        // A CJK compatibility ideograph decomposes under NFC (豈 U+F900 → U+8C48), then simplifies.
        ("王\u{F900}", "王岂"),
    ])
    func nfc(raw: String, canonical: String) {
        let name = normalizer.normalize(raw)
        #expect(Array(name.canonical.unicodeScalars) == Array(canonical.unicodeScalars))
        #expect(name.issues.contains(.normalized))
    }

    @Test(arguments: [
        ("張三", "张三"),
        ("劉德華", "刘德华"),
        ("歐陽修", "欧阳修"),
        ("買買提·艾力", "买买提·艾力"),
    ])
    func traditionalIsSimplified(raw: String, canonical: String) {
        let name = normalizer.normalize(raw)
        #expect(name.canonical == canonical)
        #expect(name.matchKey == canonical.filter { $0 != "·" })
        #expect(name.issues == [.normalized])
    }

    @Test func qianlongStaysQianlong() {
        let name = normalizer.normalize("乾隆")
        #expect(name.canonical == "乾隆")
        #expect(name.issues.isEmpty)
    }

    @Test func yuIsKeptButMeetsItsSimplifiedFormInTheKey() {
        let written = normalizer.normalize("於明")
        let simplified = normalizer.normalize("于明")
        #expect(written.canonical == "於明")
        #expect(written.issues.isEmpty)
        #expect(written.matchKey == "于明")
        #expect(written.matchKey == simplified.matchKey)
        #expect(written.canonical != simplified.canonical)
    }

    @Test(arguments: [
        ("张三", "张三"),
        ("張 三", "张三"),
        ("买买提·艾力", "买买提艾力"),
        ("John Smith", "johnsmith"),
        ("JOHN  SMITH", "johnsmith"),
    ])
    func matchKeyDropsSeparatorsAndCase(raw: String, key: String) {
        #expect(normalizer.normalize(raw).matchKey == key)
    }

    @Test func cleanNameIsUnchanged() {
        let name = normalizer.normalize("王小明")
        #expect(name.canonical == "王小明")
        #expect(name.surname == "王")
        #expect(name.givenName == "小明")
        #expect(name.issues.isEmpty)
    }

    /// The cache compares raw names byte for byte: the decomposed spelling is normalised even
    /// when the precomposed one (equal as Swift strings) was seen first.
    @Test func cacheTellsCanonicallyEquivalentSpellingsApart() {
        let precomposed = normalizer.normalize("Jos\u{E9} Li")
        let decomposed = normalizer.normalize("Jose\u{301} Li")
        #expect(precomposed.issues.isEmpty)
        #expect(decomposed.issues == [.normalized])
        #expect(precomposed.canonical == decomposed.canonical)
    }

    @Test func cachedResultEqualsFreshResult() throws {
        let small = try NameNormalizer(cacheLimit: 1)
        let names = ["張三", "王五", "張三", "欧阳明", "張三"]
        let fresh = names.map { normalizer.normalize($0) }
        #expect(names.map { small.normalize($0) } == fresh)
        #expect(names.map { normalizer.normalize($0) } == fresh)
    }
}
