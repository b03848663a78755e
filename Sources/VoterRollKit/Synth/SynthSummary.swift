/// What was generated, for the command's report.
public struct SynthSummary: Sendable {
    public var rows = 0
    /// Files written, register first.
    public var files: [String] = []
    /// Defects dealt, by kind.
    public var defects: [String: Int] = [:]
    /// Ordinary list facts (deaths, moves, sentences), by kind.
    public var listFacts: [String: Int] = [:]
    /// Data rows per list file.
    public var listRows: [String: Int] = [:]
    /// Expected finding codes, counted over all rows.
    public var codes: [String: Int] = [:]
    /// The posting day and as-of day the appeals list is dated for (pass them to `check`).
    public var postingDay: CivilDate?
    public var asOf: CivilDate?
}
