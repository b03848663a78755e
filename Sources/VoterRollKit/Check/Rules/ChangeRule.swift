/// Compares this run's clean roll with the previous published roll by ID number: one
/// `change.*` finding, and one row of changes.csv, per change.
///
/// - `change.added`: on this roll, not on the previous one; why: moved in (流入), political
///   rights restored, turned 18 since the previous election day, or new.
/// - `change.removed`: on the previous roll, not on this one; why: the codes that excluded
///   them this time, or not in this register at all.
/// - `change.moved`: same ID, another constituency. `change.renamed`: same ID, a name whose
///   match key differs (a 繁体 or spacing difference is not a rename).
///
/// Sees each person as they are decided (additions, moves and renames come out in roll
/// order) and reports the removals when the run closes. The previous roll is read before the
/// register, so a previous roll that cannot be read fails the run before anything is written.
final class ChangeRule: DecisionRule, ClosingRule {
    private let previous: PreviousRoll
    private let previousElectionDay: CivilDate
    /// The first excluded row of each previous-roll person not (yet) on this roll: why they
    /// were removed.
    private var removedReasons: [Int: ChangeReason] = [:]

    init(previous: PreviousRoll, options: CheckOptions) {
        self.previous = previous
        previousElectionDay = options.previousElectionDay ?? ChangeRule.oneTermBefore(options.electionDay)
    }

    /// The same day one term (five years) earlier; 29 February becomes 28 February.
    static func oneTermBefore(_ day: CivilDate) -> CivilDate {
        CivilDate(year: day.year - 5, month: day.month, day: day.day)
            ?? CivilDate(year: day.year - 5, month: day.month, day: day.day - 1) ?? day
    }

    func decided(_ person: PersonRecord, _ decision: Decision, in context: CheckContext, sink: any FindingSink) throws {
        if decision.isKept {
            try current(person, decision, in: context, sink: sink)
        } else {
            rejected(person)
        }
    }

    /// A person on this run's roll: added, moved or renamed.
    private func current(_ person: PersonRecord, _ decision: Decision, in context: CheckContext, sink: any FindingSink) throws {
        guard let id = person.id else { return }
        let name = person.rollName
        let constituency = person.constituency
        let gender = id.gender.label
        let birthDate = id.birthDate.iso8601
        let source = person.source.rowReference
        guard let position = previous.position(of: id) else {
            try report(
                RollChange(
                    code: .changeAdded, reason: addedReason(person, decision, id: id, in: context), name: name,
                    previousName: "", gender: gender, birthDate: birthDate, idNumber: id.canonical,
                    constituency: constituency, previousConstituency: "", voterGroup: person.voterGroup, source: source,
                    previousSource: ""),
                at: person.source, constituency: constituency, sink: sink)
            return
        }
        previous.markOnCurrentRoll(position)
        let before = previous.people[position]
        let previousConstituency = previous.text(before.constituency)
        let previousSource = previous.address(before).rowReference
        // Moved and renamed say the same of the person, before and now.
        let change = { (code: FindingCode) in
            RollChange(
                code: code, reason: nil, name: name, previousName: before.name, gender: gender, birthDate: birthDate,
                idNumber: id.canonical, constituency: constituency, previousConstituency: previousConstituency,
                voterGroup: person.voterGroup, source: source, previousSource: previousSource)
        }
        if previousConstituency != constituency {
            try report(change(.changeMoved), at: person.source, constituency: constituency, sink: sink)
        }
        // The same text is the same name; different text may still be (張三 and 张三, 王 五).
        if name != before.name, context.names.normalize(name).matchKey != context.names.normalize(before.name).matchKey {
            try report(change(.changeRenamed), at: person.source, constituency: constituency, sink: sink)
        }
    }

    /// An excluded person: the reason for a removal, if they were on the previous roll and
    /// are not on this one.
    private func rejected(_ person: PersonRecord) {
        // The ID as the row writes it (an excluded row's ID may be the reason it was excluded).
        guard let id = ResidentID.parse(person.rawID.text).id, let position = previous.position(of: id),
            !previous.onCurrentRoll[position], removedReasons[position] == nil
        else { return }
        var codes: [String] = []
        for finding in person.findings where finding.action == .exclude && !codes.contains(finding.code.rawValue) {
            codes.append(finding.code.rawValue)
        }
        removedReasons[position] = .excluded(codes: codes.joined(separator: ";"), at: person.source.rowReference)
    }

    /// The removals: everyone on the previous roll who is not on this one.
    func close(in context: CheckContext, sink: any FindingSink) throws {
        for position in previous.people.indices where !previous.onCurrentRoll[position] {
            let before = previous.people[position]
            let id = previous.ids[position]
            let constituency = previous.text(before.constituency)
            try report(
                RollChange(
                    code: .changeRemoved, reason: removedReasons[position] ?? .notInRegister,
                    name: context.names.normalize(before.name).canonical, previousName: before.name,
                    gender: id.gender.label, birthDate: id.birthDate.iso8601, idNumber: id.canonical, constituency: "",
                    previousConstituency: constituency, voterGroup: previous.text(before.voterGroup), source: "",
                    previousSource: previous.address(before).rowReference),
                at: previous.address(before), constituency: constituency, sink: sink)
        }
    }

    private func addedReason(_ person: PersonRecord, _ decision: Decision, id: ResidentID, in context: CheckContext) -> ChangeReason {
        if decision.origin == .inMigrant { return .movedIn }
        if person.findings.contains(where: { $0.code == .rightsRestored }) { return .restored }
        if let adult = id.birthDate.anniversary(CivilDate.votingAge, rule: context.options.leapDayRule),
            adult > previousElectionDay
        {
            return .turnedEighteen(on: adult)
        }
        return .new
    }

    private func report(_ change: RollChange, at address: CellAddress, constituency: String, sink: any FindingSink) throws {
        let value: String
        switch change.code {
        case .changeMoved: value = change.constituency
        case .changeRenamed: value = change.name
        default: value = ""
        }
        var evidence = change.reason?.evidence
        if change.code == .changeMoved { evidence = "previous: \(change.previousConstituency) (\(change.previousSource))" }
        if change.code == .changeRenamed { evidence = "previous: \(change.previousName) (\(change.previousSource))" }
        try sink.report(
            change,
            finding: Finding(
                code: change.code, address: address, value: value, name: change.name, idNumber: change.idNumber,
                evidence: evidence),
            constituency: constituency)
    }
}
