import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// The run store in one SQLite file through GRDB: the default, with no set-up.
///
/// A run is recorded in one transaction: a run killed midway leaves the store as it was. The
/// file holds full ID numbers, so it is created 0600. Runs sharing the file wait for each
/// other's transaction, so townships sharing one file take turns (`TownshipRegistry`).
public final class SQLiteRunStore: RunStore, @unchecked Sendable {
    public let path: String
    public var location: String { path }
    private let queue: DatabaseQueue

    public init(path: String) throws {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Two pipelines may share one store: the second waits for the first's transaction
        // instead of failing at once.
        configuration.busyMode = .timeout(600)
        configuration.prepareDatabase { db in
            // WAL: a run's big transaction does not block `history`/`explain` readers, and a
            // killed run leaves the last committed state. NORMAL sync is safe with WAL.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // A run is one transaction of a million decisions: with SQLite's default 2,000-page
            // cache it spilled pages to the WAL and read them back (perf: pwrite/pread 12% of the
            // run). 32 MiB took the recorded 1 M-row check from 20.7 s to 17.4 s, peak RSS 263 →
            // 285 MB (128 MiB: 16.3 s but 379 MB, over the 300 MB aim).
            try db.execute(sql: "PRAGMA cache_size = -32768")
            // No checkpoint inside the run's COMMIT: SQLite's automatic one copies the whole
            // WAL (hundreds of megabytes after a million-row run) into the file before COMMIT
            // returns, and until it returns the outputs swapped in for this run cannot be
            // made final (`OutputSwap.finish`); a run killed then left a recorded run whose
            // outputs the next run took back. The checkpoint happens when the store is closed,
            // after the outputs are final (SQLite checkpoints as its last connection closes).
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            // Switching to WAL needs the database to itself and does not wait for a busy
            // handler; it is persistent, so only a new store switches (see below).
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
        }
        // Opening (the switch to WAL) and migrating are not safe against another process doing
        // the same at the same moment (SQLite neither waits for the WAL switch nor serialises
        // two migrators): two runs sharing a new store take turns here. The lock is on the
        // store's folder itself, so no lock file is left beside the store, and none can be
        // planted there as a link.
        let folder = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 { flock(folder, LOCK_EX) }
        defer {
            if folder >= 0 {
                flock(folder, LOCK_UN)
                close(folder)
            }
        }
        // Created 0600 before SQLite opens it (the store holds full ID numbers), and never
        // replaced: O_EXCL leaves a store another run has just created alone; O_NOFOLLOW
        // refuses a dangling link planted at the store's name.
        let created = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if created >= 0 {
            close(created)
        } else if errno != EEXIST {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        } else {
            try StoreFileCheck.requireVoterRollStore(at: path)
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try StoreSchema.repairEarlyV1(queue)
        try StoreSchema.migrator().migrate(queue)
        try queue.write { db in
            try db.execute(sql: "PRAGMA application_id = \(StoreFileCheck.applicationID)")
            try db.execute(sql: "PRAGMA user_version = \(StoreSchema.migrations.count)")
        }
        StoreFileCheck.keepPrivate(path)
    }

    /// Runs `body` with a recorder inside one transaction, committed when `body` returns.
    ///
    /// `body` runs on a thread of its own while this one, which holds the transaction, writes
    /// what it records (`PipelinedExecutor`): the store takes its rows on the second core.
    public func record<T>(_ body: (any RunRecorder) throws -> T) throws -> T {
        var result: T?
        try queue.inTransaction { db in
            result = try PipelinedExecutor.run(on: SQLiteExecutor(db)) { pipe in try body(StoreRecorder(pipe)) }
            return .commit
        }
        guard let result else { throw CocoaError(.coderInvalidValue) }
        return result
    }

    /// Every run, oldest first.
    public func history() throws -> [RunStoreEntry] {
        try queue.read { db in
            // Counts come from the recorded summary: counting a million decisions per run would
            // need an index that slows every insert.
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.id, r.pipeline, r.township, r.election_day, r.started_at, r.duration_ms, r.exit_status,
                  coalesce(json_extract(r.summary, '$.registered'), 0) AS kept,
                  coalesce(json_extract(r.summary, '$.excluded'), 0) + coalesce(json_extract(r.summary, '$.not_added'), 0) AS excluded,
                  (SELECT coalesce(sum(value), 0) FROM json_each(r.summary, '$.by_severity')) AS findings
                FROM runs r ORDER BY r.id
                """)
            return rows.map { row in
                RunStoreEntry(
                    id: row["id"], pipeline: row["pipeline"], township: row["township"], electionDay: row["election_day"],
                    startedAt: row["started_at"], durationMilliseconds: row["duration_ms"], exitStatus: row["exit_status"],
                    kept: row["kept"], excluded: row["excluded"], findings: row["findings"])
            }
        }
    }

    /// Every decision ever made about an ID number (canonical 18 characters), oldest first.
    public func explain(idNumber: String) throws -> [RunStoreExplanation] {
        try queue.read { db in
            let decisions = try Row.fetchAll(db, sql: StoreSQL.explainDecisions, arguments: [idNumber])
            return try decisions.map { row in
                let run: Int64 = row["run_id"]
                let file: String = row["file"]
                let input: Int64 = row["input_id"]
                let sheet: String? = row["sheet"]
                let line: Int = row["row"]
                let findings = try Row.fetchAll(
                    db, sql: StoreSQL.explainFindings(.sqlite), arguments: [run, idNumber, input, line])
                return RunStoreExplanation(
                    run: run, startedAt: row["started_at"], pipeline: row["pipeline"], electionDay: row["election_day"],
                    outcome: row["outcome"], name: row["name"],
                    source: CellAddress(file: file, sheet: sheet, row: line).rowReference + " (\(file))",
                    constituency: row["constituency"],
                    findings: findings.map { ($0["code"], $0["severity"], $0["cell"], $0["value"], $0["evidence"]) })
            }
        }
    }

    /// Findings about an ID on list rows (the lists that named the person), oldest first.
    public func listFindings(idNumber: String) throws -> [(run: Int64, code: String, cell: String, evidence: String?)] {
        try queue.read { db in
            try Row.fetchAll(db, sql: StoreSQL.listFindings(.sqlite), arguments: [idNumber]).map { ($0["run_id"], $0["code"], $0["cell"], $0["evidence"]) }
        }
    }
}

extension SQLiteRunStore: AuditLog {
    public func appendAudit(_ entry: AuditEntry) throws {
        try queue.write { db in
            try db.execute(sql: StoreSQL.appendAudit, arguments: [entry.at, entry.username, entry.township, entry.action, entry.detail])
        }
    }

    public func auditEntries(township: String?, limit: Int) throws -> [AuditEntry] {
        try queue.read { db in
            try Row.fetchAll(db, sql: StoreSQL.auditEntries, arguments: [township, township, limit]).map { row in
                AuditEntry(at: row["at"], username: row["username"], township: row["township"], action: row["action"], detail: row["detail"])
            }
        }
    }
}
