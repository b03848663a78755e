/// Writes a generated sheet as an Excel 2003 XML workbook (SpreadsheetML), what Excel, WPS and
/// LibreOffice save as "XML 电子表格 2003": String, Number and DateTime cells, rows after a gap
/// numbered with `ss:Index`.
final class SynthSpreadsheetMLWriter: SynthTableWriter {
    private let file: AtomicFile
    private var line: String = ""
    private var lastRow = 0

    init(path: String, sheet: String) throws(OutputError) {
        file = try AtomicFile(path: path, isPrivate: false)
        try file.write(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n"
                + "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
                + "xmlns:x=\"urn:schemas-microsoft-com:office:excel\" xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">\n"
                + "<Styles><Style ss:ID=\"Default\" ss:Name=\"Normal\"><Font ss:FontName=\"宋体\" ss:Size=\"11\"/></Style>"
                + "<Style ss:ID=\"date\"><NumberFormat ss:Format=\"yyyy\\-mm\\-dd\"/></Style></Styles>\n"
                + "<Worksheet ss:Name=\"\(SynthXML.escape(sheet))\"><Table>\n")
    }

    func write(row number: Int, _ cells: [SynthCell]) throws(OutputError) {
        line.removeAll(keepingCapacity: true)
        line += number == lastRow + 1 ? "<Row>" : "<Row ss:Index=\"\(number)\">"
        lastRow = number
        var skipped = false
        for (index, cell) in cells.enumerated() {
            let position = skipped ? " ss:Index=\"\(index + 1)\"" : ""
            skipped = false
            switch cell {
            case .empty:
                skipped = true
            case .text(let text), .verbatim(let text):
                line += "<Cell\(position)><Data ss:Type=\"String\">\(SynthXML.escape(text))</Data></Cell>"
            case .undecodable(let before, let after):
                line += "<Cell\(position)><Data ss:Type=\"String\">\(SynthXML.escape(before + after))</Data></Cell>"
            case .number(let value):
                line += "<Cell\(position)><Data ss:Type=\"Number\">\(value)</Data></Cell>"
            case .date(let date) where !SynthCell.canBeSerial(date):
                line += "<Cell\(position)><Data ss:Type=\"String\">\(date.iso8601)</Data></Cell>"
            case .date(let date):
                line += "<Cell\(position) ss:StyleID=\"date\"><Data ss:Type=\"DateTime\">\(date.iso8601)T00:00:00.000</Data></Cell>"
            }
        }
        line += "</Row>\n"
        try file.write(line)
    }

    func finish() throws(OutputError) {
        try file.write("</Table></Worksheet>\n</Workbook>\n")
        try file.commit()
    }
}

/// XML text escaping for SpreadsheetML (XLSX uses `XLSXWriter`'s, with OOXML's `_xHHHH_`).
private enum SynthXML {
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
