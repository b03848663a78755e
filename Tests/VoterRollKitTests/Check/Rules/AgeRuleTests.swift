import Testing

@testable import VoterRollKit

extension Rules {
    /// `AgeRule`: eligible when the 18th birthday is on or before election day (选举法 art. 4);
    /// 29 February births follow the run's leap-day rule; older than 120 is flagged.
    @Suite struct AgeRuleTests {
        /// (birth date, election day, leap-day rule, the finding's code and evidence, or nil)
        static let cases: [(String, String, LeapDayRule, FindingCode?, String?)] = [
            // The eve of the 18th birthday, and the day itself.
            ("2008-06-02", "2026-06-01", .february28, .ageUnder18, "18: 2026-06-02"),
            ("2008-06-01", "2026-06-01", .february28, nil, nil),
            ("2008-05-31", "2026-06-01", .february28, nil, nil),
            ("2008-06-01", "2026-05-31", .february28, .ageUnder18, "18: 2026-06-01"),
            ("2026-06-01", "2026-06-01", .february28, .ageUnder18, "18: 2044-06-01"),
            // Born 29 February, 18 in 2026 (a common year): 28 February or 1 March by the rule.
            ("2008-02-29", "2026-02-27", .february28, .ageUnder18, "18: 2026-02-28"),
            ("2008-02-29", "2026-02-28", .february28, nil, nil),
            ("2008-02-29", "2026-03-01", .february28, nil, nil),
            ("2008-02-29", "2026-02-27", .march1, .ageUnder18, "18: 2026-03-01"),
            ("2008-02-29", "2026-02-28", .march1, .ageUnder18, "18: 2026-03-01"),
            ("2008-02-29", "2026-03-01", .march1, nil, nil),
            // Born 28 February or 1 March: the rule changes nothing.
            ("2008-02-28", "2026-02-28", .march1, nil, nil),
            ("2008-03-01", "2026-02-28", .february28, .ageUnder18, "18: 2026-03-01"),
            // Implausible: 120 is not, 121 is.
            ("1906-06-01", "2026-06-01", .february28, nil, nil),
            ("1905-06-02", "2026-06-01", .february28, nil, nil),
            ("1905-06-01", "2026-06-01", .february28, .ageImplausible, "121"),
            // 121 on 28 February or on 1 March of a common year, by the rule.
            ("1904-02-29", "2025-02-28", .february28, .ageImplausible, "121"),
            ("1904-02-29", "2025-02-28", .march1, nil, nil),
            ("1904-02-29", "2025-03-01", .march1, .ageImplausible, "121"),
        ]

        @Test(arguments: cases)
        func ageOnElectionDay(birth: String, electionDay: String, rule: LeapDayRule, code: FindingCode?, evidence: String?) throws
        {
            let context = try RuleTestSupport.context(electionDay: electionDay, leapDay: rule)
            let id = RuleTestSupport.id(born: birth)
            let person = RuleTestSupport.check(RuleTestSupport.person(id), [IDRule(), NameRule(), AgeRule()], in: context)
            #expect(person.findings.briefs == (code.map { [Brief($0, "roll.csv:2:H", id, evidence)] } ?? []))
            #expect(person.isKept == (code != .ageUnder18))
        }

        /// Without a valid ID there is no birth date to judge by.
        @Test func noValidIDNoAge() throws {
            let context = try RuleTestSupport.context()
            let id = RuleTestSupport.wrongCheckDigit(RuleTestSupport.id(born: "2010-01-01"))
            let person = RuleTestSupport.check(RuleTestSupport.person(id), [IDRule(), NameRule(), AgeRule()], in: context)
            #expect(person.findings.codes == [.idChecksum])
        }
    }
}
