import Testing

@testable import VoterRollKit

extension Rules {
    /// `AppealRule`: appeals against the posted list (申诉) applied to the roll, and their
    /// deadlines, at the boundaries (the day before, the day, the day after).
    @Suite struct AppealRuleTests {
        private static let header = "申诉人姓名,涉及人员姓名,涉及人员公民身份号码,申诉事项,收到日期,处理结果,处理日期,性别,出生日期,选区,选民小组,住址"
        private static let listed = RuleTestSupport.id(born: "1975-05-05", sequence: 85)
        private static let newcomer = RuleTestSupport.id(born: "1980-08-08", sequence: 52)
        private static let minor = RuleTestSupport.id(born: "2010-01-01", sequence: 53)

        /// Posting day 2026-05-10 (appeals due 05-15), election day 06-01, judged on `asOf`.
        private static func context(asOf: String = "2026-05-20", posting: String? = "2026-05-10") throws -> CheckContext {
            var options = CheckOptions(electionDay: RuleTestSupport.day(RuleTestSupport.electionDay))
            options.postingDay = posting.map(RuleTestSupport.day)
            options.asOf = RuleTestSupport.day(asOf)
            return CheckContext(options: options, lists: ListIndex(), names: try NameNormalizer(cacheLimit: 256, pinyin: false))
        }

        /// Reads the appeals, runs the register through the engine's path, then admits.
        private func run(_ rows: [String], register: [PersonRecord] = [], asOf: String = "2026-05-20") throws -> RuleHarness {
            let context = try Self.context(asOf: asOf)
            try RuleTestSupport.load(.appeals, [Self.header] + rows, into: context)
            for finding in context.lists.findings { _ = finding }
            let harness = RuleHarness(context, rows: RuleTestSupport.rowRules(context))
            try harness.register(register)
            try AppealRule().admit(in: context, path: harness, sink: harness)
            return harness
        }

        private static func row(
            _ name: String, _ id: String, _ matter: String, received: String = "2026-05-12", result: String = "成立",
            decided: String = "2026-05-13", facts: String = ",,,,"
        ) -> String {
            "申诉人,\(name),\(id),\(matter),\(received),\(result),\(decided),\(facts)"
        }

        // MARK: What an appeal does to the roll

        @Test func omittedUpheldAddsThePerson() throws {
            let harness = try run([Self.row("补登", Self.newcomer, "漏登", facts: "女,1980-08-08,第二选区,第三组,东街1号")])
            let decided = try #require(harness.decisions.first)
            #expect(decided.decision.origin == .appeal)
            #expect(decided.decision.isKept)
            #expect(decided.person.constituency == "第二选区")
            expectProduces(.appealAdded, decided.person.findings)
            #expect(decided.person.findings.briefs == [Brief(.appealAdded, "appeals.csv:2:C", Self.newcomer, "appeals appeals.csv:2 漏登 成立 2026-05-13")])
        }

        /// Every eligibility rule still applies: a minor is not added, and the appeal is an error.
        @Test func omittedUpheldForAMinorIsAConflict() throws {
            let harness = try run([Self.row("少年", Self.minor, "漏登", facts: "男,,第二选区,第三组,")])
            let decided = try #require(harness.decisions.first)
            #expect(!decided.decision.isKept)
            #expect(decided.person.findings.codes == [.ageUnder18, .appealConflict])
            expectProduces(.appealConflict, decided.person.findings)
        }

        /// Already on the roll: no one is added; the appeal row names the register row.
        @Test func omittedUpheldForSomeoneListedIsAConflict() throws {
            let harness = try run(
                [Self.row("已在", Self.listed, "漏登", facts: "男,,第一选区,第一组,")],
                register: [RuleTestSupport.person(Self.listed, name: "已在", row: 7)])
            #expect(harness.decisions.count == 1)
            #expect(harness.reported.briefs == [Brief(.appealConflict, "appeals.csv:2:C", Self.listed, "已在选民名单：roll.csv:7:H")])
        }

        /// 不应登记, 重登 and 错登 upheld take the person off; not upheld or pending, nothing.
        @Test(arguments: [
            ("不应登记", "成立", true), ("重登", "成立", true), ("错登", "申诉成立", true), ("不应登记", "不成立", false),
            ("重登", "驳回", false), ("错登", "待处理", false), ("错登", "", false),
        ])
        func removal(matter: String, result: String, removes: Bool) throws {
            let decided = result.isEmpty || result == "待处理" ? "" : "2026-05-13"
            let harness = try run(
                [Self.row("已在", Self.listed, matter, result: result, decided: decided)],
                register: [RuleTestSupport.person(Self.listed, name: "已在", row: 7)])
            let person = try #require(harness.decisions.first)
            #expect(person.decision.isKept == !removes)
            #expect(person.person.findings.codes.contains(.appealRemoved) == removes)
            if removes { expectProduces(.appealRemoved, person.person.findings) }
        }

        /// A name that disagrees changes nothing (as for every list): list.name-mismatch.
        @Test func removalWithAnotherNameChangesNothing() throws {
            let harness = try run(
                [Self.row("别人", Self.listed, "不应登记")], register: [RuleTestSupport.person(Self.listed, name: "已在", row: 7)])
            let person = try #require(harness.decisions.first)
            #expect(person.decision.isKept)
            #expect(person.person.findings.codes == [.listNameMismatch])
        }

        /// 信息有误 upheld: each cell the appeal corrects is flagged with the claimed value; the
        /// row stays; a row that already says so is not flagged.
        @Test func correctionFlagsTheCellsThatDiffer() throws {
            let harness = try run(
                [Self.row("已在", Self.listed, "信息有误", facts: ",,第一选区,第二组,")],
                register: [RuleTestSupport.person(Self.listed, name: "已在", row: 7)])
            let person = try #require(harness.decisions.first)
            #expect(person.decision.isKept)
            #expect(person.person.findings.briefs == [Brief(.appealCorrection, "roll.csv:7:C", "第一组", "appeals appeals.csv:2 信息有误 成立 2026-05-13：选民小组应为 第二组")])
            expectProduces(.appealCorrection, person.person.findings)
            let same = try run(
                [Self.row("已在", Self.listed, "信息有误", facts: ",,第一选区,第一组,")],
                register: [RuleTestSupport.person(Self.listed, name: "已在", row: 7)])
            #expect(try #require(same.decisions.first).person.findings.isEmpty)
        }

        /// An upheld removal that names no one of the run is reported on the appeal row.
        @Test func removalOfNoOneIsUnmatched() throws {
            let harness = try run([Self.row("无此人", Self.listed, "不应登记")])
            #expect(harness.decisions.isEmpty)
            #expect(harness.reported.codes == [.listUnmatched])
        }

        @Test(arguments: ["漏了", "其他", "成立"])
        func unreadableMatterDecidesNothing(matter: String) throws {
            let context = try Self.context()
            try RuleTestSupport.load(.appeals, [Self.header, Self.row("已在", Self.listed, matter)], into: context)
            #expect(context.lists.findings.codes == [.listValueUnreadable])
        }

        // MARK: Deadlines

        /// Received on the deadline (posting + 5 = 05-15) is in time; the day after is late.
        @Test(arguments: [("2026-05-14", false), ("2026-05-15", false), ("2026-05-16", true)])
        func late(received: String, isLate: Bool) throws {
            let harness = try run(
                [Self.row("已在", Self.listed, "错登", received: received, result: "不成立", decided: received)],
                register: [RuleTestSupport.person(Self.listed, name: "已在", row: 7)])
            #expect(harness.reported.codes == (isLate ? [.appealLate] : []))
            if isLate { expectProduces(.appealLate, harness.reported) }
        }

        /// Undecided: due received + 3; overdue from the day after.
        @Test(arguments: [("2026-05-14", false), ("2026-05-15", false), ("2026-05-16", true)])
        func overdue(asOf: String, isOverdue: Bool) throws {
            let harness = try run(
                [Self.row("已在", Self.listed, "错登", received: "2026-05-12", result: "待处理", decided: "")],
                register: [RuleTestSupport.person(Self.listed, name: "已在", row: 7)], asOf: asOf)
            #expect(harness.reported.codes == (isOverdue ? [.appealOverdue] : []))
            if isOverdue { expectProduces(.appealOverdue, harness.reported) }
        }

        /// Decided on received + 3 is in time; + 4 is late.
        @Test(arguments: [("2026-05-14", false), ("2026-05-15", false), ("2026-05-16", true)])
        func decidedLate(decided: String, isLate: Bool) throws {
            let harness = try run(
                [Self.row("已在", Self.listed, "错登", received: "2026-05-12", result: "不成立", decided: decided)],
                register: [RuleTestSupport.person(Self.listed, name: "已在", row: 7)])
            #expect(harness.reported.codes == (isLate ? [.appealDecidedLate] : []))
            if isLate { expectProduces(.appealDecidedLate, harness.reported) }
        }

        /// A list without the columns its rule reads is refused before anything is decided.
        @Test func withoutAResultColumnTheListIsRefused() throws {
            let context = try Self.context()
            #expect(throws: IngestError.self) {
                try RuleTestSupport.load(.appeals, ["涉及人员姓名,涉及人员公民身份号码,申诉事项,收到日期", "某,\(Self.listed),漏登,2026-05-12"], into: context)
            }
        }

        /// Headers as offices write them name the same columns.
        @Test func headersAsOfficesWriteThem() throws {
            let context = try Self.context()
            try RuleTestSupport.load(
                .appeals,
                ["申诉人, 被申诉人姓名 ,被申诉人身份证号码,申诉类型,申诉日期,处理结果（成立/不成立）,处理时间", "甲,已在,\(Self.listed),重复登记,2026-05-12,成立,2026-05-13"],
                into: context)
            let entry = try #require(context.lists.entries[.appeals]?.first)
            guard case .appeal(let appeal) = entry.details else { Issue.record("not an appeal"); return }
            #expect(appeal.matter == .duplicate)
            #expect(appeal.result == .upheld)
            #expect(appeal.received == RuleTestSupport.day("2026-05-12"))
            #expect(appeal.decided == RuleTestSupport.day("2026-05-13"))
            #expect(entry.id?.canonical == Self.listed)
            #expect(entry.name?.canonical == "已在")
        }
    }
}
