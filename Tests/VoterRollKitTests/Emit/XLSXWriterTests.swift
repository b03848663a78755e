import Foundation
import Testing

@testable import VoterRollKit

/// The .xlsx writer, proved by reading its workbooks back with our own XLSX reader.
@Suite struct XLSXWriterTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xlsxwriter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func readBack(_ path: String) throws -> (sheets: [String], rows: [SourceRow]) {
        let reader = try XLSXReader(path: path, file: "book.xlsx")
        var rows: [SourceRow] = []
        while let row = try reader.next() { rows.append(row) }
        return (reader.sheetNames, rows)
    }

    @Test func rowsReadBackAsWritten() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("roll.xlsx").path
        let awkward = [
            "张三", "370102198001010031", "=SUM(A1)", "a & b < c > d \"q\"", " leading and trailing ",
            "line\nbreak", "tab\there", "cr\rhere", "bell\u{7}", "_x0041_ stays", "𠮷明", "买买提·艾力",
        ]
        let writer = try XLSXWriter(
            path: path, sheetName: "选民名单", isPrivate: true, columnWidths: [10, 20], autoFilter: true)
        try writer.writeRow([.text("姓名"), .text("公民身份号码"), .text("序号")], style: .header)
        for (index, text) in awkward.enumerated() {
            try writer.writeRow([.text(text), .text("370102198001010031"), .number(index + 1)])
        }
        try writer.commit()

        let (sheets, rows) = try readBack(path)
        #expect(sheets == ["选民名单"])
        #expect(rows.count == awkward.count + 1)
        #expect(rows[0].cells.map(\.text) == ["姓名", "公民身份号码", "序号"])
        for (index, text) in awkward.enumerated() {
            let row = rows[index + 1]
            // XML cannot hold U+0007; it is written as OOXML's _x0007_ escape and read back.
            #expect(row.cell(1)?.text == text, "row \(index + 2)")
            #expect(row.cell(2) == Cell(column: 2, text: "370102198001010031", kind: .string))
            #expect(row.cell(3) == Cell(column: 3, text: String(index + 1), kind: .number))
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["roll.xlsx"])
    }

    @Test func sameRowsGiveTheSameBytes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [Data] = []
        for name in ["a.xlsx", "b.xlsx"] {
            let path = directory.appendingPathComponent(name).path
            let writer = try XLSXWriter(
                path: path, sheetName: "第一选区", isPrivate: false, columnWidths: [8, 16],
                print: .init(title: "第一选区选民名单", footer: "第 &P 页"))
            try writer.writeRow([.text("序号"), .text("姓名")], style: .boxedHeader)
            for index in 1...500 { try writer.writeRow([.number(index), .text("王\(index)")], style: .boxed) }
            try writer.commit()
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(files[0] == files[1])
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("a.xlsx").path)
        #expect(attributes[.posixPermissions] as? Int == 0o644)
    }

    @Test func aLargeSheetStreamsThroughTheSpillFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("big.xlsx").path
        let writer = try XLSXWriter(path: path, sheetName: "roll", isPrivate: false, columnWidths: [])
        for index in 1...20_000 {
            try writer.writeRow([.text("第\(index % 7)选区"), .text("姓名\(index)"), .number(index)])
        }
        try writer.commit()
        let (_, rows) = try readBack(path)
        #expect(rows.count == 20_000)
        #expect(rows.last?.cells.map(\.text) == ["第1选区", "姓名20000", "20000"])
    }

    /// Past Excel's row limit the rows go on in a further sheet, under the same header.
    @Test func rowsPastTheSheetLimitContinueOnANewSheet() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("roll.xlsx").path
        let writer = try XLSXWriter(
            path: path, sheetName: "选民名单", isPrivate: true, columnWidths: [8], autoFilter: true, rowsPerSheet: 3)
        try writer.writeRow([.text("姓名")], style: .header)
        for index in 1...5 { try writer.writeRow([.text("王\(index)")]) }
        try writer.commit()
        let (sheets, rows) = try readBack(path)
        #expect(sheets == ["选民名单", "选民名单 (2)", "选民名单 (3)"])
        #expect(rows.map { $0.sheet ?? "" } == ["选民名单", "选民名单", "选民名单", "选民名单 (2)", "选民名单 (2)", "选民名单 (2)", "选民名单 (3)", "选民名单 (3)"])
        #expect(rows.map { $0.cells.first?.text ?? "" } == ["姓名", "王1", "王2", "姓名", "王3", "王4", "姓名", "王5"])
        #expect(rows.map(\.number) == [1, 2, 3, 1, 2, 3, 1, 2])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["roll.xlsx"])
    }

    @Test func anAbandonedWorkbookLeavesThePreviousOne() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("roll.xlsx").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        do {
            let writer = try XLSXWriter(path: path, sheetName: "roll", isPrivate: true, columnWidths: [])
            try writer.writeRow([.text("new")])
            // Dropped without commit, as when a run fails midway.
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["roll.xlsx"])
    }

    @Test(arguments: [
        ("第一选区", "第一选区"), ("a/b:c?d*e[f]g\\h", "a_b_c_d_e_f_g_h"), ("'quoted'", "quoted"), ("", "Sheet1"),
        (String(repeating: "选", count: 40), String(repeating: "选", count: 31)),
    ])
    func sheetNamesAreWhatExcelAccepts(name: String, expected: String) {
        #expect(XLSXWriter.sheetName(name) == expected)
    }

    @Test func textIsEscapedForXMLAndOOXML() {
        #expect(XLSXWriter.escaped("a&b<c>\"") == "a&amp;b&lt;c&gt;&quot;")
        #expect(XLSXWriter.escaped("x\ry\u{1}") == "x_x000D_y_x0001_")
        #expect(XLSXWriter.escaped("_x0041_ and _x12") == "_x005F_x0041_ and _x12")
    }
}
