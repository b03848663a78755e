import PostgresNIO
public import VoterRollKit

/// A county's PostgreSQL store, read-only: `county-report` connects in a read-only session
/// (`default_transaction_read_only`), never creates or migrates the tables, and refuses a
/// database that is not a VoterRoll store.
public final class PostgresCountyStore: CountyStore, @unchecked Sendable {
    public let location: String
    private let url: PostgresConnectionURL

    public init(url text: String) throws {
        url = try PostgresConnectionURL(text)
        location = url.redacted
        try withSession { session in
            let tables = try session.texts("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
            guard tables.contains("schema_migrations"), tables.contains("runs") else {
                throw PostgresStoreError(
                    message: "the database is not a VoterRoll run store (no runs recorded); county-report only reads a store that townships' runs wrote")
            }
        }
    }

    private func withSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let session = try PostgresSession(url)
        defer { session.close() }
        try session.query("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        return try body(session)
    }

    public func latestRuns(electionDay: String) throws -> [CountyRun] {
        try withSession { session in
            let migrations = try session.texts("SELECT identifier FROM schema_migrations")
            guard migrations.contains(StoreSchema.migrations[1].name) else { return [] }
            let runs = try session.query(StoreSQL.countyLatestRuns, [electionDay]).map { row in
                let (run, township, pipeline, started, status, summary) =
                    try row.decode((Int64, String, String, String, Int?, String?).self)
                return (run: run, township: township, pipeline: pipeline, startedAt: started, exitStatus: status, summary: summary)
            }
            func counts(_ sql: String) throws -> [String: Int] {
                var result: [String: Int] = [:]
                for row in try session.query(sql, [electionDay]) {
                    let (township, count) = try row.decode((String, Int).self)
                    result[township] = count
                }
                return result
            }
            return CountyRun.joined(
                runs: runs, excluded: try counts(StoreSQL.countyExcludedHeldElsewhere),
                held: try counts(StoreSQL.countyHeldExcludedElsewhere))
        }
    }
}
