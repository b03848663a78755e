/// Counts the statistics form (`StatisticsForm`) as the run decides people and reports
/// changes: the one place its figures are counted (docs/STATISTICS.md defines each one).
///
/// Fed by `RunSink` through `Tally`; per constituency by the name's bytes (`TextInterner`), so
/// a million-row run hashes no Chinese `String` per row.
struct StatisticsTally {
    private struct Counts {
        var registerRows = 0
        var adults = 0
        var registered = 0
        var additions = StatisticsForm.Additions()
        var removals = StatisticsForm.Removals()
        var away = StatisticsForm.Away()
        var proxies = 0
        var women = 0
        var minorities = 0
    }

    /// The principals of the proxies list (委托投票).
    private let principals: Set<ResidentID>
    /// Whether the run compares with a previous roll: without one, 新增 and 减少 are blank.
    private let comparesPrevious: Bool
    private var constituencies = TextInterner()
    private var counts: [Counts] = []
    private var groups = TextInterner()
    /// (constituency, voter group) numbers of the people on the roll.
    private var groupsSeen = Set<Int>()
    /// Whether any register row (or in-migrant) came from a file with a 民族 column.
    private var hasEthnicity = false
    /// Each distinct 民族 cell, and whether it names a minority: a township writes a few dozen.
    private var ethnicities = TextInterner()
    private var isMinority: [Bool] = []
    /// Additions counted by reason, with the ID, until `form` moves those an appeal added.
    private var additions: [(constituency: Int, reason: WritableKeyPath<StatisticsForm.Additions, Int>, id: String)] = []
    /// ID numbers that `appeal.added` findings name.
    private var appealed = Set<String>()

    init(principals: Set<ResidentID>, comparesPrevious: Bool) {
        self.principals = principals
        self.comparesPrevious = comparesPrevious
    }

    /// The words that name the Han nationality in a 民族 cell; any other non-empty value is a
    /// minority (少数民族).
    static let hanWords: Set<String> = ["汉", "汉族", "漢", "漢族", "han", "汉民族"]

    private mutating func position(_ constituency: String) -> Int {
        let position = constituencies.number(constituency)
        if position == counts.count { counts.append(Counts()) }
        return position
    }

    /// A person was decided.
    mutating func count(_ person: PersonRecord, _ decision: Decision) {
        guard decision.origin != .inMigrantWithoutCertificate else { return }
        let at = position(person.constituency)
        if decision.origin.isRegister {
            counts[at].registerRows += 1
            if person.id != nil, !person.findings.contains(where: { $0.code == .ageUnder18 }) { counts[at].adults += 1 }
        }
        if person.rawEthnicity.column != nil { hasEthnicity = true }
        if person.findings.contains(where: { $0.code == .migrantRegisteredElsewhere }) { counts[at].away.certified += 1 }
        guard decision.isKept else { return }
        counts[at].registered += 1
        let isPrincipal = person.id.map(principals.contains) ?? false
        if isPrincipal { counts[at].proxies += 1 }
        if person.findings.contains(where: { $0.code == .migrantAbsent }) {
            if isPrincipal { counts[at].away.proxied += 1 } else { counts[at].away.unhandled += 1 }
        }
        if person.id?.gender == .female { counts[at].women += 1 }
        let ethnicity = ethnicities.number(person.rawEthnicity.text)
        if ethnicity == isMinority.count {
            let key = HeaderAliases.key(person.rawEthnicity.trimmed)
            isMinority.append(!key.isEmpty && !StatisticsTally.hanWords.contains(key))
        }
        if isMinority[ethnicity] { counts[at].minorities += 1 }
        let group = person.voterGroup
        if !group.isEmpty { groupsSeen.insert(at << 32 | groups.number(group)) }
    }

    /// A finding was reported: an `appeal.added` names someone an appeal put on the roll.
    mutating func count(_ finding: Finding) {
        if finding.code == .appealAdded, let id = finding.idNumber { appealed.insert(id) }
    }

    /// A change against the previous roll: an addition counted in its constituency by reason, a
    /// removal in its previous constituency by the codes that excluded the person.
    mutating func count(_ change: RollChange, constituency: String) {
        let at = position(constituency)
        switch change.code {
        case .changeAdded:
            let reason: WritableKeyPath<StatisticsForm.Additions, Int>
            switch change.reason {
            case .turnedEighteen?: reason = \.turnedEighteen
            case .movedIn?: reason = \.movedIn
            case .restored?: reason = \.restored
            default: reason = \.other
            }
            counts[at].additions[keyPath: reason] += 1
            additions.append((at, reason, change.idNumber))
        case .changeRemoved:
            let codes: [Substring]
            if case .excluded(let text, _)? = change.reason { codes = text.split(separator: ";") } else { codes = [] }
            if codes.contains(Substring(FindingCode.statusDeceased.rawValue)) {
                counts[at].removals.deceased += 1
            } else if codes.contains(Substring(FindingCode.migrantRegisteredElsewhere.rawValue)) {
                counts[at].removals.movedOut += 1
            } else if codes.contains(Substring(FindingCode.rightsDeprived.rawValue)) {
                counts[at].removals.deprived += 1
            } else if codes.contains(Substring(FindingCode.rightsSuspended.rawValue)) {
                counts[at].removals.suspended += 1
            } else if codes.contains(Substring(FindingCode.rightsIncapacitated.rawValue)) {
                counts[at].removals.incapacitated += 1
            } else {
                counts[at].removals.other += 1
            }
        default: break
        }
    }

    /// The form: constituencies in the order first met, then the total row.
    func form() -> StatisticsForm {
        var counts = counts
        // An addition that an appeal made is 申诉增补, whatever else it was counted as.
        for addition in additions where appealed.contains(addition.id) {
            counts[addition.constituency].additions.appeal += 1
            counts[addition.constituency].additions[keyPath: addition.reason] -= 1
        }
        var groupCounts = [Int](repeating: 0, count: counts.count)
        for pair in groupsSeen { groupCounts[pair >> 32] += 1 }
        var rows: [StatisticsForm.Row] = []
        for (at, name) in constituencies.texts.enumerated() {
            let count = counts[at]
            var row = StatisticsForm.Row(constituency: name)
            row.voterGroups = groupCounts[at]
            row.registerRows = count.registerRows
            row.adults = count.adults
            row.registered = count.registered
            if comparesPrevious {
                row.additions = count.additions
                row.removals = count.removals
            }
            row.away = count.away
            row.proxies = count.proxies
            row.women = count.women
            row.minorities = hasEthnicity ? count.minorities : nil
            rows.append(row)
        }
        return StatisticsForm(
            rows: rows, total: StatisticsForm.total(of: rows, comparesPrevious: comparesPrevious, hasEthnicity: hasEthnicity))
    }
}
