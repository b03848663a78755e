import Testing

@testable import VoterRollKit

extension Rules {
    /// `ProbableDuplicateRule`: the same name (by match key) and birth date under different ID
    /// numbers. Both rows stay and both are flagged at the close, each pointing at the other's
    /// name cell; the flag never changes a decision.
    @Suite struct ProbableDuplicateRuleTests {
        private static let first = RuleTestSupport.id(born: "1975-05-05", sequence: 11)
        private static let second = RuleTestSupport.id(born: "1975-05-05", sequence: 13)
        private static let otherBirth = RuleTestSupport.id(born: "1975-05-06", sequence: 13)

        private func run(_ people: [PersonRecord], lists: (CheckContext) throws -> Void = { _ in }) throws -> RuleHarness {
            let context = try RuleTestSupport.context()
            try lists(context)
            let rule = ProbableDuplicateRule()
            let harness = RuleHarness(context, rows: RuleTestSupport.rowRules(context), decisions: [rule])
            try harness.register(people)
            try harness.close([rule])
            return harness
        }

        /// (the first row's name, the second row's name and ID, flagged)
        static let pairs: [(String, String, String, Bool)] = [
            ("王芳", "王芳", second, true),
            ("王芳", "王 芳", second, true),
            ("王芳", "汪芳", second, false),
            ("張偉", "张伟", second, true),
            ("王芳", "王芳", otherBirth, false),
            // The same ID is the same person: `dup.same-id`, not a probable duplicate.
            ("王芳", "王芳", first, false),
        ]

        @Test(arguments: pairs)
        func sameNameAndBirthDateUnderAnotherNumber(name: String, otherName: String, otherID: String, flagged: Bool) throws {
            let harness = try run([
                RuleTestSupport.person(Self.first, name: name, row: 2),
                RuleTestSupport.person(otherID, name: otherName, row: 3, constituency: "第二选区"),
            ])
            #expect(harness.decisions.map(\.person.isKept) == [true, otherID != Self.first])
            guard flagged else {
                #expect(harness.reports.isEmpty)
                return
            }
            #expect(
                harness.reported.briefs == [
                    Brief(.dupProbable, "roll.csv:2:D", name, "roll.csv:3:D"),
                    Brief(.dupProbable, "roll.csv:3:D", otherName, "roll.csv:2:D"),
                ])
            #expect(harness.reported.map(\.idNumber) == [Self.first, otherID])
            #expect(harness.reported.map(\.columnName) == ["姓名", "姓名"])
            let canonical = harness.context.names.normalize(name).canonical
            #expect(harness.reported.map(\.name) == [canonical, canonical])
            // Each on its own roll row, in its own constituency.
            #expect(
                harness.reports.map(\.row) == [
                    .person(constituency: "第一选区", rollRow: 0), .person(constituency: "第二选区", rollRow: 1),
                ])
        }

        /// Three people: the first points at the second, the others at the first; findings in
        /// input order.
        @Test func threePeople() throws {
            let third = RuleTestSupport.id(born: "1975-05-05", sequence: 15)
            let harness = try run([
                RuleTestSupport.person(Self.second, name: "王芳", row: 2),
                RuleTestSupport.person(Self.otherBirth, name: "王芳", row: 3),
                RuleTestSupport.person(Self.first, name: "王芳", row: 4),
                RuleTestSupport.person(third, name: "王芳", row: 5),
            ])
            #expect(
                harness.reported.briefs == [
                    Brief(.dupProbable, "roll.csv:2:D", "王芳", "roll.csv:4:D"),
                    Brief(.dupProbable, "roll.csv:4:D", "王芳", "roll.csv:2:D"),
                    Brief(.dupProbable, "roll.csv:5:D", "王芳", "roll.csv:2:D"),
                ])
        }

        /// An excluded person is flagged too (a wrong number on a list may have excluded the wrong
        /// one), on no roll row.
        @Test func excludedPersonIsFlaggedWithoutARollRow() throws {
            let harness = try run(
                [
                    RuleTestSupport.person(Self.first, name: "王芳", row: 2),
                    RuleTestSupport.person(Self.second, name: "王芳", row: 3),
                ],
                lists: { try RuleTestSupport.load(.deceased, ["姓名,公民身份号码", "王芳,\(Self.first)"], into: $0) })
            #expect(harness.reported.codes == [.dupProbable, .dupProbable])
            #expect(
                harness.reports.map(\.row) == [
                    .person(constituency: "第一选区", rollRow: nil), .person(constituency: "第一选区", rollRow: 0),
                ])
        }

        /// A missing name matches nothing.
        @Test func missingNamesAreNotAlike() throws {
            let harness = try run([
                RuleTestSupport.person(Self.first, name: ""), RuleTestSupport.person(Self.second, name: " ", row: 3),
            ])
            #expect(harness.reports.isEmpty)
        }
    }
}
