/// Bounds that keep a damaged CSV file from taking the reader's memory or time.
///
/// A quote that is never closed would otherwise swallow the rest of the file into one cell.
/// A row past these bounds is reported as `input.malformed-row` and reading goes on at the
/// line after the row's first line.
public struct CSVLimits: Sendable, Equatable {
    /// The longest row, in bytes of UTF-8 (a real row of a register is under 1 KiB).
    public var maxRecordBytes: Int
    /// The most cells in a row (Excel's column limit).
    public var maxCells: Int
    /// The most line breaks inside one quoted cell before the quote is taken to be unclosed.
    public var maxQuotedLines: Int

    public init(maxRecordBytes: Int = 1 << 20, maxCells: Int = 16_384, maxQuotedLines: Int = 100) {
        self.maxRecordBytes = maxRecordBytes
        self.maxCells = maxCells
        self.maxQuotedLines = maxQuotedLines
    }

    public static let standard = CSVLimits()
}
