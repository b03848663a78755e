/// The counts of a run, its accounting and its exit status: the one place they are kept.
///
/// Fed by `RunSink` with every decision and every finding; `finish` closes the accounting
/// once the run's last finding is in (the change findings included), so summary.json, the
/// report and the store say the same.
struct Tally {
    private(set) var summary: RunSummary
    /// Kept and excluded per constituency until `finish` adds them to `summary.byConstituency`.
    private var constituencies = ConstituencyTally()
    /// The register file being read, with its kept and excluded rows so far.
    private var register: RunSummary.InputCounts?
    /// People added from the moved_in list, for its accounting (appeals add people too).
    private var inMigrantsAdded = 0
    /// The statistics form's counts (`StatisticsTally`), set once the lists are read.
    var statistics = StatisticsTally(principals: [], comparesPrevious: false)

    init(electionDay: CivilDate) {
        summary = RunSummary(electionDay: electionDay.iso8601)
    }

    /// A list file was read.
    mutating func listRead(_ kind: ListKind, file: String, rows: RowCounts) {
        summary.inputs.append(.init(file: file, role: kind.rawValue, rows: rows, kept: 0, excluded: 0))
        if kind == .appeals { summary.appeals = RunSummary.AppealCounts() }
    }

    /// A register file is about to be read.
    mutating func registerStarted(file: String) {
        register = RunSummary.InputCounts(file: file, role: "roll", rows: RowCounts(), kept: 0, excluded: 0)
    }

    /// The register file has been read, with these row counts; returns its counts.
    mutating func registerFinished(rows: RowCounts) -> RunSummary.InputCounts? {
        guard var input = register else { return nil }
        input.rows = rows
        summary.rows += rows
        summary.inputs.append(input)
        register = nil
        return input
    }

    /// A person was decided.
    mutating func count(_ decision: Decision, constituency: String) {
        switch (decision.isKept, decision.origin.isRegister) {
        case (true, true):
            summary.kept += 1
            register?.kept += 1
        case (false, true):
            summary.excluded += 1
            register?.excluded += 1
        case (true, false):
            summary.added += 1
            if decision.origin == .inMigrant { inMigrantsAdded += 1 }
            if decision.origin == .appeal { summary.appeals?.added += 1 }
        case (false, false):
            summary.notAdded += 1
            if decision.origin == .appeal { summary.appeals?.notAdded += 1 }
        }
        constituencies.count(constituency, kept: decision.isKept)
    }

    /// A finding was reported.
    mutating func count(_ finding: Finding) {
        summary.byCode[finding.code.rawValue, default: 0] += 1
        summary.bySeverity[finding.severity.rawValue, default: 0] += 1
        statistics.count(finding)
    }

    /// What changed since the last recorded run (from the store).
    mutating func sinceLastRun(_ since: SinceLastRun?) {
        summary.sinceLastRun = since
    }

    /// Closes the accounting and decides the exit status, once every finding is counted.
    ///
    /// A list's entries are kept when they matched someone, excluded when not; the moved_in
    /// list's when the in-migrant was added or already listed; the proxies list's all count;
    /// the appeals list's when the appeal named a person of the run (a register row, an
    /// in-migrant, or the person an upheld 漏登 brought, added or not).
    mutating func finish(lists: ListIndex, failOn: Severity?) {
        for position in summary.inputs.indices {
            guard let kind = ListKind(rawValue: summary.inputs[position].role) else { continue }
            let entries = lists.entries[kind]?.count ?? 0
            switch kind {
            case .movedIn:
                guard entries > 0 else { continue }
                let taken = inMigrantsAdded + summary.byCode[FindingCode.migrantInAlreadyListed.rawValue, default: 0]
                summary.inputs[position].kept = taken
                summary.inputs[position].excluded = entries - taken
            case .proxies:
                summary.inputs[position].kept = lists.proxies.count
            case .appeals:
                guard entries > 0 else { continue }
                let unmatched = lists.unmatched(kind).count
                summary.inputs[position].kept = entries - unmatched
                summary.inputs[position].excluded = unmatched
            case .deprived, .incapacitated, .suspended, .deceased, .movedOut:
                guard entries > 0 else { continue }
                let unmatched = lists.unmatched(kind).count
                summary.inputs[position].kept = entries - unmatched
                summary.inputs[position].excluded = unmatched
            }
        }
        constituencies.add(to: &summary.byConstituency)
        summary.statistics = statistics.form()
        // The register first, then the lists in catalogue order (lists are read first).
        summary.inputs = summary.inputs.filter { $0.role == "roll" } + summary.inputs.filter { $0.role != "roll" }
        summary.registered = summary.kept + summary.added
        summary.population = summary.kept + summary.excluded + summary.added
        summary.accountingCloses = summary.inputs.allSatisfy(RunSummary.closes)
            && summary.rows.dataRows == summary.kept + summary.excluded
        let worst = summary.bySeverity.keys.compactMap(Severity.init(rawValue:)).max()
        if let failOn, let worst, worst >= failOn {
            summary.exitStatus = 1
        }
    }
}

/// Kept and excluded counts per constituency, as the rows are decided.
///
/// Not counted straight into `RunSummary.byConstituency`: its keys are `String`s, and hashing
/// a Chinese `String` normalises it first, for every row (2% of a million-row run).
private struct ConstituencyTally {
    private var names = TextInterner()
    private var kept: [Int] = []
    private var excluded: [Int] = []

    mutating func count(_ constituency: String, kept isKept: Bool) {
        let position = names.number(constituency)
        if position == kept.count {
            kept.append(0)
            excluded.append(0)
        }
        if isKept { kept[position] += 1 } else { excluded[position] += 1 }
    }

    /// Adds the counts to `byConstituency` and starts again from zero.
    mutating func add(to byConstituency: inout [String: RunSummary.ConstituencyCounts]) {
        for (position, name) in names.texts.enumerated() {
            byConstituency[name, default: .init()].kept += kept[position]
            byConstituency[name, default: .init()].excluded += excluded[position]
        }
        self = ConstituencyTally()
    }
}
