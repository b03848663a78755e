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
