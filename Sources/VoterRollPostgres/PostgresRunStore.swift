import PostgresNIO
public import VoterRollKit

/// The run store on PostgreSQL (`--store postgres://…`): the same tables and migrations as the
/// SQLite store (`StoreSchema`), for a county whose townships share one register so that a
/// person kept by two townships is found (`TownshipRegistry`).
///
/// Each run is one transaction on its own connection: a killed run leaves nothing, and two
/// townships running at once cannot both keep a person (the `registrations` key; the run that
/// loses is run again). The database holds full ID numbers: give its role only to the offices.
public final class PostgresRunStore: RunStore, @unchecked Sendable {
    public let location: String
    private let url: PostgresConnectionURL

    /// Connects once to check the URL and bring the schema up to date.
    public init(url text: String) throws {
        url = try PostgresConnectionURL(text)
        location = url.redacted
        try withSession { session in try Self.migrate(session) }
    }

    /// Whether a `--store` value names a PostgreSQL store rather than an SQLite file.
    public static func isPostgres(_ location: String) -> Bool {
        PostgresConnectionURL.isPostgres(location)
    }

    /// A store URL with its password replaced by `***`, for messages.
    public static func redact(_ location: String) -> String {
        PostgresConnectionURL.redact(location)
    }

    /// Creates an empty database on the server a URL names (its own database is not used),
    /// e.g. one per township test run or benchmark.
    public static func createDatabase(_ name: String, server: String) throws {
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw PostgresStoreError(message: "'\(name)' is not a plain database name")
        }
        let session = try PostgresSession(try PostgresConnectionURL(server))
        defer { session.close() }
        try session.query("CREATE DATABASE \(name)")
    }

    private func withSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let session = try PostgresSession(url)
        defer { session.close() }
        return try body(session)
    }

    /// Throws unless the database is empty or a VoterRoll store: another program's tables are
    /// never joined by ours (the `--store` URL named the wrong database).
    private static func requireVoterRollDatabase(_ session: PostgresSession) throws {
        let tables = try session.texts("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
        guard !tables.isEmpty else { return }
        let known = StoreSchema.migrations.map(\.name)
        let applied = tables.contains("schema_migrations") ? try session.texts("SELECT identifier FROM schema_migrations") : []
        if applied.contains(known[0]), !Set(applied).isSubset(of: known) {
            // A newer VoterRoll migrated it: its tables are not ours to read or write.
            throw PostgresStoreError(
                message: "the database is a store of a newer VoterRoll (schema \(applied.count); this voterroll \(VoterRollVersion.current) knows up to \(known.count)): upgrade voterroll to open it; this version leaves it untouched")
        }
        guard applied.contains(known[0]) else {
            throw PostgresStoreError(
                message: "the database holds tables that are not a VoterRoll run store (\(tables.sorted().prefix(5).joined(separator: ", "))); VoterRoll leaves it untouched: name an empty database or a VoterRoll store")
        }
    }

    /// Applies the migrations not yet applied, one migrator at a time (an advisory lock), in
    /// one transaction.
    private static func migrate(_ session: PostgresSession) throws {
        try session.query("BEGIN")
        do {
            try session.query("SELECT pg_advisory_xact_lock(7865736201)")
            try requireVoterRollDatabase(session)
            try session.execute("CREATE TABLE IF NOT EXISTS schema_migrations (identifier TEXT PRIMARY KEY)")
            let applied = Set(try session.query("SELECT identifier FROM schema_migrations").map { try $0.decode(String.self) })
            for migration in StoreSchema.migrations where !applied.contains(migration.name) {
                try session.execute(migration.sql(.postgres))
                try session.query("INSERT INTO schema_migrations (identifier) VALUES (?)", [migration.name])
            }
            try session.query("COMMIT")
        } catch {
            _ = try? session.query("ROLLBACK")
            throw error
        }
    }

    public func record<T>(_ body: (any RunRecorder) throws -> T) throws -> T {
        try withSession { session in
            // A claim waits for another township's transaction holding the same person; not forever.
            try session.query("SET lock_timeout = '600s'")
            try session.query("BEGIN")
            do {
                let result = try body(StoreRecorder(PostgresExecutor(session)))
                try session.query("COMMIT")
                return result
            } catch let error as PostgresStoreError where error.sqlState == "40P01" {
                // Two townships claiming overlapping people in a different order: PostgreSQL
                // broke the deadlock by failing this run's transaction. Running again decides it.
                _ = try? session.query("ROLLBACK")
                throw TownshipRegistry.Race(township: "this township", people: 0)
            } catch {
                _ = try? session.query("ROLLBACK")
                throw error
            }
        }
    }

    public func history() throws -> [RunStoreEntry] {
        try withSession { session in
            try session.query("""
                SELECT r.id, r.pipeline, r.township, r.election_day, r.started_at, r.duration_ms, r.exit_status,
                  coalesce((r.summary::jsonb ->> 'registered')::bigint, 0),
                  coalesce((r.summary::jsonb ->> 'excluded')::bigint, 0) + coalesce((r.summary::jsonb ->> 'not_added')::bigint, 0),
                  (SELECT coalesce(sum(value::bigint), 0) FROM jsonb_each_text(coalesce(r.summary::jsonb -> 'by_severity', '{}'::jsonb)))::bigint
                FROM runs r ORDER BY r.id
                """
            ).map { row in
                let (id, pipeline, township, day, started, duration, status, kept, excluded, findings) =
                    try row.decode((Int64, String, String?, String, String, Int?, Int?, Int, Int, Int).self)
                return RunStoreEntry(
                    id: id, pipeline: pipeline, township: township, electionDay: day, startedAt: started,
                    durationMilliseconds: duration, exitStatus: status, kept: kept, excluded: excluded, findings: findings)
            }
        }
    }

    public func explain(idNumber: String) throws -> [RunStoreExplanation] {
        try withSession { session in
            let decisions = try session.query(StoreSQL.explainDecisions, [idNumber])
            return try decisions.map { row in
                let (run, started, pipeline, day, outcome, name, input, file, sheet, line, constituency) =
                    try row.decode((Int64, String, String, String, String, String?, Int64, String, String?, Int, String).self)
                let findings = try session.query(StoreSQL.explainFindings(.postgres), [run, idNumber, input, line]).map { try $0.decode((String, String, String, String, String?).self) }
                return RunStoreExplanation(
                    run: run, startedAt: started, pipeline: pipeline, electionDay: day, outcome: outcome, name: name,
                    source: CellAddress(file: file, sheet: sheet, row: line).rowReference + " (\(file))",
                    constituency: constituency,
                    findings: findings.map { (code: $0.0, severity: $0.1, cell: $0.2, value: $0.3, evidence: $0.4) })
            }
        }
    }

    public func listFindings(idNumber: String) throws -> [(run: Int64, code: String, cell: String, evidence: String?)] {
        try withSession { session in
            try session.query(StoreSQL.listFindings(.postgres), [idNumber]).map { row in
                let (run, code, cell, evidence) = try row.decode((Int64, String, String, String?).self)
                return (run: run, code: code, cell: cell, evidence: evidence)
            }
        }
    }
}

extension PostgresRunStore: AuditLog {
    public func appendAudit(_ entry: AuditEntry) throws {
        try withSession { session in
            _ = try session.query(StoreSQL.appendAudit, [entry.at, entry.username, entry.township, entry.action, entry.detail])
        }
    }

    public func auditEntries(township: String?, limit: Int) throws -> [AuditEntry] {
        try withSession { session in
            try session.query(StoreSQL.auditEntries, [township, township, limit]).map { row in
                let (at, username, township, action, detail) = try row.decode((String, String, String, String, String).self)
                return AuditEntry(at: at, username: username, township: township, action: action, detail: detail)
            }
        }
    }
}
