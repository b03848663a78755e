internal import Foundation

/// Reads an XLSX workbook (Office Open XML) row by row, sheet after sheet.
///
/// The archive is opened with ZIPFoundation and checked against size and compression-ratio limits
/// (`XLSXPackage`); the workbook's relationships name the sheets in order; shared strings are held
/// compactly in memory (cells point at them by index) and styles tell which numbers are dates;
/// each sheet's XML is streamed from its ZIP entry through libxml2, so memory does not grow with
/// the sheet.
///
/// - Cells keep the type the file gives them: shared, inline and formula strings are `.string`;
///   numbers `.number` with the text the file wrote (`1.10101199003071E+17` is an ID number Excel
///   rounded); numbers under a date format (built-in 14–22, 27–36, 45–47, 50–58, or a custom format
///   with y/m/d/h/s) `.date` as `YYYY-MM-DD` in the workbook's 1900 or 1904 system; `t="b"`
///   `.boolean` as TRUE/FALSE; errors (`#N/A`) `.string`.
/// - Cells are placed by their `r` reference (`C7`); cells and rows without one follow the
///   previous. Rows the sheet leaves out come back as blank rows numbered as Excel shows them.
public final class XLSXReader: RowReader {
    public let file: String
    /// The workbook's worksheets in order — all of them, even when one is selected.
    public let sheetNames: [String]

    private let package: XLSXPackage
    private let strings: XLSXSharedStrings
    private let styles: XLSXStyles
    private let dateSystem: ExcelDateSystem
    private let rowLimits: RowLimits
    private var pending: [XLSXWorkbook.Sheet]
    private var current: XLSXSheetReader?
    private var sequencer = SheetRowSequencer()
    private var finished = false

    /// Opens `path`, reads its workbook, shared strings and styles; `file` is the name used in
    /// messages and cell addresses; `sheet` selects one worksheet by name (all when nil).
    public convenience init(path: String, file: String, sheet: String? = nil) throws(IngestError) {
        try self.init(path: path, file: file, sheet: sheet, limits: .default)
    }

    init(path: String, file: String, sheet: String? = nil, limits: XLSXPackage.Limits, rowLimits: RowLimits = .standard) throws(IngestError) {
        self.file = file
        self.rowLimits = rowLimits
        package = try XLSXPackage(path: path, file: file, limits: limits)
        let workbook = try XLSXWorkbook.read(from: package)
        sheetNames = workbook.sheets.map(\.name)
        if let sheet {
            let wanted = CellWhitespace.trimmed(sheet)
            guard
                let match = workbook.sheets.first(where: { $0.name == sheet })
                    ?? workbook.sheets.first(where: { CellWhitespace.trimmed($0.name) == wanted })
            else {
                throw IngestError.unknownSheet(sheet, among: sheetNames, file: file)
            }
            pending = [match]
        } else {
            pending = workbook.sheets
        }
        if let part = workbook.sharedStringsPart {
            strings = try XLSXSharedStrings.read(package.open(part))
        } else {
            strings = XLSXSharedStrings()
        }
        if let part = workbook.stylesPart {
            styles = try XLSXStyles.read(package.open(part))
        } else {
            styles = XLSXStyles()
        }
        dateSystem = workbook.dateSystem
    }

    public func next() throws(IngestError) -> SourceRow? {
        if let row = sequencer.take() { return row }
        guard !finished else { return nil }
        do {
            while true {
                let reader: XLSXSheetReader
                if let current {
                    reader = current
                } else {
                    guard !pending.isEmpty else {
                        finished = true
                        return nil
                    }
                    let sheet = pending.removeFirst()
                    reader = try XLSXSheetReader(
                        sheet: sheet.name, bytes: package.bytes(sheet.part), file: file, strings: strings, styles: styles,
                        dateSystem: dateSystem, rowLimits: rowLimits)
                    current = reader
                    sequencer.startSheet()
                }
                if let row = try reader.nextRow() {
                    sequencer.hold(row)
                    return sequencer.take()
                }
                current = nil
            }
        } catch {
            finished = true
            current = nil
            throw error
        }
    }
}

@available(*, unavailable, message: "reads one file through one parser; use it from one thread")
extension XLSXReader: Sendable {}
