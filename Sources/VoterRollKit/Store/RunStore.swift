/// The run history: every run with its inputs, options and counts, and every person's
/// decision with its findings and sources — so an appeal (申诉) can be answered with
/// `voterroll explain`, and each night's run can say what changed since the last.
///
/// Two implementations share one schema (`StoreSchema`): `SQLiteRunStore`, a file next to the
/// outputs, and the PostgreSQL store of the `VoterRollPostgres` module, which several
/// townships of a county share.
public protocol RunStore: AnyObject, Sendable {
    /// The store as a person would name it (a path, or a URL without its password).
    var location: String { get }
    /// Runs `body` with a recorder inside one transaction, committed when `body` returns and
    /// rolled back when it throws.
    func record<T>(_ body: (any RunRecorder) throws -> T) throws -> T
    /// Every run, oldest first.
    func history() throws -> [RunStoreEntry]
    /// Every decision ever made about an ID number (canonical 18 characters), oldest first.
    func explain(idNumber: String) throws -> [RunStoreExplanation]
    /// Findings about an ID on list rows (the lists that named the person), oldest first.
    func listFindings(idNumber: String) throws -> [(run: Int64, code: String, cell: String, evidence: String?)]
}

/// One recorded run, for `voterroll history`.
public struct RunStoreEntry: Sendable, Equatable {
    public var id: Int64
    public var pipeline: String
    /// The township, for a run that took part in the cross-township check.
    public var township: String?
    public var electionDay: String
    public var startedAt: String
    public var durationMilliseconds: Int?
    public var exitStatus: Int?
    public var kept: Int
    public var excluded: Int
    public var findings: Int

    public init(
        id: Int64, pipeline: String, township: String?, electionDay: String, startedAt: String,
        durationMilliseconds: Int?, exitStatus: Int?, kept: Int, excluded: Int, findings: Int
    ) {
        self.id = id
        self.pipeline = pipeline
        self.township = township
        self.electionDay = electionDay
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
        self.exitStatus = exitStatus
        self.kept = kept
        self.excluded = excluded
        self.findings = findings
    }
}

/// One decision about a person in one run, with the findings behind it.
public struct RunStoreExplanation: Sendable, Equatable {
    public var run: Int64
    public var startedAt: String
    public var pipeline: String
    public var electionDay: String
    public var outcome: String
    public var name: String?
    public var source: String
    public var constituency: String
    /// Code, severity, cell, value and evidence (the list file and row) of each finding.
    public var findings: [(code: String, severity: String, cell: String, value: String, evidence: String?)]

    public init(
        run: Int64, startedAt: String, pipeline: String, electionDay: String, outcome: String, name: String?,
        source: String, constituency: String,
        findings: [(code: String, severity: String, cell: String, value: String, evidence: String?)]
    ) {
        self.run = run
        self.startedAt = startedAt
        self.pipeline = pipeline
        self.electionDay = electionDay
        self.outcome = outcome
        self.name = name
        self.source = source
        self.constituency = constituency
        self.findings = findings
    }

    public static func == (lhs: RunStoreExplanation, rhs: RunStoreExplanation) -> Bool {
        lhs.run == rhs.run && lhs.outcome == rhs.outcome && lhs.source == rhs.source
            && lhs.findings.map(\.code) == rhs.findings.map(\.code)
    }
}
