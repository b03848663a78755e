import Testing

@testable import VoterRollKit

/// `StatisticsTally`: the statistics form's figures at their edges — additions and removals by
/// reason, the appeal column (issue 19's `appeal.added`), the 民族 column that is not there.
@Suite struct StatisticsTallyTests {
    private static let adult = RuleTestSupport.id(born: "1980-01-01", sequence: 122)
    private static let woman = RuleTestSupport.id(born: "1980-01-02", sequence: 124)

    private func change(_ code: FindingCode, _ reason: ChangeReason?, id: String = adult) -> RollChange {
        RollChange(
            code: code, reason: reason, name: "某人", previousName: "", gender: "", birthDate: "", idNumber: id,
            constituency: "甲", previousConstituency: "", voterGroup: "", source: "", previousSource: "")
    }

    @Test(arguments: [
        (ChangeReason.turnedEighteen(on: CivilDate(unchecked: 2024, 1, 1)), StatisticsForm.Additions(turnedEighteen: 1)),
        (.movedIn, StatisticsForm.Additions(movedIn: 1)), (.restored, StatisticsForm.Additions(restored: 1)),
        (.new, StatisticsForm.Additions(other: 1)),
    ])
    func additionsByReason(reason: ChangeReason, expected: StatisticsForm.Additions) throws {
        var tally = StatisticsTally(principals: [], comparesPrevious: true)
        tally.count(change(.changeAdded, reason), constituency: "甲")
        #expect(tally.form().rows.first?.additions == expected)
    }

    /// An addition an appeal made counts as 申诉增补 only, whichever reason it had; the finding
    /// may come before or after the change.
    @Test(arguments: [true, false])
    func appealAddedMovesTheAddition(findingFirst: Bool) throws {
        var tally = StatisticsTally(principals: [], comparesPrevious: true)
        let appeal = Finding(code: .appealAdded, address: CellAddress(file: "appeals.csv", row: 2), value: "", idNumber: Self.adult)
        if findingFirst { tally.count(appeal) }
        tally.count(change(.changeAdded, .turnedEighteen(on: CivilDate(unchecked: 2024, 1, 1))), constituency: "甲")
        tally.count(change(.changeAdded, .new, id: Self.woman), constituency: "甲")
        if !findingFirst { tally.count(appeal) }
        let additions = try #require(tally.form().total.additions)
        #expect(additions == StatisticsForm.Additions(turnedEighteen: 0, movedIn: 0, restored: 0, appeal: 1, other: 1))
    }

    /// A removal is counted by the first of its exclusion codes in the form's order; anything
    /// else (an upheld appeal's `appeal.removed`, an ID error, gone from the register) is 其他.
    @Test(arguments: [
        ("status.deceased;rights.deprived", StatisticsForm.Removals(deceased: 1)),
        ("rights.deprived;migrant.registered-elsewhere", StatisticsForm.Removals(movedOut: 1)),
        ("rights.deprived", StatisticsForm.Removals(deprived: 1)), ("rights.suspended", StatisticsForm.Removals(suspended: 1)),
        ("rights.incapacitated", StatisticsForm.Removals(incapacitated: 1)), ("appeal.removed", StatisticsForm.Removals(other: 1)),
        ("id.checksum", StatisticsForm.Removals(other: 1)), ("dup.same-id", StatisticsForm.Removals(other: 1)),
    ])
    func removalsByReason(codes: String, expected: StatisticsForm.Removals) throws {
        var tally = StatisticsTally(principals: [], comparesPrevious: true)
        tally.count(change(.changeRemoved, .excluded(codes: codes, at: "roll.csv:2")), constituency: "甲")
        tally.count(change(.changeRemoved, .notInRegister), constituency: "乙")
        let form = tally.form()
        #expect(form.rows[0].removals == expected)
        #expect(form.rows[1].removals == StatisticsForm.Removals(other: 1))
    }

    /// Without a previous roll 新增 and 减少 are blank, not zero; without a 民族 column so is
    /// 少数民族选民数.
    @Test func blanksAreNotZeros() throws {
        var tally = StatisticsTally(principals: [], comparesPrevious: false)
        var person = RuleTestSupport.person(Self.woman)
        person.id = ResidentID.parse(Self.woman).id
        tally.count(person, Decision(isKept: true, origin: .register, rollRow: 0, isFirstOccurrence: true))
        let form = tally.form()
        #expect(form.total.additions == nil)
        #expect(form.total.removals == nil)
        #expect(form.total.minorities == nil)
        #expect(form.total.women == 1)
        #expect(form.total.registered == 1)
        #expect(form.total.adults == 1)
    }

    /// 少数民族: any 民族 but Han (in its spellings); an empty cell is not counted.
    @Test(arguments: [("汉族", 0), ("漢族", 0), ("汉", 0), (" 汉 族 ", 0), ("回族", 1), ("蒙古族", 1), ("", 0)])
    func minorities(ethnicity: String, counted: Int) throws {
        var tally = StatisticsTally(principals: [], comparesPrevious: false)
        var person = RuleTestSupport.person(Self.adult)
        person.rawEthnicity = RawValue(text: ethnicity, kind: .string, column: 6, header: "民族")
        tally.count(person, Decision(isKept: true, origin: .register, rollRow: 0, isFirstOccurrence: true))
        #expect(tally.form().total.minorities == counted)
    }

    /// 外出: absent with a proxy is 已委托, absent without one 未处理, and a certificate 已开证明.
    @Test func awayPeople() throws {
        let principal = try #require(ResidentID.parse(Self.adult).id)
        var tally = StatisticsTally(principals: [principal], comparesPrevious: false)
        for (id, code, kept) in [
            (Self.adult, FindingCode.migrantAbsent, true), (Self.woman, .migrantAbsent, true),
            (RuleTestSupport.id(born: "1980-01-03", sequence: 126), .migrantRegisteredElsewhere, false),
        ] {
            var person = RuleTestSupport.person(id)
            person.id = ResidentID.parse(id).id
            person.report(code, at: person.rawID)
            tally.count(person, Decision(isKept: kept, origin: .register, rollRow: kept ? 0 : nil, isFirstOccurrence: true))
        }
        let total = tally.form().total
        #expect(total.away == StatisticsForm.Away(proxied: 1, certified: 1, unhandled: 1))
        #expect(total.proxies == 1)
        #expect(total.registerRows == 3)
        #expect(total.registered == 2)
    }
}

extension StatisticsTallyTests {
    /// The appeal column matches additions by ID number as one integer: every 18-character ID
    /// (X included) has its own, anything else none.
    @Test(arguments: [
        ("370102197511200228", true), ("37010219990228064X", true), ("37010219990228064x", true), ("3701021999022806", false),
        ("37010219990228064Y", false), ("3701021999022806A4", false), ("", false),
    ])
    func idKeys(id: String, hasKey: Bool) {
        #expect((StatisticsTally.key(id) != nil) == hasKey)
    }

    @Test func idKeysDiffer() {
        let ids = ["370102197511200228", "370102197511200229", "37010219751120022X", "470102197511200228"]
        #expect(Set(ids.compactMap(StatisticsTally.key)).count == ids.count)
    }
}
