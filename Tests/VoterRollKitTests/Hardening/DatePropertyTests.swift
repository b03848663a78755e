import Testing

@testable import VoterRollKit

/// Every date written in every form `DateParser` documents reads back as that date, over
/// thousands of generated dates (seeded).
@Suite struct DatePropertyTests {
    static let seeds: [UInt64] = [11, 12, 13, 14, 15, 16]
    static let perSeed = 300

    /// The forms of a day, written from year, month and day.
    static let dayForms: [(String, @Sendable (Int, Int, Int) -> String)] = [
        ("yyyy-MM-dd", { "\(pad($0, 4))-\(pad($1))-\(pad($2))" }),
        ("yyyy-M-d", { "\($0)-\($1)-\($2)" }),
        ("yyyy/M/d", { "\($0)/\($1)/\($2)" }),
        ("yyyy/MM/dd", { "\($0)/\(pad($1))/\(pad($2))" }),
        ("yyyy.MM.dd", { "\($0).\(pad($1)).\(pad($2))" }),
        ("yyyy.M.d", { "\($0).\($1).\($2)" }),
        ("yyyyMMdd", { "\($0)\(pad($1))\(pad($2))" }),
        ("yyyy年M月d日", { "\($0)年\($1)月\($2)日" }),
        ("yyyy年MM月dd日", { "\($0)年\(pad($1))月\(pad($2))日" }),
        ("yyyy年M月d号", { "\($0)年\($1)月\($2)号" }),
        ("yyyy年M月d", { "\($0)年\($1)月\($2)" }),
        ("ISO date-time", { "\($0)-\(pad($1))-\(pad($2))T00:00:00" }),
        ("ISO with zone", { "\($0)-\(pad($1))-\(pad($2))T08:30:00.000Z" }),
        ("yyyy/M/d H:mm", { "\($0)/\($1)/\($2) 0:00" }),
        ("yyyy-MM-dd HH:mm:ss", { "\($0)-\(pad($1))-\(pad($2)) 12:00:00" }),
    ]

    /// The forms of a year and month (出生年月).
    static let monthForms: [(String, @Sendable (Int, Int) -> String)] = [
        ("yyyy-M", { "\($0)-\($1)" }),
        ("yyyy-MM", { "\($0)-\(pad($1))" }),
        ("yyyy/M", { "\($0)/\($1)" }),
        ("yyyy.MM", { "\($0).\(pad($1))" }),
        ("yyyyMM", { "\($0)\(pad($1))" }),
        ("yyyy年M月", { "\($0)年\($1)月" }),
    ]

    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func randomDate(_ random: inout SynthRandom, years: ClosedRange<Int> = 1900...2100) -> CivilDate {
        let year = random.int(in: years)
        let month = random.int(in: 1...12)
        return CivilDate(unchecked: year, month, random.int(in: 1...CivilDate.daysIn(month: month, year: year)))
    }

    /// What people do around a date: full-width digits (an IME left on), spaces around.
    static func typed(_ text: String, _ random: inout SynthRandom) -> String {
        var result = text
        if random.chance(0.25) {
            result = String(String.UnicodeScalarView(result.unicodeScalars.map { scalar in
                ("0"..."9").contains(scalar) ? Unicode.Scalar(scalar.value + 0xFEE0)! : scalar
            }))
        }
        if random.chance(0.25) { result = " " + result + "  " }
        return result
    }

    @Test(arguments: seeds)
    func aDayInEveryFormReadsBackAsThatDay(seed: UInt64) {
        var random = SynthRandom(seed: seed)
        let parser = DateParser()
        for _ in 0..<Self.perSeed {
            let date = Self.randomDate(&random)
            for (form, write) in Self.dayForms {
                let text = Self.typed(write(date.year, date.month, date.day), &random)
                let parsed = parser.parse(text)
                #expect(parsed == ParsedDate(date), "\(form): \(text.debugDescription) read as \(String(describing: parsed)) (seed \(seed))")
                // The form VoterRoll writes reads back too.
                #expect(parser.parse(date.iso8601) == ParsedDate(date))
            }
        }
    }

    @Test(arguments: seeds)
    func aMonthInEveryFormReadsBackAsThatMonth(seed: UInt64) {
        var random = SynthRandom(seed: seed)
        let parser = DateParser()
        for _ in 0..<Self.perSeed {
            let date = Self.randomDate(&random)
            let expected = ParsedDate(date, precision: .month)
            for (form, write) in Self.monthForms {
                let text = Self.typed(write(date.year, date.month), &random)
                let parsed = parser.parse(text)
                #expect(parsed == expected, "\(form): \(text.debugDescription) read as \(String(describing: parsed)) (seed \(seed))")
                #expect(parsed?.matches(date) == true)
            }
        }
    }

    /// In a numeric cell: the Excel serial of the day (1900 and 1904 systems, with or without a
    /// time of day), and what people type into a cell Excel then stores as a number.
    @Test(arguments: seeds)
    func aDayInANumericCellReadsBackAsThatDay(seed: UInt64) {
        var random = SynthRandom(seed: seed)
        for _ in 0..<Self.perSeed {
            // Serial 60 of the 1900 system is Excel's fictitious 29 February 1900.
            let date = Self.randomDate(&random, years: 1901...2100)
            for system in [ExcelDateSystem.system1900, .system1904] {
                let parser = DateParser(excelSystem: system)
                let epoch = system == .system1900 ? CivilDate(unchecked: 1899, 12, 30) : CivilDate(unchecked: 1904, 1, 1)
                let serial = date.dayNumber - epoch.dayNumber
                // 1800–2199 are read as a year typed with a dot and a month, never as serials.
                guard serial >= 0, !(1800...2199).contains(serial) else { continue }
                #expect(parser.parse(String(serial), cellIsNumeric: true) == ParsedDate(date), "serial \(serial) in \(system)")
                #expect(parser.parse("\(serial).5", cellIsNumeric: true) == ParsedDate(date), "serial \(serial).5 in \(system)")
            }
            let parser = DateParser()
            #expect(parser.parse("\(date.year)\(Self.pad(date.month))\(Self.pad(date.day))", cellIsNumeric: true) == ParsedDate(date))
            #expect(parser.parse("\(date.year)\(Self.pad(date.month))", cellIsNumeric: true) == ParsedDate(date, precision: .month))
            #expect(parser.parse("\(date.year).\(Self.pad(date.month))", cellIsNumeric: true) == ParsedDate(date, precision: .month))
        }
    }

    /// A day that does not exist is never read as a neighbouring one.
    @Test(arguments: seeds)
    func aDayThatDoesNotExistIsNoDate(seed: UInt64) {
        var random = SynthRandom(seed: seed)
        let parser = DateParser()
        for _ in 0..<Self.perSeed {
            let year = random.int(in: 1900...2100)
            let month = random.int(in: 1...12)
            let day = random.int(in: (CivilDate.daysIn(month: month, year: year) + 1)...(CivilDate.daysIn(month: month, year: year) + 3))
            for (form, write) in Self.dayForms {
                let text = write(year, month, day)
                #expect(parser.parse(text) == nil, "\(form): \(text) read as \(String(describing: parser.parse(text)))")
            }
        }
    }
}
