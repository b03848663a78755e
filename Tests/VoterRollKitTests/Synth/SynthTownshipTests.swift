import Testing

@testable import VoterRollKit

@Suite struct SynthTownshipTests {
    @Test(arguments: [
        (1, "一"), (10, "十"), (14, "十四"), (20, "二十"), (21, "二十一"), (105, "一百零五"), (110, "一百一十"),
        (1010, "一千零一十"), (2003, "二千零三"),
    ])
    func numeralsReadAsChinese(number: Int, expected: String) {
        #expect(SynthTownship.numeral(number) == expected)
    }

    @Test(arguments: [
        ("2008-02-29", "2026-02-28", 18), ("2008-02-29", "2026-02-27", 17), ("2008-12-01", "2026-12-01", 18),
        ("2008-12-02", "2026-12-01", 17), ("1900-01-01", "2026-12-01", 126),
    ])
    func agesCountBirthdays(birth: String, day: String, age: Int) throws {
        let birth = try #require(CivilDate(birth))
        let day = try #require(CivilDate(day))
        #expect(SynthAgePyramid.age(of: birth, on: day) == age)
    }
}
