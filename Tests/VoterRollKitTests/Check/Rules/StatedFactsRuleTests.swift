import Testing

@testable import VoterRollKit

extension Rules {
    /// `StatedFactsRule`: the stated birth date and gender against the ID number, which decides.
    /// A disagreement is a warning at the stated cell, never an exclusion.
    @Suite struct StatedFactsRuleTests {
        /// Born 1990-03-07; sequence 123 (odd): a man.
        private static let man = RuleTestSupport.id(born: "1990-03-07", sequence: 123)
        /// Born 1990-03-07; sequence 124 (even): a woman.
        private static let woman = RuleTestSupport.id(born: "1990-03-07", sequence: 124)

        /// (ID, stated birth date, its cell kind, stated gender, the findings)
        static let cases: [(String, String, Cell.Kind, String, [Brief])] = [
            // Agreeing, in the ways registers write it.
            (man, "1990-03-07", .string, "男", []),
            (man, "1990/3/7", .string, "M", []),
            (man, "1990年3月7日", .string, "male", []),
            (man, "19900307", .string, " 1 ", []),
            (man, "1990年3月", .string, "男性", []),
            (man, "1990.03", .string, "m", []),
            (man, "32939", .number, "男", []),
            (woman, "1990-03-07", .string, "女", []),
            (woman, "1990-03-07", .string, "F", []),
            (woman, "1990-03-07", .string, "2", []),
            (woman, "", .empty, "女性", []),
            // Blank: nothing to compare.
            (man, "", .empty, "", []),
            (man, "  ", .string, "\u{3000}", []),
            // Disagreeing: a warning at the stated cell, the ID's value as evidence.
            (man, "1990-03-08", .string, "男", [Brief(.idBirthdateMismatch, "roll.csv:2:G", "1990-03-08", "ID: 1990-03-07")]),
            (man, "1990-03-06", .string, "", [Brief(.idBirthdateMismatch, "roll.csv:2:G", "1990-03-06", "ID: 1990-03-07")]),
            (man, "1990年4月", .string, "", [Brief(.idBirthdateMismatch, "roll.csv:2:G", "1990年4月", "ID: 1990-03-07")]),
            (man, "", .empty, "女", [Brief(.idGenderMismatch, "roll.csv:2:E", "女", "ID: 男")]),
            (man, "", .empty, "2", [Brief(.idGenderMismatch, "roll.csv:2:E", "2", "ID: 男")]),
            (woman, "", .empty, "男", [Brief(.idGenderMismatch, "roll.csv:2:E", "男", "ID: 女")]),
            (
                woman, "1991-03-07", .string, "M",
                [
                    Brief(.idBirthdateMismatch, "roll.csv:2:G", "1991-03-07", "ID: 1990-03-07"),
                    Brief(.idGenderMismatch, "roll.csv:2:E", "M", "ID: 女"),
                ]
            ),
            // Unreadable: said so, the ID's value used.
            (man, "不详", .string, "", [Brief(.dateUnparseable, "roll.csv:2:G", "不详", "ID: 1990-03-07")]),
            (man, "07/03/1990", .string, "", [Brief(.dateUnparseable, "roll.csv:2:G", "07/03/1990", "ID: 1990-03-07")]),
            (man, "1990-02-30", .string, "", [Brief(.dateUnparseable, "roll.csv:2:G", "1990-02-30", "ID: 1990-03-07")]),
            (man, "", .empty, "未知", [Brief(.genderInvalid, "roll.csv:2:E", "未知", "ID: 男")]),
            (woman, "", .empty, "女士", [Brief(.genderInvalid, "roll.csv:2:E", "女士", "ID: 女")]),
            (man, "", .empty, "3", [Brief(.genderInvalid, "roll.csv:2:E", "3", "ID: 男")]),
        ]

        @Test(arguments: cases)
        func statedFactsAgainstTheID(id: String, birthDate: String, kind: Cell.Kind, gender: String, expected: [Brief]) throws {
            let context = try RuleTestSupport.context()
            let row = RuleTestSupport.person(id, birthDate: birthDate, gender: gender, birthDateKind: kind)
            let person = RuleTestSupport.check(row, [IDRule(), NameRule(), StatedFactsRule()], in: context)
            #expect(person.findings.briefs == expected)
            #expect(person.isKept, "a stated fact never excludes")
            for finding in person.findings {
                #expect(finding.idNumber == id)
                #expect(finding.name == "张伟")
            }
        }

        /// Without a valid ID number there is nothing to compare with: the ID rule has said why.
        @Test func noValidIDNoComparison() throws {
            let context = try RuleTestSupport.context()
            let row = RuleTestSupport.person(
                RuleTestSupport.wrongCheckDigit(Self.man), birthDate: "不详", gender: "未知")
            let person = RuleTestSupport.check(row, [IDRule(), NameRule(), StatedFactsRule()], in: context)
            #expect(person.findings.codes == [.idChecksum])
        }
    }
}
