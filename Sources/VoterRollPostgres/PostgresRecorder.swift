import Foundation
import PostgresNIO
import VoterRollKit

/// Records one run into the PostgreSQL store's open transaction.
///
/// Decisions and findings are loaded with COPY in batches of 20,000: one statement per row
/// would cost a round trip each.
final class PostgresRecorder: RunRecorder {
    private let session: PostgresSession
    private var runID: Int64 = 0
    private var startedAt = Date()
    private var electionDay = ""
    private var pipeline = ""
    private var township: String?
    private var inputIDs: [String: Int64] = [:]
    private var decisions: [[String?]] = []
    private var findings: [[String?]] = []
    private var registry: TownshipRegistry?
    private static let batch = 20_000

    init(session: PostgresSession) {
        self.session = session
    }

    func begin(_ facts: RunFacts) throws {
        startedAt = Date()
        electionDay = facts.electionDay.iso8601
        pipeline = facts.pipeline
        township = facts.township
        runID = try session.scalar(
            Int64.self,
            "INSERT INTO runs (pipeline, township, election_day, started_at, version, options) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            [facts.pipeline, facts.township, electionDay, facts.startedAt, VoterRollVersion.current, try StoreSQL.json(facts.options)]) ?? 0
        for (role, digest) in facts.inputs {
            inputIDs[digest.path] = try session.scalar(
                Int64.self, "INSERT INTO inputs (run_id, role, path, size, sha256) VALUES (?, ?, ?, ?, ?) RETURNING id",
                [runID, role, digest.path, Int64(digest.size), digest.sha256])
        }
    }

    func record(_ decision: DecisionRecord) throws {
        guard let input = inputIDs[decision.source.file] else {
            throw PostgresStoreError(message: "run store: a decision about \(decision.source.rowReference) came from a file the run did not declare")
        }
        decisions.append([
            String(runID), decision.idNumber, decision.name, decision.outcome.rawValue, String(input), decision.source.sheet,
            String(decision.source.row), decision.constituency, decision.codes.map(\.rawValue).joined(separator: ";"),
        ])
        if decisions.count >= Self.batch { try flushDecisions() }
    }

    func record(_ finding: Finding) throws {
        let address = finding.address
        let input = inputIDs[address.file]
        findings.append([
            String(runID), finding.code.rawValue, finding.severity.rawValue, input.map(String.init), input == nil ? address.file : nil,
            address.sheet, String(address.row), finding.columnName, address.cell, finding.value, finding.name, finding.idNumber,
            finding.evidence, StoreSQL.subject(of: finding),
        ])
        if findings.count >= Self.batch { try flushFindings() }
    }

    private func flushDecisions() throws {
        try session.copy(
            into: "decisions",
            columns: ["run_id", "id_number", "name", "outcome", "input_id", "sheet", "row", "constituency", "codes"],
            rows: decisions)
        decisions.removeAll(keepingCapacity: true)
    }

    private func flushFindings() throws {
        try session.copy(
            into: "findings",
            columns: [
                "run_id", "code", "severity", "input_id", "file", "sheet", "row", "column_name", "cell", "value", "name",
                "id_number", "evidence", "subject",
            ],
            rows: findings)
        findings.removeAll(keepingCapacity: true)
    }

    func registry(township: String, candidates: [String]) throws -> TownshipRegistry? {
        try fill("candidate", columns: ["id_number"], rows: [candidates])
        var holders: [String: TownshipRegistry.Holder] = [:]
        for row in try session.query(StoreSQL.holders, [electionDay, township]) {
            let (id, holder, reference) = try row.decode((String, String, String).self)
            holders[id] = TownshipRegistry.Holder(township: holder, row: reference)
        }
        let excluded = try session.query(StoreSQL.excludedElsewhere, [electionDay, township]).map { row in
            let (other, id, file, sheet, line, column, columnName, value, name) =
                try row.decode((String, String, String, String?, Int, Int?, String?, String, String?).self)
            return TownshipRegistry.ExcludedElsewhere(
                township: other,
                finding: Finding(
                    code: .dupSameId, address: CellAddress(file: file, sheet: sheet, row: line, column: column),
                    columnName: columnName, value: value, name: name, idNumber: id))
        }
        let registry = TownshipRegistry(township: township, holders: holders, excludedElsewhere: excluded)
        self.registry = registry
        return registry
    }

    /// Records what the registry was told (see `StoreSQL`): the claims, in one statement per
    /// 50,000 people, then the rows excluded because another township holds the person.
    private func recordRegistry(_ registry: TownshipRegistry) throws {
        let township = registry.township
        try fill("claim", columns: ["id_number", "row_reference"], rows: [registry.claims.map(\.idNumber), registry.claims.map(\.row)])
        try session.query(StoreSQL.release, [electionDay, township])
        try session.query(StoreSQL.claim, [electionDay, township, runID])
        let lost = try session.scalar(Int.self, StoreSQL.lost, [electionDay, township]) ?? 0
        if lost > 0 { throw TownshipRegistry.Race(township: township, people: lost) }
        try session.query(StoreSQL.forgetExclusions, [electionDay, township])
        try session.copy(
            into: "township_conflicts",
            columns: [
                "election_day", "id_number", "kept_township", "excluded_township", "run_id", "file", "sheet", "row",
                "column_number", "column_name", "value", "name",
            ],
            rows: registry.exclusions.map { excluded in
                let finding = excluded.finding
                return [
                    electionDay, finding.idNumber, excluded.holder.township, township, String(runID), finding.address.file,
                    finding.address.sheet, String(finding.address.row), finding.address.column.map(String.init),
                    finding.columnName, finding.value, finding.name,
                ]
            })
    }

    /// Fills one of the temporary tables `StoreSQL` reads (`candidate`, `claim`), given column by
    /// column: text columns, the first the key, gone when the transaction ends. One statement
    /// per 50,000 rows, the columns sent as arrays.
    private func fill(_ table: String, columns: [String], rows: [[String]]) throws {
        let definition = columns.enumerated().map { $0.offset == 0 ? "\($0.element) TEXT PRIMARY KEY" : "\($0.element) TEXT NOT NULL" }
        try session.query("CREATE TEMP TABLE IF NOT EXISTS \(table) (\(definition.joined(separator: ", "))) ON COMMIT DROP")
        let count = rows.first?.count ?? 0
        var start = 0
        while start < count {
            let end = min(count, start + 50_000)
            try session.query(
                "INSERT INTO \(table) (\(columns.joined(separator: ", "))) SELECT * FROM unnest(\(columns.map { _ in "?::text[]" }.joined(separator: ", "))) ON CONFLICT DO NOTHING",
                rows.map { Array($0[start..<end]) })
            start = end
        }
    }

    func finish(_ summary: RunSummary) throws -> SinceLastRun? {
        try flushDecisions()
        try flushFindings()
        if let registry { try recordRegistry(registry) }
        let duration = Int(Date().timeIntervalSince(startedAt) * 1000)
        var since: SinceLastRun?
        if let previous = try session.scalar(Int64.self, StoreSQL.previousRun, [runID, pipeline, township]) {
            since = try StoreSQL.sinceLastRun(run: runID, previous: previous) { sql, runs in
                try session.scalar(Int.self, sql, runs) ?? 0
            }
        }
        var recorded = summary
        recorded.sinceLastRun = since
        try session.query(StoreSQL.closeRun, [try StoreSQL.json(recorded), Int(summary.exitStatus), duration, runID])
        return since
    }
}
