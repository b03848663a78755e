import Foundation
import Testing

@testable import VoterRollKit

/// Telling formats apart by content, and refusing what is not a spreadsheet with a message
/// that says what to do.
@Suite struct SpreadsheetInputTests {
    @Test(arguments: [
        ("csv/utf8.csv", SpreadsheetFormat.csv),
        ("csv/gb18030-crlf.csv", .csv),
        ("csv/utf16le-tabs.txt", .csv),
        ("csv/header-only.csv", .csv),
    ])
    func tellsFormatsByContent(name: String, format: SpreadsheetFormat) throws {
        #expect(try SpreadsheetInput.format(path: SpreadsheetTestSupport.fixture(name)) == format)
    }

    @Test(arguments: [
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], SpreadsheetFormat.xlsx),
        ([0x50, 0x4B, 0x05, 0x06, 0x00, 0x00], .xlsx),
        (Array("<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">".utf8), .spreadsheetML),
        ([0xEF, 0xBB, 0xBF] + Array("  <Workbook>".utf8), .spreadsheetML),
        (Array("姓名,身份证\n".utf8), .csv),
        (Array("<html><body><table><tr><td>姓名</td></tr></table>".utf8), .html),
        (Array("<!DOCTYPE html>\n<html>".utf8), .html),
    ] as [([UInt8], SpreadsheetFormat)])
    func tellsFormatsByTheirFirstBytesWhateverTheName(bytes: [UInt8], format: SpreadsheetFormat) throws {
        let path = try SpreadsheetTestSupport.write(bytes, name: "roll.xls")
        #expect(try SpreadsheetInput.format(path: path) == format)
    }

    @Test(arguments: [
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], ".xls"),
        (Array("%PDF-1.4\n".utf8), "PDF"),
        (Array("<?xml version=\"1.0\"?><note>hi</note>".utf8), "not an Excel 2003 XML"),
        ([UInt8](repeating: 0, count: 300), "zero (NUL) bytes"),
        ([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 56), "binary data"),
    ] as [([UInt8], String)])
    func refusesWhatIsNotASpreadsheet(bytes: [UInt8], fragment: String) throws {
        let path = try SpreadsheetTestSupport.write(bytes, name: "roll.csv")
        SpreadsheetTestSupport.expectIngestError(.malformed, containing: fragment) { () throws(IngestError) in
            _ = try SpreadsheetInput.open(path: path)
        }
    }

    @Test(arguments: [
        ("csv/empty.csv", IngestError.Kind.malformed, "is empty"),
        ("csv/binary-garbage.csv", .malformed, "binary data"),
        ("csv/nul-bytes.csv", .malformed, "nothing but zero (NUL) bytes"),
        ("csv/no-such-file.csv", .unreadable, "no such file"),
        ("csv", .unreadable, "is a directory"),
    ])
    func badInputFixturesGiveAClearError(name: String, kind: IngestError.Kind, fragment: String) {
        let path = SpreadsheetTestSupport.fixture(name)
        SpreadsheetTestSupport.expectIngestError(kind, containing: fragment) { () throws(IngestError) in
            _ = try SpreadsheetInput.open(path: path, file: "roll.csv")
        }
        do {
            _ = try SpreadsheetInput.open(path: path, file: "named.csv")
        } catch {
            #expect(error.description.hasPrefix("named.csv: "))
        }
    }

    @Test func opensCSVWithAnEncodingOverride() throws {
        let reader = try SpreadsheetInput.open(path: SpreadsheetTestSupport.fixture("csv/gb18030-crlf.csv"), encoding: TextEncoding.gb18030)
        let csv = try #require(reader as? CSVReader)
        #expect(csv.encodingSource == .override)
        let named = try SpreadsheetInput.open(path: SpreadsheetTestSupport.fixture("csv/gb18030-crlf.csv"), encoding: "GBK")
        #expect((named as? CSVReader)?.encoding == .gb18030)
        SpreadsheetTestSupport.expectIngestError(.unreadable, containing: "unknown encoding 'big5'") { () throws(IngestError) in
            _ = try SpreadsheetInput.open(path: SpreadsheetTestSupport.fixture("csv/utf8.csv"), encoding: "big5")
        }
    }

    @Test func opensSpreadsheetML() throws {
        let path = try SpreadsheetTestSupport.write(
            """
            <?xml version="1.0"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
            <Worksheet ss:Name="名单"><Table><Row><Cell><Data ss:Type="String">姓名</Data></Cell></Row></Table></Worksheet>
            </Workbook>
            """, name: "roll.xml")
        #expect(try SpreadsheetInput.open(path: path) is SpreadsheetMLReader)
    }
}
