import Foundation
import Testing

@testable import VoterRollKit

/// The pieces the post-run outputs are built from: reading our own outputs back, escaping,
/// the age bands, source references.
@Suite struct ReportPiecesTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("report-pieces-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func findingsReadBackExactlyAsWritten() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let findings = [
            Finding(
                code: .idChecksum, address: CellAddress(file: "in/roll.csv", row: 12, column: 8), columnName: "公民身份号码",
                value: "370102199003030050", name: "唐僧", idNumber: "370102199003030050", evidence: nil),
            Finding(
                code: .nameSuspicious, address: CellAddress(file: "roll.xlsx", sheet: "Sheet 1", row: 3, column: 4),
                columnName: "姓名", value: "say \"hi\"\\\n\t\u{1}𠮷", name: nil, idNumber: nil, evidence: "x,y"),
        ]
        let writer = try FindingsWriter(directory: directory.path, encoding: .utf8BOM, language: .zh)
        for finding in findings { try writer.write(finding) }
        try writer.commit()
        let file = try FindingsFile(path: directory.appendingPathComponent("findings.jsonl").path)
        var lines: [FindingsFile.Line] = []
        while let line = try file.next() { lines.append(line) }
        #expect(lines.count == 2)
        #expect(lines[0] == FindingsFile.Line(
            code: .idChecksum, file: "in/roll.csv", sheet: nil, row: 12, column: "公民身份号码", cell: "roll.csv:12:H",
            value: "370102199003030050", name: "唐僧", idNumber: "370102199003030050", evidence: nil))
        #expect(lines[0].rowReference == "roll.csv:12")
        #expect(lines[1].value == "say \"hi\"\\\n\t\u{1}𠮷")
        #expect(lines[1].sheet == "Sheet 1")
        #expect(lines[1].rowReference == "roll.xlsx[Sheet 1]:3")
        #expect(lines[1].evidence == "x,y")
    }

    @Test func manyFindingsCrossTheReadBuffer() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try FindingsWriter(directory: directory.path, encoding: .utf8BOM, language: .en)
        for row in 2...20_001 {
            try writer.write(Finding(code: .nameNormalized, address: CellAddress(file: "roll.csv", row: row, column: 4), value: "张 三\(row)"))
        }
        try writer.commit()
        let file = try FindingsFile(path: directory.appendingPathComponent("findings.jsonl").path)
        var rows: [Int] = []
        while let line = try file.next() {
            #expect(line.value == "张 三\(line.row)")
            rows.append(line.row)
        }
        #expect(rows == Array(2...20_001))
    }

    @Test(arguments: [
        ("'=1+1", "=1+1"), ("'+86", "+86"), ("'-2", "-2"), ("'@x", "@x"), ("'\tx", "\tx"), ("'abc", "'abc"), ("'", "'"),
        ("张三", "张三"),
    ])
    func outputCellsLoseTheirFormulaGuard(written: String, original: String) {
        #expect(OutputTable.unescaped(written) == original)
    }

    /// roll.xlsx gets the roll's cells from the line roll.csv was written with.
    @Test(arguments: [
        ["第一选区", "第一组", "=x,\"y\"", "男", "1980-01-01", "370102198001010031", "汉族", "某街\n2号", "roll.csv:2"],
        ["", "", "", "", "", "", "", "", ""],
        ["+86", "a\rb", "\"", ",", "'=x", "@", "-", "\t1", "😀"],
    ])
    func rollLinesSplitBackIntoTheirCells(cells: [String]) {
        var line: [UInt8] = []
        CSVWriter.appendCells(cells, to: &line)
        #expect(CSVWriter.cells(ofLine: line[...]) == cells.map(OutputTable.unescaped))
    }

    @Test func htmlEscaping() {
        #expect(HTMLText.escape("张三") == "张三")
        #expect(HTMLText.escape("<a href=\"x\">&</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;")
        #expect(HTMLText.escape("a\u{1}b\rc") == "ab c")
        #expect(HTMLText.count(0) == "0")
        #expect(HTMLText.count(1_234_567) == "1,234,567")
        #expect(HTMLText.count(999) == "999")
    }

    @Test(arguments: [(17, nil), (18, 0), (19, 0), (20, 1), (24, 1), (25, 2), (85, 14), (89, 14), (90, 15), (120, 15)] as [(Int, Int?)])
    func ageBands(age: Int, band: Int?) {
        #expect(AgePyramid.band(age: age) == band)
    }

    @Test func ageBandLabels() {
        #expect(AgePyramid.label(0) == "18–19")
        #expect(AgePyramid.label(1) == "20–24")
        #expect(AgePyramid.label(AgePyramid.lowerBounds.count - 1) == "90+")
    }

    @Test func pyramidCountsByGenderAndAge() throws {
        var pyramid = AgePyramid()
        let day = try #require(CivilDate("2026-12-01"))
        pyramid.add(birthDate: "2008-12-01", gender: "女", electionDay: day, rule: .february28)
        pyramid.add(birthDate: "1980-01-01", gender: "男", electionDay: day, rule: .february28)
        pyramid.add(birthDate: "", gender: "男", electionDay: day, rule: .february28)
        #expect(pyramid.female[0] == 1)
        #expect(pyramid.male[AgePyramid.band(age: 46) ?? -1] == 1)
        #expect(pyramid.unknown == 1)
        #expect(pyramid.total == 3)
    }

    @Test func oneTermBeforeElectionDay() throws {
        #expect(ChangeRule.oneTermBefore(try #require(CivilDate("2026-12-01"))) == CivilDate("2021-12-01"))
        #expect(ChangeRule.oneTermBefore(try #require(CivilDate("2028-02-29"))) == CivilDate("2023-02-28"))
    }

    @Test func formatLists() throws {
        #expect(try OutputFormat.parseList("csv, xlsx").get() == [.csv, .xlsx])
        #expect(try OutputFormat.parseList("xlsx").get() == [.xlsx])
        guard case .failure(let unknown) = OutputFormat.parseList("csv,pdf") else {
            Issue.record("pdf is not a format")
            return
        }
        #expect(unknown.name == "pdf")
    }
}
