import Foundation
import GRDB

/// Records one run into the store's open transaction.
final class StoreRecorder: RunRecorder {
    private let db: Database
    private var runID: Int64 = 0
    private var startedAt = Date()

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
        }
    }

    func record(_ decision: DecisionRecord) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO decisions (run_id, id_number, name, outcome, file, sheet, row, constituency, codes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            runID, decision.idNumber, decision.name, decision.outcome.rawValue, decision.source.file,
            decision.source.sheet, decision.source.row, decision.constituency,
            decision.codes.map(\.rawValue).joined(separator: ";"),
        ])
    }

    func record(_ finding: Finding) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO findings (run_id, code, severity, file, sheet, row, column_name, cell, value, name, id_number, evidence, subject)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let address = finding.address
        // What a finding is about, stable across runs: the person when known, else the cell.
        let subject = finding.idNumber ?? "\(address.file)|\(address.cell)"
        try statement.execute(arguments: [
            runID, finding.code.rawValue, finding.severity.rawValue, address.file, address.sheet, address.row,
            finding.columnName, address.cell, finding.value, finding.name, finding.idNumber, finding.evidence, subject,
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

extension JSONEncoder {
    /// Keys sorted, so stored JSON and output files are the same from run to run.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
