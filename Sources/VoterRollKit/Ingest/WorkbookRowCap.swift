/// Keeps one workbook row within `RowLimits.maxRecordBytes` while its cells are read.
///
/// A workbook row is held whole until it ends, so without a cap its memory would follow its
/// size in the file: up to 16,384 cells of a text node each (10 MB for libxml2), or of shared
/// strings of any length. Up to the limit cells are read as usual; from the cell that crosses
/// it on, each cell keeps at most `cutCellBytes` (text past that is dropped as it arrives), and
/// when the row ends every cell is cut so and the row gets the `input.malformed-row` finding a
/// CSV row over the limit gets. A row then holds at most the limit plus `cutCellBytes` a cell.
struct WorkbookRowCap {
    let limits: RowLimits
    /// Bytes of the row's finished cells.
    private var used = 0
    /// The column of the cell that crossed the limit.
    private(set) var overColumn: Int?

    init(limits: RowLimits) {
        self.limits = limits
    }

    mutating func startRow() {
        used = 0
        overColumn = nil
    }

    /// Appends `bytes` to `value`, the text read so far of the cell in `column`, as far as the
    /// row's limit allows.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, to value: inout [UInt8], column: Int) {
        if overColumn == nil, used + value.count + bytes.count <= limits.maxRecordBytes {
            value.append(contentsOf: bytes)
            return
        }
        if overColumn == nil { overColumn = column }
        // A scalar's worth past the cut, so that the cut falls on a scalar boundary.
        let room = limits.cutCellBytes + 4 - value.count
        if room > 0 { value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes.prefix(room))) }
    }

    /// How many bytes to keep of a cell of `length` bytes that comes whole (an XLSX shared
    /// string), so that it is not copied whole only to be cut.
    mutating func allowance(for length: Int, column: Int) -> Int {
        if overColumn == nil, used + length <= limits.maxRecordBytes { return length }
        if overColumn == nil { overColumn = column }
        return min(length, limits.cutCellBytes + 4)
    }

    /// Counts a finished cell of `length` bytes.
    mutating func finishCell(length: Int, column: Int) {
        used += length
        if overColumn == nil, used > limits.maxRecordBytes { overColumn = column }
    }

    /// The finished row: when it went over the limit, every cell cut and the finding added.
    func finish(_ row: inout SourceRow) {
        guard let column = overColumn else { return }
        let value = RowLimits.truncated(row.cell(column)?.text ?? "", to: 200)
        for index in row.cells.indices where row.cells[index].text.utf8.count > limits.cutCellBytes {
            row.cells[index].text = RowLimits.truncated(row.cells[index].text, to: limits.cutCellBytes)
        }
        row.findings.append(limits.tooLongFinding(
            row, column: column, value: value, cause: "a cell too long to be real",
            kept: "each of its cells was cut at \(limits.cutCellBytes / 1024) KiB"))
    }
}
