import Testing

@testable import VoterRollKit

@Suite struct DateParserTests {
    static let parser = DateParser()

    @Test(arguments: [
        // Days.
        ("1990-03-07", "1990-03-07"),
        ("1990-3-7", "1990-03-07"),
        ("1990/3/7", "1990-03-07"),
        ("1990/03/07", "1990-03-07"),
        ("1990.03.07", "1990-03-07"),
        ("1990.3.7", "1990-03-07"),
        ("19900307", "1990-03-07"),
        ("1990年3月7日", "1990-03-07"),
        ("1990年03月07日", "1990-03-07"),
        ("1990年3月7号", "1990-03-07"),
        ("1990年3月7", "1990-03-07"),
        ("２０００年２月２９日", "2000-02-29"),
        ("１９９０－０３－０７", "1990-03-07"),
        ("１９９０／３／７", "1990-03-07"),
        ("１９９０．０３．０７", "1990-03-07"),
        ("１９９００３０７", "1990-03-07"),
        ("  1990-03-07\t", "1990-03-07"),
        ("\u{3000}1990-03-07\u{3000}", "1990-03-07"),
        // Datetimes: SpreadsheetML DateTime, and what Excel writes to CSV.
        ("1990-03-07T00:00:00", "1990-03-07"),
        ("1990-03-07T00:00:00.000", "1990-03-07"),
        ("1990-03-07T23:59:59Z", "1990-03-07"),
        ("1990-03-07T23:59:59+08:00", "1990-03-07"),
        ("1990-03-07 00:00:00", "1990-03-07"),
        ("1990/3/7 0:00", "1990-03-07"),
        ("19900307 00:00:00", "1990-03-07"),
        ("1990年3月7日 00:00:00", "1990-03-07"),
        // Years and months.
        ("1990-3", "1990-03"),
        ("1990-03", "1990-03"),
        ("1990/3", "1990-03"),
        ("1990.3", "1990-03"),
        ("1990.03", "1990-03"),
        ("1990.10", "1990-10"),
        ("1990年3月", "1990-03"),
        ("１９９０年１２月", "1990-12"),
        ("199003", "1990-03"),
        (" 1990-03 ", "1990-03"),
    ])
    func readsEveryAcceptedForm(text: String, expected: String) throws {
        let date = try #require(Self.parser.parse(text), "\(text)")
        #expect(date.description == expected)
        #expect(date.precision == (expected.count == 7 ? .month : .day))
    }

    @Test(arguments: [
        "", " ", "abc", "1990", "90-3-7", "07/03/1990", "7.3.1990",
        "1990-02-30", "2023-02-29", "1900-02-29", "1990-13-01", "1990-00-10", "1990-03-00",
        "1990-13", "1990年13月", "199013", "19900230",
        "1990/03-07", "1990-3-7-1", "1990--3-7", "1990年3", "1990年3月7日日",
        "1990-03-07x", "1990-03-07T", "1990-03-07 abc", "1990-03T00:00", "1990-003-07",
        "32939",  // a serial in a text cell: not read (see DateParser)
        "1990-03-07T00:00:00 x",
    ])
    func rejectsEverythingElse(text: String) {
        #expect(Self.parser.parse(text) == nil, "\(text)")
    }

    @Test(arguments: [
        (ExcelDateSystem.system1900, "32939", "1990-03-07"),
        (.system1900, "32939.5", "1990-03-07"),
        (.system1900, "32939.999988426", "1990-03-07"),
        (.system1900, " 32939 ", "1990-03-07"),
        (.system1900, "46152", "2026-05-10"),
        (.system1900, "1", "1900-01-01"),
        (.system1900, "59", "1900-02-28"),
        (.system1900, "61", "1900-03-01"),
        (.system1904, "0", "1904-01-01"),
        (.system1904, "1", "1904-01-02"),
        (.system1904, "31477", "1990-03-07"),
        // What people type into a cell Excel then keeps as a number.
        (.system1900, "19900307", "1990-03-07"),
        (.system1900, "19900307.0", "1990-03-07"),
        (.system1900, "199003", "1990-03"),
        (.system1900, "1990.03", "1990-03"),
        (.system1900, "1990.12", "1990-12"),
        // A numeric cell whose text is formatted is read as text.
        (.system1900, "1990-03-07", "1990-03-07"),
    ])
    func readsNumericCells(system: ExcelDateSystem, text: String, expected: String) throws {
        let date = try #require(DateParser(excelSystem: system).parse(text, cellIsNumeric: true), "\(text)")
        #expect(date.description == expected)
    }

    @Test(arguments: [
        (ExcelDateSystem.system1900, "60"),  // the fictitious 1900-02-29
        (.system1900, "0"),  // Excel's 1900-01-00
        (.system1900, "-1"),
        (.system1900, "1990"),  // a year alone
        (.system1900, "1990.1"),  // 1990.1 or 1990.10: Excel shows both the same
        (.system1900, "1990.13"),
        (.system1900, "19900230"),
        (.system1900, "99999999999"),
        (.system1904, "-1"),
    ])
    func rejectsNumbersThatAreNoDay(system: ExcelDateSystem, text: String) {
        #expect(DateParser(excelSystem: system).parse(text, cellIsNumeric: true) == nil, "\(text)")
    }

    @Test func serialsRoundTrip() throws {
        for system in [ExcelDateSystem.system1900, .system1904] {
            var failures: [Int] = []
            for serial in 0...200_000 {
                guard let date = system.date(fromSerial: serial) else {
                    if !(system == .system1900 && (serial == 0 || serial == 60)) { failures.append(serial) }
                    continue
                }
                if system.serial(of: date) != serial { failures.append(serial) }
            }
            #expect(failures.isEmpty, "\(system): \(failures.prefix(10))")
        }
        #expect(ExcelDateSystem.system1900.date(fromSerial: 32939.75)?.iso8601 == "1990-03-07")
        #expect(ExcelDateSystem.system1900.date(fromSerial: Double.nan) == nil)
        #expect(ExcelDateSystem.system1900.date(fromSerial: -0.5) == nil)
        #expect(ExcelDateSystem.system1900.serial(of: CivilDate(year: 1899, month: 12, day: 31)!) == nil)
        #expect(ExcelDateSystem.system1904.serial(of: CivilDate(year: 1903, month: 12, day: 31)!) == nil)
    }

    // MARK: Year-and-month precision

    @Test func monthPrecisionComparesOnYearAndMonth() throws {
        let stated = try #require(Self.parser.parse("1990年3月"))
        let early = try #require(CivilDate(year: 1990, month: 3, day: 1))
        let late = try #require(CivilDate(year: 1990, month: 3, day: 31))
        let april = try #require(CivilDate(year: 1990, month: 4, day: 1))
        let february = try #require(CivilDate(year: 1990, month: 2, day: 28))
        #expect(stated.matches(early) && stated.matches(late))
        #expect(!stated.matches(april))
        #expect(!stated.isBefore(late) && !stated.isAfter(early))
        #expect(stated.isBefore(april) && stated.isAfter(february))
    }

    @Test func dayPrecisionComparesOnTheDay() throws {
        let stated = try #require(Self.parser.parse("1990-03-07"))
        let day = try #require(CivilDate(year: 1990, month: 3, day: 7))
        #expect(stated.matches(day))
        #expect(!stated.matches(day.adding(days: 1)!))
        #expect(stated.isBefore(day.adding(days: 1)!))
        #expect(stated.isAfter(day.adding(days: -1)!))
    }
}
