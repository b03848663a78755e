/// Turns the rows a sheet writes into the rows a person sees, numbered as the sheet numbers them.
///
/// Spreadsheet files leave empty rows out (XLSX `<row r="7">` after row 5; SpreadsheetML
/// `ss:Index="7"`), while a CSV export of the same sheet keeps them as empty lines. Yielding the
/// left-out rows as blank rows keeps row accounting (rows read = kept + excluded + blank) the
/// same whichever format the office saved, and keeps every row number equal to the one Excel
/// shows.
struct SheetRowSequencer {
    /// The last row number handed out in the current sheet.
    private(set) var lastNumber = 0
    private var held: SourceRow?

    /// Starts a new sheet: numbering starts again at row 1.
    mutating func startSheet() {
        lastNumber = 0
        held = nil
    }

    /// The number the next row has when the file does not say.
    var nextNumber: Int { lastNumber + 1 }

    /// Holds a row read from the file until the rows left out before it have been handed out.
    mutating func hold(_ row: SourceRow) {
        held = row
    }

    /// The next row to yield: a blank row for a number the file skipped, else the held row.
    mutating func take() -> SourceRow? {
        guard let row = held else { return nil }
        if row.number > lastNumber + 1 {
            lastNumber += 1
            return SourceRow(file: row.file, sheet: row.sheet, number: lastNumber, cells: [])
        }
        held = nil
        // A row number that goes backwards (a damaged file) is yielded as written.
        lastNumber = max(lastNumber, row.number)
        return row
    }
}
