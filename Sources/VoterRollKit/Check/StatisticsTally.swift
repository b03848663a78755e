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
    /// Additions counted by reason, with the ID, until `form` moves those an appeal added
    /// (16 bytes each: a roll compared with an old one may add most of a township).
    private var additions: [(constituency: Int32, reason: Reason, id: UInt64)] = []
    /// ID numbers that `appeal.added` findings name.
    private var appealed = Set<UInt64>()

    /// Why an addition was counted, before an appeal moves it.
    private enum Reason: UInt8 {
        case turnedEighteen, movedIn, restored, other

        var column: WritableKeyPath<StatisticsForm.Additions, Int> {
            switch self {
            case .turnedEighteen: \.turnedEighteen
            case .movedIn: \.movedIn
            case .restored: \.restored
            case .other: \.other
            }
        }
    }

    /// An ID number as one integer: its 17 digits and the check character (X as 10); nil for
    /// anything else.
    static func key(_ id: String) -> UInt64? {
        let bytes = Array(id.utf8)
        guard bytes.count == 18 else { return nil }
        var value: UInt64 = 0
        for byte in bytes.prefix(17) {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + UInt64(byte - 0x30)
        }
        switch bytes[17] {
        case 0x30...0x39: return value * 11 + UInt64(bytes[17] - 0x30)
        case 0x58, 0x78: return value * 11 + 10
        default: return nil
        }
    }

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
        if finding.code == .appealAdded, let id = finding.idNumber.flatMap(StatisticsTally.key) { appealed.insert(id) }
    }

    /// A change against the previous roll: an addition counted in its constituency by reason, a
    /// removal in its previous constituency by the codes that excluded the person.
    mutating func count(_ change: RollChange, constituency: String) {
        let at = position(constituency)
        switch change.code {
        case .changeAdded:
            let reason: Reason
            switch change.reason {
            case .turnedEighteen?: reason = .turnedEighteen
            case .movedIn?: reason = .movedIn
            case .restored?: reason = .restored
            default: reason = .other
            }
            counts[at].additions[keyPath: reason.column] += 1
            if let id = StatisticsTally.key(change.idNumber) { additions.append((Int32(at), reason, id)) }
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
            counts[Int(addition.constituency)].additions.appeal += 1
            counts[Int(addition.constituency)].additions[keyPath: addition.reason.column] -= 1
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
