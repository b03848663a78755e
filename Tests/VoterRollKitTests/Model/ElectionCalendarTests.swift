import Testing

@testable import VoterRollKit

/// The registration calendar's dates and deadlines, at their boundaries.
@Suite struct ElectionCalendarTests {
    private static func day(_ text: String) -> CivilDate { RuleTestSupport.day(text) }

    private static func calendar(posting: String? = "2026-05-01", asOf: String = "2026-05-03") -> ElectionCalendar {
        ElectionCalendar(electionDay: day("2026-05-21"), postingDay: posting.map(day), asOf: day(asOf))
    }

    @Test func dates() {
        let calendar = Self.calendar()
        #expect(calendar.appealDeadline == Self.day("2026-05-06"))
        #expect(calendar.suitDeadline == Self.day("2026-05-16"))
        #expect(calendar.latestPostingDay == Self.day("2026-05-01"))
        #expect(ElectionCalendar.decisionDue(received: Self.day("2026-04-29")) == Self.day("2026-05-02"))
        #expect(Self.calendar(posting: nil).appealDeadline == nil)
    }

    /// 20 days before election day is in time; 19 is late.
    @Test(arguments: [("2026-04-30", false), ("2026-05-01", false), ("2026-05-02", true)])
    func postingLate(posting: String, isLate: Bool) {
        #expect(Self.calendar(posting: posting).isPostingLate == isLate)
    }

    @Test(arguments: [("2026-05-05", false), ("2026-05-06", false), ("2026-05-07", true)])
    func appealLate(received: String, isLate: Bool) {
        #expect(Self.calendar().isLate(received: Self.day(received)) == isLate)
        #expect(!Self.calendar(posting: nil).isLate(received: Self.day(received)))
    }

    @Test(arguments: [("2026-05-04", false), ("2026-05-05", false), ("2026-05-06", true)])
    func overdue(asOf: String, isOverdue: Bool) {
        #expect(Self.calendar(asOf: asOf).isOverdue(received: Self.day("2026-05-02")) == isOverdue)
    }

    @Test(arguments: [("2026-05-04", false), ("2026-05-05", false), ("2026-05-06", true)])
    func decidedLate(decided: String, isLate: Bool) {
        #expect(ElectionCalendar.isDecidedLate(received: Self.day("2026-05-02"), decided: Self.day(decided)) == isLate)
    }

    @Test(arguments: [
        ("2026-04-30", ElectionCalendar.Phase.beforePosting), ("2026-05-01", .appealPeriod(daysLeft: 5)),
        ("2026-05-06", .appealPeriod(daysLeft: 0)), ("2026-05-07", .decisions), ("2026-05-16", .decisions),
        ("2026-05-17", .closing), ("2026-05-21", .closing), ("2026-05-22", .afterElection),
    ])
    func phase(asOf: String, phase: ElectionCalendar.Phase) {
        #expect(Self.calendar(asOf: asOf).phase == phase)
    }
}
