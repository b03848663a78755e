import Testing

@testable import VoterRollKit

/// Cell values as the engine compares them: trimming, stated genders, and byte equality (the
/// fast paths each stand in for a slower general one; they must agree). The byte-level ends of
/// trimming are pinned in `CellWhitespaceTests`.
@Suite struct RawValueTests {
    static func raw(_ text: String) -> RawValue { RawValue(text: text, kind: .string, column: 1, header: "x") }

    @Test(arguments: [
        ("张三", "张三"), (" 张三", "张三"), ("张三\u{3000}", "张三"), ("\u{3000}第一选区\u{3000}", "第一选区"),
        ("李\u{A0}", "李"), ("𠮷明", "𠮷明"), ("  ", ""), ("", ""), ("王\t\n", "王"),
    ])
    func trimmingTakesOffAsciiNoBreakAndIdeographicSpace(text: String, trimmed: String) {
        #expect(Self.raw(text).trimmed == trimmed)
    }

    @Test(arguments: [
        ("男", ResidentID.Gender.male), ("女", .female), ("男性", .male), ("女性", .female), ("M", .male),
        ("female", .female), ("1", .male), ("2", .female),
    ])
    func statedGendersAreRead(text: String, gender: ResidentID.Gender) {
        #expect(ResidentID.Gender(stated: text) == gender)
    }

    @Test(arguments: ["", "未知", "男 ", "x", "3"])
    func otherTextIsNoGender(text: String) {
        #expect(ResidentID.Gender(stated: text) == nil)
    }

    @Test func sameBytesIsByteEqualityNotCanonicalEquivalence() {
        #expect(NameCacheKey.sameBytes("张三", "张三"))
        #expect(!NameCacheKey.sameBytes("张三", "张四"))
        #expect(!NameCacheKey.sameBytes("张", "张三"))
        #expect(NameCacheKey.sameBytes("", ""))
        #expect(!NameCacheKey.sameBytes("e\u{301}", "é"))
        #expect("e\u{301}" == "é")
    }
}
