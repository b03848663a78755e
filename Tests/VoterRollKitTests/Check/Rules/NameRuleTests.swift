import Testing

@testable import VoterRollKit

extension Rules {
    /// `NameRule`: the canonical name for the roll (later rules compare names by its match key),
    /// and the name findings at the name cell.
    @Suite struct NameRuleTests {
        private static let id = RuleTestSupport.id(born: "1990-03-07")

        /// (the cell, the canonical name, the findings: code and evidence)
        static let cases: [(String, String, [FindingCode], [String?])] = [
            ("张伟", "张伟", [], []),
            ("  张伟 ", "张伟", [.nameNormalized], [nil]),
            ("買買提·艾力", "买买提·艾力", [.nameNormalized], [nil]),
            ("張偉", "张伟", [.nameNormalized], [nil]),
            ("张 伟", "张伟", [.nameNormalized], [nil]),
            ("", "", [.nameMissing], [nil]),
            ("\u{3000}", "", [.nameMissing], [nil]),
            ("张伟2", "张伟2", [.nameSuspicious], ["\"2\""]),
            ("张", "张", [.nameSuspicious], ["1 < 2"]),
            ("王𠮷", "王𠮷", [.nameRareChar], ["𠮷 U+20BB7"]),
        ]

        @Test(arguments: cases)
        func canonicalNameAndFindings(raw: String, canonical: String, codes: [FindingCode], evidence: [String?]) throws {
            let context = try RuleTestSupport.context()
            let person = RuleTestSupport.check(RuleTestSupport.person(Self.id, name: raw), [IDRule(), NameRule()], in: context)
            #expect(person.name?.canonical == canonical)
            #expect(person.findings.briefs == zip(codes, evidence).map { Brief($0, "roll.csv:2:D", raw, $1) })
            for finding in person.findings {
                #expect(finding.columnName == "姓名")
                #expect(finding.idNumber == Self.id)
                #expect(finding.name == (canonical.isEmpty ? nil : canonical))
            }
            // Only a missing name excludes.
            #expect(person.isKept == !codes.contains(.nameMissing))
        }

        /// Names that differ only as written share a match key: the list and change rules rely on it.
        @Test(arguments: [("张伟", "張偉"), ("张伟", "张 伟"), ("买买提·艾力", "买买提.艾力")])
        func writingsOfOneNameShareTheMatchKey(one: String, other: String) throws {
            let context = try RuleTestSupport.context()
            let first = RuleTestSupport.check(RuleTestSupport.person(Self.id, name: one), [NameRule()], in: context)
            let second = RuleTestSupport.check(RuleTestSupport.person(Self.id, name: other), [NameRule()], in: context)
            #expect(try #require(first.name).matchKey == (try #require(second.name)).matchKey)
        }
    }
}
