import Testing

@testable import VoterRollKit

extension Rules {
    /// `TownshipRule`: townships sharing a store, the earlier registration stays. A person this run
    /// would keep whom another township holds is excluded (`dup.same-id`, evidence naming that
    /// township and row); everyone else kept is claimed; once the roll is complete, the rows other
    /// townships excluded because this one holds the person are reported here too.
    @Suite struct TownshipRuleTests {
        private static let held = RuleTestSupport.id(born: "1988-10-08")
        private static let free = RuleTestSupport.id(born: "1992-06-15", sequence: 46)

        private func harness(
            township: String = "河口乡", holders: [String: TownshipRegistry.Holder] = [:],
            excludedElsewhere: [TownshipRegistry.ExcludedElsewhere] = []
        ) throws -> (RuleHarness, TownshipRegistry) {
            let context = try RuleTestSupport.context()
            let registry = TownshipRegistry(township: township, holders: holders, excludedElsewhere: excludedElsewhere)
            context.registry = registry
            return (RuleHarness(context, rows: RuleTestSupport.rowRules(context)), registry)
        }

        /// (the row: file, sheet, row; the evidence of its `dup.same-id`, or nil when claimed; the
        /// claim's row)
        static let rows: [(String, String?, Int, String, String?)] = [
            ("roll.csv", nil, 7, held, "城关镇 roll.csv:12"),
            ("roll.xlsx", "第一选区", 7, held, "城关镇 roll.csv:12"),
            ("roll.csv", nil, 7, free, nil),
            ("roll.xlsx", "第一选区", 7, free, nil),
        ]

        @Test(arguments: rows)
        func heldElsewhereIsExcludedTheRestClaimed(file: String, sheet: String?, row: Int, id: String, evidence: String?) throws {
            let (harness, registry) = try harness(holders: [Self.held: .init(township: "城关镇", row: "roll.csv:12")])
            let person = RuleTestSupport.person(id, row: row, file: file, sheet: sheet)
            let checked = try harness.register([person])[0]
            let reference = sheet.map { "\(file)[\($0)]:\(row)" } ?? "\(file):\(row)"
            if let evidence {
                #expect(checked.findings.briefs == [Brief(.dupSameId, person.address(of: person.rawID).cell, id, evidence)])
                #expect(!checked.isKept)
                #expect(registry.claims.isEmpty)
                #expect(registry.exclusions.map(\.holder) == [.init(township: "城关镇", row: "roll.csv:12")])
                #expect(registry.exclusions.map(\.finding) == checked.findings)
            } else {
                #expect(checked.findings.isEmpty)
                #expect(checked.isKept)
                #expect(registry.claims == [.init(idNumber: id, row: reference)])
                #expect(registry.exclusions.isEmpty)
            }
        }

        /// Only a person still kept is asked about: a row excluded for its own reason is not
        /// claimed, and not excluded twice.
        @Test func excludedRowsAreNotAsked() throws {
            let (harness, registry) = try harness(holders: [Self.held: .init(township: "城关镇", row: "roll.csv:12")])
            try RuleTestSupport.load(.deceased, ["姓名,公民身份号码", "张伟,\(Self.held)", "李娜,\(Self.free)"], into: harness.context)
            let rows = try harness.register([
                RuleTestSupport.person(Self.held), RuleTestSupport.person(Self.free, name: "李娜", row: 3),
            ])
            #expect(rows.map(\.findings.codes) == [[.statusDeceased], [.statusDeceased]])
            #expect(registry.claims.isEmpty)
            #expect(registry.exclusions.isEmpty)
        }

        /// A repeat within the run is this run's own `dup.same-id`: one claim, for the first row.
        @Test func repeatWithinTheRunIsClaimedOnce() throws {
            let (harness, registry) = try harness()
            let rows = try harness.register([RuleTestSupport.person(Self.free), RuleTestSupport.person(Self.free, row: 3)])
            #expect(rows.map(\.findings.briefs) == [[], [Brief(.dupSameId, "roll.csv:3:H", Self.free, "roll.csv:2:H")]])
            #expect(registry.claims == [.init(idNumber: Self.free, row: "roll.csv:2")])
        }

        /// A person held elsewhere and repeated here: the first row is the other township's, the
        /// second this run's duplicate of the first.
        @Test func heldElsewhereAndRepeated() throws {
            let (harness, registry) = try harness(holders: [Self.held: .init(township: "城关镇", row: "roll.csv:12")])
            let rows = try harness.register([RuleTestSupport.person(Self.held), RuleTestSupport.person(Self.held, row: 3)])
            #expect(
                rows.map(\.findings.briefs) == [
                    [Brief(.dupSameId, "roll.csv:2:H", Self.held, "城关镇 roll.csv:12")],
                    [Brief(.dupSameId, "roll.csv:3:H", Self.held, "roll.csv:2:H")],
                ])
            #expect(registry.exclusions.count == 1)
            #expect(registry.claims.isEmpty)
        }

        /// The holding township's side: told, at the close, of the rows another township excluded
        /// for people it still keeps, at that township's cell.
        @Test func holderHearsOfRowsExcludedElsewhere() throws {
            let elsewhere = { (id: String, row: Int) in
                TownshipRegistry.ExcludedElsewhere(
                    township: "河口乡",
                    finding: Finding(
                        code: .dupSameId, address: CellAddress(file: "hekou.csv", row: row, column: 8), value: id, idNumber: id,
                        evidence: "城关镇 roll.csv:2"))
            }
            let (harness, _) = try harness(
                township: "城关镇", excludedElsewhere: [elsewhere(Self.held, 9), elsewhere(Self.free, 10)])
            try RuleTestSupport.load(.deceased, ["姓名,公民身份号码", "李娜,\(Self.free)"], into: harness.context)
            try harness.register([
                RuleTestSupport.person(Self.held, row: 5), RuleTestSupport.person(Self.free, name: "李娜", row: 6),
            ])
            try harness.close([TownshipRule()])
            // The second person is no longer on this township's roll: nothing to tell.
            #expect(harness.reported.briefs == [Brief(.dupSameId, "hekou.csv:9:H", Self.held, "河口乡; 城关镇 roll.csv:5")])
            #expect(harness.reports.map(\.row) == [.list])
        }

        /// Without a shared store the rule does nothing.
        @Test func noRegistryNoRule() throws {
            let context = try RuleTestSupport.context()
            let harness = RuleHarness(context, rows: RuleTestSupport.rowRules(context))
            let rows = try harness.register([RuleTestSupport.person(Self.held)])
            try harness.close([TownshipRule()])
            #expect(rows[0].findings.isEmpty)
            #expect(harness.reports.isEmpty)
        }
    }
}
