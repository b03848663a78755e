/// Reads one worksheet part (`<sheetData><row><c>…`) into rows of typed cells.
///
/// This is the hot loop of XLSX reading, run for every cell of a register. The part's bytes are
/// pulled 64 KiB at a time and fed to libxml2's push parser (`XMLPushParser`), whose callbacks
/// look at libxml2's own bytes (no String per element or attribute) and make one String per
/// cell, for its text; the rows a chunk completes wait in a short queue for `nextRow()`.
///
/// The callbacks reach this object through an unretained pointer and the parse state through a
/// pointer this object owns: a class's stored property would cost a dynamic exclusivity check
/// on every callback, and a retained reference a retain and a release, tens of millions of
/// times for a large register.
final class XLSXSheetReader {
    let sheet: String
    private let bytes: XLSXEntryStream
    private var parser: XMLPushParser?
    private let state: UnsafeMutablePointer<SheetState>
    /// The first thing wrong with the sheet; parsing stops there.
    private var failure: IngestError?
    private let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 64 * 1024)
    private var finished = false

    init(
        sheet: String, bytes: XLSXEntryStream, file: String, strings: XLSXSharedStrings, styles: XLSXStyles, dateSystem: ExcelDateSystem,
        rowLimits: RowLimits
    ) throws(IngestError) {
        self.sheet = sheet
        self.bytes = bytes
        state = .allocate(capacity: 1)
        state.initialize(
            to: SheetState(
                file: file, sheet: sheet, part: bytes.part, strings: strings, styles: styles, dateSystem: dateSystem, rowLimits: rowLimits))
        do {
            parser = try XMLPushParser(
                name: "\(file)!\(bytes.part)", context: Unmanaged.passUnretained(self).toOpaque(),
                startElement: XLSXSheetReader.startElement, endElement: XLSXSheetReader.endElement,
                characters: XLSXSheetReader.characters)
        } catch {
            throw XLSXPackage.damaged(part: bytes.part, file: file, detail: "it cannot be read as XML")
        }
    }

    deinit {
        bytes.cancel()
        parser = nil
        state.deinitialize(count: 1)
        state.deallocate()
        buffer.deallocate()
    }

    /// The next row the part writes (rows it leaves out are the caller's business); nil at the end.
    func nextRow() throws(IngestError) -> SourceRow? {
        while true {
            if let row = state.pointee.takeReady() { return row }
            guard !finished, let parser else { return nil }
            let count = bytes.read(into: buffer)
            if count < 0 {
                finished = true
                throw bytes.error ?? XLSXPackage.damaged(part: bytes.part, file: state.pointee.file, detail: "it cannot be inflated")
            }
            let status = parser.feed(UnsafeBufferPointer(rebasing: buffer[..<count]), last: count == 0)
            if let failure {
                finished = true
                throw failure
            }
            switch status {
            case .parsed:
                break
            case .malformed(let message):
                finished = true
                if let failure = bytes.error { throw failure }
                throw IngestError.damagedXML(
                    XMLReaderError(source: bytes.part, message: message), line: parser.line, file: state.pointee.file,
                    part: bytes.part)
            case .doctype:
                finished = true
                throw IngestError.doctypeRefused(file: state.pointee.file, part: bytes.part)
            }
            if count == 0 { finished = true }
        }
    }

    // MARK: Callbacks

    private static let startElement: XMLPushParser.StartElement = { context, name, count, attributes in
        guard let context, let name else { return }
        Unmanaged<XLSXSheetReader>.fromOpaque(context)._withUnsafeGuaranteedRef { reader in
            if let problem = reader.state.pointee.startElement(name, XMLPushParser.Attributes(count: count, items: attributes)) {
                reader.stop(problem)
            }
        }
    }

    private static let endElement: XMLPushParser.EndElement = { context, name in
        guard let context, let name else { return }
        Unmanaged<XLSXSheetReader>.fromOpaque(context)._withUnsafeGuaranteedRef { reader in
            if let problem = reader.state.pointee.endElement(name) { reader.stop(problem) }
        }
    }

    private static let characters: XMLPushParser.Characters = { context, bytes, count in
        guard let context, let bytes else { return }
        Unmanaged<XLSXSheetReader>.fromOpaque(context)._withUnsafeGuaranteedRef { reader in
            reader.state.pointee.characters(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
    }

    private func stop(_ problem: String) {
        guard failure == nil else { return }
        failure = IngestError(
            .malformed, file: state.pointee.file,
            message: "\(bytes.part) (sheet “\(sheet)”) is damaged at line \(parser?.line ?? 0): \(problem); re-save the file from Excel or WPS")
        parser?.stop()
    }
}

/// The parse state of one sheet, and the rows it has completed.
private struct SheetState {
    let file: String
    let sheet: String
    let part: String
    let strings: XLSXSharedStrings
    let styles: XLSXStyles
    let dateSystem: ExcelDateSystem

    /// Rows completed and not yet taken, from `readyIndex` on.
    var ready: [SourceRow] = []
    var readyIndex = 0

    var inSheetData = false
    var rowNumber = 0
    var cells: [Cell] = []
    var nextColumn = 1
    // The cell being read.
    var inCell = false
    var cellColumn = 0
    var cellType = CellType.number
    var cellStyle = 0
    var hasValue = false
    var inValue = false
    var inInline = false
    var inInlineText = false
    var phoneticDepth = 0
    /// Elements open now. libxml2's push parser sets no depth limit of its own (its pull reader
    /// stops at 256), and keeps a little state per open element: a sheet nested a million deep
    /// would hold it all.
    var depth = 0
    static let maxDepth = 256
    var value: [UInt8] = []
    var cap: WorkbookRowCap

    init(file: String, sheet: String, part: String, strings: XLSXSharedStrings, styles: XLSXStyles, dateSystem: ExcelDateSystem, rowLimits: RowLimits) {
        self.file = file
        cap = WorkbookRowCap(limits: rowLimits)
        self.sheet = sheet
        self.part = part
        self.strings = strings
        self.styles = styles
        self.dateSystem = dateSystem
        value.reserveCapacity(64)
    }

    mutating func takeReady() -> SourceRow? {
        guard readyIndex < ready.count else {
            if readyIndex > 0 {
                ready.removeAll(keepingCapacity: true)
                readyIndex = 0
            }
            return nil
        }
        let row = ready[readyIndex]
        readyIndex += 1
        return row
    }

    // MARK: Elements

    enum Element {
        case row, cell, value, inline, text, phonetic, sheetData, other

        init(_ name: UnsafePointer<CChar>) {
            switch UInt8(bitPattern: name[0]) {
            case UInt8(ascii: "c"): self = name[1] == 0 ? .cell : .other
            case UInt8(ascii: "v"): self = name[1] == 0 ? .value : .other
            case UInt8(ascii: "t"): self = name[1] == 0 ? .text : .other
            case UInt8(ascii: "i"): self = XMLPushParser.equal(name, "is") ? .inline : .other
            case UInt8(ascii: "r"):
                if XMLPushParser.equal(name, "row") {
                    self = .row
                } else if XMLPushParser.equal(name, "rPh") {
                    self = .phonetic
                } else {
                    self = .other
                }
            case UInt8(ascii: "s"): self = XMLPushParser.equal(name, "sheetData") ? .sheetData : .other
            default: self = .other
            }
        }
    }

    enum CellType {
        case number, shared, inline, formulaString, boolean, error, isoDate

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            switch bytes.count {
            case 1:
                switch bytes[0] {
                case UInt8(ascii: "s"): self = .shared
                case UInt8(ascii: "b"): self = .boolean
                case UInt8(ascii: "e"): self = .error
                case UInt8(ascii: "d"): self = .isoDate
                default: self = .number
                }
            case 3: self = bytes.elementsEqual("str".utf8) ? .formulaString : .number
            case 9: self = bytes.elementsEqual("inlineStr".utf8) ? .inline : .number
            default: self = .number
            }
        }
    }

    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inValue || inInlineText {
            cap.append(bytes, to: &value, column: cellColumn)
        }
    }

    /// Handles a start tag; returns what is wrong with it, if anything.
    mutating func startElement(_ name: UnsafePointer<CChar>, _ attributes: XMLPushParser.Attributes) -> String? {
        depth += 1
        if depth > SheetState.maxDepth {
            return "elements are nested more than \(SheetState.maxDepth) deep (excessive depth), as in no spreadsheet"
        }
        let element = Element(name)
        if inCell {
            switch element {
            case .value:
                inValue = true
                hasValue = true
            case .inline:
                inInline = true
                hasValue = true
            case .text:
                inInlineText = inInline && phoneticDepth == 0
            case .phonetic:
                phoneticDepth += 1
            default:
                break
            }
            return nil
        }
        switch element {
        case .row where inSheetData:
            let number: Int
            switch attributes.withValue("r", SpreadsheetValue.decimal) {
            case .none: number = rowNumber + 1
            case .some(.none): return "a row number is not a number"
            case .some(.some(let written)): number = written
            }
            guard number >= 1, number <= SpreadsheetValue.maxRow else {
                return "row \(number) is outside Excel's grid (\(SpreadsheetValue.maxRow) rows)"
            }
            rowNumber = number
            cells = []
            cells.reserveCapacity(16)
            nextColumn = 1
            cap.startRow()
        case .cell where inSheetData:
            let column: Int
            switch attributes.withValue("r", SheetState.column) {
            case .none: column = nextColumn
            case .some(.none): return "a cell reference is not an A1 reference"
            case .some(.some(let written)): column = written
            }
            guard column >= 1, column <= SpreadsheetValue.maxColumn else {
                return "column \(column) is outside Excel's grid (\(SpreadsheetValue.maxColumn) columns)"
            }
            cellColumn = column
            nextColumn = column + 1
            cellType = attributes.withValue("t", CellType.init) ?? .number
            cellStyle = cellType == .number ? (attributes.withValue("s", SpreadsheetValue.decimal) ?? 0) ?? 0 : 0
            hasValue = false
            value.removeAll(keepingCapacity: true)
            inCell = true
        case .sheetData:
            inSheetData = true
        default:
            break
        }
        return nil
    }

    /// Handles an end tag; returns what is wrong with the cell it ends, if anything.
    mutating func endElement(_ name: UnsafePointer<CChar>) -> String? {
        depth -= 1
        let element = Element(name)
        if inCell {
            switch element {
            case .cell:
                inCell = false
                inValue = false
                inInline = false
                inInlineText = false
                phoneticDepth = 0
                if hasValue { return appendCell() }
            case .value:
                inValue = false
            case .inline:
                inInline = false
            case .text:
                inInlineText = false
            case .phonetic:
                phoneticDepth = max(0, phoneticDepth - 1)
            default:
                break
            }
            return nil
        }
        switch element {
        case .row where inSheetData:
            var row = SourceRow(file: file, sheet: sheet, number: rowNumber, cells: cells)
            cap.finish(&row)
            ready.append(row)
        case .sheetData:
            inSheetData = false
        default:
            break
        }
        return nil
    }

    // MARK: Cells

    mutating func appendCell() -> String? {
        guard !value.isEmpty else { return nil }
        // A shared string is cut before it is copied when the row is over its limit.
        var sharedBytes = Int.max
        if cellType == .shared, let index = value.withUnsafeBufferPointer(SpreadsheetValue.decimal), let length = strings.byteCount(at: index) {
            sharedBytes = cap.allowance(for: length, column: cellColumn)
        }
        let made = value.withUnsafeBufferPointer { makeCell($0, sharedBytes: sharedBytes) }
        let cell: Cell
        switch made {
        case .success(let value?): cell = value
        case .success(nil): return nil
        case .failure(let message): return message
        }
        cap.finishCell(length: cell.text.utf8.count, column: cell.column)
        // Cells come in column order; a file that steps back is put in order rather than trusted.
        if let last = cells.last, last.column >= cell.column {
            let index = cells.firstIndex { $0.column >= cell.column } ?? cells.endIndex
            cells.insert(cell, at: index)
        } else {
            cells.append(cell)
        }
        return nil
    }

    private enum Made {
        case success(Cell?)
        case failure(String)
    }

    private func makeCell(_ bytes: UnsafeBufferPointer<UInt8>, sharedBytes: Int) -> Made {
        switch cellType {
        case .shared:
            guard let index = SpreadsheetValue.decimal(bytes), let text = strings.string(at: index, maxBytes: sharedBytes) else {
                return .failure(
                    "cell \(CellAddress.letters(forColumn: cellColumn))\(rowNumber) points at shared string \(String(decoding: bytes, as: UTF8.self)), but there are \(strings.count)")
            }
            return .success(text.isEmpty ? nil : Cell(column: cellColumn, text: text, kind: .string))
        case .number:
            if styles.isDate(cellStyle), let serial = Double(String(decoding: bytes, as: UTF8.self)),
                let date = SpreadsheetValue.dateText(serial: serial, system: dateSystem)
            {
                return .success(Cell(column: cellColumn, text: date, kind: .date))
            }
            return .success(Cell(column: cellColumn, text: String(decoding: bytes, as: UTF8.self), kind: .number))
        case .inline, .formulaString:
            let text =
                XLSXSharedStrings.unescape(bytes).map { String(decoding: $0, as: UTF8.self) }
                ?? String(decoding: bytes, as: UTF8.self)
            return .success(Cell(column: cellColumn, text: text, kind: .string))
        case .boolean:
            if let text = SpreadsheetValue.booleanText(bytes) {
                return .success(Cell(column: cellColumn, text: text, kind: .boolean))
            }
            return .success(Cell(column: cellColumn, text: String(decoding: bytes, as: UTF8.self), kind: .string))
        case .error:
            return .success(Cell(column: cellColumn, text: String(decoding: bytes, as: UTF8.self), kind: .string))
        case .isoDate:
            if let date = SpreadsheetValue.dateText(iso: bytes) {
                return .success(Cell(column: cellColumn, text: date, kind: .date))
            }
            return .success(Cell(column: cellColumn, text: String(decoding: bytes, as: UTF8.self), kind: .string))
        }
    }

    /// The column of an A1 reference (`B12` → 2); nil when it is not one.
    static func column(_ reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference {
            let upper = byte & ~0x20
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { break }
            letters += 1
            guard letters <= 3 else { return nil }
            column = column * 26 + Int(upper - UInt8(ascii: "A") + 1)
        }
        guard letters > 0 else { return nil }
        // The rest must be the row's digits (`$` marks of absolute references are not allowed here).
        for byte in reference[letters...] where byte &- UInt8(ascii: "0") >= 10 {
            return nil
        }
        return column
    }
}
