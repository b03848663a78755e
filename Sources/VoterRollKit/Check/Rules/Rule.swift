/// The three kinds of rule. A rule reads the facts of the run and reports findings; it writes
/// nothing. Every rule is listed once in `RuleRegistry`, in the order the rules run, and a
/// rule that needs more than one moment of the run (e.g. collect while rows are decided,
/// report at the end) is one class conforming to each kind it needs.

/// Checks one person (a register row, or an in-migrant considered for the roll) before the
/// person is decided, and reports on the row (`person.report`); the row's findings reach the
/// outputs when the row is decided. Row rules never throw for bad data: findings are data.
/// They run in registry order, so a later rule can rely on what an earlier one filled in (the
/// ID rule sets `person.id`).
protocol RowRule: AnyObject {
    func check(_ person: inout PersonRecord, in context: CheckContext)
}

/// Sees each person once they are decided (kept or excluded), in the order decided.
protocol DecisionRule: AnyObject {
    func decided(_ person: PersonRecord, _ decision: Decision, in context: CheckContext, sink: any FindingSink) throws
}

/// Runs once every register row has been decided, over what the run knows, and reports
/// through the sink (about rows decided earlier, list rows, or changes).
protocol ClosingRule: AnyObject {
    func close(in context: CheckContext, sink: any FindingSink) throws
}

/// How a decided person came to the run.
enum PersonOrigin: Sendable, Equatable {
    /// A row of the register.
    case register
    /// An in-migrant from the moved_in list, checked like a register row.
    case inMigrant
    /// An in-migrant without a voter certificate: only their ID was read; not added.
    case inMigrantWithoutCertificate
    /// A person an upheld appeal (漏登) brings to the roll, checked like a register row.
    case appeal

    var isRegister: Bool { self == .register }
}

/// What was decided about one person.
struct Decision: Sendable, Equatable {
    var isKept: Bool
    var origin: PersonOrigin
    /// The person's position on the clean roll; nil when excluded.
    var rollRow: Int?
    /// Whether this is the first row of the run with this valid ID number that went through
    /// the row rules (a later one is a `dup.same-id`).
    var isFirstOccurrence: Bool
}

/// Which row a finding reported through the sink is about, for the report's tallies and the
/// roll's flags.
enum FindingRow: Sendable, Equatable {
    /// A row of a list (a bad list row, an unmatched entry, a proxy): no constituency.
    case list
    /// A person already decided: their constituency, and their roll position when kept (the
    /// finding's keep-code joins that row's flags).
    case person(constituency: String, rollRow: Int?)
}

/// The one route from a rule to findings.csv, findings.jsonl, the store, summary.json and the
/// report: `RunSink` fans each finding out to all of them.
protocol FindingSink: AnyObject {
    /// A finding about a row decided earlier, or about a list row.
    func report(_ finding: Finding, on row: FindingRow) throws
    /// A change against the previous roll: its row of changes.csv and its `change.*` finding,
    /// which the findings files list after every other finding; counted for `constituency`.
    func report(_ change: RollChange, finding: Finding, constituency: String) throws
}

/// The engine's path for one person, for rules that bring people to the roll besides the
/// register (in-migrants): the row rules, then the decision.
protocol PersonPath: AnyObject {
    /// Runs every row rule on the person, in registry order.
    func check(_ person: inout PersonRecord)
    /// Decides the person (kept or excluded) and sends them and their findings to the outputs.
    @discardableResult
    func decide(_ person: PersonRecord, origin: PersonOrigin) throws -> Decision
}

/// Brings people besides the register to the roll, once the register has been read.
protocol AdmissionRule: AnyObject {
    func admit(in context: CheckContext, path: any PersonPath, sink: any FindingSink) throws
}

/// A rule that reads a file declares the columns it cannot do without. `ListLoader` and the
/// register's reader refuse a file lacking one before anything is decided: a list applied
/// without the column its rule reads decides by default (an end date not read excludes
/// someone whose deprivation ended), and does so silently.
protocol ReadsColumns {
    /// The file the rule reads.
    static var role: HeaderRole { get }
    static var neededColumns: NeededColumns { get }
}
