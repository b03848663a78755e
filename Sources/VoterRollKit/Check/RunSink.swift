/// Where decided people and reported findings go: the one route from the rules to the output
/// files (`RunOutputs`), the store (`RunRecorder`) and the counts (`Tally`).
///
/// Also the engine's path for one person (`PersonPath`): the registry's row rules, then the
/// decision, then the decision rules.
final class RunSink: FindingSink, PersonPath {
    private let context: CheckContext
    private let rules: RuleRegistry
    private let outputs: RunOutputs
    private let recorder: (any RunRecorder)?
    private(set) var tally: Tally

    init(context: CheckContext, rules: RuleRegistry, outputs: RunOutputs, recorder: (any RunRecorder)?, tally: Tally) {
        self.context = context
        self.rules = rules
        self.outputs = outputs
        self.recorder = recorder
        self.tally = tally
        self.tally.statistics = StatisticsTally(
            principals: context.lists.principals, comparesPrevious: context.options.previous != nil)
    }

    func check(_ person: inout PersonRecord) {
        for rule in rules.row { rule.check(&person, in: context) }
    }

    @discardableResult
    func decide(_ person: PersonRecord, origin: PersonOrigin) throws -> Decision {
        let isKept = person.action == .keep
        if let recorder {
            let outcome: DecisionRecord.Outcome =
                switch (isKept, origin.isRegister) {
                case (true, true): .kept
                case (false, true): .excluded
                case (true, false): .added
                case (false, false): .notAdded
                }
            try recorder.record(
                DecisionRecord(
                    idNumber: person.displayID, name: person.displayName, outcome: outcome, source: person.source,
                    constituency: person.constituency, codes: person.findings.map(\.code)))
        }
        var rollRow: Int?
        if isKept {
            rollRow = try outputs.keep(person)
        } else {
            try outputs.reject(person)
        }
        var isFirst = false
        // An in-migrant without a certificate went through the ID rule only: not a row of the run.
        if origin != .inMigrantWithoutCertificate, let id = person.id {
            isFirst = context.people.note(person, id: id, rollRow: rollRow, sources: context.sources)
        }
        let decision = Decision(isKept: isKept, origin: origin, rollRow: rollRow, isFirstOccurrence: isFirst)
        let constituency = person.constituency
        tally.count(decision, constituency: constituency)
        tally.statistics.count(person, decision)
        // The row's own keep-codes are in its flags already (`RollWriter.add`).
        for finding in person.findings {
            try write(finding, constituency: constituency, rollRow: nil, deferred: false)
        }
        for rule in rules.decision { try rule.decided(person, decision, in: context, sink: self) }
        return decision
    }

    func report(_ finding: Finding, on row: FindingRow) throws {
        switch row {
        case .list: try write(finding, constituency: nil, rollRow: nil, deferred: false)
        case .person(let constituency, let rollRow): try write(finding, constituency: constituency, rollRow: rollRow, deferred: false)
        }
    }

    func report(_ change: RollChange, finding: Finding, constituency: String) throws {
        try outputs.change(change)
        tally.statistics.count(change, constituency: constituency)
        try write(finding, constituency: constituency, rollRow: nil, deferred: true)
    }

    private func write(_ finding: Finding, constituency: String?, rollRow: Int?, deferred: Bool) throws {
        try outputs.write(finding, constituency: constituency, rollRow: rollRow, deferred: deferred)
        try recorder?.record(finding)
        tally.count(finding)
    }

    /// Reads a register file's counts into the tally.
    func registerStarted(file: String) { tally.registerStarted(file: file) }
    func registerFinished(rows: RowCounts) -> RunSummary.InputCounts? { tally.registerFinished(rows: rows) }

    /// Closes the run: the accounting, then the store's record of it (with every finding,
    /// `change.*` included), whose since-last-run joins the summary.
    func finish(failOn: Severity?) throws -> RunSummary {
        tally.finish(lists: context.lists, failOn: failOn)
        if let recorder { tally.sinceLastRun(try recorder.finish(tally.summary)) }
        return tally.summary
    }
}
