internal import CVoterRoll
internal import Foundation

/// Reads the table of a web page, as household-register and other systems export under a
/// `.xls` name (Excel opens such a page as a sheet, so offices never notice): each `<tr>` a
/// row, each `<td>` or `<th>` a cell.
///
/// - The page is streamed through libxml2's HTML parser (it recovers from unclosed tags as
///   browsers do, knows HTML's named entities, loads nothing), so memory stays at a chunk and
///   the rows of one chunk. Its encoding comes from a byte order mark or the page's
///   `<meta charset>`; a page that declares none is read as UTF-8.
/// - Rows are numbered in the order the page has them, across its tables, as a CSV copy of
///   the page would number its lines; cells have no sheet (addresses read `file:12:H`).
/// - A cell's text is all the text inside it (`<span>`, `<font>`…), `<br>` a line break;
///   `colspan` moves the following cells right, as a browser shows them.
/// - Every cell is text: a page holds no number types, so an ID written `3.70102E+17` is
///   damage the ID rules see in its text.
final class HTMLTableReader: RowReader {
    let file: String
    private let bytes: ByteFile
    private var offset = 0
    private var chunk = [UInt8](repeating: 0, count: HTMLTableReader.chunkSize)
    private var parser: OpaquePointer?
    private var finished = false

    // What the callbacks build (on this thread, inside `feed`).
    private var rows: [SourceRow] = []
    private var taken = 0
    private var rowNumber = 0
    private var cells: [Cell] = []
    private var column = 1
    private var inRow = false
    private var cellSpan = 1
    private var text: [UInt8]?
    private var ignoredDepth = 0
    private var limits: RowLimits
    private var rowBytes = 0
    /// The column from which the row was cut at the row limit, if it was.
    private var cutAt: Int?

    static let chunkSize = 1 << 16

    init(path: String, file: String, rowLimits: RowLimits = .standard) throws(IngestError) {
        self.file = file
        limits = rowLimits
        bytes = try ByteFile(path: path, file: file)
    }

    /// The encoding to read a page in when it names none (no byte order mark, no `charset`):
    /// UTF-8 when its first bytes are UTF-8, else GB18030, as Excel on a Chinese Windows reads
    /// such a page (libxml2 alone would take it for Latin-1). Nil when the page says.
    static func undeclaredEncoding(_ head: [UInt8], isWholeFile: Bool) -> String? {
        if EncodingDetector.byteOrderMark(head) != nil { return nil }
        let ascii = String(decoding: head.map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        if ascii.contains("charset") || ascii.contains("encoding=") { return nil }
        return EncodingDetector.isWellFormedUTF8(head, isWholeFile: isWholeFile) ? "UTF-8" : "GB18030"
    }

    deinit {
        CVoterRoll_htmlPushParserClose(parser)
    }

    func next() throws(IngestError) -> SourceRow? {
        while taken == rows.count {
            rows.removeAll(keepingCapacity: true)
            taken = 0
            guard !finished else { return nil }
            try feed()
        }
        defer { taken += 1 }
        return rows[taken]
    }

    /// Parses the next chunk of the page (the last one closes what is still open).
    private func feed() throws(IngestError) {
        var failure: IngestError?
        let count = chunk.withUnsafeMutableBytes { buffer in
            do throws(IngestError) {
                return try bytes.fill(buffer)
            } catch {
                failure = error
                return 0
            }
        }
        if let failure {
            finished = true
            throw failure
        }
        offset += count
        let last = count < chunk.count || offset >= bytes.size
        if parser == nil {
            // Made on the first chunk, which says how to read a page that names no encoding.
            let encoding = Self.undeclaredEncoding(Array(chunk[..<count]), isWholeFile: last)
            let context = Unmanaged.passUnretained(self).toOpaque()
            guard let opened = CVoterRoll_htmlPushParserOpen(Self.start, Self.end, Self.characters, context, file, encoding) else {
                finished = true
                throw IngestError(.unreadable, file: file, message: "cannot create an HTML parser")
            }
            parser = opened
        }
        let status = chunk.withUnsafeBufferPointer { buffer in
            CVoterRoll_htmlPushParserFeed(parser, buffer.baseAddress, Int32(count), last ? 1 : 0)
        }
        if last {
            finishRow()
            finished = true
        }
        if status != 0 {
            finished = true
            throw IngestError(
                .malformed, file: file, message: "the web page could not be read past byte \(offset); save it from Excel or WPS as .xlsx")
        }
    }

    // MARK: Callbacks

    private static func reader(_ context: UnsafeMutableRawPointer?) -> HTMLTableReader {
        Unmanaged<HTMLTableReader>.fromOpaque(context!).takeUnretainedValue()
    }

    private static let start: CVoterRoll_HTMLStartElement = { context, name, attributes in
        guard let name else { return }
        reader(context).started(String(cString: name), attributes: attributes)
    }

    private static let end: CVoterRoll_XMLEndElement = { context, name in
        guard let name else { return }
        reader(context).ended(String(cString: name))
    }

    private static let characters: CVoterRoll_XMLCharacters = { context, bytes, length in
        guard let bytes, length > 0 else { return }
        reader(context).append(UnsafeBufferPointer(start: bytes, count: Int(length)))
    }

    private func started(_ name: String, attributes: UnsafePointer<UnsafePointer<CChar>?>?) {
        switch name {
        case "script", "style", "head", "title":
            ignoredDepth += 1
        case "tr":
            finishRow()
            inRow = true
        case "td", "th":
            if !inRow {
                finishRow()
                inRow = true
            }
            finishCell()
            text = []
            cellSpan = max(1, min(Int(Self.attribute("colspan", in: attributes) ?? "") ?? 1, SpreadsheetValue.maxColumn))
        case "br":
            if text != nil { text?.append(0x0B) }
        default:
            break
        }
    }

    private func ended(_ name: String) {
        switch name {
        case "script", "style", "head", "title":
            ignoredDepth = max(0, ignoredDepth - 1)
        case "td", "th":
            finishCell()
        case "tr", "table":
            finishRow()
        default:
            break
        }
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard ignoredDepth == 0, text != nil else { return }
        // A row is cut at the limit the other readers cut at, and says so.
        let room = limits.maxRecordBytes - rowBytes
        guard room > 0 else {
            cutAt = cutAt ?? column
            return
        }
        var kept = min(room, bytes.count)
        if kept < bytes.count {
            cutAt = cutAt ?? column
            while kept > 0, bytes[kept] & 0xC0 == 0x80 { kept -= 1 }
        }
        text?.append(contentsOf: bytes.prefix(kept))
        rowBytes += kept
    }

    private func finishCell() {
        guard let written = text else { return }
        text = nil
        if cells.count < limits.maxCells, column <= SpreadsheetValue.maxColumn {
            let value = Self.shown(written)
            if !value.isEmpty { cells.append(Cell(column: column, text: value, kind: .string)) }
        }
        column += cellSpan
        cellSpan = 1
    }

    /// A cell's text as a browser shows it: runs of HTML white space (space, tab, line breaks)
    /// one space, none at either end; a `<br>` (kept as 0x0B meanwhile) a line break. A
    /// non-breaking space (`&nbsp;`) is text and stays.
    static func shown(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0C, 0x0D:
                pendingSpace = !out.isEmpty && out.last != 0x0A
            case 0x0B:
                out.append(0x0A)
                pendingSpace = false
            default:
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        while out.last == 0x0A { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    private func finishRow() {
        finishCell()
        guard inRow else { return }
        inRow = false
        rowNumber += 1
        var row = SourceRow(file: file, sheet: nil, number: rowNumber, cells: cells)
        if let cutAt {
            let value = row.cell(cutAt).map { RowLimits.truncated(Array($0.text.utf8), to: 64) } ?? ""
            row.findings.append(
                limits.tooLongFinding(row, column: cutAt, value: value, cause: "a cell of a web page", kept: "what came after it is left out"))
        }
        rows.append(row)
        cells = []
        column = 1
        rowBytes = 0
        cutAt = nil
    }

    /// The value of the attribute `name` in a NULL-terminated list of name, value pairs.
    private static func attribute(_ name: String, in attributes: UnsafePointer<UnsafePointer<CChar>?>?) -> String? {
        guard let attributes else { return nil }
        var index = 0
        while let key = attributes[index] {
            if String(cString: key).lowercased() == name { return attributes[index + 1].map { String(cString: $0) } }
            index += 2
        }
        return nil
    }
}
