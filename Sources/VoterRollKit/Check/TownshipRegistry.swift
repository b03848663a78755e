/// The people other townships of one county hold on their clean rolls for the same election,
/// when their runs share a store (`township:` in the pipeline, `--township` for `check`).
///
/// The rule: **the earlier registration stays.** A person another township already holds is
/// excluded here with `dup.same-id`, the evidence naming that township and the row it holds
/// them on; the other township hears of it on its next run (a `dup.same-id` about this
/// township's excluded row, with this township's name). Who was earlier is decided by the
/// store: a person is held by the township whose run first recorded them, under a unique key
/// per election and ID, so two townships running at once cannot both keep one person (the run
/// that loses the race is run again; see `TownshipRegistry.Race`).
///
/// Filled by the store's recorder before the register is read; the engine asks it about each
/// kept person and tells it who it kept and whom it excluded, which the recorder then records.
public final class TownshipRegistry: @unchecked Sendable {
    /// Where another township holds a person.
    public struct Holder: Sendable, Equatable {
        public var township: String
        /// The row that township holds them on, as its run recorded it (e.g. `roll.csv:12`).
        public var row: String

        public init(township: String, row: String) {
            self.township = township
            self.row = row
        }

        /// The finding's evidence: the township and its row.
        var evidence: String { "\(township) \(row)" }
    }

    /// A row another township excluded because this township holds the person: that
    /// township's name and its `dup.same-id` finding, as its run recorded it.
    public struct ExcludedElsewhere: Sendable, Equatable {
        public var township: String
        public var finding: Finding

        public init(township: String, finding: Finding) {
            self.township = township
            self.finding = finding
        }
    }

    /// A person this run kept: what the store claims for this township.
    public struct Claim: Sendable, Equatable {
        public var idNumber: String
        public var row: String
    }

    /// A person this run excluded because another township holds them.
    public struct Exclusion: Sendable, Equatable {
        public var holder: Holder
        public var finding: Finding
    }

    /// Thrown by the recorder when, between this run's start and its end, another township's
    /// run recorded someone this run kept: the run's record is rolled back and it runs again,
    /// now seeing that claim.
    public struct Race: Error, CustomStringConvertible, Sendable {
        public var township: String
        public var people: Int

        public init(township: String, people: Int) {
            self.township = township
            self.people = people
        }

        public var description: String {
            "another township's run recorded \(people) of the people \(township) keeps while this run was going on"
        }
    }

    public let township: String
    private let holders: [String: Holder]
    private let excludedElsewhere: [ExcludedElsewhere]
    public private(set) var claims: [Claim] = []
    public private(set) var exclusions: [Exclusion] = []

    public init(township: String, holders: [String: Holder], excludedElsewhere: [ExcludedElsewhere]) {
        self.township = township
        self.holders = holders
        self.excludedElsewhere = excludedElsewhere
    }

    /// Decides a person who is still kept after this run's own duplicate check: excluded
    /// (`dup.same-id`) when another township holds them, else claimed for this township.
    func decide(_ person: inout PersonRecord, id: ResidentID) {
        let row = person.source.rowReference
        if let holder = holders[id.canonical] {
            person.report(.dupSameId, at: person.rawID, evidence: holder.evidence)
            if let finding = person.findings.last {
                exclusions.append(Exclusion(holder: holder, finding: finding))
            }
        } else {
            claims.append(Claim(idNumber: id.canonical, row: row))
        }
    }

    /// The other side of the rule: the rows other townships excluded because this township
    /// holds the person, for the people this run still keeps, each with its evidence naming
    /// that township and the row kept here. Asked once the roll is complete.
    func findingsForKeptPeople() -> [Finding] {
        guard !excludedElsewhere.isEmpty else { return [] }
        let wanted = Set(excludedElsewhere.compactMap(\.finding.idNumber))
        var keptRow: [String: String] = [:]
        for claim in claims where wanted.contains(claim.idNumber) { keptRow[claim.idNumber] = claim.row }
        return excludedElsewhere.compactMap { excluded in
            guard let id = excluded.finding.idNumber, let kept = keptRow[id] else { return nil }
            var finding = excluded.finding
            finding.evidence = "\(excluded.township); \(township) \(kept)"
            return finding
        }
    }
}
