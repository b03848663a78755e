import Testing

@testable import VoterRollKit

extension Rules {
    /// `DeprivedRule` with its list read by `ListLoader`: deprived when start ≤ election day ≤ end
    /// (终身 has no end), `rights.restored` once the end has passed, nothing before the start; a
    /// period that cannot be read excludes, and the list row says which cell it could not read.
    @Suite struct DeprivedRuleTests {
        private static let id = RuleTestSupport.id(born: "1970-05-05")
        private static let header = "姓名,公民身份号码,开始日期,结束日期"

        /// (start, end, the roll row's finding, the list cells that could not be read), election
        /// day 2026-06-01.
        static let periods: [(String, String, FindingCode?, [String])] = [
            // Starting on election day, ending on it, ended the day before, starting the day after.
            ("2026-06-01", "2027-06-01", .rightsDeprived, []),
            ("2020-01-01", "2026-06-01", .rightsDeprived, []),
            ("2026-06-01", "2026-06-01", .rightsDeprived, []),
            ("2020-01-01", "2026-05-31", .rightsRestored, []),
            ("", "2026-05-31", .rightsRestored, []),
            ("2026-06-02", "2030-01-01", nil, []),
            ("2026-06-02", "终身", nil, []),
            ("", "2026-06-01", .rightsDeprived, []),
            // Other ways of writing a day.
            ("2020年1月1日", "2026年5月31日", .rightsRestored, []),
            ("2020/1/1", "2026/6/1", .rightsDeprived, []),
            // A year and month: compared at that precision.
            ("2020-01-01", "2026-06", .rightsDeprived, []),
            ("2020-01-01", "2026-05", .rightsRestored, []),
            ("2026-06", "2027-01-01", .rightsDeprived, []),
            ("2026-07", "2027-01-01", nil, []),
            // For life.
            ("2010-01-01", "终身", .rightsDeprived, []),
            ("", "终身", .rightsDeprived, []),
            ("", "终生", .rightsDeprived, []),
            ("", "无期", .rightsDeprived, []),
            ("", "lifelong", .rightsDeprived, []),
            ("", " 终身 ", .rightsDeprived, []),
            // Unreadable: excluded, the cell named on the list row.
            ("2020-01-01", "明年", .rightsDeprived, ["D"]),
            ("2020-01-01", "", .rightsDeprived, ["D"]),
            ("2020-01-01", "2026-02-30", .rightsDeprived, ["D"]),
            ("去年", "2026-05-31", .rightsDeprived, ["C"]),
            ("去年", "2030-01-01", .rightsDeprived, ["C"]),
            ("去年", "以后", .rightsDeprived, ["C", "D"]),
        ]

        @Test(arguments: periods)
        func periodOnElectionDay(start: String, end: String, code: FindingCode?, unreadable: [String]) throws {
            let context = try RuleTestSupport.context()
            try RuleTestSupport.load(.deprived, [Self.header, "张伟,\(Self.id),\(start),\(end)"], into: context)
            let written = ["C": start, "D": end]
            if !unreadable.isEmpty { expectProduces(.listDateUnparseable, context.lists.findings) }
            #expect(
                context.lists.findings.briefs
                    == unreadable.map { column in
                        Brief(
                            .listDateUnparseable, "deprived.csv:2:\(column)", written[column] ?? "",
                            "剥夺政治权利名单：\(column == "C" ? "开始日期" : "结束日期")")
                    })
            for finding in context.lists.findings {
                #expect(finding.idNumber == Self.id)
                #expect(finding.name == "张伟")
                #expect(finding.columnName == (finding.address.column == 3 ? "开始日期" : "结束日期"))
            }

            let person = RuleTestSupport.check(
                RuleTestSupport.person(Self.id), [IDRule(), NameRule(), ListMatchRule(DeprivedRule())], in: context)
            #expect(
                person.findings.briefs == (code.map { [Brief($0, "roll.csv:2:H", Self.id, "deprived deprived.csv:2")] } ?? []))
            #expect(person.isKept == (code != .rightsDeprived))
            // Whatever the period, the entry found its person.
            #expect(context.lists.unmatched(.deprived).isEmpty)
        }

        /// Two periods for one person: each entry speaks; one that is running excludes.
        @Test func anEndedAndARunningPeriod() throws {
            let context = try RuleTestSupport.context()
            try RuleTestSupport.load(
                .deprived, [Self.header, "张伟,\(Self.id),2010-01-01,2015-01-01", "张伟,\(Self.id),2025-01-01,2027-01-01"],
                into: context)
            let person = RuleTestSupport.check(
                RuleTestSupport.person(Self.id), [IDRule(), NameRule(), ListMatchRule(DeprivedRule())], in: context)
            #expect(
                person.findings.briefs == [
                    Brief(.rightsRestored, "roll.csv:2:H", Self.id, "deprived deprived.csv:2"),
                    Brief(.rightsDeprived, "roll.csv:2:H", Self.id, "deprived deprived.csv:3"),
                ])
            #expect(!person.isKept)
        }

        /// The rule on entries as the loader makes them, without files.
        @Test(arguments: [
            (ListEntry.Details.deprivation(start: nil, startReadable: false, end: .lifelong), FindingCode?.some(.rightsDeprived)),
            (.deprivation(start: nil, startReadable: true, end: .unreadable), .rightsDeprived),
            (.deprivation(start: ParsedDate(RuleTestSupport.day("2026-06-02")), startReadable: true, end: .unreadable), nil),
            (
                .deprivation(start: nil, startReadable: true, end: .date(ParsedDate(RuleTestSupport.day("2026-05-31")))),
                .rightsRestored
            ),
            (.none, nil),
            (.movedOut(hasCertificate: true), nil),
        ])
        func codeForDetails(details: ListEntry.Details, code: FindingCode?) throws {
            let entry = ListEntry(
                kind: .deprived, source: CellAddress(file: "deprived.csv", row: 2), rawID: .absent, rawName: .absent, id: nil,
                name: nil, details: details)
            #expect(DeprivedRule().code(for: entry, on: RuleTestSupport.day("2026-06-01")) == code)
        }
    }
}
