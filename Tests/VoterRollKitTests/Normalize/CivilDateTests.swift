import Foundation
import Testing

@testable import VoterRollKit

@Suite struct CivilDateTests {
    @Test(arguments: [
        (1990, 2, 30), (2023, 2, 29), (1900, 2, 29), (2100, 2, 29), (1990, 4, 31), (1990, 13, 1),
        (1990, 0, 1), (1990, 1, 0), (1990, 1, 32), (0, 1, 1), (10_000, 1, 1),
    ])
    func impossibleDaysAreRejected(year: Int, month: Int, day: Int) {
        #expect(CivilDate(year: year, month: month, day: day) == nil)
    }

    @Test(arguments: [(2000, 2, 29), (2024, 2, 29), (1990, 12, 31), (1, 1, 1), (9999, 12, 31)])
    func realDaysAreAccepted(year: Int, month: Int, day: Int) throws {
        let date = try #require(CivilDate(year: year, month: month, day: day))
        #expect((date.year, date.month, date.day) == (year, month, day))
    }

    @Test func formatsAsISO() throws {
        #expect(CivilDate(year: 1990, month: 3, day: 7)?.iso8601 == "1990-03-07")
        #expect(CivilDate(year: 5, month: 1, day: 2)?.description == "0005-01-02")
        #expect(CivilDate("1990-03-07") == CivilDate(year: 1990, month: 3, day: 7))
    }

    @Test(arguments: ["1990-3-7", "1990/03/07", "1990-02-30", " 1990-03-07", "19900307", "1990-03-0x", ""])
    func strictInitialiserTakesOnlyISO(text: String) {
        #expect(CivilDate(text) == nil)
    }

    @Test func ordersByDay() throws {
        let dates = [(2000, 1, 1), (1999, 12, 31), (2000, 2, 1), (2000, 1, 31)].compactMap {
            CivilDate(year: $0.0, month: $0.1, day: $0.2)
        }
        #expect(dates.sorted().map(\.iso8601) == ["1999-12-31", "2000-01-01", "2000-01-31", "2000-02-01"])
    }

    @Test func dayNumbersCountFrom1970() throws {
        #expect(CivilDate(year: 1970, month: 1, day: 1)?.dayNumber == 0)
        #expect(CivilDate(year: 2000, month: 3, day: 1)?.dayNumber == 11_017)
        #expect(CivilDate(year: 1899, month: 12, day: 30)?.dayNumber == -25_569)
        #expect(CivilDate(year: 1, month: 1, day: 1)?.dayNumber == -719_162)
        #expect(CivilDate(year: 9999, month: 12, day: 31)?.dayNumber == 2_932_896)
        #expect(CivilDate(dayNumber: -719_163) == nil)
        #expect(CivilDate(dayNumber: 2_932_897) == nil)
    }

    @Test func dayNumbersRoundTripAndStepByOneDay() throws {
        // Every day of years 1–9999, checked without an #expect per day to stay fast.
        var previous = try #require(CivilDate(dayNumber: -719_162))
        var failures: [Int] = []
        for dayNumber in -719_161...2_932_896 {
            guard let date = CivilDate(dayNumber: dayNumber), date.dayNumber == dayNumber,
                date > previous,
                date.day == previous.day + 1 || (date.day == 1 && (date.month != previous.month))
            else {
                failures.append(dayNumber)
                continue
            }
            previous = date
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        #expect(CivilDate(year: 2024, month: 2, day: 28)?.adding(days: 1)?.iso8601 == "2024-02-29")
        #expect(CivilDate(year: 2023, month: 2, day: 28)?.adding(days: 1)?.iso8601 == "2023-03-01")
        #expect(CivilDate(year: 2000, month: 1, day: 1)?.adding(days: -1)?.iso8601 == "1999-12-31")
    }

    @Test func codesAsISO() throws {
        let date = try #require(CivilDate(year: 1990, month: 3, day: 7))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["1990-03-07"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data(#"["1990-02-30"]"#.utf8))
        }
    }

    @Test func leapYears() {
        #expect(CivilDate.isLeapYear(2000))
        #expect(CivilDate.isLeapYear(2024))
        #expect(!CivilDate.isLeapYear(1900))
        #expect(!CivilDate.isLeapYear(2023))
    }
}
