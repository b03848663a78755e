import Testing

@testable import VoterRollKit

extension Rules {
    /// `SameIDRule`: the same ID number twice in one run. The first row in file order is the
    /// person's; every later one is excluded with `dup.same-id`, its evidence the first row's ID
    /// cell, wherever that row is (another register file, another sheet, another column).
    @Suite struct SameIDRuleTests {
        private static let id = RuleTestSupport.id(born: "1985-10-10")

        /// Where a row is: file, sheet, row, the ID column.
        struct Place: Sendable {
            var file: String
            var sheet: String?
            var row: Int
            var idColumn = 8
        }

        /// (first row, later row, the later row's evidence, its cell)
        static let places: [(Place, Place, String, String)] = [
            // Within one register.
            (Place(file: "roll.csv", row: 2), Place(file: "roll.csv", row: 5), "roll.csv:2:H", "roll.csv:5:H"),
            // Across two register files, the first with its ID number in another column.
            (Place(file: "roll-a.csv", row: 3), Place(file: "roll-b.csv", row: 2), "roll-a.csv:3:H", "roll-b.csv:2:H"),
            (
                Place(file: "roll-a.csv", row: 3, idColumn: 3), Place(file: "roll-b.csv", row: 2), "roll-a.csv:3:C",
                "roll-b.csv:2:H"
            ),
            // Across the sheets of a workbook, and from a workbook to a CSV file.
            (
                Place(file: "roll.xlsx", sheet: "第一选区", row: 4), Place(file: "roll.xlsx", sheet: "第二选区", row: 2),
                "第一选区!H4", "第二选区!H2"
            ),
            (Place(file: "roll.xlsx", sheet: "第一选区", row: 4), Place(file: "extra.csv", row: 2), "第一选区!H4", "extra.csv:2:H"),
        ]

        @Test(arguments: places)
        func laterRowIsExcluded(first: Place, later: Place, evidence: String, cell: String) throws {
            let context = try RuleTestSupport.context()
            let harness = RuleHarness(context, rows: RuleTestSupport.rowRules(context))
            let rows = try harness.register([
                RuleTestSupport.person(Self.id, row: first.row, file: first.file, sheet: first.sheet, idColumn: first.idColumn),
                RuleTestSupport.person(
                    Self.id, name: "张 伟", row: later.row, file: later.file, sheet: later.sheet, idColumn: later.idColumn),
            ])
            #expect(rows[0].findings.isEmpty)
            #expect(rows[1].findings.briefs.filter { $0.code == .dupSameId } == [Brief(.dupSameId, cell, Self.id, evidence)])
            #expect(harness.decisions.map(\.decision.isKept) == [true, false])
            #expect(harness.decisions.map(\.decision.isFirstOccurrence) == [true, false])
            #expect(context.people.first(try #require(ResidentID(canonical: Self.id)))?.row == Int32(first.row))
        }

        /// (the later row's ID as written, its findings): written otherwise, it is the same number.
        static let writings: [(String, [FindingCode])] = [
            (id, [.dupSameId]),
            (" \(id) ", [.dupSameId]),
            (String(id.prefix(6) + id.dropFirst(8).prefix(9)), [.idLegacy15, .dupSameId]),
            (
                String(id.map { Character(Unicode.Scalar($0.unicodeScalars.first!.value + 0xFEE0)!) }),
                [.idNormalized, .dupSameId]
            ),
        ]

        @Test(arguments: writings)
        func sameNumberWrittenOtherwise(written: String, codes: [FindingCode]) throws {
            let context = try RuleTestSupport.context()
            let harness = RuleHarness(context, rows: RuleTestSupport.rowRules(context))
            let rows = try harness.register([RuleTestSupport.person(Self.id), RuleTestSupport.person(written, row: 3)])
            #expect(rows[1].findings.codes == codes)
            #expect(rows[1].findings.last?.evidence == "roll.csv:2:H")
        }

        /// A third row points at the first too, not at the second.
        @Test func everyLaterRowPointsAtTheFirst() throws {
            let context = try RuleTestSupport.context()
            let harness = RuleHarness(context, rows: RuleTestSupport.rowRules(context))
            let rows = try harness.register((2...4).map { RuleTestSupport.person(Self.id, row: $0) })
            #expect(
                rows.map(\.findings.briefs) == [
                    [], [Brief(.dupSameId, "roll.csv:3:H", Self.id, "roll.csv:2:H")],
                    [Brief(.dupSameId, "roll.csv:4:H", Self.id, "roll.csv:2:H")],
                ])
            #expect(harness.decisions.map(\.decision.rollRow) == [0, nil, nil])
        }

        /// The first row stays the reference even when it was excluded for something else.
        @Test func firstRowExcludedForAnotherReason() throws {
            let context = try RuleTestSupport.context()
            let harness = RuleHarness(context, rows: RuleTestSupport.rowRules(context))
            let rows = try harness.register([RuleTestSupport.person(Self.id, name: ""), RuleTestSupport.person(Self.id, row: 3)])
            #expect(rows[0].findings.codes == [.nameMissing])
            #expect(rows[1].findings.briefs == [Brief(.dupSameId, "roll.csv:3:H", Self.id, "roll.csv:2:H")])
            #expect(harness.decisions.map(\.decision.isKept) == [false, false])
            #expect(!context.people.isOnCleanRoll(try #require(ResidentID(canonical: Self.id))))
        }

        /// Rows whose number is not valid are not the same person: each says what is wrong with it.
        @Test func invalidNumbersAreNotDuplicates() throws {
            let context = try RuleTestSupport.context()
            let harness = RuleHarness(context, rows: RuleTestSupport.rowRules(context))
            let wrong = RuleTestSupport.wrongCheckDigit(Self.id)
            let rows = try harness.register([
                RuleTestSupport.person(wrong), RuleTestSupport.person(wrong, row: 3), RuleTestSupport.person("", row: 4),
                RuleTestSupport.person("", row: 5),
            ])
            #expect(rows.map(\.findings.codes) == [[.idChecksum], [.idChecksum], [.idMissing], [.idMissing]])
        }

        /// Two register files read as the engine reads them, their columns in different orders.
        @Test func twoRegisterFilesAsRead() throws {
            let context = try RuleTestSupport.context()
            let harness = RuleHarness(context, rows: RuleTestSupport.rowRules(context))
            let first = try RuleTestSupport.register(
                "第一选区.csv", ["序号,选区,选民小组,姓名,性别,民族,出生日期,公民身份号码,住址", "1,第一选区,第一组,张伟,男,汉族,1985-10-10,\(Self.id),东街"])
            let second = try RuleTestSupport.register(
                "第二选区.csv", ["公民身份号码,姓名,选区", "\(RuleTestSupport.id(born: "1990-01-01")),李娜,第二选区", "\(Self.id),张伟,第二选区"])
            let rows = try harness.register(first + second)
            #expect(rows.map(\.findings.briefs) == [[], [], [Brief(.dupSameId, "第二选区.csv:3:A", Self.id, "第一选区.csv:2:H")]])
        }
    }
}
