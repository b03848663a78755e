internal import Foundation
internal import ZIPFoundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a generated sheet as an XLSX workbook: one worksheet of inline strings, numbers and
/// date cells (serials with the built-in date format 14), as WPS and many exporters write it.
///
/// The worksheet XML streams to a temporary file beside the output, which is then deflated
/// into the archive in chunks, so a million rows never sit in memory. Entries carry a fixed
/// date, so the same seed gives the same bytes.
final class SynthXLSXWriter: SynthTableWriter {
    private let path: String
    private let sheet: String
    private let sheetPath: String
    private let part: AtomicFile
    private var line: [UInt8] = []

    private static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    /// 2026-01-01 00:00 UTC.
    private static let entryDate = Date(timeIntervalSince1970: 1_767_225_600)
    /// Style 1 of `styles.xml`: the built-in date format 14.
    private static let dateStyle = 1

    init(path: String, sheet: String) throws(OutputError) {
        self.path = path
        self.sheet = XLSXWriter.sheetName(sheet)
        let folder = (path as NSString).deletingLastPathComponent
        sheetPath = (folder.isEmpty ? "." : folder) + "/." + ((path as NSString).lastPathComponent) + ".sheet1.xml"
        part = try AtomicFile(path: sheetPath, isPrivate: false)
        try part.write(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<worksheet xmlns=\"\(Self.mainNamespace)\" xmlns:r=\"\(Self.relationshipNamespace)\"><sheetData>")
    }

    func write(row number: Int, _ cells: [SynthCell]) throws(OutputError) {
        line.removeAll(keepingCapacity: true)
        let row = String(number)
        line += "<row r=\"\(row)\">".utf8
        for (index, cell) in cells.enumerated() {
            let reference = CellAddress.letters(forColumn: index + 1) + row
            switch cell {
            case .empty:
                continue
            case .text(let text), .verbatim(let text):
                appendText(text, at: reference)
            case .undecodable(let before, let after):
                appendText(before + after, at: reference)
            case .number(let value):
                line += "<c r=\"\(reference)\"><v>\(value)</v></c>".utf8
            case .date(let date) where SynthCell.canBeSerial(date):
                // Days since 1899-12-30, Excel's 1900 system from March 1900 on.
                line += "<c r=\"\(reference)\" s=\"\(Self.dateStyle)\"><v>\(date.dayNumber + 25_569)</v></c>".utf8
            case .date(let date):
                appendText(date.iso8601, at: reference)
            }
        }
        line += "</row>".utf8
        try part.write(line)
    }

    /// An inline string, escaped as the output workbooks escape theirs.
    private func appendText(_ text: String, at reference: String) {
        line += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t".utf8
        if text.unicodeScalars.contains(where: \.properties.isWhitespace) { line += " xml:space=\"preserve\"".utf8 }
        line.append(UInt8(ascii: ">"))
        XLSXWriter.appendEscaped(text, to: &line)
        line += "</t></is></c>".utf8
    }

    func finish() throws(OutputError) {
        try part.write("</sheetData></worksheet>")
        try part.commit()
        defer { unlink(sheetPath) }
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        do {
            let archive = try Archive(url: URL(fileURLWithPath: temporary), accessMode: .create)
            for (name, text) in smallParts() {
                let data = Data(text.utf8)
                try archive.addEntry(
                    with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.entryDate,
                    compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: sheetPath))
            defer { try? handle.close() }
            let size = try handle.seekToEnd()
            try handle.seek(toOffset: 0)
            try archive.addEntry(
                with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(size), modificationDate: Self.entryDate,
                compressionMethod: .deflate, bufferSize: 1 << 16
            ) { position, chunk in
                try handle.seek(toOffset: UInt64(position))
                return try handle.read(upToCount: chunk) ?? Data()
            }
        } catch {
            unlink(temporary)
            throw OutputError(path: path, message: "cannot write the workbook: \(error)")
        }
        if rename(temporary, path) != 0 {
            unlink(temporary)
            throw OutputError(path: path, message: "cannot move into place: \(String(cString: strerror(errno)))")
        }
    }

    /// Every part but the worksheet.
    private func smallParts() -> [(String, String)] {
        let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        let sheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        return [
            (
                "[Content_Types].xml",
                declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(sheetType).sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"\(sheetType).worksheet+xml\"/>"
                    + "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(sheetType).styles+xml\"/></Types>"
            ),
            (
                "_rels/.rels",
                declaration + "<Relationships xmlns=\"\(Self.packageRelationships)\">"
                    + "<Relationship Id=\"rId1\" Type=\"\(Self.relationshipNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
            (
                "xl/workbook.xml",
                declaration + "<workbook xmlns=\"\(Self.mainNamespace)\" xmlns:r=\"\(Self.relationshipNamespace)\">"
                    + "<sheets><sheet name=\"\(XLSXWriter.escaped(sheet))\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
            (
                "xl/_rels/workbook.xml.rels",
                declaration + "<Relationships xmlns=\"\(Self.packageRelationships)\">"
                    + "<Relationship Id=\"rId1\" Type=\"\(Self.relationshipNamespace)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"\(Self.relationshipNamespace)/styles\" Target=\"styles.xml\"/></Relationships>"
            ),
            (
                "xl/styles.xml",
                declaration + "<styleSheet xmlns=\"\(Self.mainNamespace)\">"
                    + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"宋体\"/></font></fonts>"
                    + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
                    + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                    + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                    + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                    + "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
                    + "<cellStyles count=\"1\"><cellStyle name=\"常规\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"
            ),
        ]
    }
}
