import Testing

@testable import VoterRollKit

extension Rules {
    /// `UnmatchedListRule`: list entries whose ID number is on no row of the run
    /// (`list.unmatched`, at the list's ID cell); not entries without a valid number, which the
    /// loader has reported already.
    @Suite struct UnmatchedListRuleTests {
        private static let onRoll = RuleTestSupport.id(born: "1960-01-01")
        private static let elsewhere = RuleTestSupport.id(born: "1961-02-02")

        /// (the register row's ID, the list row's ID, its name, reported unmatched, the loader's
        /// finding)
        static let entries: [(String, String, String, Bool, FindingCode?)] = [
            (onRoll, onRoll, "张伟", false, nil),
            // Matched by a row excluded for another reason, or by a name mismatch: matched.
            (RuleTestSupport.id(born: "2010-01-01"), RuleTestSupport.id(born: "2010-01-01"), "张伟", false, nil),
            (onRoll, onRoll, "李娜", false, nil),
            // The roll's 15 digits are the list's 18.
            (String(onRoll.prefix(6) + onRoll.dropFirst(8).prefix(9)), onRoll, "张伟", false, nil),
            // Nobody has it.
            (onRoll, elsewhere, "王五", true, nil),
            (RuleTestSupport.wrongCheckDigit(elsewhere), elsewhere, "王五", true, nil),
            // Not a valid number: the loader said why; nothing to match.
            (onRoll, RuleTestSupport.wrongCheckDigit(elsewhere), "王五", false, .idChecksum),
            (onRoll, "", "王五", false, .idMissing),
        ]

        @Test(arguments: entries)
        func entryMatchingNobody(rollID: String, listID: String, listName: String, unmatched: Bool, loaderCode: FindingCode?)
            throws
        {
            let context = try RuleTestSupport.context()
            try RuleTestSupport.load(.incapacitated, ["姓名,公民身份号码", "\(listName),\(listID)"], into: context)
            #expect(context.lists.findings.briefs == (loaderCode.map { [Brief($0, "incapacitated.csv:2:B", listID)] } ?? []))
            let harness = RuleHarness(context, rows: RuleTestSupport.rowRules(context))
            try harness.register([RuleTestSupport.person(rollID)])
            try harness.close([UnmatchedListRule()])
            #expect(
                harness.reported.briefs
                    == (unmatched ? [Brief(.listUnmatched, "incapacitated.csv:2:B", listID, "incapacitated")] : []))
            #expect(harness.reports.allSatisfy { $0.row == .list })
            if unmatched {
                #expect(harness.reported.first?.name == listName)
                #expect(harness.reported.first?.idNumber == listID)
            }
        }

        /// Entries come out list by list, in the rule's order whatever order the lists were read
        /// in; the moved_in and proxies lists are not matched against roll rows.
        @Test func everyMatchedListInOrder() throws {
            let context = try RuleTestSupport.context()
            let lines = ["姓名,公民身份号码", "王五,\(Self.elsewhere)"]
            for kind in [ListKind.movedOut, .deceased, .suspended, .incapacitated, .deprived] {
                var rows = lines
                if kind == .deprived { rows = ["姓名,公民身份号码,开始日期,结束日期", "王五,\(Self.elsewhere),2020-01-01,终身"] }
                if kind == .movedOut { rows = ["姓名,公民身份号码,是否开具选民资格证明", "王五,\(Self.elsewhere),否"] }
                try RuleTestSupport.load(kind, rows, into: context)
            }
            try RuleTestSupport.load(.movedIn, ["姓名,公民身份号码,选民资格证明编号,选区", "王五,\(Self.elsewhere),,第一选区"], into: context)
            try RuleTestSupport.load(
                .proxies, ["委托人姓名,委托人身份证号,受托人姓名,受托人身份证号", "王五,\(Self.elsewhere),张伟,\(Self.onRoll)"], into: context)
            let harness = RuleHarness(context, rows: RuleTestSupport.rowRules(context))
            try harness.register([RuleTestSupport.person(Self.onRoll)])
            try harness.close([UnmatchedListRule()])
            #expect(
                harness.reported.briefs
                    == ["deprived", "incapacitated", "suspended", "deceased", "moved_out"].map { (kind: String) in
                        Brief(.listUnmatched, "\(kind).csv:2:B", Self.elsewhere, kind)
                    })
        }
    }
}
