/// The settings of one check run: what day the election is and how to read and write.
public struct CheckOptions: Sendable {
    /// The day eligibility is judged on (18th birthday on or before it).
    public var electionDay: CivilDate
    public var leapDayRule: LeapDayRule
    /// Forces the input encoding (`gb18030`, `utf-8`, `utf-16le`…) for CSV inputs.
    public var inputEncoding: String?
    public var language: Language
    public var outputEncoding: OutputEncoding
    /// The lowest severity that makes the run exit 1; nil never does.
    public var failOn: Severity?
    /// Extra header aliases: canonical field name → more headers.
    public var extraAliases: [String: [String]]

    public init(
        electionDay: CivilDate,
        leapDayRule: LeapDayRule = .february28,
        inputEncoding: String? = nil,
        language: Language = .zh,
        outputEncoding: OutputEncoding = .utf8BOM,
        failOn: Severity? = .error,
        extraAliases: [String: [String]] = [:]
    ) {
        self.electionDay = electionDay
        self.leapDayRule = leapDayRule
        self.inputEncoding = inputEncoding
        self.language = language
        self.outputEncoding = outputEncoding
        self.failOn = failOn
        self.extraAliases = extraAliases
    }
}
