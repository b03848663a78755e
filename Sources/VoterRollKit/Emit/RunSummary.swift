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
    /// People added to the roll besides the register: in-migrants with a voter certificate,
    /// and people an upheld appeal (漏登) brought (`appeals`).
    public var added = 0
    /// People besides the register not added (an in-migrant without a certificate, or anyone
    /// a check excluded).
    public var notAdded = 0
    /// Of `added` and `notAdded`, those an appeal brought; nil when the run had no appeals list.
    public var appeals: AppealCounts?

    /// The people upheld 漏登 appeals brought to the run.
    public struct AppealCounts: Codable, Sendable, Equatable {
        public var added = 0
        public var notAdded = 0

        public init(added: Int = 0, notAdded: Int = 0) {
            self.added = added
            self.notAdded = notAdded
        }

        enum CodingKeys: String, CodingKey {
            case added
            case notAdded = "not_added"
        }
    }

    /// In-migrants added and not added (`added` and `notAdded` less the appeals').
    public var inMigrantsAdded: Int { added - (appeals?.added ?? 0) }
    public var inMigrantsNotAdded: Int { notAdded - (appeals?.notAdded ?? 0) }
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
        case appeals
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
