/// The running totals of a check run, and where each decided row goes.
struct RunState {
    var summary: RunSummary
    /// The store's recorder, when the run is recorded.
    var recorder: (any RunRecorder)?
    /// Kept and excluded per constituency until `finish` adds them to `summary.byConstituency`.
    private var constituencies = ConstituencyTally()

    init(summary: RunSummary, recorder: (any RunRecorder)? = nil) {
        self.summary = summary
        self.recorder = recorder
    }

    /// Writes a decided person to the roll or to rejected.csv, with their findings.
    /// `fromRegister` is false for an in-migrant from the moved_in list.
    mutating func decide(_ person: PersonRecord, fromRegister: Bool, writers: Writers) throws {
        let constituency = person.constituency
        if let recorder {
            let outcome: DecisionRecord.Outcome =
                switch (person.isKept, fromRegister) {
                case (true, true): .kept
                case (false, true): .excluded
                case (true, false): .added
                case (false, false): .notAdded
                }
            try recorder.record(
                DecisionRecord(
                    idNumber: person.displayID, name: person.displayName, outcome: outcome,
                    source: person.source, constituency: constituency, codes: person.findings.map(\.code)))
        }
        if person.isKept {
            try writers.roll.add(person)
            if fromRegister { summary.kept += 1 } else { summary.added += 1 }
            constituencies.count(constituency, kept: true)
        } else {
            try writers.rejected.add(person)
            if fromRegister { summary.excluded += 1 } else { summary.notAdded += 1 }
            constituencies.count(constituency, kept: false)
        }
        for finding in person.findings {
            try record(finding, writers: writers)
        }
    }

    /// Writes one finding and counts it.
    mutating func record(_ finding: Finding, writers: Writers) throws {
        try writers.findings.write(finding)
        try recorder?.record(finding)
        summary.byCode[finding.code.rawValue, default: 0] += 1
        summary.bySeverity[finding.severity.rawValue, default: 0] += 1
    }

    /// Closes the accounting and decides the exit status.
    mutating func finish(failOn: Severity?) {
        constituencies.add(to: &summary.byConstituency)
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
/// a Chinese `String` normalises it first, for every row (2% of a million-row run). Here the
/// key is the bytes (`NameCacheKey`), and since registers list people constituency by
/// constituency, most rows are the previous row's and are not looked up at all.
private struct ConstituencyTally {
    private var positions: [NameCacheKey: Int] = [:]
    private var names: [String] = []
    private var kept: [Int] = []
    private var excluded: [Int] = []
    private var last = -1

    mutating func count(_ constituency: String, kept isKept: Bool) {
        let position: Int
        if last >= 0, NameCacheKey.sameBytes(names[last], constituency) {
            position = last
        } else if let known = positions[NameCacheKey(constituency)] {
            position = known
        } else {
            position = names.count
            positions[NameCacheKey(constituency)] = position
            names.append(constituency)
            kept.append(0)
            excluded.append(0)
        }
        last = position
        if isKept { kept[position] += 1 } else { excluded[position] += 1 }
    }

    /// Adds the counts to `byConstituency` and starts again from zero.
    mutating func add(to byConstituency: inout [String: RunSummary.ConstituencyCounts]) {
        for position in names.indices {
            byConstituency[names[position], default: .init()].kept += kept[position]
            byConstituency[names[position], default: .init()].excluded += excluded[position]
        }
        self = ConstituencyTally()
    }
}
