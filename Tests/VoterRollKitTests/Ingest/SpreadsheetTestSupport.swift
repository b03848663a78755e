import Foundation
import Testing
import ZIPFoundation

@testable import VoterRollKit

/// Fixtures and hand-made workbooks for the SpreadsheetML and XLSX reader tests.
enum SpreadsheetTestSupport {
    /// `fixtures/ingest/NAME`, found from this file's path.
    static func fixture(_ name: String, filePath: String = #filePath) -> String {
        var url = URL(fileURLWithPath: filePath)
        // Tests/VoterRollKitTests/Ingest/ThisFile.swift → the package root.
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("fixtures/ingest/\(name)").path
    }

    /// A fresh directory for one test, inside this test run's directory.
    static func temporaryDirectory() throws -> URL {
        let url = runDirectory.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `$TMPDIR/voterroll-tests/run-PID-UUID`. A run leaves its files for a look after a failure;
    /// the first run an hour later removes them (a run still writing keeps its directory fresh).
    private static let runDirectory: URL = {
        let manager = FileManager.default
        let base = manager.temporaryDirectory.appendingPathComponent("voterroll-tests", isDirectory: true)
        let stale = Date(timeIntervalSinceNow: -3600)
        let runs = (try? manager.contentsOfDirectory(at: base, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        for run in runs {
            let modified = try? run.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
            if let modified, modified < stale { try? manager.removeItem(at: run) }
        }
        let run = base.appendingPathComponent(
            "run-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)", isDirectory: true)
        try? manager.createDirectory(at: run, withIntermediateDirectories: true)
        return run
    }()

    /// Writes `bytes` to a new file in a temporary directory and returns its path.
    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let url = try temporaryDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static func write(_ text: String, name: String) throws -> String {
        try write(Array(text.utf8), name: name)
    }

    /// Every row a reader yields.
    static func readAll(_ reader: some RowReader) throws(IngestError) -> [SourceRow] {
        var rows: [SourceRow] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    /// The rows as texts by column (1-based), blank rows as empty arrays.
    static func texts(_ rows: [SourceRow]) -> [[Int: String]] {
        rows.map { row in Dictionary(uniqueKeysWithValues: row.cells.map { ($0.column, $0.text) }) }
    }

    /// Writes a ZIP archive holding `entries` (path → bytes), deflated unless `stored`.
    static func zip(_ entries: [(path: String, bytes: [UInt8])], name: String, stored: Bool = false) throws -> String {
        let url = try temporaryDirectory().appendingPathComponent(name)
        let archive = try Archive(url: url, accessMode: .create)
        for entry in entries {
            let data = Data(entry.bytes)
            try archive.addEntry(
                with: entry.path, type: .file, uncompressedSize: Int64(data.count),
                compressionMethod: stored ? .none : .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url.path
    }

    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A worksheet part around `sheetData` content.
    static func sheetXML(_ rows: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)"><sheetData>\(rows)</sheetData></worksheet>
        """
    }

    /// A shared-strings part holding `strings` as plain `<si><t>` items.
    static func sharedStringsXML(_ strings: [String]) -> String {
        let items = strings.map { "<si><t xml:space=\"preserve\">\(escape($0))</t></si>" }.joined()
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(mainNamespace)\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">\(items)</sst>"
    }

    /// A styles part whose `cellXfs` use `numFmtIds` in order, with `customFormats` (id → code).
    static func stylesXML(numFmtIds: [Int], customFormats: [Int: String] = [:]) -> String {
        let formats = customFormats.sorted { $0.key < $1.key }
            .map { "<numFmt numFmtId=\"\($0.key)\" formatCode=\"\(escape($0.value))\"/>" }.joined()
        let xfs = numFmtIds.map { "<xf numFmtId=\"\($0)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="\(mainNamespace)"><numFmts count="\(customFormats.count)">\(formats)</numFmts>\
            <cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="\(numFmtIds.count)">\(xfs)</cellXfs></styleSheet>
            """
    }

    /// The parts of a workbook: `sheets` (name → worksheet XML) in workbook order, stored under
    /// `xl/worksheets/sheetN.xml` numbered in *reverse* so that file names never decide the order.
    static func workbookParts(
        sheets: [(name: String, xml: String)],
        sharedStrings: String? = nil,
        styles: String? = nil,
        workbookPr: String = "",
        extraRelationships: String = "",
        extraSheets: String = ""
    ) -> [(path: String, bytes: [UInt8])] {
        var parts: [(path: String, bytes: [UInt8])] = []
        var relationships = ""
        var sheetElements = ""
        for (index, sheet) in sheets.enumerated() {
            let number = sheets.count - index
            relationships += "<Relationship Id=\"rIdSheet\(index)\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet\(number).xml\"/>"
            sheetElements += "<sheet name=\"\(escape(sheet.name))\" sheetId=\"\(index + 1)\" r:id=\"rIdSheet\(index)\"/>"
            parts.append((path: "xl/worksheets/sheet\(number).xml", bytes: Array(sheet.xml.utf8)))
        }
        if let sharedStrings {
            relationships += "<Relationship Id=\"rIdStrings\" Type=\"\(relationshipNamespace)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            parts.append((path: "xl/sharedStrings.xml", bytes: Array(sharedStrings.utf8)))
        }
        if let styles {
            relationships += "<Relationship Id=\"rIdStyles\" Type=\"\(relationshipNamespace)/styles\" Target=\"/xl/styles.xml\"/>"
            parts.append((path: "xl/styles.xml", bytes: Array(styles.utf8)))
        }
        relationships += extraRelationships
        let workbook = """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)">\(workbookPr)<sheets>\(sheetElements)\(extraSheets)</sheets></workbook>
            """
        let packageRelationships = """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """
        let workbookRelationships = """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relationships)</Relationships>
            """
        parts.insert((path: "[Content_Types].xml", bytes: Array("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8)), at: 0)
        parts.insert((path: "_rels/.rels", bytes: Array(packageRelationships.utf8)), at: 1)
        parts.insert((path: "xl/workbook.xml", bytes: Array(workbook.utf8)), at: 2)
        parts.insert((path: "xl/_rels/workbook.xml.rels", bytes: Array(workbookRelationships.utf8)), at: 3)
        return parts
    }

    /// Writes a workbook made of `workbookParts(…)` plus `extra` entries.
    static func xlsx(
        sheets: [(name: String, xml: String)],
        sharedStrings: String? = nil,
        styles: String? = nil,
        workbookPr: String = "",
        extraRelationships: String = "",
        extraSheets: String = "",
        extra: [(path: String, bytes: [UInt8])] = [],
        name: String = "book.xlsx"
    ) throws -> String {
        let parts = workbookParts(
            sheets: sheets, sharedStrings: sharedStrings, styles: styles, workbookPr: workbookPr,
            extraRelationships: extraRelationships, extraSheets: extraSheets)
        return try zip(parts + extra, name: name)
    }

    /// A workbook with one sheet named Sheet1.
    static func xlsx(rows: String, sharedStrings: [String]? = nil, styles: String? = nil, workbookPr: String = "") throws -> String {
        try xlsx(
            sheets: [(name: "Sheet1", xml: sheetXML(rows))], sharedStrings: sharedStrings.map(sharedStringsXML),
            styles: styles, workbookPr: workbookPr)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Asserts that `body` throws an `IngestError` of `kind` whose message contains `fragment`.
    static func expectIngestError(
        _ kind: IngestError.Kind, containing fragment: String,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) {
        do {
            try body()
            Issue.record("expected an IngestError (\(kind)) containing “\(fragment)”", sourceLocation: sourceLocation)
        } catch let error as IngestError {
            #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
            #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected an IngestError (\(kind)), got \(error)", sourceLocation: sourceLocation)
        }
    }
}
