import Foundation
import Testing

@testable import VoterRollKit

/// The 问题清单 sheet of an annotated workbook is skipped when the workbook is read as a register
/// or list: by its marker (a defined name on the sheet, or naming it in its reference, as a
/// spreadsheet may save it), never by its name alone.
@Suite struct FindingsListMarkerTests {
    private func workbook(marker: XLSXWriter.DefinedName?) throws -> (path: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("marker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("roll.xlsx").path
        let writer = try XLSXWriter(path: path, sheetName: "问题清单", isPrivate: true, columnWidths: [])
        try writer.writeRow([.text("级别"), .text("单元格")], style: .header)
        try writer.writeRow([.text("错误"), .text("名单!H2")])
        try writer.startSheet(named: "名单")
        try writer.writeRow(number: 1, cells: [.init(column: 1, content: .text("姓名"), style: .plain)])
        try writer.writeRow(number: 2, cells: [.init(column: 1, content: .text("张三"), style: .error)])
        if let marker { writer.definedNames.append(marker) }
        try writer.commit()
        return (path, folder)
    }

    private func read(_ path: String) throws -> (sheets: [String], rows: [SourceRow]) {
        let reader = try XLSXReader(path: path, file: "roll.xlsx")
        var rows: [SourceRow] = []
        while let row = try reader.next() { rows.append(row) }
        return (reader.sheetNames, rows)
    }

    @Test(arguments: [
        XLSXWriter.DefinedName(name: XLSXWorkbook.findingsListMarker, sheet: 0, reference: "'问题清单'!$A$1:$G$2"),
        XLSXWriter.DefinedName(name: XLSXWorkbook.findingsListMarker, sheet: nil, reference: "'问题清单'!$A$1:$G$2"),
        XLSXWriter.DefinedName(name: XLSXWorkbook.findingsListMarker, sheet: nil, reference: "问题清单!$A$1"),
    ])
    func theMarkedSheetIsNotRead(marker: XLSXWriter.DefinedName) throws {
        let (path, folder) = try workbook(marker: marker)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (sheets, rows) = try read(path)
        #expect(sheets == ["名单"])
        #expect(rows.map(\.sheet) == ["名单", "名单"])
        #expect(rows.map { $0.cell(1)?.text } == ["姓名", "张三"])
    }

    @Test func aSheetNamed问题清单WithoutTheMarkerIsRead() throws {
        let (path, folder) = try workbook(marker: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (sheets, rows) = try read(path)
        #expect(sheets == ["问题清单", "名单"])
        #expect(rows.count == 4)
    }

    @Test(arguments: [("'问题清单'!$A$1", "问题清单"), ("'it''s'!A1", "it's"), ("Sheet1!$A$1:$B$2", "Sheet1"), ("$A$1", nil)])
    func theSheetOfAReference(reference: String, sheet: String?) {
        #expect(XLSXWorkbook.sheetName(inReference: reference) == sheet)
    }
}
