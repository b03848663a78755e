public import Foundation

/// The registration calendar the Election Law fixes around election day (选举法 第二十九条):
/// the voter list is posted at least 20 days before election day; appeals are made within 5
/// days of the posting; the election committee decides within 3 days of receiving one; a
/// suit against the decision is brought at least 5 days before election day.
///
/// Days are counted as Chinese law counts periods: the day an event happens is not counted,
/// so "within 5 days of 20 November" ends at the end of 25 November (posting day + 5).
public struct ElectionCalendar: Sendable, Equatable {
    public static let minimumPostingLead = 20
    public static let appealDays = 5
    public static let decisionDays = 3
    public static let suitLead = 5

    public var electionDay: CivilDate
    /// 选民名单公布日; nil when the run was not told (then no appeal deadline can be computed).
    public var postingDay: CivilDate?
    /// The day the run judges deadlines by (today, unless told otherwise).
    public var asOf: CivilDate

    public init(electionDay: CivilDate, postingDay: CivilDate?, asOf: CivilDate) {
        self.electionDay = electionDay
        self.postingDay = postingDay
        self.asOf = asOf
    }

    /// The last day an appeal may be received: posting day + 5 days.
    public var appealDeadline: CivilDate? { postingDay?.adding(days: ElectionCalendar.appealDays) }

    /// The last day a suit may be brought: election day − 5 days.
    public var suitDeadline: CivilDate { electionDay.adding(days: -ElectionCalendar.suitLead) ?? electionDay }

    /// The last day to post the list: election day − 20 days.
    public var latestPostingDay: CivilDate { electionDay.adding(days: -ElectionCalendar.minimumPostingLead) ?? electionDay }

    /// The last day the committee may decide an appeal received on `received`: + 3 days.
    public static func decisionDue(received: CivilDate) -> CivilDate {
        received.adding(days: decisionDays) ?? received
    }

    /// Whether the list is posted fewer than 20 days before election day.
    public var isPostingLate: Bool {
        guard let postingDay else { return false }
        return electionDay.dayNumber - postingDay.dayNumber < ElectionCalendar.minimumPostingLead
    }

    /// Whether an appeal received on `received` came after the deadline (the deadline day itself is in time).
    public func isLate(received: CivilDate) -> Bool {
        guard let deadline = appealDeadline else { return false }
        return received > deadline
    }

    /// Whether an appeal received on `received` and not decided is overdue on `asOf`.
    public func isOverdue(received: CivilDate) -> Bool {
        asOf > ElectionCalendar.decisionDue(received: received)
    }

    /// Whether an appeal was decided later than 3 days after it was received.
    public static func isDecidedLate(received: CivilDate, decided: CivilDate) -> Bool {
        decided > decisionDue(received: received)
    }

    /// Where `asOf` falls in the registration period, for the report.
    public enum Phase: Sendable, Equatable {
        /// Before the posting day.
        case beforePosting
        /// From the posting day to the appeal deadline, with the days left (0 on the deadline).
        case appealPeriod(daysLeft: Int)
        /// After the appeal deadline, before the suit deadline.
        case decisions
        /// After the suit deadline, up to election day.
        case closing
        /// After election day.
        case afterElection
        /// No posting day: only the election-day side is known.
        case unknown
    }

    public var phase: Phase {
        if asOf > electionDay { return .afterElection }
        if asOf > suitDeadline { return .closing }
        guard let postingDay, let deadline = appealDeadline else { return .unknown }
        if asOf < postingDay { return .beforePosting }
        if asOf <= deadline { return .appealPeriod(daysLeft: deadline.dayNumber - asOf.dayNumber) }
        return .decisions
    }

    /// `2026年11月25日`, as the posted lists write dates.
    public static func chinese(_ date: CivilDate) -> String {
        "\(date.year)年\(date.month)月\(date.day)日"
    }

    /// Today in the machine's time zone (or at the clock's fixed time).
    public static func today(_ now: Date, timeZone: TimeZone = .current) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CivilDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? CivilDate(unchecked: 1970, 1, 1)
    }
}
