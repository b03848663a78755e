/// A day of the (proleptic Gregorian) calendar, with no time and no time zone.
///
/// Not Foundation's `Date`: a `Date` is an instant, and turning a birth date into one needs a
/// time zone, so a date written in one zone and read in another moves by a day. The election
/// law counts whole days (年满十八周岁 on election day), so a plain year, month and day is the
/// honest model, and it makes comparison and hashing one integer operation.
public struct CivilDate: Sendable, Hashable, Comparable {
    /// `year << 9 | month << 5 | day`: ordered like the date, 4 bytes per date held in memory.
    private let packed: UInt32

    /// The earliest and latest years a `CivilDate` can hold (four-digit years).
    public static let years: ClosedRange<Int> = 1...9999

    /// The date, or nil when that day does not exist (30 February, month 13, year 0).
    public init?(year: Int, month: Int, day: Int) {
        guard Self.years.contains(year), (1...12).contains(month),
            day >= 1, day <= Self.daysIn(month: month, year: year)
        else { return nil }
        self.init(unchecked: year, month, day)
    }

    /// A date the caller has already validated.
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        packed =
            UInt32(truncatingIfNeeded: year) << 9 | UInt32(truncatingIfNeeded: month) << 5
            | UInt32(truncatingIfNeeded: day)
    }

    public var year: Int { Int(packed >> 9) }
    public var month: Int { Int(packed >> 5 & 0x0F) }
    public var day: Int { Int(packed & 0x1F) }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.packed < rhs.packed }

    /// Whether a year has 29 February (Gregorian rule).
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in a month (0 for a month that does not exist).
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeapYear(year) ? 29 : 28
        default: 0
        }
    }

    /// Days since 1970-01-01 (negative before): the date as a number, for arithmetic.
    ///
    /// Howard Hinnant's `days_from_civil`, exact over the whole proleptic Gregorian calendar.
    public var dayNumber: Int {
        let y = year - (month <= 2 ? 1 : 0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01, or nil outside years 1–9999.
    public init?(dayNumber: Int) {
        // Outside this range the arithmetic below could overflow and the year is out anyway.
        guard dayNumber > -800_000, dayNumber < 3_000_000 else { return nil }
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }

    /// The date `days` days later (earlier when negative), or nil outside years 1–9999.
    public func adding(days: Int) -> CivilDate? {
        CivilDate(dayNumber: dayNumber + days)
    }
}

extension CivilDate: CustomStringConvertible, LosslessStringConvertible {
    /// `YYYY-MM-DD`: the form of every date VoterRoll writes.
    public var description: String { iso8601 }

    /// `YYYY-MM-DD`.
    public var iso8601: String {
        let digits: [UInt8] = [
            Self.digit(year / 1000), Self.digit(year / 100), Self.digit(year / 10), Self.digit(year),
            0x2D, Self.digit(month / 10), Self.digit(month), 0x2D, Self.digit(day / 10), Self.digit(day),
        ]
        return String(decoding: digits, as: UTF8.self)
    }

    /// Reads exactly `YYYY-MM-DD`, the form VoterRoll writes; for what people type, use
    /// `DateParser`.
    public init?(_ description: String) {
        let parsed: CivilDate? = CellText.withUTF8(description) { bytes in
            guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
            var fields = (0, 0, 0)
            for (index, byte) in bytes.enumerated() where index != 4 && index != 7 {
                guard CellText.isDigit(UInt32(byte)) else { return nil }
                let value = Int(byte &- 0x30)
                switch index {
                case 0..<4: fields.0 = fields.0 * 10 + value
                case 5..<7: fields.1 = fields.1 * 10 + value
                default: fields.2 = fields.2 * 10 + value
                }
            }
            return CivilDate(year: fields.0, month: fields.1, day: fields.2)
        }
        guard let parsed else { return nil }
        self = parsed
    }

    private static func digit(_ value: Int) -> UInt8 { UInt8(truncatingIfNeeded: 0x30 + value % 10) }
}

extension CivilDate: Codable {
    /// Encoded as `YYYY-MM-DD`, so stored runs and JSON output read the same as the CSV.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a date as YYYY-MM-DD, found \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}
