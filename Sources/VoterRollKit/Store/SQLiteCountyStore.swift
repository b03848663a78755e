import Foundation
import GRDB

/// A county's store in one SQLite file, read-only: `county-report` never creates, migrates or
/// writes the store (GRDB's read-only connection; a missing file or another program's database
/// is refused untouched, as `SQLiteRunStore` refuses it).
public final class SQLiteCountyStore: CountyStore {
    private let queue: DatabaseQueue

    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreFileCheck.NotAStore(path: path, reason: "does not exist (a township's run creates the store)")
        }
        try StoreFileCheck.requireVoterRollStore(at: path)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(60)
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    public func latestRuns(electionDay: String) throws -> [CountyRun] {
        try queue.read { db in
            let hasTownships = try db.columns(in: "runs").contains { $0.name == "township" }
            guard hasTownships else { return [] }
            let runs = try Row.fetchAll(db, sql: StoreSQL.countyLatestRuns, arguments: [electionDay]).map { row in
                (run: row[0] as Int64, township: row[1] as String, pipeline: row[2] as String, startedAt: row[3] as String,
                 exitStatus: row[4] as Int?, summary: row[5] as String?)
            }
            func counts(_ sql: String) throws -> [String: Int] {
                var result: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: sql, arguments: [electionDay]) { result[row[0]] = row[1] }
                return result
            }
            return CountyRun.joined(
                runs: runs, excluded: try counts(StoreSQL.countyExcludedHeldElsewhere),
                held: try counts(StoreSQL.countyHeldExcludedElsewhere))
        }
    }
}
