/// One row of one sheet of one input file, with the problems found while reading it.
///
/// Readers yield every row, blank or not, so that rows read = kept + excluded + blank holds.
public struct SourceRow: Sendable {
    /// The file as the user named it.
    public var file: String
    /// The worksheet; nil for CSV/TSV.
    public var sheet: String?
    /// 1-based row number in the sheet (for CSV, the record's first physical line).
    public var number: Int
    /// The non-empty cells in column order (readers may also include empty ones).
    public var cells: [Cell]
    /// Problems met while reading this row (`input.encoding`, `input.malformed-row`, …).
    public var findings: [Finding]

    public init(file: String, sheet: String?, number: Int, cells: [Cell], findings: [Finding] = []) {
        self.file = file
        self.sheet = sheet
        self.number = number
        self.cells = cells
        self.findings = findings
    }

    /// The cell in a 1-based column, if the row has one.
    public func cell(_ column: Int) -> Cell? {
        // Cells are in column order and usually dense, so try the direct index first.
        if column - 1 < cells.count, column >= 1, cells[column - 1].column == column {
            return cells[column - 1]
        }
        return cells.first { $0.column == column }
    }

    /// True when no cell holds anything but white space (`CellWhitespace`).
    public var isBlank: Bool { cells.allSatisfy(\.isBlank) }

    /// The address of a cell in this row (or of the row, with `column` nil).
    public func address(column: Int? = nil) -> CellAddress {
        CellAddress(file: file, sheet: sheet, row: number, column: column)
    }
}
