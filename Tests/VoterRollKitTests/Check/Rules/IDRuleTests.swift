import Testing

@testable import VoterRollKit

extension Rules {
    /// `IDRule`: the ID number as the cell holds it, read into `person.id`, or the code that says
    /// why it cannot be; at the boundaries of the birth date (election day, year 1800) and of what
    /// Excel does to long numbers.
    @Suite struct IDRuleTests {
        private static let id = RuleTestSupport.id(born: "1990-03-07")  // 370102199003071238

        /// (cell text, cell kind, codes, the ID read or nil)
        static let cases: [(String, Cell.Kind, [FindingCode], String?)] = [
            (id, .string, [], id),
            // Surrounding white space and Excel's text apostrophe are how the cell was stored.
            (" \(id)\u{3000}", .string, [], id),
            ("'\(id)", .string, [], id),
            // Written otherwise, read the same: noted.
            ("37010219900307018x", .string, [.idNormalized], "37010219900307018X"),
            ("３７０１０２１９９００３０７１２３８", .string, [.idNormalized], id),
            ("370102 19900307 1238", .string, [.idNormalized], id),
            ("370102900307123", .string, [.idLegacy15], id),
            // Valid, from an unknown region: kept with a warning.
            (
                RuleTestSupport.id(born: "1990-03-07", region: "990000"), .string, [.idRegionUnknown],
                RuleTestSupport.id(born: "1990-03-07", region: "990000")
            ),
            // Wrong.
            ("", .empty, [.idMissing], nil),
            ("   ", .string, [.idMissing], nil),
            ("12345", .string, [.idFormat], nil),
            (RuleTestSupport.wrongCheckDigit(id), .string, [.idChecksum], nil),
            // What Excel did to it: as a number it keeps 15 significant digits.
            ("3.70102E+17", .string, [.idExcelMangled], nil),
            ("370102199003071238", .number, [.idExcelMangled], nil),
            ("370102199003070000", .string, [.idExcelMangled], nil),
            // The birth date inside: on election day is a valid number (the age rule excludes),
            // the day after is not; 1800 is the earliest year.
            (RuleTestSupport.id(born: "2026-06-01"), .string, [], RuleTestSupport.id(born: "2026-06-01")),
            (RuleTestSupport.id(born: "2026-06-02"), .string, [.idBirthdateInvalid], nil),
            (RuleTestSupport.id(born: "1800-01-01"), .string, [], RuleTestSupport.id(born: "1800-01-01")),
            (RuleTestSupport.id(born: "1799-12-31"), .string, [.idBirthdateInvalid], nil),
            (RuleTestSupport.id(born: "1990-02-30"), .string, [.idBirthdateInvalid], nil),
        ]

        @Test(arguments: cases)
        func readsTheNumberOrSaysWhyNot(text: String, kind: Cell.Kind, codes: [FindingCode], canonical: String?) throws {
            let context = try RuleTestSupport.context()
            let person = RuleTestSupport.check(RuleTestSupport.person(text, idKind: kind), [IDRule()], in: context)
            #expect(person.findings.codes == codes)
            #expect(person.id?.canonical == canonical)
            // Every finding points at the ID cell with the text as written, and names the person.
            for finding in person.findings {
                #expect(Brief(finding) == Brief(finding.code, "roll.csv:2:H", text))
                #expect(finding.columnName == "公民身份号码")
                #expect(finding.name == "张伟")
                let written = RawValue(text: text, kind: kind, column: nil, header: nil).trimmed
                #expect(finding.idNumber == canonical ?? (written.isEmpty ? nil : written))
            }
            #expect(person.isKept == (canonical != nil))
        }
    }
}
