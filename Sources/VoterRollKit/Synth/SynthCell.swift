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
