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
    /// The last published roll, to diff against (`changes.csv`); nil for no diff.
    public var previous: String? = nil
    /// The election day of the previous roll: who turned 18 since is told apart from who is
    /// new. Nil: five years (one term) before `electionDay`.
    public var previousElectionDay: CivilDate? = nil
    /// How the published lists (选民榜) are ordered: by surname strokes (default) or pinyin.
    public var publishedOrder: NameOrdering.Order = .strokes
    /// Formats of the clean roll and the published lists besides the core CSV outputs.
    public var formats: Set<OutputFormat> = [.csv]
    /// The key file of hashed lists (`voterroll hash-list`): with it, lists carrying `id_hmac`
    /// instead of ID numbers match by keyed digest.
    public var hashedKeyFile: String? = nil
    /// Mask ID numbers in findings.csv and findings.jsonl (`371102********123X`), for findings
    /// that are passed on beyond the office.
    public var maskIDs = false
    /// The report's run time (fixed in tests, so that two runs compare byte for byte).
    public var reportClock: ReportClock = .system
    /// The township (乡镇) whose register this is, when several townships of one county share
    /// a store: the same person kept by two of them is a cross-township duplicate
    /// (`TownshipRegistry`). Nil: the run takes no part in that check.
    public var township: String? = nil
    /// The share of a constituency's voters voting by proxy above which `proxy.share-high`
    /// asks for each proxy to be checked (pipeline `options.proxy_share_warning`).
    public var proxyShareWarning = 0.30
    /// 选民名单公布日, the day the list is posted: appeal deadlines count from it. Nil: unknown
    /// (`calendar.posting-missing`).
    public var postingDay: CivilDate? = nil
    /// The day deadlines are judged by (an appeal undecided for more than 3 days is overdue on
    /// it). Nil: today, by the report's clock.
    public var asOf: CivilDate? = nil

    /// The election committee (选举委员会) that issues the voter cards and certificates
    /// (pipeline `committee`); nil: `<township>选举委员会`, or 选举委员会 without a township.
    public var committee: String? = nil

    /// The committee's name as documents print it.
    public var committeeName: String {
        if let committee, !committee.isEmpty { return committee }
        return (township ?? "") + "选举委员会"
    }

    /// The run's registration calendar.
    public var calendar: ElectionCalendar {
        ElectionCalendar(
            electionDay: electionDay, postingDay: postingDay, asOf: asOf ?? ElectionCalendar.today(reportClock.now))
    }

    /// The seats (代表名额) of each constituency, from the pipeline's `constituencies:`; empty:
    /// the balance of constituencies is not checked (the report still charts voters per 选区).
    public var constituencySeats: [ConstituencySeats] = []
    /// How far a constituency's voters per seat may differ from the township's average before
    /// `constituency.unbalanced`, in basis points (3000 = 30%; pipeline `options.balance_share`).
    public var balanceShareBasisPoints = ConstituencyBalance.defaultShareBasisPoints

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
