import Testing

/// `voterroll synth --header-style varied|random` then `voterroll check` with every list: with
/// the headers written as offices write them (subject prefixes, suffixes, 是否 forms, spaces,
/// full width, titles above the header), every data row still gets exactly the decision and
/// codes of expected.jsonl, in CSV, XLSX and SpreadsheetML.
@Suite struct SynthHeaderStyleCheckTests {
    static let cases: [SynthCheckTests.Case] = ["varied", "random"].flatMap { style in
        ["csv", "xlsx", "xml"].flatMap { format in
            [41, 42].map { seed in
                SynthCheckTests.Case(seed: seed, format: format, encoding: "gb18030", defectRate: "0.2", headerStyle: style)
            }
        }
    }

    @Test(arguments: cases)
    func everyRowGetsItsDecisionWhateverTheHeaders(_ testCase: SynthCheckTests.Case) throws {
        try SynthCheckTests.synthThenCheck(testCase, rows: 2000)
    }
}
