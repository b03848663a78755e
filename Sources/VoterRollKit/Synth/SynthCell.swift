/// One cell of a generated sheet, with the type a spreadsheet would store it as.
enum SynthCell {
    case empty
    case text(String)
    /// A numeric cell; the text is the value as the file stores it (`3.70102199003071E+17`).
    case number(String)
    /// A date cell: a serial number with a date format in workbooks, `YYYY/M/D` in CSV (what
    /// Excel writes for a date cell on Chinese Windows).
    case date(CivilDate)
    /// CSV only: written exactly as given, unquoted (a stray quote that opens and never closes).
    case verbatim(String)
    /// CSV only: text with one byte between the halves that no encoding can decode.
    case undecodable(before: String, after: String)

    /// The text a CSV file holds for the cell.
    var csvText: String {
        switch self {
        case .empty: ""
        case .text(let text), .number(let text), .verbatim(let text): text
        case .date(let date): "\(date.year)/\(date.month)/\(date.day)"
        case .undecodable(let before, let after): before + after
        }
    }

    /// Whether a workbook can hold the cell as a date serial (Excel's 1900 system numbers days
    /// before 1 March 1900 differently from everyone else, so older dates stay text).
    static func canBeSerial(_ date: CivilDate) -> Bool {
        date >= CivilDate(year: 1900, month: 3, day: 1) ?? date
    }
}

/// Writes one sheet of generated rows: CSV, XLSX or SpreadsheetML.
///
/// Rows come in increasing row numbers; a number skipped is a blank row.
protocol SynthTableWriter: AnyObject {
    /// Writes row `number` (1-based).
    func write(row number: Int, _ cells: [SynthCell]) throws(OutputError)
    /// Finishes the file and moves it into place.
    func finish() throws(OutputError)
}

/// Opens the writer for a format.
enum SynthTableWriters {
    static func open(path: String, sheet: String, format: SynthFormat, encoding: SynthEncoding) throws(OutputError) -> any SynthTableWriter {
        switch format {
        case .csv: try SynthCSVWriter(path: path, encoding: encoding)
        case .xlsx: try SynthXLSXWriter(path: path, sheet: sheet)
        case .xml: try SynthSpreadsheetMLWriter(path: path, sheet: sheet)
        }
    }
}

/// XML text escaping for the workbook writers.
enum SynthXML {
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

    /// Whether a text needs `xml:space="preserve"` to keep its spaces.
    static func needsPreserve(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isWhitespace }
    }
}
