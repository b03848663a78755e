import Foundation
import Testing

@testable import VoterRollKit

extension Rules {
    /// `ListMatchRule`: what every list shares. A list entry finds its person by ID number only;
    /// when the names' match keys differ the row is kept with `list.name-mismatch` and that entry
    /// excludes nothing (a register never excludes a voter on one weak signal).
    @Suite struct ListMatchRuleTests {
        private static let id = RuleTestSupport.id(born: "1980-01-01")

        /// Each list kind with an entry that would exclude the person if the names agreed.
        static let lists: [(ListKind, [String], FindingCode)] = [
            (.deprived, ["姓名,公民身份号码,开始日期,结束日期", "李娜,\(id),2020-01-01,终身"], .rightsDeprived),
            (.incapacitated, ["姓名,公民身份号码", "李娜,\(id)"], .rightsIncapacitated),
            (.suspended, ["姓名,公民身份号码", "李娜,\(id)"], .rightsSuspended),
            (.deceased, ["姓名,公民身份号码", "李娜,\(id)"], .statusDeceased),
            (.movedOut, ["姓名,公民身份号码,是否开具选民资格证明", "李娜,\(id),是"], .migrantRegisteredElsewhere),
        ]

        @Test(arguments: lists)
        func nameMismatchKeepsTheRow(kind: ListKind, lines: [String], code: FindingCode) throws {
            let context = try RuleTestSupport.context()
            try RuleTestSupport.load(kind, lines, into: context)
            let person = RuleTestSupport.check(RuleTestSupport.person(Self.id), RuleTestSupport.rowRules(context), in: context)
            #expect(
                person.findings.briefs == [
                    Brief(.listNameMismatch, "roll.csv:2:D", "张伟", "\(kind.rawValue) \(kind.rawValue).csv:2: 李娜")
                ])
            #expect(person.isKept)
            #expect(!person.findings.codes.contains(code))
            // The entry found the row it names: it is not reported as unmatched.
            #expect(context.lists.unmatched(kind).isEmpty)
            let finding = try #require(person.findings.first)
            #expect(finding.columnName == "姓名")
            #expect(finding.idNumber == Self.id)
            #expect(finding.name == "张伟")
        }

        /// With the same name, the same entries exclude (the control for the table above).
        @Test(arguments: lists)
        func sameNameExcludes(kind: ListKind, lines: [String], code: FindingCode) throws {
            let context = try RuleTestSupport.context()
            try RuleTestSupport.load(kind, lines.map { $0.replacingOccurrences(of: "李娜", with: "張偉") }, into: context)
            let person = RuleTestSupport.check(RuleTestSupport.person(Self.id), RuleTestSupport.rowRules(context), in: context)
            #expect(person.findings.briefs == [Brief(code, "roll.csv:2:H", Self.id, "\(kind.rawValue) \(kind.rawValue).csv:2")])
            #expect(!person.isKept)
        }

        /// By ID only: the same name under another number is someone else; a row without a valid
        /// number matches nothing.
        @Test func matchesByIDOnly() throws {
            let context = try RuleTestSupport.context()
            let other = RuleTestSupport.id(born: "1980-01-01", sequence: 125)
            try RuleTestSupport.load(.deceased, ["姓名,公民身份号码", "张伟,\(other)"], into: context)
            let person = RuleTestSupport.check(RuleTestSupport.person(Self.id), RuleTestSupport.rowRules(context), in: context)
            #expect(person.findings.isEmpty)
            let broken = RuleTestSupport.check(
                RuleTestSupport.person(RuleTestSupport.wrongCheckDigit(other)), RuleTestSupport.rowRules(context), in: context)
            #expect(broken.findings.codes == [.idChecksum])
            #expect(context.lists.unmatched(.deceased).map(\.id?.canonical) == [other])
            // A 15-digit number on the roll is the same person as the list's 18 digits.
            let legacy = RuleTestSupport.check(
                RuleTestSupport.person(String(other.prefix(6) + other.dropFirst(8).prefix(9))), RuleTestSupport.rowRules(context),
                in: context)
            #expect(legacy.findings.codes == [.idLegacy15, .statusDeceased])
        }

        /// A hashed list (`voterroll hash-list`): matched by the ID's keyed digest; the name's
        /// digest is compared like a name, and the evidence cannot show the name.
        @Test(arguments: [
            ("张伟", FindingCode.statusDeceased, "deceased deceased.csv:2"),
            ("李娜", .listNameMismatch, "deceased deceased.csv:2: name_hmac"),
        ])
        func hashedList(listName: String, code: FindingCode, evidence: String) throws {
            let keyFile = try RuleTestSupport.csv("key", ["0123456789abcdef0123456789abcdef"])
            let hasher = try IDHasher(keyFile: keyFile)
            let context = try RuleTestSupport.context(hasher: hasher)
            let resident = try #require(ResidentID(canonical: Self.id))
            let nameKey = context.names.normalize(listName).matchKey
            try RuleTestSupport.load(
                .deceased, ["id_hmac,name_hmac", "\(hasher.digest(resident)),\(hasher.digest(nameKey: nameKey))"], into: context)
            let person = RuleTestSupport.check(RuleTestSupport.person(Self.id), RuleTestSupport.rowRules(context), in: context)
            #expect(person.findings.codes == [code])
            #expect(person.findings.first?.evidence == evidence)
            #expect(context.lists.unmatched(.deceased).isEmpty)
        }
    }
}
