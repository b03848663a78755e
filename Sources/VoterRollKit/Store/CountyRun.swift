import Foundation

/// A township's latest run for one election day, as the county's shared store holds it: what
/// `voterroll county-report` reads.
public struct CountyRun: Sendable, Equatable {
    public var township: String
    public var run: Int64
    public var pipeline: String
    public var startedAt: String
    public var exitStatus: Int?
    /// The run's summary.json (with its statistics form); nil when it cannot be read.
    public var summary: RunSummary?
    /// Rows this township's run excluded because another township holds the person.
    public var excludedHeldElsewhere: Int
    /// Rows other townships' latest runs excluded because this township holds the person.
    public var heldExcludedElsewhere: Int

    public init(
        township: String, run: Int64, pipeline: String, startedAt: String, exitStatus: Int?, summary: RunSummary?,
        excludedHeldElsewhere: Int, heldExcludedElsewhere: Int
    ) {
        self.township = township
        self.run = run
        self.pipeline = pipeline
        self.startedAt = startedAt
        self.exitStatus = exitStatus
        self.summary = summary
        self.excludedHeldElsewhere = excludedHeldElsewhere
        self.heldExcludedElsewhere = heldExcludedElsewhere
    }

    /// Reads a summary as the store keeps it (summary.json's text).
    public static func summary(json: String?) -> RunSummary? {
        guard let json else { return nil }
        return try? JSONDecoder().decode(RunSummary.self, from: Data(json.utf8))
    }

    /// Joins the latest runs with the conflict counts by township (`StoreSQL.countyConflicts`).
    public static func joined(
        runs: [(run: Int64, township: String, pipeline: String, startedAt: String, exitStatus: Int?, summary: String?)],
        excluded: [String: Int], held: [String: Int]
    ) -> [CountyRun] {
        runs.map { row in
            CountyRun(
                township: row.township, run: row.run, pipeline: row.pipeline, startedAt: row.startedAt, exitStatus: row.exitStatus,
                summary: summary(json: row.summary), excludedHeldElsewhere: excluded[row.township] ?? 0,
                heldExcludedElsewhere: held[row.township] ?? 0)
        }
    }
}

/// A county's shared store read by `county-report`: opened read-only, never created or migrated.
public protocol CountyStore: AnyObject {
    /// Each township's latest finished run for the election day, by township name.
    func latestRuns(electionDay: String) throws -> [CountyRun]
}
