import Foundation
import Testing

@testable import VoterRollKit

/// Proves the .xls reader on LibreOffice's files, on workbooks built record by record, and on
/// damaged and hostile compound files.
@Suite struct XLSReaderTests {
    typealias Build = XLSTestSupport
    typealias Support = SpreadsheetTestSupport

    static func fixture(_ name: String, filePath: String = #filePath) -> String {
        var url = URL(fileURLWithPath: filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("fixtures/xls/\(name)").path
    }

    // MARK: LibreOffice's files

    @Test func readsTheRegisterLibreOfficeWrote() throws {
        let reader = try XLSReader(path: Self.fixture("check/roll.xls"), file: "roll.xls")
        #expect(reader.sheetNames == ["roll"])
        let rows = try Support.readAll(reader)
        #expect(rows.count == 44)
        #expect(rows.map(\.number) == Array(1...44))
        #expect(rows[0].cells.map(\.text) == ["序号", "选区", "选民小组", "姓名", "性别", "民族", "出生日期", "公民身份号码", "住址"])
        let first = rows[1]
        #expect(first.sheet == "roll")
        #expect(first.cell(4) == Cell(column: 4, text: "张伟", kind: .string))
        #expect(first.cell(7) == Cell(column: 7, text: "1980-01-01", kind: .date))
        #expect(first.cell(8) == Cell(column: 8, text: "370102198001010031", kind: .string))
    }

    /// A workbook under 4,096 bytes lives in the compound file's mini stream (64-byte sectors
    /// inside the root entry's stream), as LibreOffice writes a short list.
    @Test func aSmallWorkbookIsReadFromTheMiniStream() throws {
        let path = Self.fixture("check/incapacitated.xls")
        let container = try CompoundFile(path: path, file: "incapacitated.xls")
        let entry = try #require(container.stream(named: "Workbook"))
        #expect(entry.size < 4096)
        let rows = try Support.readAll(XLSReader(path: path, file: "incapacitated.xls"))
        let csv = try String(contentsOfFile: Self.fixture("../check/incapacitated.csv"), encoding: .utf8)
        let expected = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.map { $0.cells.map(\.text) } == expected)
    }

    /// WPS saves .et files in the same container with the same records: the bytes decide, not the
    /// name, so an .et (or an .xls named .xlsx) is read as the workbook it is.
    @Test(arguments: ["roll.et", "roll.xlsx", "roll.csv"])
    func theFormatIsToldFromTheBytesWhateverTheName(name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.fixture("check/roll.xls"))))
        let path = try Support.write(bytes, name: name)
        #expect(try SpreadsheetInput.format(path: path) == .xls)
        #expect(try Support.readAll(SpreadsheetInput.open(path: path)).count == 44)
    }

    /// An ID column imported as numbers holds doubles; the text is Excel's 15 digits, which the ID
    /// rule reports as Excel damage, as it does the same column in an XLSX.
    @Test func idsStoredAsNumbersReadAsExcelDamage() throws {
        let rows = try Support.readAll(XLSReader(path: Self.fixture("numeric/roll.xls"), file: "roll.xls"))
        let id = try #require(rows[1].cell(8))
        #expect(id == Cell(column: 8, text: "3.7010219800101E+17", kind: .number))
        guard case .invalid(let code) = ResidentID.parse(id.text, cellIsNumeric: true) else {
            Issue.record("a numeric 18-digit ID parsed as valid")
            return
        }
        #expect(code == .idExcelMangled)
        let xlsx = try Support.readAll(XLSXReader(path: Self.fixture("numeric/roll.xlsx"), file: "roll.xlsx"))
        #expect(xlsx.count == rows.count)
        #expect(rows[1].cell(1) == xlsx[1].cell(1), "the sequence number is the same number in both")
    }

    // MARK: Records

    @Test(arguments: [
        (UInt32(42 << 2 | 2), "42"),  // integer
        (UInt32(bitPattern: Int32(-7) << 2) | 2, "-7"),
        (UInt32(12345 << 2 | 3), "123.45"),  // integer / 100
        (UInt32(truncatingIfNeeded: Double(1.5).bitPattern >> 32), "1.5"),  // high bits of a double
    ])
    func rkValuesAreDecoded(raw: UInt32, text: String) throws {
        #expect(XLSNumber.text(XLSNumber.rk(raw)) == text)
    }

    @Test(arguments: [
        (42.0, "42"), (1980.5, "1980.5"), (370102800101003, "370102800101003"),
        (3.7010219800101005e+17, "3.7010219800101E+17"), (1e15, "1E+15"), (-0.0, "0"),
    ])
    func numbersAreWrittenAsExcelShowsThem(value: Double, text: String) {
        #expect(XLSNumber.text(value) == text)
    }

    /// Every kind of value cell, formats and dates, a formula's cached results, a chart inside
    /// the sheet, a gap in the rows, and a chart sheet that is no worksheet.
    @Test func everyCellRecordReadsAsTheSameCellInXLSX() throws {
        let globals: [[UInt8]] = [
            Build.format(164, "yyyy\"年\"m\"月\"d\"日\""), Build.format(165, "0.00E+00"),
            Build.xf(format: 0), Build.xf(format: 14), Build.xf(format: 164), Build.xf(format: 165),
            Build.record(0x00FC, Build.u32(1) + Build.u32(1) + Build.unicode("共享")),
        ]
        let sheet: [[UInt8]] = [
            Build.record(0x0200, [UInt8](repeating: 0, count: 14)),  // DIMENSIONS: ignored
            Build.labelSST(0, 0, 0), Build.label(0, 1, "买买提·艾力"), Build.record(0x00D6, Build.cell(0, 2) + Build.unicode("rich") + Build.u16(0)),
            Build.number(1, 0, 32939, xf: 1), Build.number(1, 1, 32939, xf: 2), Build.number(1, 2, 32939.5, xf: 1),
            Build.number(1, 3, 12.5, xf: 3), Build.rk(1, 4, 7 << 2 | 2),
            Build.record(0x00BD, Build.u16(2) + Build.u16(1) + Build.u16(0) + Build.u32(1 << 2 | 2) + Build.u16(1) + Build.u32(32939 << 2 | 2) + Build.u16(2)),
            Build.record(0x0201, Build.cell(2, 0)),  // BLANK
            // A chart embedded in the sheet: its own BOF…EOF, whose records are not the sheet's.
            Build.bof(0x0020), Build.label(9, 9, "chart text"), Build.eof,
            Build.record(0x0205, Build.cell(4, 0) + [1, 0]), Build.record(0x0205, Build.cell(4, 1) + [0x2A, 1]),
            Build.record(0x0006, Build.cell(4, 2) + [0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + [UInt8](repeating: 0, count: 8)),
            Build.record(0x0207, Build.unicode("张三")),
            Build.record(0x0006, Build.cell(4, 3) + Build.f64(7) + [UInt8](repeating: 0, count: 8)),
            Build.record(0x0006, Build.cell(4, 4) + [1, 0, 1, 0, 0, 0, 0xFF, 0xFF] + [UInt8](repeating: 0, count: 8)),
            Build.label(4, 5, ""),
        ]
        let stream = Build.stream(globals: globals, sheets: [("名册", 0, sheet), ("图表", 2, [Build.label(0, 0, "no")])])
        let path = try Support.write(Build.file(stream).bytes, name: "book.xls")
        let reader = try XLSReader(path: path, file: "book.xls")
        #expect(reader.sheetNames == ["名册"])
        let rows = try Support.readAll(reader)
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5])
        #expect(rows[0].cells == [
            Cell(column: 1, text: "共享", kind: .string), Cell(column: 2, text: "买买提·艾力", kind: .string),
            Cell(column: 3, text: "rich", kind: .string),
        ])
        #expect(rows[1].cells == [
            Cell(column: 1, text: "1990-03-07", kind: .date), Cell(column: 2, text: "1990-03-07", kind: .date),
            Cell(column: 3, text: "1990-03-07T12:00:00", kind: .date), Cell(column: 4, text: "12.5", kind: .number),
            Cell(column: 5, text: "7", kind: .number),
        ])
        #expect(rows[2].cells == [Cell(column: 2, text: "1", kind: .number), Cell(column: 3, text: "1990-03-07", kind: .date)])
        #expect(rows[3].cells.isEmpty, "row 4 is not in the file: a blank row")
        #expect(rows[4].cells == [
            Cell(column: 1, text: "TRUE", kind: .boolean), Cell(column: 2, text: "#N/A", kind: .string),
            Cell(column: 3, text: "张三", kind: .string), Cell(column: 4, text: "7", kind: .number),
            Cell(column: 5, text: "TRUE", kind: .boolean),
        ])
        #expect(rows.allSatisfy { $0.sheet == "名册" })
    }

    @Test func aWorkbookInThe1904SystemCountsFrom1904() throws {
        let stream = Build.stream(
            globals: [Build.record(0x0022, Build.u16(1)), Build.xf(format: 14)], sheets: [("s", 0, [Build.number(0, 0, 0), Build.number(0, 1, 1, xf: 0)])])
        let rows = try Build.read(Build.file(stream).bytes)
        #expect(rows[0].cells.map(\.text) == ["1904-01-01", "1904-01-02"])
    }

    /// Shared strings split across CONTINUE records: the characters' compression switching at a
    /// CONTINUE (its flag byte), a string that starts a CONTINUE (no flag byte), rich-text runs
    /// and phonetic data skipped.
    @Test func sharedStringsCarryOnThroughContinueRecords() throws {
        let sst =
            Build.record(0x00FC, Build.u32(5) + Build.u32(5) + Build.u16(4) + [0] + Array("ab".utf8))
            + Build.record(0x003C, [1] + "张三".utf16.flatMap { Build.u16(Int($0)) } + Build.unicode("李四"))
            + Build.record(0x003C, Build.unicode("xyz"))
            + Build.record(0x003C, Build.u16(2) + [0x08] + Build.u16(1) + Array("ok".utf8) + [0, 0, 0, 0])
            + Build.record(0x003C, Build.u16(2) + [0x04] + Build.u32(3) + Array("hi".utf8) + [9, 9, 9])
        let cells = (0..<5).map { Build.labelSST(0, $0, UInt32($0)) }
        let rows = try Build.read(Build.file(Build.stream(globals: [sst], sheets: [("s", 0, cells)])).bytes)
        #expect(rows.first?.cells.map(\.text) == ["ab张三", "李四", "xyz", "ok", "hi"])
    }

    @Test func oneSheetIsReadWhenNamedAndAnUnknownOneIsNamedInTheError() throws {
        let stream = Build.stream(globals: [], sheets: [("一", 0, [Build.label(0, 0, "a")]), ("二", 0, [Build.label(0, 0, "b")])])
        let bytes = Build.file(stream).bytes
        #expect(try Build.read(bytes).map { $0.sheet ?? "" } == ["一", "二"])
        #expect(try Build.read(bytes, sheet: "二").map { $0.cells.map(\.text) } == [["b"]])
        Support.expectIngestError(.unreadable, containing: "“一”, “二”") {
            _ = try Build.read(bytes, sheet: "三")
        }
    }

    /// Excel 95 (BIFF5): the `Book` stream, byte strings in the code page CODEPAGE names.
    @Test func anExcel95WorkbookIsReadInItsCodePage() throws {
        let label = Build.record(0x0204, Build.cell(0, 0) + Build.u16(Build.gbk("张三").count) + Build.gbk("张三"))
        let stream = Build.stream(globals: [Build.record(0x0042, Build.u16(936))], sheets: [("名单", 0, [label])], version: 0x0500)
        let path = try Support.write(Build.file(stream, name: "Book").bytes, name: "old.xls")
        let reader = try XLSReader(path: path, file: "old.xls")
        #expect(reader.sheetNames == ["名单"])
        #expect(try Support.readAll(reader).first?.cells.map(\.text) == ["张三"])
    }

    // MARK: Refused files

    static func damaged(_ change: (inout XLSCompoundFileWriter.Layout) -> Void, stream: [UInt8]? = nil) -> [UInt8] {
        let sheet = (0..<200).map { Build.label($0, 0, String(repeating: "x", count: 20)) }
        var layout = Build.file(stream ?? Build.stream(globals: [], sheets: [("s", 0, sheet)]))
        change(&layout)
        return layout.bytes
    }

    static let refusals: [(String, [UInt8], IngestError.Kind, String)] = [
        (
            "a sector chain that comes back", damaged { layout in
                let second = layout.streamStarts[0] + 1
                XLSCompoundFileWriter.put32(layout.streamStarts[0], at: XLSCompoundFileWriter.Layout.fatEntryOffset(of: second), in: &layout.bytes)
            }, .malformed, "(a loop)"
        ),
        (
            "a directory that links back", damaged { layout in
                XLSCompoundFileWriter.put32(1, at: layout.directoryEntryOffset(1) + 72, in: &layout.bytes)
            }, .malformed, "links back to entry 1"
        ),
        (
            "a 2 GB stream", damaged { layout in
                XLSCompoundFileWriter.put32(0x8000_0000, at: layout.directoryEntryOffset(1) + 120, in: &layout.bytes)
            }, .tooLarge, "declares 2147483648 bytes"
        ),
        (
            "a chain shorter than its stream", damaged { layout in
                XLSCompoundFileWriter.put32(0xFFFF_FFFE, at: XLSCompoundFileWriter.Layout.fatEntryOffset(of: layout.streamStarts[0]), in: &layout.bytes)
            }, .malformed, "ends after 512"
        ),
        ("a file cut short", Array(damaged { _ in }.prefix(2000)), .malformed, "it is cut short"),
        (
            "a FAT larger than the file", damaged { layout in
                XLSCompoundFileWriter.put32(1_000_000, at: 44, in: &layout.bytes)
            }, .malformed, "FAT sectors"
        ),
        (
            "4096-byte sectors in a version 3 header", damaged { layout in
                XLSCompoundFileWriter.put16(12, at: 30, in: &layout.bytes)
            }, .malformed, "version 3"
        ),
        ("no BOF first", damaged({ _ in }, stream: Build.label(0, 0, "x")), .malformed, "not with a BOF record"),
        ("no EOF to the globals", damaged({ _ in }, stream: Build.bof(5)), .malformed, "no EOF record"),
        ("a FILEPASS record", damaged({ _ in }, stream: Build.bof(5) + Build.record(0x002F, [0, 0])), .malformed, "protected with a password"),
        ("an Excel 4 worksheet", damaged({ _ in }, stream: Build.record(0x0409, [0, 0, 0x10, 0])), .malformed, "Excel 2.x–4.x"),
        ("an unknown BIFF version", damaged({ _ in }, stream: Build.bof(5, version: 0x0400)), .malformed, "BIFF version 0x400"),
        (
            "a BIFF2 cell in a sheet", damaged({ _ in }, stream: Build.stream(globals: [], sheets: [("s", 0, [Build.record(0x0004, [0, 0, 0, 0])])])),
            .malformed, "0x0004 (BIFF2 LABEL)"
        ),
        (
            "BOFs nested without end", damaged({ _ in }, stream: Build.stream(globals: [], sheets: [("s", 0, Array(repeating: Build.bof(0x20), count: 20))])),
            .malformed, "nested more than 8 deep"
        ),
        (
            "a shared string that is not there", damaged({ _ in }, stream: Build.stream(globals: [], sheets: [("s", 0, [Build.labelSST(0, 0, 7)])])),
            .malformed, "points at shared string 7, but there are 0"
        ),
        (
            "an SST cut inside a string", damaged({ _ in }, stream: Build.stream(globals: [Build.record(0x00FC, Build.u32(1) + Build.u32(1) + Build.u16(50) + [0] + Array("ab".utf8))], sheets: [])),
            .malformed, "ends inside string 1"
        ),
        (
            "no workbook stream", XLSCompoundFileWriter.file(streams: [(name: "WordDocument", bytes: [UInt8](repeating: 1, count: 600))]).bytes,
            .malformed, "WordDocument"
        ),
        (
            "an encrypted .xlsx", XLSCompoundFileWriter.file(streams: [(name: "EncryptedPackage", bytes: [UInt8](repeating: 1, count: 600))]).bytes,
            .malformed, "protected with a password"
        ),
    ]

    @Test(arguments: refusals.indices)
    func aDamagedOrHostileFileIsRefusedSayingWhatIsWrong(index: Int) throws {
        let (what, bytes, kind, fragment) = Self.refusals[index]
        let started = Date()
        Support.expectIngestError(kind, containing: fragment) {
            _ = try Build.read(bytes)
        }
        #expect(Date().timeIntervalSince(started) < 5, "\(what) took too long")
    }

    /// An SST that claims four billion strings, or is followed by thousands of empty CONTINUE
    /// records, costs what its bytes cost.
    @Test func forgedCountsAndContinueStormsCostOnlyTheirBytes() throws {
        let claim = Build.record(0x00FC, Build.u32(.max) + Build.u32(.max) + Build.unicode("甲"))
        let storm = Build.record(0x00FC, Build.u32(1) + Build.u32(1) + Build.u16(3) + [0] + Array("a".utf8))
            + Array(Array(repeating: Build.record(0x003C, []), count: 30_000).joined()) + Build.record(0x003C, [0] + Array("bc".utf8))
        let started = Date()
        for globals in [claim, storm] {
            let rows = try Build.read(Build.file(Build.stream(globals: [globals], sheets: [("s", 0, [Build.labelSST(0, 0, 0)])])).bytes)
            #expect(rows.count == 1)
        }
        #expect(try Build.read(Build.file(Build.stream(globals: [storm], sheets: [("s", 0, [Build.labelSST(0, 0, 0)])])).bytes).first?.cells.first?.text == "abc")
        #expect(Date().timeIntervalSince(started) < 5)
    }

    /// A row over the workbook row limit is cut and gets `input.malformed-row`, as in XLSX.
    @Test func aRowOverTheLimitIsCutWithTheFinding() throws {
        let cells = (0..<8).map { Build.label(0, $0, String(repeating: "长", count: 100)) }
        let path = try Support.write(Build.file(Build.stream(globals: [], sheets: [("s", 0, cells)])).bytes, name: "wide.xls")
        let reader = try XLSReader(path: path, file: "wide.xls", rowLimits: RowLimits(maxRecordBytes: 1000, cutCellBytes: 50))
        let row = try #require(try Support.readAll(reader).first)
        #expect(row.findings.map(\.code) == [.inputMalformedRow])
        #expect(row.cells.allSatisfy { $0.text.utf8.count <= 54 })
    }
}
