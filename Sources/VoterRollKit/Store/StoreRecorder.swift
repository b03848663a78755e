import Foundation
import GRDB

/// Records one run into the store's open transaction.
final class StoreRecorder: RunRecorder {
    private let db: Database
    private var runID: Int64 = 0
    private var startedAt = Date()
    /// Each input's row in `inputs`: decisions and findings refer to it instead of repeating
    /// the path a million times.
    private var inputIDs: [String: Int64] = [:]
    private var insertDecision: Statement?
    private var insertFinding: Statement?

    init(db: Database) {
        self.db = db
    }

    func begin(_ facts: RunFacts) throws {
        startedAt = Date()
        let options = String(decoding: try JSONEncoder.sorted.encode(facts.options), as: UTF8.self)
        try db.execute(
            sql: "INSERT INTO runs (pipeline, election_day, started_at, version, options) VALUES (?, ?, ?, ?, ?)",
            arguments: [facts.pipeline, facts.electionDay.iso8601, facts.startedAt, VoterRollVersion.current, options])
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
        // What a finding is about, stable across runs: the person when known, else the cell.
        let subject = finding.idNumber ?? "\(address.file)|\(address.cell)"
        let input = inputIDs[address.file]
        try statement.execute(arguments: [
            runID, finding.code.rawValue, finding.severity.rawValue, input, input == nil ? address.file : nil,
            address.sheet, address.row, finding.columnName, address.cell, finding.value, finding.name, finding.idNumber,
            finding.evidence, subject,
        ])
    }

    func finish(_ summary: RunSummary) throws -> SinceLastRun? {
        let duration = Int(Date().timeIntervalSince(startedAt) * 1000)
        let previous = try Int64.fetchOne(
            db, sql: "SELECT max(id) FROM runs WHERE id < ? AND summary IS NOT NULL", arguments: [runID])
        var since: SinceLastRun?
        if let previous {
            let newFindings = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM findings f WHERE f.run_id = ? AND NOT EXISTS (
                  SELECT 1 FROM findings g WHERE g.run_id = ? AND g.code = f.code AND g.subject = f.subject)
                """, arguments: [runID, previous]) ?? 0
            let resolved = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM findings g WHERE g.run_id = ? AND NOT EXISTS (
                  SELECT 1 FROM findings f WHERE f.run_id = ? AND f.code = g.code AND f.subject = g.subject)
                """, arguments: [previous, runID]) ?? 0
            let newExclusions = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM decisions d WHERE d.run_id = ? AND d.outcome IN ('excluded', 'not-added')
                  AND d.id_number IS NOT NULL AND NOT EXISTS (
                  SELECT 1 FROM decisions e WHERE e.run_id = ? AND e.id_number = d.id_number
                    AND e.outcome IN ('excluded', 'not-added'))
                """, arguments: [runID, previous]) ?? 0
            since = SinceLastRun(previousRun: previous, newFindings: newFindings, resolvedFindings: resolved, newExclusions: newExclusions)
        }
        var recorded = summary
        recorded.sinceLastRun = since
        let text = String(decoding: try JSONEncoder.sorted.encode(recorded), as: UTF8.self)
        try db.execute(
            sql: "UPDATE runs SET summary = ?, exit_status = ?, duration_ms = ? WHERE id = ?",
            arguments: [text, Int(summary.exitStatus), duration, runID])
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
