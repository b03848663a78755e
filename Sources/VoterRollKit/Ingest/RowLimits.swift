/// Bounds that keep one damaged row, of a CSV file or of a workbook, from taking the reader's
/// memory or time.
///
/// A quote that is never closed would otherwise swallow the rest of a CSV file into one cell,
/// and a workbook row may hold 16,384 cells of megabytes each. A row past these bounds is
/// reported as `input.malformed-row` (`tooLongFinding`), and its cells are cut at
/// `cutCellBytes`: a CSV row is then read from its first line and reading goes on at the line
/// after; a workbook row keeps its cells, cut as they are read (`WorkbookRowCap`).
public struct RowLimits: Sendable, Equatable {
    /// The longest row, in bytes of UTF-8 (a real row of a register is under 1 KiB).
    public var maxRecordBytes: Int
    /// The most cells in a CSV row (Excel's column limit, which bounds workbook rows anyway).
    public var maxCells: Int
    /// The most line breaks inside one quoted CSV cell before the quote is taken to be unclosed.
    public var maxQuotedLines: Int
    /// What each cell of a row over `maxRecordBytes` keeps, in bytes of UTF-8 (then "…").
    public var cutCellBytes: Int

    public init(maxRecordBytes: Int = 1 << 20, maxCells: Int = 16_384, maxQuotedLines: Int = 100, cutCellBytes: Int = 1024) {
        self.maxRecordBytes = maxRecordBytes
        self.maxCells = maxCells
        self.maxQuotedLines = maxQuotedLines
        self.cutCellBytes = cutCellBytes
    }

    public static let standard = RowLimits()

    /// The finding on a row longer than `maxRecordBytes` from `column` on; `kept` says what was
    /// read of it, `cause` what such a row usually is.
    func tooLongFinding(_ row: SourceRow, column: Int, value: String, cause: String, kept: String) -> Finding {
        let letters = CellAddress.letters(forColumn: max(column, 1))
        return Finding(
            code: .inputMalformedRow, address: row.address(column: column > 0 ? column : nil), value: value,
            evidence: "the row is longer than \(maxRecordBytes / 1024) KiB from column \(letters) (\(cause)); \(kept)")
    }

    /// UTF-8 bytes as text, cut at a scalar boundary when longer than `limit`, with "…".
    static func truncated(_ bytes: UnsafeBufferPointer<UInt8>, to limit: Int) -> String {
        guard bytes.count > limit else { return String(decoding: bytes, as: UTF8.self) }
        var cut = limit
        while cut > 0, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<cut]), as: UTF8.self) + "…"
    }

    static func truncated(_ bytes: [UInt8], to limit: Int) -> String {
        bytes.withUnsafeBufferPointer { truncated($0, to: limit) }
    }

    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var text = text
        return text.withUTF8 { truncated($0, to: limit) }
    }
}
