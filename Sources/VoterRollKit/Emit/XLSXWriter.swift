import Foundation
internal import ZIPFoundation

/// Writes an Excel workbook (.xlsx) that Excel, WPS and LibreOffice open.
///
/// Officers work in Excel/WPS, and an .xlsx keeps ID numbers as text where a CSV opened by
/// double-click turns them into numbers and loses digits. Cells are inline strings (no
/// shared-string table to hold in memory) or plain numbers, so a cell can never be a formula
/// and needs no CSV-style escaping.
///
/// One sheet, continued on further sheets (`名单 (2)`…) past Excel's 1,048,576 rows, with the
/// first row (the header) repeated at the top of each.
///
/// Streaming: rows go to a spill file per sheet beside the output; `commit` zips them with the
/// fixed parts into a temporary file in the same folder and renames it into place, so a
/// killed run leaves the previous workbook as it was. Entries carry a fixed date, so the same
/// rows give the same bytes on every run.
final class XLSXWriter {
    /// One cell's value.
    enum Value: Sendable, Equatable {
        case text(String)
        case number(Int)
    }

    /// One cell in its own column with its own look, for a sheet that keeps another file's
    /// layout (`writeRow(number:cells:)`).
    struct PlacedCell: Sendable, Equatable {
        enum Content: Sendable, Equatable {
            case text(String)
            /// A number as another file wrote it (`3.70102199001011E+17`), kept digit for digit.
            case number(String)
            /// No value: a cell that is there only for its look (a fill on an empty cell).
            case empty
        }

        var column: Int
        var content: Content
        var style: Style
    }

    /// The look of a row: `plain` data, `header` (bold), and their boxed forms for a printed
    /// list (thin borders round every cell).
    enum Style: Int, Sendable {
        case plain = 0
        case header = 1
        case boxed = 2
        case boxedHeader = 3
        /// Light fills by a finding's severity (red, orange, grey: they print).
        case error = 4
        case warning = 5
        case info = 6
        /// A link to another cell: blue, underlined.
        case link = 7
    }

    /// Page setup for printing: A4 portrait, fitted to the page width, the first row repeated
    /// on every page, and a centred title above and page numbers below.
    struct Print: Sendable {
        var title: String
        /// The footer, with `&P` for the page number and `&N` for the page count.
        var footer: String
        /// Landscape instead of portrait, for wide sheets.
        var landscape = false
    }

    /// One worksheet's rows, in a spill file until the workbook is zipped.
    final class Sheet {
        let name: String
        let spillPath: String
        /// The first row frozen, and (with `autoFilter`) Excel's filter buttons on it.
        let frozenHeader: Bool
        let autoFilter: Bool
        /// In Excel's character units, one per column.
        let columnWidths: [Double]
        /// Without `columnWidths`: each column as wide as its widest cell (up to 40), measured as
        /// rows are written, for a sheet whose columns are not known ahead.
        let fitsColumns: Bool
        private(set) var fittedWidths: [Int] = []
        fileprivate var file: UnsafeMutablePointer<FILE>?
        private(set) var rows = 0
        private(set) var widest = 0
        /// The last row number written (`rows`, unless rows carry their own numbers).
        private(set) var lastRow = 0
        /// The cell comments (批注) as `<comment>` elements and their VML shapes, and the links
        /// as `<hyperlink>` elements: set aside until the sheet is zipped.
        var comments: Spill?
        var shapes: Spill?
        var links: Spill?
        /// The first and last shape numbers of the sheet's comments (for the VML's id blocks).
        var shapeRange: ClosedRange<Int>?

        fileprivate init(
            name: String, spillPath: String, frozenHeader: Bool, autoFilter: Bool, columnWidths: [Double], fitsColumns: Bool = false
        ) throws(OutputError) {
            self.name = name
            self.spillPath = spillPath
            self.frozenHeader = frozenHeader
            self.autoFilter = autoFilter
            self.columnWidths = columnWidths
            self.fitsColumns = fitsColumns
            // Created afresh, never through a planted link.
            unlink(spillPath)
            let descriptor = open(spillPath, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard descriptor >= 0, let opened = fdopen(descriptor, "w+") else {
                throw OutputError(path: spillPath, message: "cannot create: \(String(cString: strerror(errno)))")
            }
            file = opened
        }

        deinit {
            if let file { fclose(file) }
            unlink(spillPath)
        }

        fileprivate func append(_ bytes: [UInt8], width: Int) throws(OutputError) {
            let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            guard written == bytes.count else {
                throw OutputError(path: spillPath, message: "cannot write: \(String(cString: strerror(errno)))")
            }
            rows += 1
            widest = max(widest, width)
        }

        /// Row `number` was written.
        fileprivate func wrote(row number: Int) {
            lastRow = max(lastRow, number)
        }

        /// Widens `column` (1-based) to fit `text`: a CJK character counts two, as it prints.
        fileprivate func fit(column: Int, text: String) {
            guard fitsColumns, column <= 16_384 else { return }
            var width = 0
            for byte in text.utf8 where width < 40 {
                if byte < 0x80 { width += 1 } else if byte >= 0xE0 { width += 2 } else if byte >= 0xC0 { width += 1 }
            }
            if fittedWidths.count < column { fittedWidths += [Int](repeating: 0, count: column - fittedWidths.count) }
            fittedWidths[column - 1] = max(fittedWidths[column - 1], min(width, 40))
        }

        /// Writes what follows the last row (not a row: not counted).
        fileprivate func appendFooter(_ bytes: [UInt8]) throws(OutputError) {
            let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            guard written == bytes.count else {
                throw OutputError(path: spillPath, message: "cannot write: \(String(cString: strerror(errno)))")
            }
        }

        /// Writes what a spill set aside (the links) after the last row.
        fileprivate func appendFooter(_ spill: Spill) throws(OutputError) {
            try spill.copy { chunk throws(OutputError) in try appendFooter(Array(chunk)) }
        }

        /// Flushes the spill file; returns its size.
        fileprivate func finish() throws(OutputError) -> Int64 {
            guard let file, fflush(file) == 0 else {
                throw OutputError(path: spillPath, message: "cannot write: \(String(cString: strerror(errno)))")
            }
            return Int64(ftello(file))
        }

        fileprivate func close() {
            if let file { fclose(file) }
            file = nil
            unlink(spillPath)
        }
    }

    /// Excel's rows per worksheet.
    static let excelRowLimit = 1_048_576

    let path: String
    let sheetName: String
    let isPrivate: Bool
    let columnWidths: [Double]
    let print: Print?
    let autoFilter: Bool
    let rowsPerSheet: Int
    private let spillBase: String
    private(set) var sheets: [Sheet] = []
    /// Names the workbook defines besides Excel's own (a marker a reader looks for).
    var definedNames: [DefinedName] = []
    /// Shapes numbered so far: comment shapes are numbered across the workbook.
    var shapeCount = 0
    /// The first row, repeated at the top of every further sheet.
    private var header: (values: [Value], style: Style)?
    private var line: [UInt8] = []

    /// - Parameters:
    ///   - isPrivate: the workbook holds full ID numbers: created 0600.
    ///   - columnWidths: in Excel's character units, one per column.
    ///   - autoFilter: put Excel's filter buttons on the first row.
    ///   - rowsPerSheet: rows before the next sheet begins (Excel's limit; less in tests).
    init(
        path: String, sheetName: String, isPrivate: Bool, columnWidths: [Double], print: Print? = nil,
        autoFilter: Bool = false, rowsPerSheet: Int = XLSXWriter.excelRowLimit
    ) throws(OutputError) {
        self.path = path
        self.sheetName = XLSXWriter.sheetName(sheetName)
        self.isPrivate = isPrivate
        self.columnWidths = columnWidths
        self.print = print
        self.autoFilter = autoFilter
        self.rowsPerSheet = max(rowsPerSheet, 2)
        let directory = (path as NSString).deletingLastPathComponent
        spillBase = (directory.isEmpty ? "." : directory) + "/.xlsx.spill-\(getpid())-\(XLSXWriter.nextSpill())"
        line.reserveCapacity(1 << 12)
        try startSheet()
    }

    /// Rows written, the repeated headers of further sheets included.
    var rowCount: Int { sheets.reduce(0) { $0 + $1.rows } }

    /// Appends one row (the first one written is the header).
    ///
    /// Cells carry no `r` reference (the schema makes it optional: a cell without one is in
    /// the column after the previous cell), which keeps a million-row sheet a fifth smaller.
    func writeRow(_ values: [Value], style: Style = .plain) throws(OutputError) {
        if header == nil { header = (values, style) }
        if let current = sheets.last, current.rows >= rowsPerSheet {
            try startSheet()
            if let header { try append(header.values, style: header.style) }
        }
        try append(values, style: style)
    }

    private func startSheet() throws(OutputError) {
        let number = sheets.count + 1
        var name = sheetName
        if number > 1 {
            let suffix = " (\(number))"
            name = XLSXWriter.sheetName(String(sheetName.prefix(31 - suffix.count)) + suffix)
        }
        sheets.append(
            try Sheet(
                name: name, spillPath: spillBase + "-\(number)", frozenHeader: true, autoFilter: autoFilter,
                columnWidths: columnWidths))
        currentSheet = sheets.last
    }

    /// Begins a sheet of its own name: the rows written next go to it. A name another sheet
    /// has (Excel ignores case) gets a number (`名单 (2)`).
    func startSheet(
        named wanted: String, frozenHeader: Bool = false, autoFilter: Bool = false, columnWidths: [Double] = [], fitsColumns: Bool = false
    ) throws(OutputError) {
        var name = XLSXWriter.sheetName(wanted)
        var number = 2
        while sheets.contains(where: { $0.name.lowercased() == name.lowercased() }) {
            let suffix = " (\(number))"
            name = XLSXWriter.sheetName(String(XLSXWriter.sheetName(wanted).prefix(31 - suffix.count)) + suffix)
            number += 1
        }
        sheets.append(
            try Sheet(
                name: name, spillPath: spillBase + "-\(sheets.count + 1)", frozenHeader: frozenHeader, autoFilter: autoFilter,
                columnWidths: columnWidths, fitsColumns: fitsColumns))
        currentSheet = sheets.last
    }

    /// The sheet `writeRow(number:cells:)`, comments and links go to: the last one started,
    /// unless `resume` went back to another.
    private(set) var currentSheet: Sheet?

    /// Goes back to an earlier sheet to write more rows at its end (a list sheet first in
    /// the workbook, filled once the sheets after it are written).
    func resume(_ sheet: Sheet) {
        currentSheet = sheet
    }

    /// Appends row `number` of the current sheet, each cell in its own column and look, for a
    /// sheet that keeps another file's row and column numbers (rows must come in order).
    /// Returns false, writing nothing, past Excel's last row.
    @discardableResult
    func writeRow(number: Int, cells: [PlacedCell]) throws(OutputError) -> Bool {
        guard let sheet = currentSheet, number >= 1, number <= XLSXWriter.excelRowLimit else { return false }
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: "<row r=\"".utf8)
        XLSXWriter.appendDecimal(number, to: &line)
        line.append(contentsOf: "\">".utf8)
        let reference = String(number)
        var widest = 0
        // A row of one cell (a title above the header) says nothing of its column's width.
        let fits = cells.count > 1
        var previous = 0
        for cell in cells {
            // A cell right after the previous one needs no reference (as in `writeRow(_:style:)`);
            // one after a gap names its column.
            if cell.column == previous + 1 {
                line.append(contentsOf: "<c".utf8)
            } else {
                line.append(contentsOf: "<c r=\"".utf8)
                line.append(contentsOf: CellAddress.letters(forColumn: cell.column).utf8)
                line.append(contentsOf: reference.utf8)
                line.append(UInt8(ascii: "\""))
            }
            previous = cell.column
            appendStyle(cell.style)
            switch cell.content {
            case .text(let text):
                appendText(text)
                if fits { sheet.fit(column: cell.column, text: text) }
            case .number(let text):
                if fits { sheet.fit(column: cell.column, text: text) }
                line.append(contentsOf: "><v>".utf8)
                XLSXWriter.appendEscaped(text, to: &line)
                line.append(contentsOf: "</v></c>".utf8)
            case .empty: line.append(contentsOf: "/>".utf8)
            }
            widest = max(widest, cell.column)
        }
        line.append(contentsOf: "</row>".utf8)
        try sheet.append(line, width: widest)
        sheet.wrote(row: number)
        return true
    }

    private func append(_ values: [Value], style: Style) throws(OutputError) {
        guard let sheet = sheets.last else { return }
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: "<row r=\"".utf8)
        XLSXWriter.appendDecimal(sheet.rows + 1, to: &line)
        line.append(contentsOf: "\">".utf8)
        for value in values {
            line.append(contentsOf: "<c".utf8)
            appendStyle(style)
            switch value {
            case .text(let text): appendText(text)
            case .number(let number):
                line.append(contentsOf: "><v>".utf8)
                XLSXWriter.appendDecimal(number, to: &line)
                line.append(contentsOf: "</v></c>".utf8)
            }
        }
        line.append(contentsOf: "</row>".utf8)
        try sheet.append(line, width: values.count)
        sheet.wrote(row: sheet.rows)
    }

    /// A cell's style attribute, after `<c` (and its reference, if any).
    private func appendStyle(_ style: Style) {
        guard style != .plain else { return }
        line.append(contentsOf: " s=\"".utf8)
        line.append(UInt8(ascii: "0") + UInt8(style.rawValue))
        line.append(UInt8(ascii: "\""))
    }

    /// A text cell's type and value, to the end of the cell.
    private func appendText(_ text: String) {
        line.append(contentsOf: " t=\"inlineStr\"><is><t".utf8)
        if XLSXWriter.hasOuterWhitespace(text) { line.append(contentsOf: " xml:space=\"preserve\"".utf8) }
        line.append(UInt8(ascii: ">"))
        XLSXWriter.appendEscaped(text, to: &line)
        line.append(contentsOf: "</t></is></c>".utf8)
    }

    private static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        repeat {
            output.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        } while divisor > 0
    }

    /// Whether a spreadsheet would drop white space at either end of the text unless told to
    /// keep it.
    ///
    /// Not `CellWhitespace`: that table says what counts as blank in what we read; this asks
    /// what Excel and WPS strip from `<t>` on opening (XML's spaces, and Unicode's), to decide
    /// `xml:space="preserve"`.
    private static func hasOuterWhitespace(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return false }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        if isSpace(first) || isSpace(last) { return true }
        // Beyond ASCII (an ideographic space, say): ask Unicode, rarely.
        guard first >= 0x80 || last >= 0x80 else { return false }
        return text.unicodeScalars.first?.properties.isWhitespace == true
            || text.unicodeScalars.last?.properties.isWhitespace == true
    }

    /// Zips the workbook into place.
    func commit() throws(OutputError) {
        var sizes: [Int64] = []
        for sheet in sheets {
            let footer = sheetFooter(sheet)
            try sheet.appendFooter(Array(footer.beforeLinks.utf8))
            if let links = sheet.links {
                try sheet.appendFooter(Array("<hyperlinks>".utf8))
                try sheet.appendFooter(links)
                try sheet.appendFooter(Array("</hyperlinks>".utf8))
            }
            try sheet.appendFooter(Array(footer.afterLinks.utf8))
            sizes.append(try sheet.finish())
        }
        let temporaryPath = path + ".tmp-\(getpid())"
        unlink(temporaryPath)
        do {
            try XLSXWriter.createEmptyZIP(at: temporaryPath, isPrivate: isPrivate)
            try zip(to: temporaryPath, sizes: sizes)
        } catch let error as OutputError {
            unlink(temporaryPath)
            throw error
        } catch {
            unlink(temporaryPath)
            throw OutputError(path: path, message: "cannot write the workbook: \(error)")
        }
        // On disk before it replaces the previous workbook, as AtomicFile does.
        let written = open(temporaryPath, O_RDONLY | O_CLOEXEC)
        if written >= 0 {
            fsync(written)
            Foundation.close(written)
        }
        for sheet in sheets { sheet.close() }
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw OutputError(path: path, message: "cannot move into place: \(reason)")
        }
    }

    // MARK: Parts

    private func zip(to temporaryPath: String, sizes: [Int64]) throws {
        // The archive is closed (and flushed) when it goes out of scope, before the rename.
        let archive = try Archive(url: URL(fileURLWithPath: temporaryPath), accessMode: .update)
        let fixedParts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes()),
            ("_rels/.rels", XLSXWriter.packageRelationships),
            ("docProps/app.xml", XLSXWriter.applicationProperties),
            ("xl/workbook.xml", workbook()),
            ("xl/_rels/workbook.xml.rels", workbookRelationships()),
            ("xl/styles.xml", XLSXWriter.styles),
        ]
        for (name, text) in fixedParts {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: XLSXWriter.entryDate,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        try addCommentParts(to: archive)
        for (index, sheet) in sheets.enumerated() {
            guard let file = sheet.file else { continue }
            let header = Data(sheetHeader(sheet).utf8)
            let headerSize = Int64(header.count)
            var readBuffer = [UInt8](repeating: 0, count: 1 << 20)
            try archive.addEntry(
                with: "xl/worksheets/sheet\(index + 1).xml", type: .file, uncompressedSize: headerSize + sizes[index],
                modificationDate: XLSXWriter.entryDate, compressionMethod: .deflate, bufferSize: 1 << 20
            ) { position, size in
                var chunk = Data()
                var position = position
                var wanted = size
                if position < headerSize {
                    let end = min(headerSize, position + Int64(wanted))
                    chunk.append(header.subdata(in: Int(position)..<Int(end)))
                    wanted -= Int(end - position)
                    position = end
                }
                if wanted > 0 {
                    if readBuffer.count < wanted { readBuffer = [UInt8](repeating: 0, count: wanted) }
                    fseeko(file, off_t(position - headerSize), SEEK_SET)
                    let read = readBuffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, wanted, file) }
                    guard read == wanted else {
                        throw OutputError(path: sheet.spillPath, message: "the spill file was cut short")
                    }
                    chunk.append(contentsOf: readBuffer[0..<wanted])
                }
                return chunk
            }
        }
    }

    /// An empty ZIP (its end record only), created with the output's mode before anything is
    /// in it, for ZIPFoundation to open for update.
    private static func createEmptyZIP(at path: String, isPrivate: Bool) throws(OutputError) {
        let mode: mode_t = isPrivate ? 0o600 : 0o644
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw OutputError(path: path, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        defer { Foundation.close(descriptor) }
        fchmod(descriptor, mode)
        var end: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
        end += [UInt8](repeating: 0, count: 18)
        guard end.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == end.count else {
            throw OutputError(path: path, message: "cannot write: \(String(cString: strerror(errno)))")
        }
    }

    /// The date every entry carries: fixed, so that equal rows make equal files.
    static let entryDate = Date(timeIntervalSince1970: 946_728_000)  // 2000-01-01 12:00 UTC

    nonisolated(unsafe) private static var spillCounter = 0
    private static let spillLock = NSLock()
    private static func nextSpill() -> Int {
        spillLock.lock()
        defer { spillLock.unlock() }
        spillCounter += 1
        return spillCounter
    }
}
