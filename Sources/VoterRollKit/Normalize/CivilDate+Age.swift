extension CivilDate {
    /// The age, in whole years, that makes a person a voter (选举法 art. 4: 年满十八周岁).
    public static let votingAge = 18

    /// The day a person born on this date turns `years` old; nil past year 9999.
    ///
    /// A 29 February birthday falls on 28 February or 1 March in a common year, as `rule`
    /// says.
    public func anniversary(_ years: Int, rule: LeapDayRule = .february28) -> CivilDate? {
        let year = self.year + years
        guard CivilDate.years.contains(year) else { return nil }
        if month == 2, day == 29, !CivilDate.isLeapYear(year) {
            return switch rule {
            case .february28: CivilDate(unchecked: year, 2, 28)
            case .march1: CivilDate(unchecked: year, 3, 1)
            }
        }
        return CivilDate(unchecked: year, month, day)
    }

    /// The age in whole years on `day` of a person born on this date (周岁): the number of
    /// birthdays on or before `day`. Negative when `day` is before the birth.
    public func age(on day: CivilDate, rule: LeapDayRule = .february28) -> Int {
        let years = day.year - year
        guard let birthday = anniversary(years, rule: rule) else { return years }
        return day < birthday ? years - 1 : years
    }

    /// Whether a person born on this date may vote on `electionDay`: the 18th birthday is on
    /// or before it.
    public func isAdult(on electionDay: CivilDate, rule: LeapDayRule = .february28) -> Bool {
        age(on: electionDay, rule: rule) >= CivilDate.votingAge
    }
}
