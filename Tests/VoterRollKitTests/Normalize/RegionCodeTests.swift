import Testing

@testable import VoterRollKit

@Suite struct RegionCodeTests {
    @Test func everyLineOfTheDataIsRead() {
        // The numbers scripts/make-region-codes.py printed in the data file's header.
        #expect(RegionCodeTable.shared.count == 7185)
        #expect(RegionCodeTable.shared.periodCount == 8110)
    }

    @Test(arguments: [
        ("110101", true),  // 东城区, current
        ("110103", true),  // 崇文区, abolished 2010
        ("110104", true),  // 宣武区, abolished 2010
        ("110110", true),  // 燕山区, last listed 1985
        ("110119", true),  // 延庆区, since 2015
        ("110100", true),  // 市辖区, a grouping code
        ("810000", true),  // 香港特别行政区
        ("999999", false),
        ("000000", false),
        ("110199", false),
    ])
    func knownCodes(text: String, known: Bool) throws {
        let code = try #require(RegionCode(text))
        #expect(code.isKnown == known)
        #expect(code.periods.isEmpty == !known)
    }

    @Test func abolishedCodeKeepsItsName() throws {
        let code = try #require(RegionCode("110103"))
        #expect(code.name == "崇文区")
        #expect(code.periods == [RegionCode.Period(name: "崇文区", firstYear: nil, lastYear: 2009)])
        #expect(code.name(in: 1990) == "崇文区")
        #expect(code.name(in: 2009) == "崇文区")
        #expect(code.name(in: 2010) == nil)
    }

    @Test func reusedCodeIsNamedByYear() throws {
        let code = try #require(RegionCode("120110"))
        #expect(code.name(in: 1985) == "东郊区")
        #expect(code.name(in: 2000) == "东丽区")
        #expect(code.name == "东丽区")
    }

    @Test(arguments: ["", "11010", "1101011", "11010a", "１１０１０１", "-11010"])
    func onlySixDigitsAreACode(text: String) {
        #expect(RegionCode(text) == nil)
    }

    @Test func printsSixDigits() {
        #expect(RegionCode(value: 10101)?.description == "010101")
        #expect(RegionCode(value: 1_000_000) == nil)
        #expect(RegionCode(value: -1) == nil)
    }
}
