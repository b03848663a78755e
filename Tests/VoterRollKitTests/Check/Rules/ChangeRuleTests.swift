import Testing

@testable import VoterRollKit

extension Rules {
    /// `ChangeRule`: this run's roll against the previous published roll, by ID number. Added
    /// (moved in, restored, turned 18, new), removed (the codes that excluded the person, or not in
    /// the register), moved, renamed (a 繁体 or spacing difference is not a rename).
    @Suite struct ChangeRuleTests {
        private static let zhang = RuleTestSupport.id(born: "1990-03-07")
        private static let li = RuleTestSupport.id(born: "1985-01-01", sequence: 124)

        /// One run: the previous roll (previous.csv: 选区,选民小组,姓名,公民身份号码), lists, the
        /// register through the engine's path with the change rule deciding, the close.
        private func run(
            previous rows: [String], register: [PersonRecord], inMigrants: [PersonRecord] = [],
            lists: [(ListKind, [String])] = [], previousElectionDay: String? = nil, leapDay: LeapDayRule = .february28
        ) throws -> RuleHarness {
            let context = try RuleTestSupport.context(leapDay: leapDay, previousElectionDay: previousElectionDay)
            for (kind, lines) in lists { try RuleTestSupport.load(kind, lines, into: context) }
            let path = try RuleTestSupport.csv("previous.csv", ["选区,选民小组,姓名,公民身份号码"] + rows)
            let rule = ChangeRule(
                previous: try PreviousRoll(path: path, encoding: nil, extraAliases: [:]), options: context.options)
            let harness = RuleHarness(context, rows: RuleTestSupport.rowRules(context), decisions: [rule])
            try harness.register(register)
            try harness.register(inMigrants, origin: .inMigrant)
            try harness.close([rule])
            return harness
        }

        private static let deprivedHeader = "姓名,公民身份号码,开始日期,结束日期"

        /// (birth date, previous election day, leap-day rule, in-migrant, deprivation ended, the
        /// reason), election day 2026-06-01 (the previous one, by default, 2021-06-01).
        static let additions: [(String, String?, LeapDayRule, Bool, Bool, ChangeReason)] = [
            ("1990-03-07", nil, .february28, false, false, .new),
            // 18 on the previous election day: could vote then, so new; the day after: turned 18.
            ("2003-06-01", nil, .february28, false, false, .new),
            ("2003-06-02", nil, .february28, false, false, .turnedEighteen(on: RuleTestSupport.day("2021-06-02"))),
            ("2008-06-01", nil, .february28, false, false, .turnedEighteen(on: RuleTestSupport.day("2026-06-01"))),
            ("2006-03-01", "2024-03-01", .february28, false, false, .new),
            ("2006-03-02", "2024-03-01", .february28, false, false, .turnedEighteen(on: RuleTestSupport.day("2024-03-02"))),
            // Born 29 February, the previous election on 28 February of a common year.
            ("2004-02-29", "2022-02-28", .february28, false, false, .new),
            ("2004-02-29", "2022-02-28", .march1, false, false, .turnedEighteen(on: RuleTestSupport.day("2022-03-01"))),
            // Moved in, or rights restored, whatever the age.
            ("1990-03-07", nil, .february28, true, false, .movedIn),
            ("2003-06-02", nil, .february28, true, false, .movedIn),
            ("1990-03-07", nil, .february28, false, true, .restored),
        ]

        @Test(arguments: additions)
        func added(
            birth: String, previousElectionDay: String?, leapDay: LeapDayRule, movedIn: Bool, restored: Bool, reason: ChangeReason
        ) throws {
            let id = RuleTestSupport.id(born: birth)
            let person = RuleTestSupport.person(id, constituency: "第二选区", voterGroup: "第三组")
            let harness = try run(
                previous: ["第一选区,第一组,李娜,\(Self.li)"], register: movedIn ? [] : [person], inMigrants: movedIn ? [person] : [],
                lists: restored ? [(.deprived, [Self.deprivedHeader, "张伟,\(id),2020-01-01,2026-05-31"])] : [],
                previousElectionDay: previousElectionDay, leapDay: leapDay)
            let added = try #require(harness.changes.first)
            #expect(
                added.change
                    == RollChange(
                        code: .changeAdded, reason: reason, name: "张伟", previousName: "", gender: "男", birthDate: birth,
                        idNumber: id, constituency: "第二选区", previousConstituency: "", voterGroup: "第三组", source: "roll.csv:2",
                        previousSource: ""))
            #expect(Brief(added.finding) == Brief(.changeAdded, "roll.csv:2", "", reason.evidence))
            #expect(added.finding.idNumber == id)
            #expect(added.finding.name == "张伟")
            #expect(added.constituency == "第二选区")
            // And 李娜, who is not in this register.
            #expect(harness.changes.map(\.change.code) == [.changeAdded, .changeRemoved])
        }

        @Test func reasonEvidence() {
            #expect(ChangeReason.turnedEighteen(on: RuleTestSupport.day("2021-06-02")).evidence == "turned-18: 18 on 2021-06-02")
            #expect(
                [ChangeReason.movedIn, .restored, .new, .notInRegister].map(\.evidence) == [
                    "moved-in", "restored", "new", "not-in-register",
                ])
        }

        /// (the previous person's rows in this register, lists, the reason for the removal)
        static let removals: [([String], [(ListKind, [String])], ChangeReason)] = [
            ([], [], .notInRegister),
            (["李娜"], [(.deceased, ["姓名,公民身份号码", "李娜,\(li)"])], .excluded(codes: "status.deceased", at: "roll.csv:2")),
            (
                ["李娜"], [(.deprived, [deprivedHeader, "李娜,\(li),2020-01-01,终身"]), (.deceased, ["姓名,公民身份号码", "李娜,\(li)"])],
                .excluded(codes: "rights.deprived;status.deceased", at: "roll.csv:2")
            ),
            // The first excluded row says why: a missing name, then its duplicate.
            ([" ", "李娜"], [], .excluded(codes: "name.missing", at: "roll.csv:2")),
            (
                ["李娜"], [(.movedOut, ["姓名,公民身份号码,是否开具选民资格证明", "李娜,\(li),是"])],
                .excluded(codes: "migrant.registered-elsewhere", at: "roll.csv:2")
            ),
        ]

        @Test(arguments: removals)
        func removed(names: [String], lists: [(ListKind, [String])], reason: ChangeReason) throws {
            let harness = try run(
                previous: ["第一选区,第一组,张伟,\(Self.zhang)", "第二选区,第四组,李娜,\(Self.li)"],
                register: [RuleTestSupport.person(Self.zhang, row: 9)]
                    + names.enumerated().map { RuleTestSupport.person(Self.li, name: $1, row: $0 + 2) },
                lists: lists)
            #expect(harness.decisions.filter { $0.person.id?.canonical == Self.li }.allSatisfy { !$0.decision.isKept })
            let removed = try #require(harness.changes.first)
            #expect(harness.changes.count == 1, "张伟 is unchanged")
            #expect(
                removed.change
                    == RollChange(
                        code: .changeRemoved, reason: reason, name: "李娜", previousName: "李娜", gender: "女",
                        birthDate: "1985-01-01", idNumber: Self.li, constituency: "", previousConstituency: "第二选区",
                        voterGroup: "第四组", source: "", previousSource: "previous.csv:3"))
            #expect(Brief(removed.finding) == Brief(.changeRemoved, "previous.csv:3", "", reason.evidence))
            #expect(removed.constituency == "第二选区")
        }

        /// (the previous name, the name in this register, renamed)
        static let names: [(String, String, Bool)] = [
            ("张伟", "张伟", false),
            ("李四", "李斯", true),
            ("欧阳小明", "欧阳晓明", true),
            ("张伟", "张伟伟", true),
            // Written otherwise, the same name.
            ("張偉", "张伟", false),
            ("张伟", "張偉", false),
            ("张 伟", "张伟", false),
            ("张伟", "张　伟", false),
            ("买买提·艾力", "买买提.艾力", false),
        ]

        @Test(arguments: names)
        func renamed(before: String, now: String, isRenamed: Bool) throws {
            let harness = try run(
                previous: ["第一选区,第一组,\(before),\(Self.zhang)"], register: [RuleTestSupport.person(Self.zhang, name: now)])
            let canonical = harness.context.names.normalize(now).canonical
            #expect(
                harness.changes.map { Brief($0.finding) }
                    == (isRenamed ? [Brief(.changeRenamed, "roll.csv:2", canonical, "previous: \(before) (previous.csv:2)")] : [])
            )
            if isRenamed {
                #expect(harness.changes.first?.change.previousName == before)
                #expect(harness.changes.first?.change.name == canonical)
            }
        }

        /// (previous constituency, this one, moved)
        @Test(arguments: [("第一选区", "第一选区", false), ("第一选区", "第二选区", true), ("第一选区", " 第一选区 ", false)])
        func moved(before: String, now: String, isMoved: Bool) throws {
            let harness = try run(
                previous: ["\(before),第一组,张伟,\(Self.zhang)"], register: [RuleTestSupport.person(Self.zhang, constituency: now)])
            #expect(
                harness.changes.map { Brief($0.finding) }
                    == (isMoved ? [Brief(.changeMoved, "roll.csv:2", now, "previous: \(before) (previous.csv:2)")] : []))
            #expect(harness.changes.map(\.constituency) == (isMoved ? [now] : []))
            #expect(harness.changes.map(\.change.previousConstituency) == (isMoved ? [before] : []))
        }

        /// Moved and renamed: two changes, the move first; additions as decided, removals at the
        /// close.
        @Test func changesInOrder() throws {
            let newcomer = RuleTestSupport.id(born: "1995-05-05")
            let harness = try run(
                previous: ["第三选区,第一组,王五,\(RuleTestSupport.id(born: "1950-01-01"))", "第一选区,第一组,李四,\(Self.zhang)"],
                register: [
                    RuleTestSupport.person(newcomer, name: "赵六"),
                    RuleTestSupport.person(Self.zhang, name: "李斯", row: 3, constituency: "第二选区"),
                ])
            #expect(harness.changes.map(\.change.code) == [.changeAdded, .changeMoved, .changeRenamed, .changeRemoved])
            #expect(harness.changes.map(\.change.name) == ["赵六", "李斯", "李斯", "王五"])
            #expect(harness.changes.map(\.constituency) == ["第一选区", "第二选区", "第二选区", "第三选区"])
        }

        @Test(arguments: [("2026-06-01", "2021-06-01"), ("2028-02-29", "2023-02-28"), ("2024-03-01", "2019-03-01")])
        func oneTermBefore(day: String, before: String) {
            #expect(ChangeRule.oneTermBefore(RuleTestSupport.day(day)) == RuleTestSupport.day(before))
        }
    }
}
