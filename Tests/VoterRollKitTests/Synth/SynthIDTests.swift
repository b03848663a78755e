import Testing

@testable import VoterRollKit

@Suite struct SynthIDTests {
    static let id = SynthID(region: 370_112, birth: CivilDate(unchecked: 1990, 3, 7), sequence: 123)

    @Test func checkDigitFollowsGB11643() {
        // 11010519491231002X is the standard's own example.
        let example = SynthID(region: 110_105, birth: CivilDate(unchecked: 1949, 12, 31), sequence: 2)
        #expect(example.canonical == "11010519491231002X")
        #expect(SynthID.isValid("11010519491231002X"))
        #expect(!SynthID.isValid("110105194912310021"))
        #expect(!example.isMale)
        #expect(Self.id.isMale)
    }

    @Test func excelDamageLooksLikeExcel() throws {
        let id = try #require(Self.id.value.map { _ in Self.id })
        #expect(id.canonical.hasPrefix("37011219900307123"))
        #expect(id.excelDisplay == "3.70112E+17")
        #expect(id.excelStored == "3.70112199003071E+17")
        #expect(id.excelZeros == "370112199003071000")
    }

    @Test func legacyAndTypedForms() {
        #expect(Self.id.legacy15 == "370112900307123")
        #expect(SynthID(region: 370_112, birth: CivilDate(unchecked: 2001, 1, 1), sequence: 1).legacy15 == nil)
        #expect(SynthID.fullWidth("37011X") == "３７０１１Ｘ")
        #expect(SynthID.spaced(Self.id.canonical, ideographic: false) == "370112 19900307 " + String(Self.id.canonical.suffix(4)))
    }

    @Test func brokenNumbersAreBrokenTheRightWay() {
        var random = SynthRandom(seed: 3)
        for _ in 0..<200 {
            let wrong = Self.id.wrongCheck(&random)
            #expect(wrong.count == 18 && !SynthID.isValid(wrong) && !wrong.hasSuffix("0"))
            let impossible = Self.id.impossibleDate(electionDay: CivilDate(unchecked: 2026, 12, 1), &random)
            #expect(SynthID.isValid(impossible))
            let digits = Int(impossible.dropFirst(6).prefix(8)) ?? 0
            let date = CivilDate(year: digits / 10_000, month: digits / 100 % 100, day: digits % 100)
            #expect(date == nil || (date ?? CivilDate(unchecked: 1, 1, 1)) > CivilDate(unchecked: 2026, 12, 1))
            let malformed = Self.id.malformed(&random)
            #expect(malformed.count != 18 || malformed.contains("O"))
        }
    }
}
