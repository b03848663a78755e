/// Where a run's decisions go besides the output files: the store (SQLite), so an appeal can
/// be answered later with every decision about a person and its sources.
///
/// Called on the run's thread, in order: `begin`, then `record` for every decision and
/// finding, then `finish`. Throwing stops the run (the store failing is a tool failure).
public protocol RunRecorder: AnyObject {
    func begin(_ facts: RunFacts) throws
    func record(_ decision: DecisionRecord) throws
    func record(_ finding: Finding) throws
    /// Closes the run with its summary; returns what changed since the previous run, if any.
    func finish(_ summary: RunSummary) throws -> SinceLastRun?
    /// Called after `begin` when the run names its township: which of `candidates` (the
    /// canonical ID numbers the run will decide) other townships sharing the store hold for the
    /// same election. `finish` then records what the registry was told (people claimed,
    /// people excluded), or throws `TownshipRegistry.Race`.
    func registry(township: String, candidates: [String]) throws -> TownshipRegistry?
    /// The numbers of the documents of `kind` for `holders` (in their order), kept per election
    /// and person: a holder numbered before keeps their number, a new one gets the next of
    /// their group, and a person numbered before who is not among `holders` is retired (their
    /// number never given to anyone else). Called after `finish`, inside the run's transaction.
    func documentNumbers(_ kind: DocumentKind, township: String, holders: [DocumentHolder]) throws -> [String]
}

/// A document the office numbers: 选民证 (voter card) or 选民资格证明 (voter certificate).
public enum DocumentKind: String, Sendable, CaseIterable {
    case card
    case certificate

    /// The number as printed: a card's within its constituency (`0007`), a certificate's
    /// within the township, after the election's year (`2026-0007`).
    public func number(sequence: Int, electionDay: CivilDate) -> String {
        let digits = String(sequence)
        let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        switch self {
        case .card: return padded
        case .certificate: return "\(electionDay.year)-" + padded
        }
    }
}

/// Who holds a document: the canonical ID number and the group that numbers it (a card's
/// constituency; "" for a certificate).
public struct DocumentHolder: Sendable, Hashable {
    public var idNumber: String
    public var group: String

    public init(idNumber: String, group: String) {
        self.idNumber = idNumber
        self.group = group
    }
}

extension RunRecorder {
    /// A store not shared between townships knows of no other township.
    public func registry(township: String, candidates: [String]) throws -> TownshipRegistry? { nil }
}

/// What a run was given: for the record and the report.
public struct RunFacts: Sendable {
    public var pipeline: String
    public var electionDay: CivilDate
    public var startedAt: String
    public var inputs: [(role: String, digest: FileDigest)]
    public var options: [String: String]
    /// The township, when the run takes part in the cross-township check.
    public var township: String?

    public init(
        pipeline: String, electionDay: CivilDate, startedAt: String, inputs: [(role: String, digest: FileDigest)],
        options: [String: String], township: String? = nil
    ) {
        self.pipeline = pipeline
        self.township = township
        self.electionDay = electionDay
        self.startedAt = startedAt
        self.inputs = inputs
        self.options = options
    }
}

/// One person's decision in one run, as the store keeps it.
public struct DecisionRecord: Sendable, Hashable {
    public enum Outcome: String, Sendable, Codable {
        case kept
        case excluded
        /// An in-migrant added from the moved_in list.
        case added
        /// An in-migrant not added.
        case notAdded = "not-added"
    }

    public var idNumber: String?
    public var name: String?
    public var outcome: Outcome
    public var source: CellAddress
    public var constituency: String
    /// Every code the row got, in order found.
    public var codes: [FindingCode]

    public init(idNumber: String?, name: String?, outcome: Outcome, source: CellAddress, constituency: String, codes: [FindingCode]) {
        self.idNumber = idNumber
        self.name = name
        self.outcome = outcome
        self.source = source
        self.constituency = constituency
        self.codes = codes
    }
}

/// What changed since the previous run of the same output folder.
public struct SinceLastRun: Codable, Sendable, Equatable {
    /// The previous run's number in the store.
    public var previousRun: Int64
    /// Findings this run has that the previous did not (same code about the same person or cell).
    public var newFindings: Int
    /// Findings the previous run had that this one does not.
    public var resolvedFindings: Int
    /// People excluded now who were not excluded in the previous run.
    public var newExclusions: Int

    public init(previousRun: Int64, newFindings: Int, resolvedFindings: Int, newExclusions: Int) {
        self.previousRun = previousRun
        self.newFindings = newFindings
        self.resolvedFindings = resolvedFindings
        self.newExclusions = newExclusions
    }

    enum CodingKeys: String, CodingKey {
        case previousRun = "previous_run"
        case newFindings = "new_findings"
        case resolvedFindings = "resolved_findings"
        case newExclusions = "new_exclusions"
    }
}
