import Foundation
import Testing

@testable import VoterRollKit

/// Workbooks made to exhaust the reader: ZIP bombs, lying sizes, entries named to escape,
/// encryption, the whole width and height of Excel's grid. Each ends with a clear message or
/// reads within the time and memory docs/LIMITS.md states.
///
/// Covered elsewhere (XLSXReaderTests): a 1000:1 bomb refused by its ratio, a total over a
/// (lowered) limit, an entry producing more than it declares, a truncated ZIP, an entry named
/// `../evil` never touched, a relationship climbing out of the package, an OLE2 file opened as
/// XLSX, the 16,384th column read and the next refused, a row past 1,048,576 refused.
@Suite struct HostileWorkbookTests {
    typealias Support = SpreadsheetTestSupport

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    /// A workbook whose one sheet holds `rows` (`<row>` elements).
    static func workbook(rows: String, declaredSizes: [String: UInt32] = [:], extra: [(path: String, bytes: [UInt8])] = []) -> [UInt8] {
        let sheet = "<?xml version=\"1.0\"?><worksheet xmlns=\"\(main)\"><sheetData>\(rows)</sheetData></worksheet>"
        return FuzzHarness.storedZIP(FuzzHarness.workbookEntries(parts: [Array(sheet.utf8)]) + extra, declaredSizes: declaredSizes)
    }

    static let register = """
        <row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>公民身份号码</t></is></c><c r="C1" t="inlineStr"><is><t>选区</t></is></c></row>\
        <row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="inlineStr"><is><t>11010119900307133X</t></is></c><c r="C2" t="inlineStr"><is><t>第一选区</t></is></c></row>
        """

    // MARK: Sizes

    @Test func aSheetDeclaringFourGigabytesIsRefusedBeforeAnythingIsRead() throws {
        let path = try Support.write(Self.workbook(rows: Self.register, declaredSizes: ["xl/worksheets/sheet1.xml": 0xFFFF_FFFE]), name: "huge.xlsx")
        Support.expectIngestError(.tooLarge, containing: "would inflate to more than 2 GiB (a ZIP bomb?)") { () throws(IngestError) in
            _ = try XLSXReader(path: path, file: "huge.xlsx")
        }
    }

    /// 0xFFFFFFFF means "see the ZIP64 field", which this entry lacks.
    @Test func aSheetDeclaringTheZIP64MarkerWithoutZIP64IsAClearError() throws {
        let path = try Support.write(Self.workbook(rows: Self.register, declaredSizes: ["xl/worksheets/sheet1.xml": 0xFFFF_FFFF]), name: "zip64.xlsx")
        do {
            _ = try Support.readAll(XLSXReader(path: path, file: "zip64.xlsx"))
            Issue.record("expected an error")
        } catch {
            #expect([.tooLarge, .malformed].contains(error.kind), "\(error)")
        }
    }

    @Test func aSheetDeclaringTwoGigabytesInAFewBytesIsRefusedByItsRatio() throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("declared.xlsx").path
        try Data(Self.workbook(rows: Self.register, declaredSizes: ["xl/worksheets/sheet1.xml": 2_000_000_000])).write(to: URL(fileURLWithPath: path))
        Support.expectIngestError(.tooLarge, containing: "inflates more than 100 times") { () throws(IngestError) in
            _ = try Support.readAll(XLSXReader(path: path, file: "declared.xlsx"))
        }
        let run = try ToolMeasurement.check(path, in: directory, label: "XLSX, sheet declaring 2 GB in 600 bytes")
        #expect(run.status == 3)
        #expect(run.stderr.contains("ZIP bombs"), "\(run.stderr)")
        run.expectWithin(seconds: 20, mebibytes: 200)
    }

    /// The ratio bomb of XLSXReaderTests, through the tool: refused before it is inflated.
    @Test func aZipBombCostsTheToolNothing() throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bomb = Array("<?xml version=\"1.0\"?><worksheet><sheetData>".utf8) + [UInt8](repeating: 0x20, count: 100 << 20)
            + Array("</sheetData></worksheet>".utf8)
        let parts = Support.workbookParts(sheets: [(name: "Sheet1", xml: "")]).filter { !$0.path.hasPrefix("xl/worksheets/") }
        let path = try Support.zip(parts + [(path: "xl/worksheets/sheet1.xml", bytes: bomb)], name: "bomb.xlsx")
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        let run = try ToolMeasurement.check(path, in: directory, label: "XLSX, ZIP bomb (100 MiB in \(size / 1024) KiB)")
        #expect(run.status == 3)
        #expect(run.stderr.contains("ZIP bombs"), "\(run.stderr)")
        run.expectWithin(seconds: 20, mebibytes: 200)
        try? FileManager.default.removeItem(atPath: path)
    }

    // MARK: Names

    @Test func entriesNamedToEscapeAreNeverWritten() throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let marker = "voterroll-escape-\(UUID().uuidString)"
        let names = ["../../../../../../tmp/\(marker)", "/tmp/\(marker)-absolute", "..\\..\\\(marker)-backslash", "xl/../../\(marker)-inner"]
        let path = directory.appendingPathComponent("escape.xlsx").path
        try Data(Self.workbook(rows: Self.register, extra: names.map { (path: $0, bytes: Array("gotcha".utf8)) })).write(to: URL(fileURLWithPath: path))
        let rows = try Support.readAll(XLSXReader(path: path, file: "escape.xlsx"))
        #expect(rows.count == 2)
        let run = try ToolMeasurement.check(path, in: directory, label: "XLSX, entries named ../ and /")
        #expect(run.status == 0, "\(run.stderr)")
        for place in ["/tmp", directory.path, directory.deletingLastPathComponent().path, FileManager.default.currentDirectoryPath] {
            let found = (try? FileManager.default.contentsOfDirectory(atPath: place)) ?? []
            #expect(!found.contains { $0.contains(marker) }, "something was written to \(place)")
        }
    }

    // MARK: Encryption

    /// Excel keeps a password-protected .xlsx in an OLE2 container with an EncryptedPackage
    /// stream; the officer is told to save it without the password, whichever reader meets it.
    @Test func anEncryptedWorkbookSaysToSaveItWithoutAPassword() throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 1016)
        for name in ["EncryptionInfo", "EncryptedPackage"] {
            ole2 += Array(name.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [UInt8](repeating: 0, count: 128 - 2 * name.count)
        }
        ole2 += [UInt8](repeating: 0, count: 2048)
        let path = directory.appendingPathComponent("secret.xlsx").path
        try Data(ole2).write(to: URL(fileURLWithPath: path))
        Support.expectIngestError(.malformed, containing: "protected with a password") { () throws(IngestError) in
            _ = try SpreadsheetInput.open(path: path, file: "secret.xlsx")
        }
        let run = try ToolMeasurement.check(path, in: directory, label: "XLSX, encrypted (OLE2)")
        #expect(run.status == 3)
        #expect(run.stderr.contains("without a password"), "\(run.stderr)")
    }

    /// ZIP's own (traditional) encryption of an entry: the bytes are ciphertext, never a sheet.
    @Test func aZIPEntryEncryptedByZIPItselfIsAClearError() throws {
        var bytes = Self.workbook(rows: Self.register)
        // Set bit 0 (encrypted) of the sheet's flags in its local header and central directory.
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        for index in 0..<(bytes.count - 46) {
            if bytes[index..<index + 4].elementsEqual([0x50, 0x4B, 0x03, 0x04]), bytes[(index + 30)...].starts(with: name) { bytes[index + 6] |= 1 }
            if bytes[index..<index + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]), bytes[(index + 46)...].starts(with: name) { bytes[index + 8] |= 1 }
        }
        let path = try Support.write(bytes, name: "zipcrypto.xlsx")
        // Stored here, so the "ciphertext" is the plain sheet; what matters is that nothing
        // hangs or crashes and the outcome is either the rows or a clear error.
        do {
            let rows = try Support.readAll(XLSXReader(path: path, file: "zipcrypto.xlsx"))
            #expect(rows.count <= 2)
        } catch {
            #expect(!error.message.isEmpty)
        }
    }

    // MARK: The grid

    /// Every one of Excel's 16,384 columns, in a header and 60 rows (14 MB of sheet XML).
    @Test func aWorkbookUsingAllSixteenThousandColumnsIsRead() throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let filler = String(repeating: "<c><v>7</v></c>", count: 16_384 - 3)
        var random = SynthRandom(seed: 61)
        var rows = "<row r=\"1\"><c t=\"inlineStr\"><is><t>姓名</t></is></c><c t=\"inlineStr\"><is><t>公民身份号码</t></is></c><c t=\"inlineStr\"><is><t>选区</t></is></c>\(filler)</row>"
        for number in 2...61 {
            let id = ResidentIDPropertyTests.generate(&random).canonical
            rows += "<row r=\"\(number)\"><c t=\"inlineStr\"><is><t>张三</t></is></c><c t=\"inlineStr\"><is><t>\(id)</t></is></c><c><v>7</v></c>\(filler)</row>"
        }
        let path = directory.appendingPathComponent("wide.xlsx").path
        try Data(Self.workbook(rows: rows)).write(to: URL(fileURLWithPath: path))
        let read = try Support.readAll(XLSXReader(path: path, file: "wide.xlsx"))
        #expect(read.count == 61)
        #expect(read.allSatisfy { $0.cells.count == 16_384 && $0.cells.last?.column == 16_384 })
        let run = try ToolMeasurement.check(path, in: directory, label: "XLSX, 16,384 columns × 61 rows (14 MB)")
        #expect(run.summary?.rows.dataRows == 60)
        run.expectWithin(seconds: 60, mebibytes: 300)
    }

    /// A few hundred bytes that name the last row of the grid: the rows left out come back as
    /// blank rows (so the counts match Excel's), a million of them, in bounded time.
    @Test func aTinyFileNamingTheLastRowOfTheGridIsBounded() throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let last = SpreadsheetValue.maxRow
        let xlsx = directory.appendingPathComponent("tall.xlsx").path
        try Data(Self.workbook(rows: Self.register + "<row r=\"\(last)\"><c r=\"A\(last)\" t=\"inlineStr\"><is><t>李四</t></is></c></row>"))
            .write(to: URL(fileURLWithPath: xlsx))
        let xml = try Support.write("""
            <?xml version="1.0"?><Workbook \(HostileXMLTests.spreadsheetNamespaces)><Worksheet ss:Name="名单"><Table>\
            <Row><Cell><Data ss:Type="String">姓名</Data></Cell><Cell><Data ss:Type="String">公民身份号码</Data></Cell><Cell><Data ss:Type="String">选区</Data></Cell></Row>\
            <Row ss:Index="\(last)"><Cell><Data ss:Type="String">李四</Data></Cell></Row></Table></Worksheet></Workbook>
            """, name: "tall.xml")
        for (name, path) in [("XLSX", xlsx), ("SpreadsheetML", xml)] {
            let run = try ToolMeasurement.check(path, in: directory, label: "\(name), a tiny file naming row 1,048,576")
            #expect(run.summary?.rows.rowsRead == last, "\(run.stderr)")
            #expect(run.summary?.accountingCloses == true)
            run.expectWithin(seconds: 120, mebibytes: 300)
        }
    }

    // MARK: Row size

    static let small = RowLimits(maxRecordBytes: 4096)

    /// What the capped row must look like: the finding on the column that crossed the limit,
    /// every cell cut, the cells before the limit and the next row as they were.
    static func expectCut(_ rows: [SourceRow], column: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(rows.count == 3, sourceLocation: sourceLocation)
        guard rows.count == 3 else { return }
        let cut = rows[1]
        #expect(cut.findings.map(\.code) == [.inputMalformedRow], sourceLocation: sourceLocation)
        #expect(cut.findings.first?.address.column == column, sourceLocation: sourceLocation)
        #expect(cut.findings.first?.evidence?.contains("longer than 4 KiB from column \(CellAddress.letters(forColumn: column))") == true, sourceLocation: sourceLocation)
        #expect(cut.cells.first?.text == "张三", sourceLocation: sourceLocation)
        #expect(cut.cells.allSatisfy { $0.text.utf8.count <= 1024 + 3 }, sourceLocation: sourceLocation)
        #expect(cut.cells.count == 5, sourceLocation: sourceLocation)
        #expect(rows[2].findings.isEmpty && rows[2].cells.map(\.text) == ["李四", "110101198506120354"], sourceLocation: sourceLocation)
    }

    /// Row 2 holds 张三, then four cells of 2,000 bytes: the third crosses 4 KiB (column D).
    static let longCell = String(repeating: "长", count: 2000 / 3) + "ab"

    @Test func anXLSXRowOverTheLimitIsCutWithTheCSVFinding() throws {
        func inline(_ text: String) -> String { "<c t=\"inlineStr\"><is><t>\(text)</t></is></c>" }
        let rows = """
            <row r="1">\(inline("姓名"))\(inline("公民身份号码"))</row>\
            <row r="2">\(inline("张三"))\(String(repeating: inline(Self.longCell), count: 4))</row>\
            <row r="3">\(inline("李四"))\(inline("110101198506120354"))</row>
            """
        let path = try Support.write(Self.workbook(rows: rows), name: "long.xlsx")
        Self.expectCut(try Support.readAll(XLSXReader(path: path, file: "long.xlsx", limits: .default, rowLimits: Self.small)), column: 4)
        // The standard limit leaves the row whole.
        let whole = try Support.readAll(XLSXReader(path: path, file: "long.xlsx"))
        #expect(whole[1].findings.isEmpty && whole[1].cells.count == 5)
    }

    /// A shared string is cut before it is copied: one string of 2 MB named by 16,384 cells
    /// would otherwise make 32 GB of cells.
    @Test func sharedStringsInAnXLSXRowOverTheLimitAreCut() throws {
        let main = Self.main
        let strings = "<?xml version=\"1.0\"?><sst xmlns=\"\(main)\"><si><t>张三</t></si><si><t>\(Self.longCell)</t></si><si><t>李四</t></si><si><t>110101198506120354</t></si></sst>"
        let rows = """
            <row r="1"><c t="s"><v>0</v></c></row>\
            <row r="2"><c t="s"><v>0</v></c>\(String(repeating: "<c t=\"s\"><v>1</v></c>", count: 4))</row>\
            <row r="3"><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row>
            """
        let sheet = "<?xml version=\"1.0\"?><worksheet xmlns=\"\(main)\"><sheetData>\(rows)</sheetData></worksheet>"
        let path = try Support.write(FuzzHarness.workbook(parts: [Array(sheet.utf8), Array(strings.utf8)]), name: "shared.xlsx")
        Self.expectCut(try Support.readAll(XLSXReader(path: path, file: "shared.xlsx", limits: .default, rowLimits: Self.small)), column: 4)
    }

    @Test func aSpreadsheetMLRowOverTheLimitIsCutWithTheCSVFinding() throws {
        func cell(_ text: String) -> String { "<Cell><Data ss:Type=\"String\">\(text)</Data></Cell>" }
        let path = try Support.write("""
            <?xml version="1.0"?><Workbook \(HostileXMLTests.spreadsheetNamespaces)><Worksheet ss:Name="名单"><Table>\
            <Row>\(cell("姓名"))\(cell("公民身份号码"))</Row>\
            <Row>\(cell("张三"))\(String(repeating: cell(Self.longCell), count: 4))</Row>\
            <Row>\(cell("李四"))\(cell("110101198506120354"))</Row></Table></Worksheet></Workbook>
            """, name: "long.xml")
        Self.expectCut(try Support.readAll(SpreadsheetMLReader(path: path, file: "long.xml", rowLimits: Self.small)), column: 4)
    }

    /// One row of 16,384 cells of 4 KB each, as a 64 MB SpreadsheetML file and as an XLSX whose
    /// cells all name one shared string of 4 MB (a few megabytes of file, 64 GB of cells were
    /// they copied): the row is cut to 1 KiB a cell as it is read. What memory the tool takes
    /// beyond its own is the 16 MiB row's, rejected whole into rejected.csv and the report.
    @Test func aWorkbookRowOfSixtyFourGigabytesIsCutAndBounded() throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let xml = directory.appendingPathComponent("wide.xml")
        FileManager.default.createFile(atPath: xml.path, contents: nil)
        let handle = try FileHandle(forWritingTo: xml)
        try handle.write(contentsOf: Data("""
            <?xml version="1.0"?><Workbook \(HostileXMLTests.spreadsheetNamespaces)><Worksheet ss:Name="名单"><Table>\
            <Row><Cell><Data ss:Type="String">姓名</Data></Cell><Cell><Data ss:Type="String">公民身份号码</Data></Cell><Cell><Data ss:Type="String">选区</Data></Cell></Row><Row>
            """.utf8))
        let wideCell = Data(("<Cell><Data ss:Type=\"String\">" + String(repeating: "宽", count: 4000 / 3) + "</Data></Cell>").utf8)
        let block = Data(Array(repeating: wideCell, count: 256).joined())
        for _ in 0..<(SpreadsheetValue.maxColumn / 256) { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data("""
            </Row><Row><Cell><Data ss:Type="String">李四</Data></Cell><Cell><Data ss:Type="String">110101198506120354</Data></Cell></Row>\
            </Table></Worksheet></Workbook>
            """.utf8))
        try handle.close()

        let main = Self.main
        let strings = "<?xml version=\"1.0\"?><sst xmlns=\"\(main)\"><si><t>\(String(repeating: "宽", count: (4 << 20) / 3))</t></si><si><t>姓名</t></si><si><t>公民身份号码</t></si><si><t>李四</t></si><si><t>110101198506120354</t></si><si><t>选区</t></si></sst>"
        let rows = """
            <row r="1"><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>5</v></c></row>\
            <row r="2">\(String(repeating: "<c t=\"s\"><v>0</v></c>", count: SpreadsheetValue.maxColumn))</row>\
            <row r="3"><c t="s"><v>3</v></c><c t="s"><v>4</v></c></row>
            """
        let sheet = "<?xml version=\"1.0\"?><worksheet xmlns=\"\(main)\"><sheetData>\(rows)</sheetData></worksheet>"
        let xlsx = directory.appendingPathComponent("shared.xlsx")
        try Data(FuzzHarness.workbook(parts: [Array(sheet.utf8), Array(strings.utf8)])).write(to: xlsx)

        for (label, path) in [("SpreadsheetML, one row of 16,384 cells of 4 KB (64 MB)", xml.path), ("XLSX, 16,384 cells naming one 4 MB shared string", xlsx.path)] {
            let read = try Support.readAll(SpreadsheetInput.open(path: path, file: "wide"))
            #expect(read.count == 3)
            #expect(read[1].findings.map(\.code) == [.inputMalformedRow])
            #expect(read[1].cells.count == SpreadsheetValue.maxColumn)
            #expect(read[1].cells.allSatisfy { $0.text.utf8.count <= 1024 + 3 })
            #expect(read[2].cells.map(\.text) == ["李四", "110101198506120354"])
            let run = try ToolMeasurement.check(path, in: directory, label: label)
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.summary?.byCode["input.malformed-row"] == 1)
            #expect(run.summary?.kept == 1)
            run.expectWithin(seconds: 60, mebibytes: 250)
        }
    }
}
