import Testing

@testable import VoterRollKit

@Suite struct AgeTests {
    static func day(_ text: String) -> CivilDate { CivilDate(text)! }

    /// The 18th birthday the day before, on, and the day after election day.
    @Test(arguments: [
        ("2008-05-09", "2026-05-10", true),  // 18th birthday the day before
        ("2008-05-10", "2026-05-10", true),  // on election day
        ("2008-05-11", "2026-05-10", false),  // the day after
        ("2007-12-31", "2026-01-01", true),
        ("2008-01-01", "2025-12-31", false),
        ("1949-12-31", "2026-05-10", true),
    ])
    func eligibleWhenThe18thBirthdayIsOnOrBeforeElectionDay(birth: String, election: String, adult: Bool) {
        #expect(Self.day(birth).isAdult(on: Self.day(election)) == adult)
        #expect(Self.day(birth).isAdult(on: Self.day(election), rule: .march1) == adult)
    }

    /// Born on 29 February: in a common year the birthday is 28 February, or 1 March by choice.
    @Test(arguments: [
        ("2026-02-27", LeapDayRule.february28, false),
        ("2026-02-28", .february28, true),
        ("2026-03-01", .february28, true),
        ("2026-02-27", .march1, false),
        ("2026-02-28", .march1, false),
        ("2026-03-01", .march1, true),
    ])
    func leapDayBirthday(election: String, rule: LeapDayRule, adult: Bool) {
        #expect(Self.day("2008-02-29").isAdult(on: Self.day(election), rule: rule) == adult)
    }

    @Test func leapDayBirthdayInALeapYearIsTheDayItself() {
        // 18 years after 29 February 2008 is 2026, a common year; 16 years after is 2024.
        let birth = Self.day("2008-02-29")
        #expect(birth.age(on: Self.day("2024-02-28"), rule: .february28) == 15)
        #expect(birth.age(on: Self.day("2024-02-29"), rule: .march1) == 16)
        #expect(birth.anniversary(16) == Self.day("2024-02-29"))
        #expect(birth.anniversary(18) == Self.day("2026-02-28"))
        #expect(birth.anniversary(18, rule: .march1) == Self.day("2026-03-01"))
        // Born the day before a leap day: the 18th birthday is not moved.
        #expect(Self.day("2006-02-28").isAdult(on: Self.day("2024-02-28")))
    }

    @Test(arguments: [
        ("1990-03-07", "2026-03-06", 35),
        ("1990-03-07", "2026-03-07", 36),
        ("1990-03-07", "1990-03-07", 0),
        ("1990-03-07", "1990-03-06", -1),
        ("1880-01-01", "2026-05-10", 146),
        ("2000-12-31", "2001-12-30", 0),
    ])
    func ageInWholeYears(birth: String, on day: String, age: Int) {
        #expect(Self.day(birth).age(on: Self.day(day)) == age)
    }

    @Test func votingAgeIs18() {
        #expect(CivilDate.votingAge == 18)
        #expect(Self.day("9999-01-01").anniversary(1) == nil)
    }
}
