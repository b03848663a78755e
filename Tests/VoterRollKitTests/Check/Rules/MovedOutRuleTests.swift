import Testing

@testable import VoterRollKit

extension Rules {
    /// `MovedOutRule`: a person away with a voter certificate registers where they live and is
    /// excluded here (`migrant.registered-elsewhere`); without one they stay, flagged absent.
    @Suite struct MovedOutRuleTests {
        private static let id = RuleTestSupport.id(born: "1990-09-09")
        private static let header = "姓名,公民身份号码,现居住地,是否开具选民资格证明"

        static let yesWords = [
            "是", "有", "已开", "已开具", "已开证明", "y", "Y", "yes", "YES", "true", "True", "1", "√", "✓", " 是 ", "已开具证明", "有证明",
            "是的", "Ｙ", "✔", "ＹＥＳ", "１", "待开具", "需开具", "应开具",
        ]
        static let otherWords = ["否", "无", "", "no", "N", "0", "未开", "×", "未开具", "✗", "✘", "Ｎ", "０", "没有"]
        /// Neither yes nor no: nothing is decided on them silently.
        static let unreadableWords = ["待定", "不详", "?", "已申请", "见附件"]

        @Test(arguments: yesWords)
        func withACertificateRegisteredElsewhere(word: String) throws {
            let person = try check(certificate: word)
            #expect(
                person.findings.briefs == [
                    Brief(.migrantRegisteredElsewhere, "roll.csv:2:H", Self.id, "moved_out moved_out.csv:2")
                ])
            #expect(!person.isKept)
        }

        @Test(arguments: otherWords)
        func withoutACertificateAbsent(word: String) throws {
            let person = try check(certificate: word)
            #expect(person.findings.briefs == [Brief(.migrantAbsent, "roll.csv:2:H", Self.id, "moved_out moved_out.csv:2")])
            #expect(person.isKept)
        }

        /// An unreadable certificate cell keeps the person here (absent) and puts a warning on
        /// the list row naming the cell: refused as an answer, not read as no.
        @Test(arguments: unreadableWords)
        func unreadableCertificateKeptAndFlagged(word: String) throws {
            let context = try RuleTestSupport.context()
            try RuleTestSupport.load(.movedOut, [Self.header, "张伟,\(Self.id),深圳,\(word)"], into: context)
            expectProduces(.listValueUnreadable, context.lists.findings)
            #expect(context.lists.findings.briefs == [Brief(.listValueUnreadable, "moved_out.csv:2:D", word, "外出人员名单：是否开具选民资格证明")])
            let person = RuleTestSupport.check(RuleTestSupport.person(Self.id), RuleTestSupport.rowRules(context), in: context)
            #expect(person.findings.codes == [.migrantAbsent])
            #expect(person.isKept)
        }

        /// A list without the certificate column is refused: applied, it would keep everyone
        /// with a certificate on this roll as well as the one where they live.
        @Test func noCertificateColumnIsRefused() throws {
            let context = try RuleTestSupport.context()
            #expect(throws: IngestError.self) {
                try RuleTestSupport.load(.movedOut, ["姓名,公民身份号码,现居住地", "张伟,\(Self.id),深圳"], into: context)
            }
            #expect(context.lists.entries[.movedOut] == nil)
        }

        private func check(certificate: String) throws -> PersonRecord {
            let context = try RuleTestSupport.context()
            try RuleTestSupport.load(.movedOut, [Self.header, "张伟,\(Self.id),深圳,\(certificate)"], into: context)
            #expect(context.lists.findings.isEmpty)
            return RuleTestSupport.check(RuleTestSupport.person(Self.id), RuleTestSupport.rowRules(context), in: context)
        }
    }
}
