import Foundation
import GRDB

/// Records one run into the SQLite store's open transaction.
final class SQLiteRecorder: RunRecorder {
    private let db: Database
    private var runID: Int64 = 0
    private var startedAt = Date()
    /// Each input's row in `inputs`: decisions and findings refer to it instead of repeating
    /// the path a million times.
    private var inputIDs: [String: Int64] = [:]
    private var insertDecision: Statement?
    private var insertFinding: Statement?
    private var electionDay = ""
    private var pipeline = ""
    private var township: String?
    private var registry: TownshipRegistry?

    init(db: Database) {
        self.db = db
    }

    func begin(_ facts: RunFacts) throws {
        startedAt = Date()
        electionDay = facts.electionDay.iso8601
        pipeline = facts.pipeline
        township = facts.township
        let options = try StoreSQL.json(facts.options)
        try db.execute(
            sql: "INSERT INTO runs (pipeline, township, election_day, started_at, version, options) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [facts.pipeline, facts.township, electionDay, facts.startedAt, VoterRollVersion.current, options])
        runID = db.lastInsertedRowID
        let statement = try db.cachedStatement(sql: "INSERT INTO inputs (run_id, role, path, size, sha256) VALUES (?, ?, ?, ?, ?)")
        for (role, digest) in facts.inputs {
            try statement.execute(arguments: [runID, role, digest.path, digest.size, digest.sha256])
            inputIDs[digest.path] = db.lastInsertedRowID
        }
        insertDecision = try db.makeStatement(sql: """
            INSERT INTO decisions (run_id, id_number, name, outcome, input_id, sheet, row, constituency, codes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertFinding = try db.makeStatement(sql: """
            INSERT INTO findings (run_id, code, severity, input_id, file, sheet, row, column_name, cell, value, name, id_number, evidence, subject)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    func record(_ decision: DecisionRecord) throws {
        guard let statement = insertDecision, let input = inputIDs[decision.source.file] else {
            throw StoreError(message: "a decision about \(decision.source.rowReference) came from a file the run did not declare")
        }
        try statement.execute(arguments: [
            runID, decision.idNumber, decision.name, decision.outcome.rawValue, input,
            decision.source.sheet, decision.source.row, decision.constituency,
            decision.codes.map(\.rawValue).joined(separator: ";"),
        ])
    }

    func record(_ finding: Finding) throws {
        guard let statement = insertFinding else {
            throw StoreError(message: "a finding was recorded before the run began")
        }
        let address = finding.address
        let subject = StoreSQL.subject(of: finding)
        let input = inputIDs[address.file]
        try statement.execute(arguments: [
            runID, finding.code.rawValue, finding.severity.rawValue, input, input == nil ? address.file : nil,
            address.sheet, address.row, finding.columnName, address.cell, finding.value, finding.name, finding.idNumber,
            finding.evidence, subject,
        ])
    }

    func registry(township: String, candidates: [String]) throws -> TownshipRegistry? {
        try fill("candidate", columns: ["id_number"], rows: candidates.map { [$0] })
        var holders: [String: TownshipRegistry.Holder] = [:]
        let rows = try Row.fetchCursor(db, sql: StoreSQL.holders, arguments: [electionDay, township])
        while let row = try rows.next() {
            holders[row[0]] = TownshipRegistry.Holder(township: row[1], row: row[2])
        }
        let excluded = try Row.fetchAll(db, sql: StoreSQL.excludedElsewhere, arguments: [electionDay, township]).map { row in
            TownshipRegistry.ExcludedElsewhere(
                township: row[0],
                finding: Finding(
                    code: .dupSameId, address: CellAddress(file: row[2], sheet: row[3], row: row[4], column: row[5]),
                    columnName: row[6], value: row[7], name: row[8], idNumber: row[1]))
        }
        let registry = TownshipRegistry(township: township, holders: holders, excludedElsewhere: excluded)
        self.registry = registry
        return registry
    }

    /// Records what the registry was told: the people this run keeps (claimed unless another
    /// township got there first, which throws `TownshipRegistry.Race`) and the rows it excluded.
    private func recordRegistry(_ registry: TownshipRegistry) throws {
        let township = registry.township
        try fill("claim", columns: ["id_number", "row_reference"], rows: registry.claims.map { [$0.idNumber, $0.row] })
        try db.execute(sql: StoreSQL.release, arguments: [electionDay, township])
        try db.execute(sql: StoreSQL.claim, arguments: [electionDay, township, runID])
        let lost = try Int.fetchOne(db, sql: StoreSQL.lost, arguments: [electionDay, township]) ?? 0
        if lost > 0 { throw TownshipRegistry.Race(township: township, people: lost) }
        try db.execute(sql: StoreSQL.forgetExclusions, arguments: [electionDay, township])
        let exclusion = try db.makeStatement(sql: StoreSQL.exclusion)
        for excluded in registry.exclusions {
            let finding = excluded.finding
            try exclusion.execute(arguments: [
                electionDay, finding.idNumber, excluded.holder.township, township, runID, finding.address.file,
                finding.address.sheet, finding.address.row, finding.address.column, finding.columnName, finding.value, finding.name,
            ])
        }
    }

    /// Fills one of the temporary tables `StoreSQL` reads (`candidate`, `claim`): text columns,
    /// the first the key; emptied first, since SQLite keeps a temporary table for the connection.
    private func fill(_ table: String, columns: [String], rows: [[String]]) throws {
        let definition = columns.enumerated().map { $0.offset == 0 ? "\($0.element) TEXT PRIMARY KEY" : "\($0.element) TEXT NOT NULL" }
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS \(table) (\(definition.joined(separator: ", ")))")
        try db.execute(sql: "DELETE FROM \(table)")
        let insert = try db.makeStatement(
            sql: "INSERT OR IGNORE INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
        for row in rows { try insert.execute(arguments: StatementArguments(row)) }
    }

    func finish(_ summary: RunSummary) throws -> SinceLastRun? {
        if let registry { try recordRegistry(registry) }
        let duration = Int(Date().timeIntervalSince(startedAt) * 1000)
        let previous = try Int64.fetchOne(db, sql: StoreSQL.previousRun, arguments: [runID, pipeline, township])
        var since: SinceLastRun?
        if let previous {
            since = try StoreSQL.sinceLastRun(run: runID, previous: previous) { sql, runs in
                try Int.fetchOne(db, sql: sql, arguments: StatementArguments(runs)) ?? 0
            }
        }
        var recorded = summary
        recorded.sinceLastRun = since
        try db.execute(sql: StoreSQL.closeRun, arguments: [try StoreSQL.json(recorded), Int(summary.exitStatus), duration, runID])
        return since
    }
}

/// The store used out of order (a tool failure).
struct StoreError: Error, CustomStringConvertible {
    var message: String
    var description: String { "run store: \(message)" }
}

extension JSONEncoder {
    /// Keys sorted, so stored JSON and output files are the same from run to run.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
