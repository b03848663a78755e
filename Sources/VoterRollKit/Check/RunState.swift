/// The running totals of a check run, and where each decided row goes.
struct RunState {
    var summary: RunSummary
    /// The store's recorder, when the run is recorded.
    var recorder: (any RunRecorder)?

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
            summary.byConstituency[constituency, default: .init()].kept += 1
        } else {
            try writers.rejected.add(person)
            if fromRegister { summary.excluded += 1 } else { summary.notAdded += 1 }
            summary.byConstituency[constituency, default: .init()].excluded += 1
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
