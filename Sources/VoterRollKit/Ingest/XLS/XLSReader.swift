/// Reads an Excel 97-2003 workbook (`.xls`, BIFF8; also Excel 95 BIFF5 and WPS `.et` files
/// written the same way) row by row, sheet after sheet.
///
/// The compound file is mapped and its `Workbook` (or `Book`) stream read record by record
/// (`CompoundFile`, `BIFFRecordReader`). The workbook globals come first: sheets, shared
/// strings, cell formats, date system (`XLSWorkbook`). The sheets follow in the stream, each from
/// its BOF to its EOF, their cells in row order; a row is handed out when a cell of a later row
/// arrives. Memory is the shared strings plus one row.
///
/// Cells mean what the same cells mean in an XLSX: text (LABELSST, LABEL, RSTRING, a formula's
/// STRING) is `.string`; numbers (NUMBER, RK, MULRK, a formula's number) `.number`, written as
/// Excel keeps them (an 18-digit ID stored as a number reads `3.7010219800101005e+17`, which the
/// ID rule knows as Excel damage), or `.date` when the cell's format is a date
/// (`XLSXStyles.isBuiltInDate`, `XLSXStyles.isDateFormat`) in the workbook's date system
/// (`SpreadsheetValue.dateText(serial:system:)`); booleans `.boolean` TRUE/FALSE; errors
/// (`#N/A`) `.string`. Rows the sheet leaves out come back as blank rows (`SheetRowSequencer`).
public final class XLSReader: RowReader {
    public let file: String
    /// The workbook's worksheets in order — all of them, even when one is selected.
    public let sheetNames: [String]

    private let container: CompoundFile
    private let records: BIFFRecordReader
    private let workbook: XLSWorkbook
    private let rowLimits: RowLimits
    /// The sheet to read (an index into `workbook.sheets`), or nil for every worksheet.
    private let selected: Int?
    private var sheetsByOffset: [Int: Int] = [:]
    private var sequencer = SheetRowSequencer()
    private var finished = false

    // The substream being read.
    /// BOFs open: 1 inside a sheet, more inside a chart embedded in it.
    private var depth = 0
    private var substreams = 0
    /// The name of the worksheet whose cells are read; nil while skipping a substream.
    private var sheet: String?
    private var rowIndex = -1
    private var cells: [Cell] = []
    private var cap: WorkbookRowCap
    /// A formula whose text result follows in a STRING record.
    private var pendingFormula: (row: Int, column: Int, xf: UInt16)?

    /// Charts embedded in a sheet are substreams inside it; no writer nests deeper than that.
    static let maxDepth = 8

    /// Opens `path` and reads its workbook globals; `file` is the name used in messages and cell
    /// addresses; `sheet` selects one worksheet by name (all when nil).
    public convenience init(path: String, file: String, sheet: String? = nil) throws(IngestError) {
        try self.init(path: path, file: file, sheet: sheet, rowLimits: .standard)
    }

    init(path: String, file: String, sheet wanted: String? = nil, rowLimits: RowLimits) throws(IngestError) {
        self.file = file
        self.rowLimits = rowLimits
        cap = WorkbookRowCap(limits: rowLimits)
        container = try CompoundFile(path: path, file: file)
        guard let entry = container.stream(named: "Workbook") ?? container.stream(named: "Book") else {
            if container.stream(named: "EncryptedPackage") != nil {
                throw IngestError.passwordProtected(file: file)
            }
            let names = container.rootChildren.map(\.name).filter { !$0.isEmpty && $0.first?.isLetter == true }
            throw IngestError(
                .malformed, file: file,
                message: "is an old Office file but not an Excel workbook: it has no Workbook stream (it holds \(names.isEmpty ? "nothing readable" : names.prefix(5).joined(separator: ", "))); a Word or PowerPoint file renamed? Ask for the spreadsheet")
        }
        records = BIFFRecordReader(stream: try container.open(entry))
        let globals = try XLSWorkbook.read(records)
        workbook = globals
        let worksheets = globals.sheets.indices.filter { globals.sheets[$0].isWorksheet }
        let names = worksheets.map { globals.sheets[$0].name }
        sheetNames = names
        if let wanted {
            let trimmed = CellWhitespace.trimmed(wanted)
            guard
                let match = worksheets.first(where: { globals.sheets[$0].name == wanted })
                    ?? worksheets.first(where: { CellWhitespace.trimmed(globals.sheets[$0].name) == trimmed })
            else {
                throw IngestError.unknownSheet(wanted, among: names, file: file)
            }
            selected = match
        } else {
            selected = nil
        }
        for (index, sheet) in workbook.sheets.enumerated() where sheetsByOffset[sheet.offset] == nil {
            sheetsByOffset[sheet.offset] = index
        }
    }

    public func next() throws(IngestError) -> SourceRow? {
        if let row = sequencer.take() { return row }
        guard !finished else { return nil }
        do {
            while try records.next() {
                if let row = try handleRecord() {
                    sequencer.hold(row)
                    if let taken = sequencer.take() { return taken }
                }
            }
            finished = true
            // A stream cut after a sheet's last cell still gives that sheet's rows.
            if let row = finishRow() {
                sequencer.hold(row)
                return sequencer.take()
            }
            return nil
        } catch {
            finished = true
            throw error
        }
    }

    // MARK: Records

    /// Handles the current record; returns a row it completed.
    private func handleRecord() throws(IngestError) -> SourceRow? {
        let type = records.type
        switch type {
        case 0x0809:  // BOF
            depth += 1
            guard depth <= XLSReader.maxDepth else {
                throw CompoundFile.damaged(file, "its substreams are nested more than \(XLSReader.maxDepth) deep (BOF records without their EOF)")
            }
            if depth == 1 { try startSubstream() }
            return nil
        case 0x000A:  // EOF
            guard depth > 0 else { return nil }
            depth -= 1
            guard depth == 0 else { return nil }
            let row = finishRow()
            sheet = nil
            return row
        case 0x002F:
            throw IngestError.passwordProtected(file: file)
        default:
            break
        }
        guard depth == 1, sheet != nil else { return nil }
        switch type {
        case 0x00FD:  // LABELSST
            try records.require(10)
            let index = Int(records.u32(6))
            let column = Int(records.u16(2)) + 1
            guard let length = workbook.strings.byteCount(at: index) else {
                throw CompoundFile.damaged(
                    file, "cell \(CellAddress.letters(forColumn: column))\(Int(records.u16(0)) + 1) (sheet “\(sheet ?? "")”) points at shared string \(index), but there are \(workbook.strings.count)")
            }
            return try add(row: records.u16(0), column: column) {
                let text = workbook.strings.string(at: index, maxBytes: cap.allowance(for: length, column: column)) ?? ""
                return text.isEmpty ? nil : Cell(column: column, text: text, kind: .string)
            }
        case 0x0204, 0x00D6:  // LABEL, RSTRING
            try records.require(8)
            let column = Int(records.u16(2)) + 1
            let text = workbook.text(records, at: 6, wideLength: true)
            return try add(row: records.u16(0), column: column) { stringCell(text, column: column) }
        case 0x0203:  // NUMBER
            try records.require(14)
            return try add(row: records.u16(0), column: Int(records.u16(2)) + 1, xf: records.u16(4), number: records.f64(6))
        case 0x027E:  // RK
            try records.require(10)
            return try add(row: records.u16(0), column: Int(records.u16(2)) + 1, xf: records.u16(4), number: XLSNumber.rk(records.u32(6)))
        case 0x00BD:  // MULRK
            try records.require(6)
            let row = records.u16(0)
            let first = Int(records.u16(2)) + 1
            var completed: SourceRow?
            for index in 0..<(records.length - 6) / 6 {
                let at = 4 + index * 6
                if let done = try add(row: row, column: first + index, xf: records.u16(at), number: XLSNumber.rk(records.u32(at + 2))) {
                    completed = done
                }
            }
            return completed
        case 0x0205:  // BOOLERR
            try records.require(8)
            let column = Int(records.u16(2)) + 1
            let value = records.u8(6)
            let cell =
                records.u8(7) == 0
                ? Cell(column: column, text: value == 0 ? "FALSE" : "TRUE", kind: .boolean)
                : Cell(column: column, text: XLSNumber.errorText(value), kind: .string)
            return try add(row: records.u16(0), column: column, cell)
        case 0x0006:  // FORMULA: its cached result
            try records.require(14)
            let row = records.u16(0)
            let column = Int(records.u16(2)) + 1
            let xf = records.u16(4)
            pendingFormula = nil
            guard records.u16(12) == 0xFFFF else {
                return try add(row: row, column: column, xf: xf, number: records.f64(6))
            }
            switch records.u8(6) {
            case 0:
                pendingFormula = (Int(row), column, xf)
                return try add(row: row, column: column, nil)
            case 1:
                return try add(row: row, column: column, Cell(column: column, text: records.u8(8) == 0 ? "FALSE" : "TRUE", kind: .boolean))
            case 2:
                return try add(row: row, column: column, Cell(column: column, text: XLSNumber.errorText(records.u8(8)), kind: .string))
            default:
                return try add(row: row, column: column, nil)
            }
        case 0x0207:  // STRING: the text result of the FORMULA before it
            guard let formula = pendingFormula else { return nil }
            pendingFormula = nil
            let text: String
            if workbook.version == .biff8 {
                var source = try BIFFContinuedBytes(records)
                var bytes: [UInt8] = []
                if let count = source.u16(), let flags = source.u8() {
                    _ = source.characters(Int(count), flags: flags, to: &bytes)
                }
                text = String(decoding: bytes, as: UTF8.self)
            } else {
                text = workbook.text(records, at: 0, wideLength: true)
            }
            return try add(row: UInt16(formula.row), column: formula.column) { stringCell(text, column: formula.column) }
        case 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0007, 0x0206, 0x0406:
            throw IngestError(
                .malformed, file: file,
                message: "sheet “\(sheet ?? "")” holds record \(BIFFRecordReader.describe(type)) at offset \(records.offset), a kind of cell from Excel 2.x–4.x that VoterRoll does not understand in an Excel 97-2003 file; open it in Excel or WPS and save it as .xlsx")
        default:
            return nil
        }
    }

    /// A BOF at the top level: a sheet's records follow. Its BOUNDSHEET says which sheet, by the
    /// BOF's offset in the stream (or, in a file whose offsets are wrong, by order).
    private func startSubstream() throws(IngestError) {
        defer { substreams += 1 }
        sheet = nil
        pendingFormula = nil
        let index = sheetsByOffset[records.offset] ?? (substreams < workbook.sheets.count ? substreams : nil)
        // 0x0010 is a worksheet (or dialog sheet); charts, macro sheets and VBA modules hold no rows.
        guard records.u16(2) == 0x0010, let index, workbook.sheets[index].isWorksheet, selected == nil || selected == index else {
            return
        }
        sheet = workbook.sheets[index].name
        sequencer.startSheet()
        rowIndex = -1
        cells = []
        cap.startRow()
    }

    // MARK: Rows

    private func stringCell(_ text: String, column: Int) -> Cell? {
        guard !text.isEmpty else { return nil }
        let length = text.utf8.count
        let allowed = cap.allowance(for: length, column: column)
        let kept = allowed < length ? String(decoding: text.utf8.prefix(allowed), as: UTF8.self) : text
        return Cell(column: column, text: kept, kind: .string)
    }

    private func add(row: UInt16, column: Int, xf: UInt16, number: Double) throws(IngestError) -> SourceRow? {
        if workbook.isDate(xf), let date = SpreadsheetValue.dateText(serial: number, system: workbook.dateSystem) {
            return try add(row: row, column: column, Cell(column: column, text: date, kind: .date))
        }
        return try add(row: row, column: column, Cell(column: column, text: XLSNumber.text(number), kind: .number))
    }

    private func add(row: UInt16, column: Int, _ cell: Cell?) throws(IngestError) -> SourceRow? {
        try add(row: row, column: column) { cell }
    }

    /// Adds the cell `make` makes (nil: a cell that holds nothing) to its row, once the row has
    /// started, so that its text is cut against that row's limit; returns the previous row when
    /// this cell starts a new one.
    private func add(row: UInt16, column: Int, _ make: () -> Cell?) throws(IngestError) -> SourceRow? {
        guard column <= SpreadsheetValue.maxColumn else {
            throw CompoundFile.damaged(file, "sheet “\(sheet ?? "")” has a cell in column \(column), outside Excel's grid")
        }
        var completed: SourceRow?
        if Int(row) != rowIndex {
            completed = finishRow()
            rowIndex = Int(row)
        }
        guard let cell = make() else { return completed }
        cap.finishCell(length: cell.text.utf8.count, column: column)
        // Cells come in column order; a file that steps back is put in order rather than trusted.
        if let last = cells.last, last.column >= column {
            let index = cells.firstIndex { $0.column >= column } ?? cells.endIndex
            if index < cells.endIndex, cells[index].column == column {
                cells[index] = cell
            } else {
                cells.insert(cell, at: index)
            }
        } else {
            cells.append(cell)
        }
        return completed
    }

    /// The row being built, if any, and a fresh start.
    private func finishRow() -> SourceRow? {
        guard rowIndex >= 0, let sheet else { return nil }
        var row = SourceRow(file: file, sheet: sheet, number: rowIndex + 1, cells: cells)
        cap.finish(&row)
        rowIndex = -1
        cells = []
        cells.reserveCapacity(16)
        cap.startRow()
        return row
    }
}

@available(*, unavailable, message: "reads one file through one stream; use it from one thread")
extension XLSReader: Sendable {}
