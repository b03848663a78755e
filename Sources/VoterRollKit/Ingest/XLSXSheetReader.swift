/// Reads one worksheet part (`<sheetData><row><c>…`) into rows of typed cells.
///
/// This is the hot loop of XLSX reading, run for every cell of a register: it looks at libxml2's
/// own bytes (no String per element or attribute), fetches a cell's style only for numbers, and
/// makes one String per cell, for its text.
final class XLSXSheetReader {
    let sheet: String
    private let reader: XLSXPart
    private let xml: XMLStreamReader
    private let strings: XLSXSharedStrings
    private let styles: XLSXStyles
    private let dateSystem: ExcelDateSystem

    private var inSheetData = false
    private var rowNumber = 0
    private var cells: [Cell] = []
    private var nextColumn = 1
    // The cell being read.
    private var inCell = false
    private var cellColumn = 0
    private var cellType = CellType.number
    private var cellStyle = 0
    private var hasValue = false
    private var inValue = false
    private var inInline = false
    private var inInlineText = false
    private var phoneticDepth = 0
    private var value: [UInt8] = []

    init(sheet: String, reader: XLSXPart, strings: XLSXSharedStrings, styles: XLSXStyles, dateSystem: ExcelDateSystem) {
        self.sheet = sheet
        self.reader = reader
        xml = reader.xml
        self.strings = strings
        self.styles = styles
        self.dateSystem = dateSystem
        value.reserveCapacity(64)
    }

    /// The next row the part writes (rows it leaves out are the caller's business); nil at the end.
    func nextRow() throws(IngestError) -> SourceRow? {
        while try reader.read() {
            switch xml.nodeTypeCode {
            case 1:
                if let row = try startElement() { return row }
            case 3, 4, 13, 14:
                if inValue || inInlineText {
                    xml.withValue { value.append(contentsOf: $0) }
                }
            case 15:
                if let row = try endElement() { return row }
            default:
                continue
            }
        }
        return nil
    }

    // MARK: Elements

    private enum Element {
        case row, cell, value, inline, text, phonetic, sheetData, other

        init(_ name: UnsafeBufferPointer<UInt8>) {
            switch name.count {
            case 1:
                switch name[0] {
                case UInt8(ascii: "c"): self = .cell
                case UInt8(ascii: "v"): self = .value
                case UInt8(ascii: "t"): self = .text
                default: self = .other
                }
            case 2:
                self = name[0] == UInt8(ascii: "i") && name[1] == UInt8(ascii: "s") ? .inline : .other
            case 3:
                if name[0] == UInt8(ascii: "r"), name[1] == UInt8(ascii: "o"), name[2] == UInt8(ascii: "w") {
                    self = .row
                } else if name[0] == UInt8(ascii: "r"), name[1] == UInt8(ascii: "P"), name[2] == UInt8(ascii: "h") {
                    self = .phonetic
                } else {
                    self = .other
                }
            case 9:
                self = name.elementsEqual("sheetData".utf8) ? .sheetData : .other
            default:
                self = .other
            }
        }
    }

    private enum CellType {
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

    private func startElement() throws(IngestError) -> SourceRow? {
        let element = xml.withLocalName(Element.init)
        if inCell {
            switch element {
            case .value:
                if !xml.isEmptyElement { inValue = true }
                hasValue = true
            case .inline:
                if !xml.isEmptyElement { inInline = true }
                hasValue = true
            case .text:
                inInlineText = inInline && phoneticDepth == 0 && !xml.isEmptyElement
            case .phonetic:
                if !xml.isEmptyElement { phoneticDepth += 1 }
            default:
                break
            }
            return nil
        }
        switch element {
        case .row where inSheetData:
            let number: Int
            switch xml.withAttribute("r", SpreadsheetValue.decimal) {
            case .none: number = rowNumber + 1
            case .some(.none): throw damaged("a row number is not a number")
            case .some(.some(let written)): number = written
            }
            guard number >= 1, number <= SpreadsheetValue.maxRow else {
                throw damaged("row \(number) is outside Excel's grid (\(SpreadsheetValue.maxRow) rows)")
            }
            rowNumber = number
            cells.removeAll(keepingCapacity: true)
            nextColumn = 1
            if xml.isEmptyElement { return finishRow() }
        case .cell where inSheetData:
            let column: Int
            switch xml.withAttribute("r", XLSXSheetReader.column) {
            case .none: column = nextColumn
            case .some(.none): throw damaged("a cell reference is not an A1 reference")
            case .some(.some(let written)): column = written
            }
            guard column >= 1, column <= SpreadsheetValue.maxColumn else {
                throw damaged("column \(column) is outside Excel's grid (\(SpreadsheetValue.maxColumn) columns)")
            }
            cellColumn = column
            nextColumn = column + 1
            cellType = xml.withAttribute("t", CellType.init) ?? .number
            cellStyle = cellType == .number ? (xml.withAttribute("s", SpreadsheetValue.decimal) ?? 0) ?? 0 : 0
            hasValue = false
            value.removeAll(keepingCapacity: true)
            if !xml.isEmptyElement { inCell = true }
        case .sheetData:
            inSheetData = !xml.isEmptyElement
        default:
            break
        }
        return nil
    }

    private func endElement() throws(IngestError) -> SourceRow? {
        let element = xml.withLocalName(Element.init)
        if inCell {
            switch element {
            case .cell:
                inCell = false
                inValue = false
                inInline = false
                inInlineText = false
                phoneticDepth = 0
                if hasValue { try appendCell() }
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
            return finishRow()
        case .sheetData:
            inSheetData = false
        default:
            break
        }
        return nil
    }

    private func finishRow() -> SourceRow {
        SourceRow(file: reader.file, sheet: sheet, number: rowNumber, cells: cells)
    }

    // MARK: Cells

    private func appendCell() throws(IngestError) {
        guard !value.isEmpty else { return }
        let cell = try value.withUnsafeBufferPointer { bytes throws(IngestError) in try makeCell(bytes) }
        guard let cell else { return }
        // Cells come in column order; a file that steps back is put in order rather than trusted.
        if let last = cells.last, last.column >= cell.column {
            let index = cells.firstIndex { $0.column >= cell.column } ?? cells.endIndex
            cells.insert(cell, at: index)
        } else {
            cells.append(cell)
        }
    }

    private func makeCell(_ bytes: UnsafeBufferPointer<UInt8>) throws(IngestError) -> Cell? {
        switch cellType {
        case .shared:
            guard let index = SpreadsheetValue.decimal(bytes), let text = strings.string(at: index) else {
                throw damaged(
                    "cell \(CellAddress.letters(forColumn: cellColumn))\(rowNumber) points at shared string \(String(decoding: bytes, as: UTF8.self)), but there are \(strings.count)")
            }
            return text.isEmpty ? nil : Cell(column: cellColumn, text: text, kind: .string)
        case .number:
            if styles.isDate(cellStyle), let serial = Double(String(decoding: bytes, as: UTF8.self)),
                let date = SpreadsheetValue.dateText(serial: serial, system: dateSystem)
            {
                return Cell(column: cellColumn, text: date, kind: .date)
            }
            return Cell(column: cellColumn, text: String(decoding: bytes, as: UTF8.self), kind: .number)
        case .inline, .formulaString:
            let text = XLSXSharedStrings.unescape(bytes).map { String(decoding: $0, as: UTF8.self) }
                ?? String(decoding: bytes, as: UTF8.self)
            return Cell(column: cellColumn, text: text, kind: .string)
        case .boolean:
            if let text = SpreadsheetValue.booleanText(bytes) {
                return Cell(column: cellColumn, text: text, kind: .boolean)
            }
            return Cell(column: cellColumn, text: String(decoding: bytes, as: UTF8.self), kind: .string)
        case .error:
            return Cell(column: cellColumn, text: String(decoding: bytes, as: UTF8.self), kind: .string)
        case .isoDate:
            if let date = SpreadsheetValue.dateText(iso: bytes) {
                return Cell(column: cellColumn, text: date, kind: .date)
            }
            return Cell(column: cellColumn, text: String(decoding: bytes, as: UTF8.self), kind: .string)
        }
    }

    /// The column of an A1 reference (`B12` → 2); nil when it is not one.
    private static func column(_ reference: UnsafeBufferPointer<UInt8>) -> Int? {
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

    private func damaged(_ detail: String) -> IngestError {
        IngestError(
            .malformed, file: reader.file,
            message: "\(reader.part) (sheet “\(sheet)”) is damaged at line \(xml.line): \(detail); re-save the file from Excel or WPS")
    }
}
