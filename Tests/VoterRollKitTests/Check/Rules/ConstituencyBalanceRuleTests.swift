import Testing

@testable import VoterRollKit

extension Rules {
    /// `ConstituencyBalanceRule`: each constituency's voters per seat against the township's
    /// average (more than the allowed share away is `constituency.unbalanced`), and seats
    /// outside 1–3 (`constituency.seats-invalid`).
    @Suite struct ConstituencyBalanceRuleTests {
        /// Decides `voters` people in each constituency (kept), then closes with the rule, the
        /// table naming `seats` at lines 10, 11, ….
        private func run(
            voters: [(String, Int)], seats: [(String, Int)], shareBasisPoints: Int = ConstituencyBalance.defaultShareBasisPoints
        ) throws -> RuleHarness {
            var options = CheckOptions(electionDay: RuleTestSupport.day(RuleTestSupport.electionDay))
            options.constituencySeats = seats.enumerated().map { line, entry in
                ConstituencySeats(constituency: entry.0, seats: entry.1, source: CellAddress(file: "town.yaml", row: 10 + line))
            }
            options.balanceShareBasisPoints = shareBasisPoints
            let context = CheckContext(
                options: options, lists: ListIndex(), names: try NameNormalizer(cacheLimit: 16, pinyin: false), hasher: nil)
            let rule = ConstituencyBalanceRule(options: options)
            let harness = RuleHarness(context, rows: [], decisions: [rule])
            var row = 2
            for (constituency, count) in voters {
                for _ in 0..<count {
                    try harness.decide(RuleTestSupport.person("", row: row, constituency: constituency), origin: .register)
                    row += 1
                }
            }
            try harness.close([rule])
            return harness
        }

        /// Two constituencies of one seat each: the average is their mean, and each is as far
        /// from it as the other. Exactly the allowed share is balanced; a voter more is not.
        @Test(arguments: [
            (1299, 701, false),  // 29.9%: just under
            (1300, 700, false),  // 30%: exactly
            (1301, 699, true),  // 30.1%: just over
            (1000, 1000, false),
        ])
        func thirtyPercent(first: Int, second: Int, unbalanced: Bool) throws {
            let harness = try run(voters: [("第一选区", first), ("第二选区", second)], seats: [("第一选区", 1), ("第二选区", 1)])
            let found = harness.reported.filter { $0.code == .constituencyUnbalanced }
            #expect(found.map(\.value) == (unbalanced ? ["第一选区", "第二选区"] : []))
            if unbalanced {
                expectProduces(.constituencyUnbalanced, harness.reported)
                #expect(found.map(\.address.cell) == ["town.yaml:10", "town.yaml:11"])
                #expect(found[0].evidence?.contains("+30.1%") == true)
                #expect(found[1].evidence?.contains("-30.1%") == true)
            }
        }

        /// The share is an option: at 10%, 1,100 against 900 (+10% exactly) is balanced, 1,101 is not.
        @Test(arguments: [(1100, 900, false), (1101, 899, true)])
        func shareIsAnOption(first: Int, second: Int, unbalanced: Bool) throws {
            let harness = try run(
                voters: [("甲", first), ("乙", second)], seats: [("甲", 1), ("乙", 1)], shareBasisPoints: 1000)
            #expect(harness.reported.contains { $0.code == .constituencyUnbalanced } == unbalanced)
        }

        /// Seats are per constituency 1 to 3: 0 and 4 are errors at the table's line; a
        /// constituency with valid seats and the same voters per seat is balanced.
        @Test(arguments: [(0, true), (1, false), (3, false), (4, true)])
        func seatsFromOneToThree(seats: Int, invalid: Bool) throws {
            let harness = try run(
                voters: [("甲", 300 * max(seats, 1)), ("乙", 600)], seats: [("甲", seats), ("乙", 2)])
            let codes = harness.reported.map(\.code)
            #expect(codes == (invalid ? [.constituencySeatsInvalid] : []))
            if invalid {
                expectProduces(.constituencySeatsInvalid, harness.reported)
                #expect(harness.reported[0].address.cell == "town.yaml:10")
                #expect(harness.reported[0].value == "甲")
                #expect(harness.reported[0].evidence == "代表名额：\(seats)")
                #expect(harness.reports[0].row == .person(constituency: "甲", rollRow: nil))
            }
        }

        /// A constituency on the roll that the table does not name has no seats: an error, at
        /// the table's first line; it takes no part in the average.
        @Test func constituencyMissingFromTheTable() throws {
            let harness = try run(voters: [("甲", 500), ("乙", 500), ("丙", 40)], seats: [("甲", 2), ("乙", 2)])
            #expect(harness.reported.briefs == [Brief(.constituencySeatsInvalid, "town.yaml:10", "丙", "代表名额：未列入代表名额表")])
        }

        /// Without a table the rule does nothing, however uneven the constituencies.
        @Test func noTableNoFindings() throws {
            let harness = try run(voters: [("甲", 5000), ("乙", 5)], seats: [])
            #expect(harness.reported.isEmpty)
        }

        /// A constituency in the table with nobody on the roll is as far from the average as can be.
        @Test func emptyConstituencyIsUnbalanced() throws {
            let harness = try run(voters: [("甲", 500)], seats: [("甲", 1), ("乙", 1)])
            #expect(harness.reported.map(\.value) == ["甲", "乙"])
            #expect(harness.reported.allSatisfy { $0.code == .constituencyUnbalanced })
        }
    }
}
