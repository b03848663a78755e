import Foundation
import Testing

@testable import VoterRollKit

/// Proves the Excel 2003 XML reader on LibreOffice's output and on hand-made edge cases.
@Suite struct SpreadsheetMLReaderTests {
    typealias Support = SpreadsheetTestSupport

    private static let header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <?mso-application progid="Excel.Sheet"?>
        <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">
        """

    /// A workbook with one worksheet named 名单 holding `rows`.
    private func workbook(_ rows: String, sheet: String = "名单") -> String {
        "\(Self.header)<Worksheet ss:Name=\"\(sheet)\"><Table>\(rows)</Table></Worksheet></Workbook>"
    }

    private func read(_ xml: String, sheet: String? = nil) throws -> [SourceRow] {
        let path = try Support.write(xml, name: "book.xml")
        return try Support.readAll(SpreadsheetMLReader(path: path, file: "book.xml", sheet: sheet))
    }

    // MARK: LibreOffice's files

    @Test func readsTheRegisterLibreOfficeWrote() throws {
        let reader = try SpreadsheetMLReader(path: Support.fixture("register-text.xml"), file: "register-text.xml")
        let rows = try Support.readAll(reader)
        #expect(rows.count == 13)
        #expect(reader.sheetNames == ["register-text"])
        #expect(rows.map(\.number) == Array(1...13))
        #expect(rows[0].cells.map(\.text) == ["序号", "选区", "选民小组", "姓名", "性别", "民族", "出生日期", "公民身份号码", "住址", "备注"])
        let first = rows[1]
        #expect(first.sheet == "register-text")
        #expect(first.cell(1) == Cell(column: 1, text: "1", kind: .number))
        #expect(first.cell(4)?.text == "张三")
        #expect(first.cell(7) == Cell(column: 7, text: "1990-03-07", kind: .date))
        #expect(first.cell(8) == Cell(column: 8, text: "110101199003071233", kind: .string))
        #expect(first.cell(10) == nil)
        #expect(rows[5].cell(4)?.text == "买买提·艾力")
        #expect(rows[6].cell(8)?.text == "31010119950430002X")
        #expect(rows[8].cell(10)?.text == "户籍在本村,现住城区")
    }

    @Test func numericIDsStayNumbersSoTheirDamageShows() throws {
        let rows = try Support.readAll(
            SpreadsheetMLReader(path: Support.fixture("register-numeric-ids.xml"), file: "register-numeric-ids.xml"))
        let id = try #require(rows[1].cell(8))
        #expect(id.kind == .number)
        #expect(id.text == "1.10101199003071E+017")
        // The ID ending in X cannot be a number, so it stays text.
        #expect(rows[6].cell(8) == Cell(column: 8, text: "31010119950430002X", kind: .string))
        let numeric = rows.dropFirst().compactMap { $0.cell(8) }.filter { $0.kind == .number }
        #expect(numeric.count == 11)
    }

    // MARK: Structure

    @Test func readsEveryWorksheetInOrderWithItsName() throws {
        let xml = """
            \(Self.header)
            <Worksheet ss:Name="第一选区"><Table><Row><Cell><Data ss:Type="String">张三</Data></Cell></Row></Table></Worksheet>
            <Worksheet ss:Name="第二选区"><Table><Row><Cell><Data ss:Type="String">李四</Data></Cell></Row>
            <Row><Cell><Data ss:Type="String">王五</Data></Cell></Row></Table></Worksheet>
            </Workbook>
            """
        let rows = try read(xml)
        #expect(rows.map(\.sheet) == ["第一选区", "第二选区", "第二选区"])
        #expect(rows.map(\.number) == [1, 1, 2])
        #expect(rows.map { $0.cells.first?.text } == ["张三", "李四", "王五"])
        #expect(try read(xml, sheet: "第二选区").map { $0.cells.first?.text } == ["李四", "王五"])
    }

    @Test func anUnknownSheetNamesTheSheetsFound() throws {
        let xml = """
            \(Self.header)
            <Worksheet ss:Name="第一选区"><Table/></Worksheet><Worksheet ss:Name="第二选区"><Table/></Worksheet>
            </Workbook>
            """
        let path = try Support.write(xml, name: "book.xml")
        let reader = try SpreadsheetMLReader(path: path, file: "book.xml", sheet: "第三选区")
        Support.expectIngestError(.unreadable, containing: "“第一选区”, “第二选区”") { () throws(IngestError) in
            _ = try reader.next()
        }
    }

    @Test func rowAndCellIndexesLeaveGapsAndSkippedRowsComeBackBlank() throws {
        let rows = try read(
            workbook("""
                <Row><Cell><Data ss:Type="String">A1</Data></Cell><Cell ss:Index="4"><Data ss:Type="String">D1</Data></Cell><Cell><Data ss:Type="String">E1</Data></Cell></Row>
                <Row ss:Index="4"><Cell ss:Index="2"><Data ss:Type="String">B4</Data></Cell></Row>
                <Row/>
                <Row><Cell><Data ss:Type="String">A6</Data></Cell></Row>
                """))
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(Support.texts(rows) == [[1: "A1", 4: "D1", 5: "E1"], [:], [:], [2: "B4"], [:], [1: "A6"]])
        #expect(rows[1].isBlank && rows[2].isBlank && rows[4].isBlank)
        #expect(rows[3].address(column: 2).cell == "名单!B4")
    }

    @Test func mergeAcrossKeepsTheValueLeftAndShiftsWhatFollows() throws {
        let rows = try read(
            workbook("""
                <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">第一选区选民登记表</Data></Cell><Cell><Data ss:Type="String">D</Data></Cell></Row>
                <Row><Cell ss:Index="2" ss:MergeAcross="1"><Data ss:Type="String">B</Data></Cell><Cell/><Cell><Data ss:Type="String">E</Data></Cell></Row>
                """))
        #expect(Support.texts(rows) == [[1: "第一选区选民登记表", 4: "D"], [2: "B", 5: "E"]])
    }

    @Test(arguments: [
        ("<Data ss:Type=\"String\">张三</Data>", Cell(column: 1, text: "张三", kind: .string)),
        ("<Data ss:Type=\"Number\">32939</Data>", Cell(column: 1, text: "32939", kind: .number)),
        ("<Data ss:Type=\"Number\">1.10101199003071E+17</Data>", Cell(column: 1, text: "1.10101199003071E+17", kind: .number)),
        ("<Data ss:Type=\"DateTime\">1990-03-07T00:00:00.000</Data>", Cell(column: 1, text: "1990-03-07", kind: .date)),
        ("<Data ss:Type=\"DateTime\">1990-03-07T08:30:05.000</Data>", Cell(column: 1, text: "1990-03-07T08:30:05", kind: .date)),
        ("<Data ss:Type=\"DateTime\">not a date</Data>", Cell(column: 1, text: "not a date", kind: .string)),
        ("<Data ss:Type=\"Boolean\">1</Data>", Cell(column: 1, text: "TRUE", kind: .boolean)),
        ("<Data ss:Type=\"Boolean\">0</Data>", Cell(column: 1, text: "FALSE", kind: .boolean)),
        ("<Data ss:Type=\"Error\">#N/A</Data>", Cell(column: 1, text: "#N/A", kind: .string)),
        ("<Data ss:Type=\"String\"> </Data>", Cell(column: 1, text: " ", kind: .string)),
        ("<Data ss:Type=\"String\">a &amp; b</Data>", Cell(column: 1, text: "a & b", kind: .string)),
        ("<Data ss:Type=\"String\"><![CDATA[<张三>]]></Data>", Cell(column: 1, text: "<张三>", kind: .string)),
        (
            "<ss:Data ss:Type=\"String\" xmlns=\"http://www.w3.org/TR/REC-html40\"><B>买买提</B><Font html:Color=\"#FF0000\">·艾力</Font></ss:Data>",
            Cell(column: 1, text: "买买提·艾力", kind: .string)
        ),
        (
            "<Data ss:Type=\"String\">张三</Data><Comment ss:Author=\"x\"><ss:Data><B>备注</B></ss:Data></Comment>",
            Cell(column: 1, text: "张三", kind: .string)
        ),
    ])
    func dataTypesBecomeCellKinds(data: String, expected: Cell) throws {
        let rows = try read(workbook("<Row><Cell>\(data)</Cell></Row>"))
        #expect(rows.first?.cells == [expected])
    }

    @Test func emptyDataAndCellsWithoutDataAreNoCells() throws {
        let rows = try read(
            workbook("<Row><Cell><Data ss:Type=\"String\"></Data></Cell><Cell ss:StyleID=\"s1\"/><Cell><Data ss:Type=\"String\">C</Data></Cell></Row>"))
        #expect(rows.first?.cells == [Cell(column: 3, text: "C", kind: .string)])
    }

    // MARK: Bad input

    @Test func aDoctypeDefiningEntitiesIsRefused() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE Workbook [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY secret SYSTEM "file:///etc/passwd">
            ]>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
            <Worksheet ss:Name="x"><Table><Row><Cell><Data ss:Type="String">&lol2;&secret;</Data></Cell></Row></Table></Worksheet></Workbook>
            """
        let path = try Support.write(xml, name: "evil.xml")
        Support.expectIngestError(.malformed, containing: "DOCTYPE") { () throws(IngestError) in
            _ = try Support.readAll(SpreadsheetMLReader(path: path, file: "evil.xml"))
        }
    }

    @Test func malformedXMLMidwayNamesTheFileAndLine() throws {
        // libxml2 parses ahead in chunks: enough good rows first that the damage is met midway.
        let good = (1...500).map { "<Row><Cell><Data ss:Type=\"String\">选民\($0)</Data></Cell></Row>" }
        let xml = workbook(good.joined(separator: "\n") + "\n<Row><Cell><Data ss:Type=\"String\">李四</Data></Cell>\n</Table>")
        let brokenLine = xml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("</Table>") }! + 1
        let path = try Support.write(xml, name: "broken.xml")
        let reader = try SpreadsheetMLReader(path: path, file: "broken.xml")
        #expect(try reader.next()?.cells.first?.text == "选民1")
        do {
            _ = try Support.readAll(reader)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .malformed)
            #expect(error.description.hasPrefix("broken.xml: "))
            #expect(error.message.contains("line \(brokenLine)"), "\(error)")
        }
        // After the error the reader is finished, not stuck.
        #expect(try reader.next() == nil)
    }

    @Test(arguments: [
        ("", "empty"),
        ("<?xml version=\"1.0\"?><html><body/></html>", "<html>"),
        ("not xml at all", "damaged"),
    ])
    func notSpreadsheetMLIsAClearError(content: String, fragment: String) throws {
        let path = try Support.write(content, name: "other.xml")
        Support.expectIngestError(.malformed, containing: fragment) { () throws(IngestError) in
            _ = try Support.readAll(SpreadsheetMLReader(path: path, file: "other.xml"))
        }
    }

    @Test func aMissingFileIsUnreadable() {
        Support.expectIngestError(.unreadable, containing: "cannot be read") { () throws(IngestError) in
            _ = try SpreadsheetMLReader(path: "/nonexistent/book.xml", file: "book.xml")
        }
    }

    @Test(arguments: [
        ("<Row ss:Index=\"1048577\"><Cell><Data ss:Type=\"String\">x</Data></Cell></Row>", "row 1048577"),
        ("<Row><Cell ss:Index=\"16385\"><Data ss:Type=\"String\">x</Data></Cell></Row>", "column 16385"),
        ("<Row ss:Index=\"abc\"/>", "not a whole number"),
    ])
    func numbersOutsideExcelsGridAreRefused(rows: String, fragment: String) throws {
        let path = try Support.write(workbook(rows), name: "grid.xml")
        Support.expectIngestError(.malformed, containing: fragment) { () throws(IngestError) in
            _ = try Support.readAll(SpreadsheetMLReader(path: path, file: "grid.xml"))
        }
    }

    @Test func theLastColumnOfTheGridReads() throws {
        let rows = try read(workbook("<Row><Cell ss:Index=\"16384\"><Data ss:Type=\"String\">XFD</Data></Cell></Row>"))
        #expect(rows.first?.cells == [Cell(column: 16_384, text: "XFD", kind: .string)])
        #expect(rows.first?.address(column: 16_384).cell == "名单!XFD1")
    }

    @Test func aTenMegabyteCellIsRefusedClearly() throws {
        let big = String(repeating: "张", count: 3_500_000)  // 10.5 MB of UTF-8
        let path = try Support.write(workbook("<Row><Cell><Data ss:Type=\"String\">\(big)</Data></Cell></Row>"), name: "big.xml")
        defer { try? FileManager.default.removeItem(atPath: path) }
        Support.expectIngestError(.tooLarge, containing: "line 3: a cell holds more than 10 MB of text") { () throws(IngestError) in
            _ = try Support.readAll(SpreadsheetMLReader(path: path, file: "big.xml"))
        }
    }

    @Test func aDoctypeAfterALongCommentIsRefusedToo() throws {
        let comment = "<!-- \(String(repeating: "x", count: 6000)) -->"
        let xml = """
            <?xml version="1.0"?>
            \(comment)
            <!DOCTYPE Workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
            <Worksheet ss:Name="x"><Table><Row><Cell><Data ss:Type="String">&b;</Data></Cell></Row></Table></Worksheet></Workbook>
            """
        let path = try Support.write(xml, name: "late.xml")
        Support.expectIngestError(.malformed, containing: "DOCTYPE") { () throws(IngestError) in
            _ = try Support.readAll(SpreadsheetMLReader(path: path, file: "late.xml"))
        }
    }
}
