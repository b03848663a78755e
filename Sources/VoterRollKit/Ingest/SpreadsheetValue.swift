/// What spreadsheet files mean by the values they store, shared by the SpreadsheetML and XLSX
/// readers so that the same sheet saved either way reads the same.
///
/// These work on the parser's bytes: they run once per cell, so they make no String until the
/// cell's text is final.
enum SpreadsheetValue {
    /// Excel's grid. A row or column beyond it is a damaged or hostile file, and refusing it keeps
    /// a forged `r="A999999999"` from making the reader hand out a billion blank rows.
    static let maxRow = 1_048_576
    static let maxColumn = 16_384

    /// `TRUE` or `FALSE` for the ways files write a boolean (`1`/`0`, `true`/`false`), as Excel
    /// shows it and writes it to CSV; nil for anything else.
    static func booleanText(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let trimmed = trim(bytes)
        if trimmed.count == 1 {
            switch trimmed[0] {
            case UInt8(ascii: "1"): return "TRUE"
            case UInt8(ascii: "0"): return "FALSE"
            default: return nil
            }
        }
        if equalsIgnoringCase(trimmed, "true") { return "TRUE" }
        if equalsIgnoringCase(trimmed, "false") { return "FALSE" }
        return nil
    }

    /// `YYYY-MM-DD` (with `THH:MM:SS` when the time is not midnight) from an ISO 8601 date-time as
    /// SpreadsheetML `DateTime` and XLSX `t="d"` cells write it (`1990-03-07T00:00:00.000`);
    /// nil when the text is not one or names a day that does not exist.
    static func dateText(iso bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let text = trim(bytes)
        guard text.count >= 10, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"),
            let year = digits(text, 0, 4), let month = digits(text, 5, 2), let day = digits(text, 8, 2),
            let date = CivilDate(year: year, month: month, day: day)
        else { return nil }
        var seconds = 0
        if text.count > 10 {
            guard text[10] == UInt8(ascii: "T") || text[10] == UInt8(ascii: " "), text.count >= 16,
                text[13] == UInt8(ascii: ":"), let hour = digits(text, 11, 2), let minute = digits(text, 14, 2),
                hour < 24, minute < 60
            else { return nil }
            var second = 0
            if text.count >= 19, text[16] == UInt8(ascii: ":") {
                guard let value = digits(text, 17, 2), value < 60 else { return nil }
                second = value
            }
            // Fractions of a second and a zone designator are dropped: a birth date has neither.
            seconds = hour * 3600 + minute * 60 + second
        }
        return format(date, seconds: seconds)
    }

    /// The date text of an Excel serial number (days since the workbook's epoch, the fraction
    /// being the time of day); nil when the serial is no day (negative, 0 or the fictitious
    /// 1900-02-29), so that the caller keeps the number as it was.
    static func dateText(serial: Double, system: ExcelDateSystem) -> String? {
        guard serial.isFinite, serial >= 0, serial < 3_000_000 else { return nil }
        var day = Int(serial.rounded(.down))
        // Excel stores times to the millisecond; a birth date never needs more than the second.
        var seconds = Int(((serial - Double(day)) * 86_400).rounded())
        if seconds >= 86_400 {
            day += 1
            seconds -= 86_400
        }
        guard let date = system.date(fromSerial: day) else { return nil }
        return format(date, seconds: seconds)
    }

    /// A non-negative decimal integer (a shared-string index, a row number); nil for anything else
    /// or for a value too large to be meaningful.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let text = trim(bytes)
        guard !text.isEmpty, text.count <= 12 else { return nil }
        var value = 0
        for byte in text {
            guard byte &- UInt8(ascii: "0") < 10 else { return nil }
            value = value * 10 + Int(byte &- UInt8(ascii: "0"))
        }
        return value
    }

    // MARK: Helpers

    private static func format(_ date: CivilDate, seconds: Int) -> String {
        guard seconds > 0 else { return date.iso8601 }
        let hour = seconds / 3600
        let minute = seconds / 60 % 60
        let second = seconds % 60
        let time: [UInt8] = [
            UInt8(ascii: "T"), digit(hour / 10), digit(hour), UInt8(ascii: ":"), digit(minute / 10),
            digit(minute), UInt8(ascii: ":"), digit(second / 10), digit(second),
        ]
        return date.iso8601 + String(decoding: time, as: UTF8.self)
    }

    private static func digit(_ value: Int) -> UInt8 { UInt8(truncatingIfNeeded: 0x30 + value % 10) }

    private static func digits(_ text: UnsafeBufferPointer<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        var value = 0
        for index in offset..<offset + count {
            let byte = text[index]
            guard byte &- UInt8(ascii: "0") < 10 else { return nil }
            value = value * 10 + Int(byte &- UInt8(ascii: "0"))
        }
        return value
    }

    /// The bytes without surrounding white space (`CellWhitespace`), indexed from 0.
    private static func trim(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[CellWhitespace.trimmedRange(bytes)])
    }

    private static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        for (index, byte) in bytes.enumerated() where byte | 0x20 != word.utf8Start[index] {
            return false
        }
        return true
    }
}
