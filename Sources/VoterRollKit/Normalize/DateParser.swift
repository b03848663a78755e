/// Reads the dates people put in registers, in every form an election office sees.
///
/// Accepted (digits may be full-width, spaces around are ignored):
/// - a day: `1990-03-07`, `1990/3/7`, `1990.03.07`, `19900307`, `1990年3月7日` (or `…7号`,
///   or no final 日), optionally followed by a time as spreadsheets write datetimes
///   (`1990-03-07T00:00:00`, `1990/3/7 0:00`); the time is dropped;
/// - a year and month (出生年月): `1990-3`, `1990/3`, `1990.03`, `199003`, `1990年3月`;
/// - in a numeric cell: an Excel serial number (`32939`, `32939.5`), or what people type
///   into a cell Excel then stores as a number: `19900307`, `199003`, `1990.03`.
///
/// Anything else, and any day that does not exist (30 February), is nil: the caller reports
/// `date.unparseable` and falls back to the ID number, which is authoritative anyway.
/// Deliberately not accepted: two-digit years and day-first orders (`07/03/1990`), which are
/// ambiguous; a bare number in a text cell as a serial (in CSV a five-digit number is far more
/// likely a typo than a serial; pass `cellIsNumeric` when the source says it is a number);
/// and a numeric `1990.1`, which Excel shows for both 1990.1 and 1990.10.
public struct DateParser: Sendable, Hashable {
    /// The workbook's day numbering, used for serial numbers in numeric cells.
    public var excelSystem: ExcelDateSystem

    public init(excelSystem: ExcelDateSystem = .system1900) {
        self.excelSystem = excelSystem
    }

    /// The date written in a cell, or nil when it is not a date in an accepted form.
    ///
    /// - Parameter cellIsNumeric: the source stored the cell as a number (XLSX, SpreadsheetML
    ///   `Number`), so a plain number is a serial.
    public func parse(_ text: String, cellIsNumeric: Bool = false) -> ParsedDate? {
        CellText.withUTF8(text) { bytes in
            var cursor = Cursor(bytes: bytes)
            cursor.skipSpaces()
            if cellIsNumeric, let number = parseNumber(cursor) {
                return number
            }
            return parseText(&cursor)
        }
    }

    /// A number as a numeric cell holds it (`digits` or `digits.digits`): nil when the text
    /// is not a plain number (the source formatted it, so it is read as text); `.some(nil)`
    /// when it is a number but no date.
    private func parseNumber(_ start: Cursor) -> ParsedDate?? {
        var cursor = start
        guard let integer = cursor.number(maxDigits: 9) else { return nil }
        // Serials carry the time of day in up to 17 fraction digits: keep the first two
        // (a month after a year) and whether they are all zero.
        var fraction = (value: 0, digits: 0)
        var whole = true
        if cursor.peek() == 0x2E {
            cursor.advance()
            while let value = cursor.peek(), CellText.isDigit(value) {
                if fraction.digits < 2 {
                    fraction.value = fraction.value * 10 + Int(value - 0x30)
                }
                fraction.digits += 1
                whole = whole && value == 0x30
                cursor.advance()
            }
        }
        cursor.skipSpaces()
        guard cursor.atEnd else { return nil }
        switch integer.digits {
        case 8 where whole:
            return .some(Self.day(integer.value / 10_000, integer.value / 100 % 100, integer.value % 100))
        case 6 where whole:
            return .some(Self.month(integer.value / 100, integer.value % 100))
        case 4 where (1800...2199).contains(integer.value):
            // A year typed with a dot and a month; serials 1800–2199 (1904–1906) are no
            // plausible date in a register.
            return .some(fraction.digits == 2 ? Self.month(integer.value, fraction.value) : nil)
        default:
            return .some(excelSystem.date(fromSerial: integer.value).map { ParsedDate($0) })
        }
    }

    /// A date written as text.
    private func parseText(_ cursor: inout Cursor) -> ParsedDate? {
        guard let first = cursor.number(maxDigits: 8) else { return nil }
        if cursor.atEndOfDate {
            switch first.digits {
            case 8:
                guard cursor.skipTime() else { return nil }
                return Self.day(first.value / 10_000, first.value / 100 % 100, first.value % 100)
            case 6:
                guard cursor.skipTrailingSpaces() else { return nil }
                return Self.month(first.value / 100, first.value % 100)
            default:
                return nil
            }
        }
        guard first.digits == 4, let separator = cursor.peek() else { return nil }
        let year = first.value
        cursor.advance()
        switch separator {
        case 0x2D, 0x2F, 0x2E:  // - / .
            guard let month = cursor.number(maxDigits: 2) else { return nil }
            if cursor.atEndOfDate {
                guard cursor.skipTrailingSpaces() else { return nil }
                return Self.month(year, month.value)
            }
            guard cursor.peek() == separator else { return nil }
            cursor.advance()
            guard let day = cursor.number(maxDigits: 2), cursor.atEndOfDate, cursor.skipTime() else {
                return nil
            }
            return Self.day(year, month.value, day.value)
        case 0x5E74:  // 年
            guard let month = cursor.number(maxDigits: 2), cursor.peek() == 0x6708 else { return nil }
            cursor.advance()  // 月
            if cursor.atEndOfDate {
                guard cursor.skipTrailingSpaces() else { return nil }
                return Self.month(year, month.value)
            }
            guard let day = cursor.number(maxDigits: 2) else { return nil }
            if let mark = cursor.peek(), mark == 0x65E5 || mark == 0x53F7 {  // 日 号
                cursor.advance()
            }
            guard cursor.atEndOfDate, cursor.skipTime() else { return nil }
            return Self.day(year, month.value, day.value)
        default:
            return nil
        }
    }

    private static func day(_ year: Int, _ month: Int, _ day: Int) -> ParsedDate? {
        CivilDate(year: year, month: month, day: day).map { ParsedDate($0) }
    }

    private static func month(_ year: Int, _ month: Int) -> ParsedDate? {
        CivilDate(year: year, month: month, day: 1).map { ParsedDate($0, precision: .month) }
    }
}

extension DateParser {
    /// A position in a cell's bytes, reading folded scalars.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        var atEnd: Bool { index >= bytes.count }

        func peek() -> UInt32? {
            atEnd ? nil : CellText.scalar(bytes, at: index).value
        }

        mutating func advance() {
            index += CellText.scalar(bytes, at: index).width
        }

        /// Skips white space.
        mutating func skipSpaces() {
            while let value = peek(), CellWhitespace.isWhitespace(value) {
                advance()
            }
        }

        /// Reads 1 to `maxDigits` digits; nil when there are none or more.
        mutating func number(maxDigits: Int) -> (value: Int, digits: Int)? {
            var value = 0
            var digits = 0
            while let scalar = peek(), CellText.isDigit(scalar) {
                digits += 1
                guard digits <= maxDigits else { return nil }
                value = value * 10 + Int(scalar - 0x30)
                advance()
            }
            return digits == 0 ? nil : (value, digits)
        }

        /// Whether the date part ends here: the end, white space, or a `T` before a time.
        var atEndOfDate: Bool {
            guard let value = peek() else { return true }
            return CellWhitespace.isWhitespace(value) || value == 0x54
        }

        /// Consumes trailing white space; false when anything else follows.
        mutating func skipTrailingSpaces() -> Bool {
            skipSpaces()
            return atEnd
        }

        /// Consumes an optional time of day (`T00:00:00.000`, ` 0:00`, `Z` or an offset) and
        /// trailing white space; false when anything else follows.
        mutating func skipTime() -> Bool {
            let timeMarked = peek() == 0x54
            if timeMarked {
                advance()
            } else {
                skipSpaces()
                if atEnd { return true }
            }
            guard let first = peek(), CellText.isDigit(first) else { return false }
            while let value = peek() {
                switch value {
                case 0x30...0x39, 0x3A, 0x2E, 0x2B, 0x2D, 0x5A:  // digits : . + - Z
                    advance()
                default:
                    return skipTrailingSpaces()
                }
            }
            return true
        }
    }
}
