/// The counts of one run, written as `summary.json` and printed at the end.
///
/// The accounting always closes: for the register, rows read = header + title + blank +
/// skipped (sheets without a header) + kept + excluded, per file and in total.
public struct RunSummary: Codable, Sendable, Equatable {
    /// Where one input file's rows went.
    public struct InputCounts: Codable, Sendable, Equatable {
        public var file: String
        /// `roll` or a list kind (`deprived`, `moved_in`…).
        public var role: String
        public var rows: RowCounts
        /// Register rows (and in-migrants added) kept on the clean roll.
        public var kept: Int
        /// Register rows excluded (and in-migrants not added).
        public var excluded: Int

        enum CodingKeys: String, CodingKey {
            case file, role, rows, kept, excluded
        }
    }

    /// Kept and excluded people of one constituency (选区).
    public struct ConstituencyCounts: Codable, Sendable, Equatable {
        public var kept = 0
        public var excluded = 0
    }

    public var electionDay: String
    public var version: String
    public var inputs: [InputCounts] = []
    /// The register's rows, all files together.
    public var rows = RowCounts()
    /// Register rows kept on the clean roll.
    public var kept = 0
    /// Register rows excluded.
    public var excluded = 0
    /// In-migrants with a voter certificate added to the roll.
    public var added = 0
    /// In-migrants not added (no certificate, or a check excluded them).
    public var notAdded = 0
    /// People on the clean roll.
    public var registered = 0
    /// People the register and the added in-migrants list.
    public var population = 0
    public var byCode: [String: Int] = [:]
    public var bySeverity: [String: Int] = [:]
    public var byConstituency: [String: ConstituencyCounts] = [:]
    /// Whether every register row is accounted for (it always should be).
    public var accountingCloses = true
    /// What changed since the previous run recorded in the store; nil on the first run.
    public var sinceLastRun: SinceLastRun?
    /// 0, or 1 when findings reach `--fail-on`.
    public var exitStatus: Int32 = 0
    /// The registration statistics form (statistics.csv), per constituency and in total.
    public var statistics: StatisticsForm?

    public init(electionDay: String) {
        self.electionDay = electionDay
        self.version = VoterRollVersion.current
    }

    enum CodingKeys: String, CodingKey {
        case electionDay = "election_day"
        case version, inputs, rows, kept, excluded, added, registered, population
        case notAdded = "not_added"
        case byCode = "by_code"
        case bySeverity = "by_severity"
        case byConstituency = "by_constituency"
        case accountingCloses = "accounting_closes"
        case exitStatus = "exit_status"
        case sinceLastRun = "since_last_run"
        case statistics
    }

    /// Whether an input's rows close: read = header + title + blank + skipped + kept + excluded.
    static func closes(_ input: InputCounts) -> Bool {
        input.rows.isBalanced && input.rows.dataRows == input.kept + input.excluded
    }
}
