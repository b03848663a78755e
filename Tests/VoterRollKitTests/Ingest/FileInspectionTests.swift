import Foundation
import Testing

@testable import VoterRollKit

/// What `inspect` learns about a file.
@Suite struct FileInspectionTests {
    static let demoRoll = SpreadsheetTestSupport.fixture("../demo/roll.csv")

    @Test func inspectsTheDemoRoll() throws {
        let inspection = try FileInspection.inspect(path: Self.demoRoll, file: "roll.csv")
        #expect(inspection.file == "roll.csv")
        #expect(inspection.format == .csv)
        #expect(inspection.encoding == .gb18030)
        #expect(inspection.encodingSource == .notUTF8)
        #expect(inspection.delimiter == ",")
        #expect(inspection.sheets.count == 1)
        let sheet = try #require(inspection.sheets.first)
        #expect(sheet.name == nil)
        #expect(sheet.mapping?.headerRow == 2)
        #expect(sheet.mapping?.header(for: .idNumber) == "公民身份号码")
        #expect(sheet.counts.dataRows == 30)
        #expect(sheet.firstRows.map(\.row.number) == [3, 4, 5, 6, 7])
        #expect(sheet.missingForRoll.isEmpty)
        #expect(inspection.counts.isBalanced)
        #expect(inspection.findings.isEmpty)
    }

    @Test func aFileWithoutTheRollsColumnsIsStillInspected() throws {
        let inspection = try FileInspection.inspect(path: SpreadsheetTestSupport.fixture("csv/missing-id.csv"))
        #expect(inspection.sheets.first?.missingForRoll == [.idNumber])
        #expect(inspection.sheets.first?.mapping?.headerRow == 1)
    }

    @Test func countsTheFindingsOfReading() throws {
        let inspection = try FileInspection.inspect(path: SpreadsheetTestSupport.fixture("csv/ragged.csv"))
        #expect(inspection.findings == [.inputRaggedRow: 2])
    }

    @Test func encodesTheDocumentedJSONShape() throws {
        let inspection = try FileInspection.inspect(path: Self.demoRoll, file: "roll.csv")
        let data = try JSONEncoder().encode(inspection)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["format"] as? String == "csv")
        #expect(object["encoding"] as? String == "GB18030")
        let sheets = try #require(object["sheets"] as? [[String: Any]])
        #expect(sheets.count == 1)
        #expect(sheets[0]["name"] is NSNull)
        #expect(sheets[0]["header_row"] as? Int == 2)
        #expect(sheets[0]["rows"] as? Int == 30)
        let columns = try #require(sheets[0]["columns"] as? [String: String])
        #expect(columns["id_number"] == "公民身份号码")
        #expect(columns["name"] == "姓名")
        #expect(columns.count == 10)
        let first = try #require(sheets[0]["first_rows"] as? [[String]])
        #expect(first.first?.count == 10)
        #expect(first.first?[3] == "张伟")
    }

    @Test func badFilesThrow() {
        SpreadsheetTestSupport.expectIngestError(.malformed, containing: "binary data") { () throws(IngestError) in
            _ = try FileInspection.inspect(path: SpreadsheetTestSupport.fixture("csv/binary-garbage.csv"))
        }
    }
}

/// The same register saved by LibreOffice as CSV, XLSX and Excel 2003 XML inspects alike.
@Suite struct FileInspectionFormatTests {
    @Test(arguments: [
        ("register.csv", SpreadsheetFormat.csv),
        ("register-text.xlsx", .xlsx),
        ("register-text.xml", .spreadsheetML),
    ])
    func everyFormatIsInspected(name: String, format: SpreadsheetFormat) throws {
        let inspection = try FileInspection.inspect(path: SpreadsheetTestSupport.fixture(name))
        #expect(inspection.format == format)
        #expect(inspection.sheets.count == 1)
        let sheet = try #require(inspection.sheets.first)
        #expect(sheet.mapping?.headerRow == 1)
        #expect(sheet.mapping?.header(for: .idNumber) == "公民身份号码")
        #expect(sheet.counts.dataRows == 12)
        #expect(sheet.missingForRoll.isEmpty)
        #expect((inspection.encoding != nil) == (format == .csv))
    }
}
