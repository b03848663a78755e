import Foundation

/// Records one run into a store's open transaction, the same way on SQLite and PostgreSQL: the
/// run and its inputs, every decision and finding, what the township registry was told, and
/// what changed since the last run.
///
/// This is the one sequence both stores follow, over the statements, tables and rows of
/// `StoreSQL`; a database supplies only its `StoreExecutor`. Two copies of it, one per
/// database, had to be changed step for step together.
public final class StoreRecorder: RunRecorder {
    private let store: any StoreExecutor
    /// The store's database, for the recorder's extensions.
    var executor: any StoreExecutor { store }
    /// Nil until `begin`.
    private var runID: Int64?
    private var startedAt = Date()
    /// Each input's row in `inputs`: decisions and findings refer to it instead of repeating
    /// the path a million times.
    private var inputIDs: [String: Int64] = [:]
    private var electionDay = ""
    private var pipeline = ""
    private var township: String?
    private var registry: TownshipRegistry?

    public init(_ store: any StoreExecutor) {
        self.store = store
    }

    public func begin(_ facts: RunFacts) throws {
        startedAt = Date()
        electionDay = facts.electionDay.iso8601
        pipeline = facts.pipeline
        township = facts.township
        let run = try store.insert(
            StoreSQL.insertRun,
            [
                .text(facts.pipeline), StoreValue(facts.township), .text(electionDay), .text(facts.startedAt),
                .text(VoterRollVersion.current), .text(try StoreSQL.json(facts.options)),
            ])
        runID = run
        for (role, digest) in facts.inputs {
            inputIDs[digest.path] = try store.insert(
                StoreSQL.insertInput, [.integer(run), .text(role), .text(digest.path), StoreValue(digest.size), .text(digest.sha256)])
        }
    }

    public func record(_ decision: DecisionRecord) throws {
        guard let run = runID, let input = inputIDs[decision.source.file] else {
            throw StoreError(message: "a decision about \(decision.source.rowReference) came from a file the run did not declare")
        }
        try store.append(StoreSQL.decisionRow(decision, run: run, input: input), to: .decisions)
    }

    public func record(_ finding: Finding) throws {
        guard let run = runID else { throw StoreError(message: "a finding was recorded before the run began") }
        try store.append(StoreSQL.findingRow(finding, run: run, input: inputIDs[finding.address.file]), to: .findings)
    }

    public func registry(township: String, candidates: [String]) throws -> TownshipRegistry? {
        try store.fill(.candidate, columns: [candidates])
        let scope: [StoreValue] = [.text(electionDay), .text(township)]
        var holders: [String: TownshipRegistry.Holder] = [:]
        try store.fetch(StoreSQL.holders, scope) { row in
            try holders[row.text(0)] = TownshipRegistry.Holder(township: row.text(1), row: row.text(2))
        }
        var excluded: [TownshipRegistry.ExcludedElsewhere] = []
        try store.fetch(StoreSQL.excludedElsewhere, scope) { row in
            let address = try CellAddress(
                file: row.text(2), sheet: row[3].text, row: Int(row.integer(4)), column: row[5].integer.map { Int($0) })
            try excluded.append(
                TownshipRegistry.ExcludedElsewhere(
                    township: row.text(0),
                    finding: Finding(
                        code: .dupSameId, address: address, columnName: row[6].text, value: row.text(7), name: row[8].text,
                        idNumber: row.text(1))))
        }
        let registry = TownshipRegistry(township: township, holders: holders, excludedElsewhere: excluded)
        self.registry = registry
        return registry
    }

    /// Records what the registry was told: the people this run keeps (claimed unless another
    /// township got there first, which throws `TownshipRegistry.Race`) and the rows it excluded.
    private func record(_ registry: TownshipRegistry, run: Int64) throws {
        let township = registry.township
        let scope: [StoreValue] = [.text(electionDay), .text(township)]
        try store.fill(.claim, columns: [registry.claims.map(\.idNumber), registry.claims.map(\.row)])
        try store.execute(StoreSQL.release, scope)
        try store.execute(StoreSQL.claim, scope + [.integer(run)])
        let lost = try store.scalar(StoreSQL.lost, scope) ?? 0
        if lost > 0 { throw TownshipRegistry.Race(township: township, people: Int(lost)) }
        try store.execute(StoreSQL.forgetExclusions, scope)
        for excluded in registry.exclusions {
            try store.append(
                StoreSQL.exclusionRow(excluded, electionDay: electionDay, township: township, run: run), to: .townshipConflicts)
        }
        try store.flush()
    }

    public func documentNumbers(_ kind: DocumentKind, township: String, holders: [DocumentHolder]) throws -> [String] {
        guard let run = runID, let day = CivilDate(electionDay) else {
            throw StoreError(message: "document numbers were asked for before the run began")
        }
        return try assignDocumentNumbers(kind, township: township, holders: holders, run: run, electionDay: day)
    }

    public func finish(_ summary: RunSummary) throws -> SinceLastRun? {
        guard let run = runID else { throw StoreError(message: "a run was finished before it began") }
        try store.flush()
        if let registry { try record(registry, run: run) }
        let duration = Int(Date().timeIntervalSince(startedAt) * 1000)
        var since: SinceLastRun?
        if let previous = try store.scalar(StoreSQL.previousRun, [.integer(run), .text(pipeline), StoreValue(township)]) {
            since = try StoreSQL.sinceLastRun(run: run, previous: previous) { sql, runs in
                Int(try store.scalar(sql, runs.map { .integer($0) }) ?? 0)
            }
        }
        var recorded = summary
        recorded.sinceLastRun = since
        try store.execute(
            StoreSQL.closeRun,
            [.text(try StoreSQL.json(recorded)), .integer(Int64(summary.exitStatus)), StoreValue(duration), .integer(run)])
        return since
    }
}

@available(*, unavailable, message: "records into one transaction; use it from the run's thread")
extension StoreRecorder: Sendable {}

/// The store used out of order, or holding what it should not (a tool failure).
struct StoreError: Error, CustomStringConvertible {
    var message: String
    var description: String { "run store: \(message)" }
}

extension [StoreValue] {
    /// Column `index` of a row the store must hold as text.
    fileprivate func text(_ index: Int) throws -> String {
        guard let text = self[index].text else { throw StoreError(message: "column \(index + 1) of a row read back is not text") }
        return text
    }

    /// Column `index` of a row the store must hold as a whole number.
    fileprivate func integer(_ index: Int) throws -> Int64 {
        guard let integer = self[index].integer else {
            throw StoreError(message: "column \(index + 1) of a row read back is not a whole number")
        }
        return integer
    }
}
