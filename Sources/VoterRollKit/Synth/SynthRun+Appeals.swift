/// The appeals list (申诉): every case `AppealRule` decides, dated against the calendar synth
/// assumes — the list posted 20 days before election day (`SynthRun.postingOffset`), appeals
/// due 5 days later, deadlines judged 11 days before election day (`asOfOffset`). Pass
/// `--posting-day` and `--as-of` from synth's summary.json (`posting_day`, `as_of`).
extension SynthRun {
    /// Days from election day to the posting day.
    static let postingOffset = -20
    /// Days from election day to the as-of day the expectations assume.
    static let asOfOffset = -11

    /// Writes the appeal row for `defect` about `person`; returns the codes the person's register
    /// row gets (nothing for an appeal about someone not on the register).
    @discardableResult
    func addAppeal(_ defect: SynthDefect, person: SynthPerson) -> [FindingCode] {
        let posting = Self.postingOffset
        let deadline = posting + ElectionCalendar.appealDays
        // In time: received from the posting day to the deadline, decided within 3 days.
        var received = posting + listRandom.int(in: 0...ElectionCalendar.appealDays)
        var decided: Int? = received + listRandom.int(in: 0...ElectionCalendar.decisionDays)
        var matter = "错登"
        var result = "不成立"
        var facts: [SynthCell] = [.empty, .empty, .empty, .empty, .empty]
        var listCodes: [FindingCode] = []
        var personCodes: [FindingCode] = []
        var decision = SynthExpectation.Decision.list
        switch defect {
        case .appealOmittedAdded, .appealOmittedMinor, .appealOmittedListed:
            matter = listRandom.pick(["漏登", "漏登", "漏登记", "应登未登"])
            result = listRandom.pick(["成立", "成立", "申诉成立", "予以补登"])
            let constituency = township.constituencies.isEmpty ? "第一选区" : listRandom.pick(township.constituencies)
            facts = [
                .text(person.gender), listDate(person.birth), .text(constituency),
                .text("第\(SynthTownship.numeral(listRandom.int(in: 1...6)))组"), .text(listRandom.pick(Self.residences)),
            ]
            if defect == .appealOmittedAdded {
                listCodes = [.appealAdded]
                decision = .added
            } else if defect == .appealOmittedMinor {
                listCodes = [.ageUnder18, .appealConflict]
                decision = .notAdded
            } else {
                listCodes = [.appealConflict]
            }
        case .appealRemoved:
            matter = listRandom.pick(["不应登记", "重登", "错登", "重复登记"])
            result = listRandom.pick(["成立", "申诉成立"])
            personCodes = [.appealRemoved]
        case .appealCorrection:
            matter = listRandom.pick(["信息有误", "登记信息有误"])
            result = "成立"
            facts[4] = .text("申诉更正：" + listRandom.pick(Self.residences))
            personCodes = [.appealCorrection]
        case .appealLate:
            received = deadline + listRandom.int(in: 1...3)
            decided = received + 1
            listCodes = [.appealLate]
        case .appealOverdue:
            // Undecided, received more than 3 days before the as-of day.
            received = posting + listRandom.int(in: 0...(Self.asOfOffset - ElectionCalendar.decisionDays - 1 - posting))
            decided = nil
            matter = listRandom.pick(["重登", "错登"])
            result = listRandom.pick(["待处理", "", "处理中"])
            listCodes = [.appealOverdue]
        case .appealDecidedLate:
            received = posting + listRandom.int(in: 0...2)
            decided = received + ElectionCalendar.decisionDays + listRandom.int(in: 1...3)
            listCodes = [.appealDecidedLate]
        default:  // .appealRejected: decided in time, not upheld; nothing changes.
            result = listRandom.pick(["不成立", "驳回", "维持原登记"])
        }
        let cells: [SynthCell] =
            [
                .text(listRandom.chance(0.6) ? person.name : SynthNames.hanName(male: listRandom.chance(0.5), birthYear: 1970, random: &listRandom)),
                .text(person.name), .text(person.id.canonical), .text(matter), listDate(day(received)), .text(result),
                decided.map { listDate(day($0)) } ?? .empty,
            ] + facts
        lists[.appeals, default: []].append(SynthListRow(cells: cells, codes: listCodes, decision: decision))
        return personCodes
    }
}
