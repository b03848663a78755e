/// How a workbook numbers its days: a date cell holds a serial number, not a date.
///
/// Excel's default 1900 system counts 1900-01-01 as day 1 and, copying a Lotus 1-2-3 bug,
/// also counts a 29 February 1900 that never existed (serial 60), so every serial from 61 on
/// is one more than the day count. Workbooks made on old Macs use the 1904 system (the
/// workbook says so: `date1904` in XLSX), where day 0 is 1904-01-01.
public enum ExcelDateSystem: Sendable, Hashable {
    case system1900
    case system1904

    /// The day of a serial number, or nil for serials that are no day.
    ///
    /// Serial 60 of the 1900 system is the fictitious 1900-02-29, and serial 0 is shown by
    /// Excel as 1900-01-00: both are rejected, like any other date that does not exist, rather
    /// than silently moved to a neighbouring day.
    public func date(fromSerial serial: Int) -> CivilDate? {
        switch self {
        case .system1900:
            guard serial >= 1, serial != 60 else { return nil }
            // 1899-12-31 is day 0 up to the fake leap day; 1899-12-30 after it.
            let epoch = serial < 60 ? -25_568 : -25_569
            return CivilDate(dayNumber: epoch + serial)
        case .system1904:
            guard serial >= 0 else { return nil }
            return CivilDate(dayNumber: -24_107 + serial)
        }
    }

    /// The day of a fractional serial (the fraction is the time of day, which is dropped).
    public func date(fromSerial serial: Double) -> CivilDate? {
        guard serial.isFinite, serial >= 0, serial < 3_000_000 else { return nil }
        return date(fromSerial: Int(serial.rounded(.down)))
    }

    /// The serial number of a day, for writing dates back into a workbook; nil before the
    /// system's first day.
    public func serial(of date: CivilDate) -> Int? {
        let days = date.dayNumber
        let serial =
            switch self {
            case .system1900: days < -25_508 ? days + 25_568 : days + 25_569
            case .system1904: days + 24_107
            }
        return serial >= (self == .system1900 ? 1 : 0) ? serial : nil
    }
}
