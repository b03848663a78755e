internal import Foundation

/// Reads an Excel 2003 XML spreadsheet ("XML 电子表格 2003", SpreadsheetML) row by row.
///
/// What Excel, WPS and LibreOffice write as `urn:schemas-microsoft-com:office:spreadsheet`:
/// worksheets of `<Row>`s of `<Cell>`s, each with one `<Data ss:Type=…>`. The file is streamed
/// through libxml2 (no network, no DTD, no entity expansion; a DOCTYPE is refused outright), so
/// memory does not grow with it.
///
/// - Row and cell numbers follow `ss:Index`; rows the file leaves out come back as blank rows,
///   so that row numbers are the ones Excel shows and row accounting matches the CSV export.
/// - `ss:MergeAcross` keeps the value in the merged area's first column and moves the
///   following cells right, as Excel displays them.
/// - `Data ss:Type` String/Number/DateTime/Boolean/Error become `.string`/`.number`/`.date`/
///   `.boolean`/`.string`; numbers keep the text the file wrote (`1.10101199003071E+017` is the
///   trace of an ID number Excel rounded), dates become `YYYY-MM-DD`.
/// - Rich text (`<Font>`, `<B>`… inside `ss:Data`) reads as its plain text; comments are skipped.
///
/// Worksheet names are only known once the file has been read, so an unknown `sheet` is
/// reported by `next()` at the end of the file, naming the sheets that were found.
public final class SpreadsheetMLReader: RowReader {
    public let file: String
    /// The worksheets met so far, in file order; all of them once `next()` has returned nil.
    public private(set) var sheetNames: [String] = []

    private let xml: XMLStreamReader
    private let wantedSheet: String?
    private var sequencer = SheetRowSequencer()
    private var finished = false

    // Parse state.
    private var sheet: String?
    private var readingSheet = false
    private var inTable = false
    private var rowNumber = 0
    private var cells: [Cell] = []
    private var nextColumn = 1
    private var cellColumn = 0
    private var cellDepth = -1
    private var dataDepth = -1
    private var dataType = DataType.string
    private var hasData = false
    private var text: [UInt8] = []
    private var cap: WorkbookRowCap

    private enum DataType {
        case string, number, dateTime, boolean, error
    }

    private static let namespace: StaticString = "urn:schemas-microsoft-com:office:spreadsheet"

    /// Opens `path` and checks that it is SpreadsheetML; `file` is the name used in messages
    /// and cell addresses; `sheet` selects one worksheet by name (all when nil).
    public convenience init(path: String, file: String, sheet: String? = nil) throws(IngestError) {
        try self.init(path: path, file: file, sheet: sheet, rowLimits: .standard)
    }

    init(path: String, file: String, sheet: String? = nil, rowLimits: RowLimits) throws(IngestError) {
        self.file = file
        wantedSheet = sheet
        cap = WorkbookRowCap(limits: rowLimits)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            FileManager.default.isReadableFile(atPath: path)
        else {
            throw IngestError(.unreadable, file: file, message: "the file does not exist or cannot be read")
        }
        let prefix = FileHandle(forReadingAtPath: path).flatMap { handle in
            defer { try? handle.close() }
            return try? handle.read(upToCount: XMLProlog.searchLength)
        } ?? Data()
        guard !prefix.isEmpty else {
            throw IngestError(.malformed, file: file, message: "the file is empty")
        }
        if XMLProlog.declaresDoctype(prefix) {
            throw IngestError.doctypeRefused(file: file)
        }
        do {
            xml = try XMLStreamReader(path: path)
        } catch {
            throw IngestError(.unreadable, file: file, message: "the file cannot be opened")
        }
        try findWorkbook()
    }

    public func next() throws(IngestError) -> SourceRow? {
        if let row = sequencer.take() { return row }
        guard !finished else { return nil }
        do {
            if let row = try readRow() {
                sequencer.hold(row)
                return sequencer.take()
            }
        } catch {
            finished = true
            throw error
        }
        finished = true
        if let wantedSheet, !sheetNames.contains(wantedSheet) {
            throw IngestError.unknownSheet(wantedSheet, among: sheetNames, file: file)
        }
        return nil
    }

    // MARK: Parsing

    /// Reads up to the root element and checks that it is a SpreadsheetML workbook.
    private func findWorkbook() throws(IngestError) {
        while let type = try advance() {
            switch type {
            case 10:
                throw IngestError.doctypeRefused(file: file)
            case 1:
                let namespace = xml.namespaceURI
                guard xml.localNameIs("Workbook"),
                    namespace == nil || namespace == "urn:schemas-microsoft-com:office:spreadsheet"
                else {
                    throw IngestError(
                        .malformed, file: file,
                        message: "not an Excel 2003 XML spreadsheet: its root element is <\(xml.localName)>, not <Workbook>")
                }
                return
            default:
                continue
            }
        }
        throw IngestError(.malformed, file: file, message: "the file holds no XML element (is it empty?)")
    }

    /// Reads nodes up to the end of the next row of a wanted worksheet; nil at the end.
    private func readRow() throws(IngestError) -> SourceRow? {
        while let type = try advance() {
            switch type {
            case 1:
                if let row = try startElement() { return row }
            case 3:
                if dataDepth >= 0 {
                    let column = cellColumn
                    xml.withValue { cap.append($0, to: &text, column: column) }
                }
            case 15:
                if let row = try endElement() { return row }
            case 10:
                throw IngestError.doctypeRefused(file: file)
            default:
                continue
            }
        }
        return nil
    }

    /// Handles an element's start; returns a row when the element is an empty `<Row/>`.
    private func startElement() throws(IngestError) -> SourceRow? {
        if dataDepth >= 0 { return nil }  // rich-text markup inside <Data>
        if cellDepth >= 0 {
            if xml.localNameIs("Data"), xml.depth == cellDepth + 1 {
                dataType = readDataType()
                text.removeAll(keepingCapacity: true)
                hasData = true
                if !xml.isEmptyElement { dataDepth = cellDepth + 1 }
            }
            return nil
        }
        if inTable {
            if xml.localNameIs("Row") {
                let number = try integerAttribute("Index") ?? rowNumber + 1
                guard number >= 1, number <= SpreadsheetValue.maxRow else {
                    throw beyondGrid("row \(number)")
                }
                rowNumber = number
                cells.removeAll(keepingCapacity: true)
                nextColumn = 1
                cap.startRow()
                if xml.isEmptyElement { return finishRow() }
            } else if xml.localNameIs("Cell") {
                let column = try integerAttribute("Index") ?? nextColumn
                let merged = try integerAttribute("MergeAcross") ?? 0
                guard column >= 1, column <= SpreadsheetValue.maxColumn, merged >= 0,
                    merged <= SpreadsheetValue.maxColumn - column
                else {
                    throw beyondGrid("column \(column)")
                }
                cellColumn = column
                nextColumn = column + merged + 1
                hasData = false
                if !xml.isEmptyElement { cellDepth = xml.depth }
            }
            return nil
        }
        if xml.localNameIs("Worksheet") {
            let name =
                xml.withAttribute("Name", namespace: SpreadsheetMLReader.namespace) { String(decoding: $0, as: UTF8.self) }
                ?? xml.withAttribute("Name") { String(decoding: $0, as: UTF8.self) }
                ?? "Sheet\(sheetNames.count + 1)"
            sheetNames.append(name)
            sheet = name
            readingSheet = wantedSheet == nil || wantedSheet == name
            sequencer.startSheet()
            rowNumber = 0
        } else if xml.localNameIs("Table"), readingSheet, !xml.isEmptyElement {
            inTable = true
        }
        return nil
    }

    /// Handles an element's end; returns the row a `</Row>` completes.
    private func endElement() throws(IngestError) -> SourceRow? {
        if dataDepth >= 0 {
            if xml.localNameIs("Data"), xml.depth == dataDepth { dataDepth = -1 }
            return nil
        }
        if cellDepth >= 0 {
            if xml.localNameIs("Cell"), xml.depth == cellDepth {
                cellDepth = -1
                if hasData { appendCell() }
            }
            return nil
        }
        if inTable {
            if xml.localNameIs("Row") { return finishRow() }
            if xml.localNameIs("Table") { inTable = false }
            return nil
        }
        if xml.localNameIs("Worksheet") {
            sheet = nil
            readingSheet = false
        }
        return nil
    }

    private func appendCell() {
        guard !text.isEmpty else { return }
        let cell: Cell = text.withUnsafeBufferPointer { bytes in
            switch dataType {
            case .string, .error:
                return Cell(column: cellColumn, text: String(decoding: bytes, as: UTF8.self), kind: .string)
            case .number:
                return Cell(column: cellColumn, text: String(decoding: bytes, as: UTF8.self), kind: .number)
            case .dateTime:
                if let date = SpreadsheetValue.dateText(iso: bytes) {
                    return Cell(column: cellColumn, text: date, kind: .date)
                }
                return Cell(column: cellColumn, text: String(decoding: bytes, as: UTF8.self), kind: .string)
            case .boolean:
                if let value = SpreadsheetValue.booleanText(bytes) {
                    return Cell(column: cellColumn, text: value, kind: .boolean)
                }
                return Cell(column: cellColumn, text: String(decoding: bytes, as: UTF8.self), kind: .string)
            }
        }
        cap.finishCell(length: cell.text.utf8.count, column: cell.column)
        // Cells go in column order; a file that steps back (ss:Index lower than the last
        // column) is put in order rather than trusted.
        if let last = cells.last, last.column >= cell.column {
            let index = cells.firstIndex { $0.column >= cell.column } ?? cells.endIndex
            cells.insert(cell, at: index)
        } else {
            cells.append(cell)
        }
    }

    private func finishRow() -> SourceRow? {
        guard readingSheet else { return nil }
        var row = SourceRow(file: file, sheet: sheet, number: rowNumber, cells: cells)
        cap.finish(&row)
        return row
    }

    private func readDataType() -> DataType {
        let type =
            xml.withAttribute("Type", namespace: SpreadsheetMLReader.namespace, SpreadsheetMLReader.dataType)
            ?? xml.withAttribute("Type", SpreadsheetMLReader.dataType)
        return type ?? .string
    }

    private static func dataType(_ bytes: UnsafeBufferPointer<UInt8>) -> DataType {
        switch String(decoding: bytes, as: UTF8.self) {
        case "Number": .number
        case "DateTime": .dateTime
        case "Boolean": .boolean
        case "Error": .error
        default: .string
        }
    }

    /// An `ss:` attribute holding a whole number; nil when absent.
    private func integerAttribute(_ name: StaticString) throws(IngestError) -> Int? {
        let parse: (UnsafeBufferPointer<UInt8>) -> Int? = SpreadsheetValue.decimal
        guard
            let value = xml.withAttribute(name, namespace: SpreadsheetMLReader.namespace, parse)
                ?? xml.withAttribute(name, parse)
        else { return nil }
        guard let number = value else {
            throw IngestError(
                .malformed, file: file,
                message: "line \(xml.line): ss:\(name) is not a whole number; re-save the file from Excel or WPS")
        }
        return number
    }

    /// The next node's type (every kind of text as 3); nil at the end.
    private func advance() throws(IngestError) -> Int32? {
        do {
            return try xml.readNode()
        } catch {
            throw IngestError.damagedXML(error, line: xml.line, file: file)
        }
    }

    private func beyondGrid(_ what: String) -> IngestError {
        IngestError(
            .malformed, file: file,
            message: "line \(xml.line): \(what) is outside Excel's grid (\(SpreadsheetValue.maxRow) rows, \(SpreadsheetValue.maxColumn) columns); the file is damaged")
    }
}

@available(*, unavailable, message: "reads one file through one parser; use it from one thread")
extension SpreadsheetMLReader: Sendable {}
