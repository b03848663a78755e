import Foundation

/// The statements both stores run the same way, so that each rule lives in one place
/// (`StoreRecorder` runs them in order; the tables a run appends rows to, with each row's
/// values, are in `StoreSQL+Tables.swift`). Parameters are `?`; PostgreSQL's store numbers them.
///
/// **Since the last run** (`SinceLastRun`): the previous recorded run of the same job and
/// township, and what differs from it.
///
/// The joins name the run's temporary table first with `CROSS JOIN`, which SQLite takes as
/// the loop order: the store is probed for the run's own people (its primary key), rather than
/// every person the county holds being scanned (measured: the 30th township of 30 × 40,000
/// spent seconds scanning). PostgreSQL plans the same either way.
///
/// **Townships** (`TownshipRegistry`): a run fills the temporary table `claim` (id_number, row_reference) with the people it keeps,
/// then, in its transaction: releases the people it no longer keeps, claims the rest where no
/// other township holds them yet (the primary key decides: the earlier registration stays),
/// and counts the claims it lost to a township whose run committed in the meantime.
public enum StoreSQL {
    /// (pipeline, township, election_day, started_at, version, options): opens a run.
    static let insertRun = "INSERT INTO runs (pipeline, township, election_day, started_at, version, options) VALUES (?, ?, ?, ?, ?, ?)"

    /// (run_id, role, path, size, sha256): one of the run's inputs, which its decisions and
    /// findings refer to instead of repeating the path a million times.
    static let insertInput = "INSERT INTO inputs (run_id, role, path, size, sha256) VALUES (?, ?, ?, ?, ?)"

    /// (run_id, pipeline, township): the same job's previous finished run, if any.
    public static let previousRun = """
        SELECT max(id) FROM runs WHERE id < ? AND summary IS NOT NULL AND pipeline = ?
          AND coalesce(township, '') = coalesce(?, '')
        """

    /// (run_id, previous_run_id): findings this run has that the previous did not.
    public static let newFindings = """
        SELECT count(*) FROM findings f WHERE f.run_id = ? AND NOT EXISTS (
          SELECT 1 FROM findings g WHERE g.run_id = ? AND g.code = f.code AND g.subject = f.subject)
        """

    /// (previous_run_id, run_id): findings the previous run had that this one does not.
    public static let resolvedFindings = """
        SELECT count(*) FROM findings g WHERE g.run_id = ? AND NOT EXISTS (
          SELECT 1 FROM findings f WHERE f.run_id = ? AND f.code = g.code AND f.subject = g.subject)
        """

    /// (run_id, previous_run_id): people excluded now who were not before.
    public static let newExclusions = """
        SELECT count(*) FROM decisions d WHERE d.run_id = ? AND d.outcome IN ('excluded', 'not-added')
          AND d.id_number IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM decisions e WHERE e.run_id = ? AND e.id_number = d.id_number
            AND e.outcome IN ('excluded', 'not-added'))
        """

    /// (id_number): every decision about a person, oldest first (`voterroll explain`).
    public static let explainDecisions = """
        SELECT d.run_id, r.started_at, r.pipeline, r.election_day, d.outcome, d.name, d.input_id, i.path AS file,
          d.sheet, d.row, d.constituency
        FROM decisions d JOIN runs r ON r.id = d.run_id JOIN inputs i ON i.id = d.input_id
        WHERE d.id_number = ? ORDER BY d.run_id, i.path, d.row
        """

    /// (run_id, id_number, input_id, row): the findings behind one decision, in the order found.
    public static func explainFindings(_ dialect: StoreSchema.Dialect) -> String {
        """
        SELECT code, severity, cell, value, evidence FROM findings
        WHERE run_id = ? AND id_number = ? AND input_id = ? AND row = ? ORDER BY \(dialect.findingSequence)
        """
    }

    /// (id_number): findings about a person on list rows (no decision of theirs), oldest first.
    public static func listFindings(_ dialect: StoreSchema.Dialect) -> String {
        """
        SELECT f.run_id, f.code, f.cell, f.evidence FROM findings f
        WHERE f.id_number = ? AND NOT EXISTS (
          SELECT 1 FROM decisions d WHERE d.run_id = f.run_id AND d.input_id IS NOT DISTINCT FROM f.input_id AND d.row = f.row)
        ORDER BY f.run_id, f.\(dialect.findingSequence)
        """
    }

    /// What changed since `previous`, counted by `count` (a store's "first column of the first
    /// row", given the statement and its run numbers): the three queries above, each with its
    /// runs in the order it needs.
    public static func sinceLastRun(
        run: Int64, previous: Int64, count: (String, [Int64]) throws -> Int
    ) rethrows -> SinceLastRun {
        SinceLastRun(
            previousRun: previous,
            newFindings: try count(newFindings, [run, previous]),
            resolvedFindings: try count(resolvedFindings, [previous, run]),
            newExclusions: try count(newExclusions, [run, previous]))
    }

    /// (summary, exit_status, duration_ms, run_id): closes a run.
    public static let closeRun = "UPDATE runs SET summary = ?, exit_status = ?, duration_ms = ? WHERE id = ?"

    /// What a finding is about, stable across runs: the person when known, else the cell.
    public static func subject(of finding: Finding) -> String {
        finding.idNumber ?? "\(finding.address.file)|\(finding.address.cell)"
    }

    /// JSON with sorted keys, as the store keeps options and summaries.
    public static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder.sorted.encode(value), as: UTF8.self)
    }

    /// Who of the run's people (the temporary table `candidate`) other townships hold:
    /// (election_day, township) → id_number, township, row_reference.
    public static let holders = """
        SELECT r.id_number, r.township, r.row_reference FROM candidate c CROSS JOIN registrations r
        WHERE r.election_day = ? AND r.id_number = c.id_number AND r.township <> ?
        """

    /// The rows other townships' latest runs excluded because this township holds the person:
    /// (election_day, kept_township).
    public static let excludedElsewhere = """
        SELECT excluded_township, id_number, file, sheet, row, column_number, column_name, value, name
        FROM township_conflicts WHERE election_day = ? AND kept_township = ? ORDER BY excluded_township, file, row
        """

    /// (election_day, township): the people this township held and keeps no more.
    public static let release = """
        DELETE FROM registrations WHERE election_day = ? AND township = ?
          AND id_number NOT IN (SELECT id_number FROM claim)
        """

    /// (election_day, township, run_id): claims everyone in `claim` nobody else holds; this
    /// township's own rows move to this run.
    public static let claim = """
        INSERT INTO registrations (election_day, id_number, township, run_id, row_reference)
        SELECT ?, id_number, ?, ?, row_reference FROM claim WHERE true ORDER BY id_number
        ON CONFLICT (election_day, id_number) DO UPDATE SET run_id = excluded.run_id, row_reference = excluded.row_reference
          WHERE registrations.township = excluded.township
        """

    /// (election_day, township): claims lost, because another township holds the person.
    public static let lost = """
        SELECT count(*) FROM claim c CROSS JOIN registrations r
        WHERE r.election_day = ? AND r.id_number = c.id_number AND r.township <> ?
        """

    /// (election_day, excluded_township): forgets what this township's last run excluded.
    public static let forgetExclusions = "DELETE FROM township_conflicts WHERE election_day = ? AND excluded_township = ?"
}

extension JSONEncoder {
    /// Keys sorted, so stored JSON and output files are the same from run to run.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
