/// A date as written in a cell: a full day, or only a year and month (出生年月).
///
/// Registers often give only the year and month of birth (`1990年3月`, `1990.03`). Turning
/// that into the first of the month would make a stated `1990-03` disagree with an ID born on
/// 7 March; keeping the precision lets every comparison use only what was written.
public struct ParsedDate: Sendable, Hashable {
    /// How much of the date the cell gave.
    public enum Precision: Sendable, Hashable {
        case day
        case month
    }

    /// The date; the first of the month when `precision` is `.month`.
    public let date: CivilDate
    public let precision: Precision

    public init(_ date: CivilDate, precision: Precision = .day) {
        self.date = precision == .month ? CivilDate(unchecked: date.year, date.month, 1) : date
        self.precision = precision
    }

    /// Whether `other` falls within what this date says: the same day, or the same month.
    public func matches(_ other: CivilDate) -> Bool {
        switch precision {
        case .day: date == other
        case .month: date.year == other.year && date.month == other.month
        }
    }

    /// Whether this date is before `other`, compared at this date's precision.
    public func isBefore(_ other: CivilDate) -> Bool {
        switch precision {
        case .day: date < other
        case .month: (date.year, date.month) < (other.year, other.month)
        }
    }

    /// Whether this date is after `other`, compared at this date's precision.
    public func isAfter(_ other: CivilDate) -> Bool {
        switch precision {
        case .day: date > other
        case .month: (date.year, date.month) > (other.year, other.month)
        }
    }
}

extension ParsedDate: CustomStringConvertible {
    /// `YYYY-MM-DD`, or `YYYY-MM` for a year and month.
    public var description: String {
        switch precision {
        case .day: date.iso8601
        case .month: String(date.iso8601.prefix(7))
        }
    }
}
