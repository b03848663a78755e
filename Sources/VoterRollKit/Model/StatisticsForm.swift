/// The registration statistics form (选民登记统计表) a township reports to the county: one row
/// per constituency (选区) and a total row. Built by `StatisticsTally` as the run decides
/// people, written as statistics.csv/.xlsx, shown in the report, kept in summary.json
/// (`statistics`) and so in the store, where `county-report` reads the totals.
///
/// Every figure is defined by the finding codes and roll rows behind it in docs/STATISTICS.md.
public struct StatisticsForm: Codable, Sendable, Equatable {
    /// 新增: people on this roll who were not on the previous one, by why.
    public struct Additions: Codable, Sendable, Equatable {
        /// 年满十八周岁: their 18th birthday fell after the previous election day.
        public var turnedEighteen = 0
        /// 迁入: an in-migrant with a voter certificate.
        public var movedIn = 0
        /// 恢复政治权利: their deprivation of political rights has ended.
        public var restored = 0
        /// 申诉增补: added by an upheld appeal (`appeal.added`).
        public var appeal = 0
        /// 其他: anyone else newly registered.
        public var other = 0

        public var total: Int { turnedEighteen + movedIn + restored + appeal + other }

        static func + (lhs: Additions, rhs: Additions) -> Additions {
            Additions(
                turnedEighteen: lhs.turnedEighteen + rhs.turnedEighteen, movedIn: lhs.movedIn + rhs.movedIn,
                restored: lhs.restored + rhs.restored, appeal: lhs.appeal + rhs.appeal, other: lhs.other + rhs.other)
        }

        enum CodingKeys: String, CodingKey {
            case turnedEighteen = "turned_18"
            case movedIn = "moved_in"
            case restored, appeal, other
        }
    }

    /// 减少: people on the previous roll who are not on this one, by why.
    public struct Removals: Codable, Sendable, Equatable {
        /// 死亡 (`status.deceased`).
        public var deceased = 0
        /// 迁出: registered where they live, with a voter certificate (`migrant.registered-elsewhere`).
        public var movedOut = 0
        /// 剥夺政治权利 (`rights.deprived`).
        public var deprived = 0
        /// 停止行使选举权利 (`rights.suspended`).
        public var suspended = 0
        /// 精神病患者 (`rights.incapacitated`).
        public var incapacitated = 0
        /// 其他: any other reason (`appeal.removed`, a duplicate, an ID error, no longer in the register).
        public var other = 0

        public var total: Int { deceased + movedOut + deprived + suspended + incapacitated + other }

        static func + (lhs: Removals, rhs: Removals) -> Removals {
            Removals(
                deceased: lhs.deceased + rhs.deceased, movedOut: lhs.movedOut + rhs.movedOut,
                deprived: lhs.deprived + rhs.deprived, suspended: lhs.suspended + rhs.suspended,
                incapacitated: lhs.incapacitated + rhs.incapacitated, other: lhs.other + rhs.other)
        }

        enum CodingKeys: String, CodingKey {
            case deceased
            case movedOut = "moved_out"
            case deprived, suspended, incapacitated, other
        }
    }

    /// 外出人员: people of this constituency away at election time.
    public struct Away: Codable, Sendable, Equatable {
        /// 已委托: on the roll, absent (`migrant.absent`), and a principal on the proxies list.
        public var proxied = 0
        /// 已开证明: excluded here with a voter certificate (`migrant.registered-elsewhere`).
        public var certified = 0
        /// 未处理: on the roll, absent (`migrant.absent`), with no proxy.
        public var unhandled = 0

        static func + (lhs: Away, rhs: Away) -> Away {
            Away(proxied: lhs.proxied + rhs.proxied, certified: lhs.certified + rhs.certified, unhandled: lhs.unhandled + rhs.unhandled)
        }
    }

    /// One constituency's figures (or the township's, in `total`).
    public struct Row: Codable, Sendable, Equatable {
        /// The 选区 as written in the register ("" for rows without one); "合计" is not used:
        /// the total row is `StatisticsForm.total`.
        public var constituency: String
        /// 选民小组数: distinct voter groups among the people on the roll.
        public var voterGroups = 0
        /// 登记册人数: register rows of people (kept or excluded, minors included).
        public var registerRows = 0
        /// 年满十八周岁人数: register rows with a valid ID number, 18 or over on election day.
        public var adults = 0
        /// 登记选民数: people on the clean roll (register rows kept and in-migrants added).
        public var registered = 0
        /// Nil when the run had no previous roll to compare with.
        public var additions: Additions?
        public var removals: Removals?
        public var away = Away()
        /// 委托投票人数: people on the roll named as principal on the proxies list.
        public var proxies = 0
        /// 女性选民数: people on the roll whose ID number says female.
        public var women = 0
        /// 少数民族选民数: people on the roll whose 民族 is not Han; nil when the register has no
        /// 民族 column.
        public var minorities: Int?

        public init(constituency: String) {
            self.constituency = constituency
        }

        /// 占登记册人数比例: registered / register rows, nil for a constituency with no register row.
        public var registeredShare: Double? {
            registerRows > 0 ? Double(registered) / Double(registerRows) : nil
        }

        enum CodingKeys: String, CodingKey {
            case constituency
            case voterGroups = "voter_groups"
            case registerRows = "register_rows"
            case adults, registered, additions, removals, away, proxies, women, minorities
        }
    }

    public var rows: [Row]
    public var total: Row

    public init(rows: [Row], total: Row) {
        self.rows = rows
        self.total = total
    }

    /// The total row of `rows`: every figure summed (a figure that is nil in any row is nil).
    static func total(of rows: [Row], comparesPrevious: Bool, hasEthnicity: Bool) -> Row {
        var total = Row(constituency: "")
        if comparesPrevious {
            total.additions = Additions()
            total.removals = Removals()
        }
        if hasEthnicity { total.minorities = 0 }
        for row in rows {
            total.voterGroups += row.voterGroups
            total.registerRows += row.registerRows
            total.adults += row.adults
            total.registered += row.registered
            if let additions = row.additions { total.additions = (total.additions ?? Additions()) + additions }
            if let removals = row.removals { total.removals = (total.removals ?? Removals()) + removals }
            total.away = total.away + row.away
            total.proxies += row.proxies
            total.women += row.women
            if let minorities = row.minorities { total.minorities = (total.minorities ?? 0) + minorities }
        }
        return total
    }
}
