import Testing

@testable import VoterRollKit

extension Rules {
    /// A moved-in list that says whether a certificate was issued instead of giving its number:
    /// yes adds the person, no does not, and a cell that says neither does not add them and
    /// puts `list.value-unreadable` on the list row (they stay on their hukou place's roll).
    @Suite struct InMigrantCertificateFlagTests {
        private static let header = "姓名,公民身份号码,性别,出生日期,户籍地,是否持有选民资格证明,选区,选民小组"
        private static let newcomer = RuleTestSupport.id(born: "1980-08-08", sequence: 51, region: "110101")

        static let cases: [(String, PersonOrigin, [FindingCode])] = [
            ("是", .inMigrant, []),
            ("已开具", .inMigrant, []),
            ("否", .inMigrantWithoutCertificate, []),
            ("", .inMigrantWithoutCertificate, []),
            ("待补", .inMigrantWithoutCertificate, [.listValueUnreadable]),
        ]

        @Test(arguments: cases)
        func theFlagDecides(flag: String, origin: PersonOrigin, listFindings: [FindingCode]) throws {
            let context = try RuleTestSupport.context()
            try RuleTestSupport.load(
                .movedIn, [Self.header, "新来,\(Self.newcomer),男,1980-08-08,北京,\(flag),第二选区,第三组"], into: context)
            #expect(context.lists.findings.map(\.code) == listFindings)
            if !listFindings.isEmpty { expectProduces(.listValueUnreadable, context.lists.findings) }
            let harness = RuleHarness(context, rows: RuleTestSupport.rowRules(context))
            try InMigrantRule(idRule: IDRule()).admit(in: context, path: harness, sink: harness)
            #expect(harness.decisions.map(\.decision.origin) == [origin])
        }

        /// Neither a number nor a flag: refused, not read as "no certificate for anyone".
        @Test func neitherColumnIsRefused() throws {
            let context = try RuleTestSupport.context()
            #expect(throws: IngestError.self) {
                try RuleTestSupport.load(
                    .movedIn, ["姓名,公民身份号码,性别,出生日期,户籍地,选区", "新来,\(Self.newcomer),男,1980-08-08,北京,第二选区"], into: context)
            }
        }
    }
}
