import Testing

@testable import VoterRollKit

extension Rules {
    /// `InMigrantRule`: in-migrants (流入) with a voter certificate join the roll, checked by the
    /// row rules like register rows; without one they are not added (only their ID number read);
    /// one already on the run is noted on the list row.
    @Suite struct InMigrantRuleTests {
        private static let header = "姓名,公民身份号码,性别,出生日期,户籍地,选民资格证明编号,选区,选民小组"
        private static let resident = RuleTestSupport.id(born: "1975-05-05", sequence: 85)
        private static let newcomer = RuleTestSupport.id(born: "1980-08-08", sequence: 51, region: "110101")

        /// Reads the moved_in list, runs the register through the engine's path, then admits.
        private func admit(_ rows: [String], register: [PersonRecord] = []) throws -> RuleHarness {
            let context = try RuleTestSupport.context()
            try RuleTestSupport.load(.movedIn, [Self.header] + rows, into: context)
            let harness = RuleHarness(context, rows: RuleTestSupport.rowRules(context))
            try harness.register(register)
            try InMigrantRule(idRule: IDRule()).admit(in: context, path: harness, sink: harness)
            return harness
        }

        /// (the list row, the decision: origin, kept, the findings)
        static let rows: [(String, PersonOrigin, Bool, [Brief])] = [
            // A certificate: checked and added.
            ("新来,\(newcomer),男,1980-08-08,北京,BJ-2026-001,第二选区,第三组", .inMigrant, true, []),
            // Checked like a register row: a stated fact, an age, a name.
            (
                "新来,\(newcomer),女,1980-08-08,北京,BJ-2026-001,第二选区,第三组", .inMigrant, true,
                [Brief(.idGenderMismatch, "moved_in.csv:2:C", "女", "ID: 男")]
            ),
            (
                "少年,\(RuleTestSupport.id(born: "2008-06-02", region: "110101")),男,,北京,BJ-2026-002,第二选区,第三组", .inMigrant, false,
                [
                    Brief(
                        .ageUnder18, "moved_in.csv:2:B", RuleTestSupport.id(born: "2008-06-02", region: "110101"),
                        "18: 2026-06-02")
                ]
            ),
            (",\(newcomer),男,,北京,BJ-2026-003,第二选区,第三组", .inMigrant, false, [Brief(.nameMissing, "moved_in.csv:2:A", "")]),
            // No certificate: only the ID number is read; not added.
            (
                "无证,\(newcomer),男,1980-08-08,北京,,第二选区,第三组", .inMigrantWithoutCertificate, false,
                [Brief(.migrantInNoCertificate, "moved_in.csv:2:B", newcomer)]
            ),
            (
                ",\(newcomer),女,不详,北京, ,第二选区,第三组", .inMigrantWithoutCertificate, false,
                [Brief(.migrantInNoCertificate, "moved_in.csv:2:B", newcomer)]
            ),
            (
                "无证,\(RuleTestSupport.wrongCheckDigit(newcomer)),男,,北京,,第二选区,第三组", .inMigrantWithoutCertificate, false,
                [
                    Brief(.idChecksum, "moved_in.csv:2:B", RuleTestSupport.wrongCheckDigit(newcomer)),
                    Brief(.migrantInNoCertificate, "moved_in.csv:2:B", RuleTestSupport.wrongCheckDigit(newcomer)),
                ]
            ),
        ]

        @Test(arguments: rows)
        func admitted(row: String, origin: PersonOrigin, isKept: Bool, findings: [Brief]) throws {
            let harness = try admit([row])
            let decided = try #require(harness.decisions.first)
            #expect(harness.decisions.count == 1)
            #expect(decided.decision.origin == origin)
            #expect(decided.decision.isKept == isKept)
            #expect(decided.person.findings.briefs == findings)
            #expect(decided.person.constituency == "第二选区")
            #expect(decided.person.source.rowReference == "moved_in.csv:2")
            #expect(harness.reports.isEmpty)
            // Only a person who went through the row rules is a row of the run.
            let id = try #require(ResidentID(canonical: Self.newcomer))
            #expect((harness.context.people.first(id) != nil) == (origin == .inMigrant && row.contains(Self.newcomer)))
        }

        /// Someone already on the run is not added again: the list row says where they are.
        @Test func alreadyListed() throws {
            let harness = try admit(
                ["流入已在,\(Self.resident),男,1975-05-05,北京,BJ-2026-002,第一选区,第一组"],
                register: [RuleTestSupport.person(Self.resident, name: "流入已在", row: 7)])
            #expect(harness.decisions.count == 1, "only the register row")
            #expect(
                harness.reported.briefs == [Brief(.migrantInAlreadyListed, "moved_in.csv:2:B", Self.resident, "roll.csv:7:H")])
            #expect(harness.reports.map(\.row) == [.list])
            #expect(harness.reported.first?.name == "流入已在")
            #expect(harness.reported.first?.idNumber == Self.resident)
        }

        /// The same in-migrant twice on the list: the second row finds the first.
        @Test func listedTwice() throws {
            let row = "新来,\(Self.newcomer),男,1980-08-08,北京,BJ-2026-001,第二选区,第三组"
            let harness = try admit([row, row])
            #expect(harness.decisions.map(\.decision.origin) == [.inMigrant])
            #expect(
                harness.reported.briefs == [Brief(.migrantInAlreadyListed, "moved_in.csv:3:B", Self.newcomer, "moved_in.csv:2:B")]
            )
        }

        /// Without a certificate the person is not a row of the run: a later row with one is added.
        @Test func withoutThenWithACertificate() throws {
            let harness = try admit([
                "新来,\(Self.newcomer),男,1980-08-08,北京,,第二选区,第三组",
                "新来,\(Self.newcomer),男,1980-08-08,北京,BJ-2026-001,第二选区,第三组",
            ])
            #expect(harness.decisions.map(\.decision.origin) == [.inMigrantWithoutCertificate, .inMigrant])
            #expect(harness.decisions.map(\.decision.isKept) == [false, true])
            #expect(harness.reports.isEmpty)
        }

        /// The in-migrant's list row findings travel with them: the loader adds none to the list's.
        @Test func loaderLeavesTheCheckToAdmission() throws {
            let context = try RuleTestSupport.context()
            try RuleTestSupport.load(
                .movedIn, [Self.header, "无证,\(RuleTestSupport.wrongCheckDigit(Self.newcomer)),男,,北京,,第二选区,第三组"], into: context)
            #expect(context.lists.findings.isEmpty)
            #expect(context.lists.entries[.movedIn]?.first?.id == nil)
        }
    }
}
