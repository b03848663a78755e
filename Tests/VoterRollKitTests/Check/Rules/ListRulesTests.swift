import Testing

@testable import VoterRollKit

extension Rules {
    /// `IncapacitatedRule`, `SuspendedRule` and `DeceasedRule`: a person the list names by ID
    /// number (and not under another name) is excluded with the list's code, the list row as
    /// evidence.
    @Suite struct ListRulesTests {
        private static let id = RuleTestSupport.id(born: "1960-01-01")

        /// (list, its code, the name the list writes)
        static let cases: [(ListKind, FindingCode, String)] = [
            (.incapacitated, .rightsIncapacitated, "张伟"),
            (.suspended, .rightsSuspended, "张伟"),
            (.deceased, .statusDeceased, "张伟"),
            // The same name written otherwise, or none: the entry applies.
            (.incapacitated, .rightsIncapacitated, "張偉"),
            (.suspended, .rightsSuspended, "张 伟"),
            (.deceased, .statusDeceased, ""),
        ]

        @Test(arguments: cases)
        func listNamesThePerson(kind: ListKind, code: FindingCode, listName: String) throws {
            let context = try RuleTestSupport.context()
            try RuleTestSupport.load(kind, ["姓名,公民身份号码", "\(listName),\(Self.id)"], into: context)
            #expect(context.lists.findings.isEmpty)
            let person = RuleTestSupport.check(RuleTestSupport.person(Self.id), RuleTestSupport.rowRules(context), in: context)
            #expect(person.findings.briefs == [Brief(code, "roll.csv:2:H", Self.id, "\(kind.rawValue) \(kind.rawValue).csv:2")])
            #expect(!person.isKept)
            #expect(context.lists.unmatched(kind).isEmpty)
        }

        /// Each rule says what its list does, whatever the entry holds.
        static let rules: [(any ListRule, ListKind, FindingCode)] = [
            (IncapacitatedRule(), .incapacitated, .rightsIncapacitated),
            (SuspendedRule(), .suspended, .rightsSuspended),
            (DeceasedRule(), .deceased, .statusDeceased),
        ]

        @Test(arguments: rules)
        func ruleKindAndCode(rule: any ListRule, kind: ListKind, code: FindingCode) {
            let entry = ListEntry(
                kind: kind, source: CellAddress(file: "list.csv", row: 2), rawID: .absent, rawName: .absent, id: nil, name: nil,
                details: .none)
            #expect(rule.kind == kind)
            #expect(rule.code(for: entry, on: RuleTestSupport.day("2026-06-01")) == code)
        }
    }
}
