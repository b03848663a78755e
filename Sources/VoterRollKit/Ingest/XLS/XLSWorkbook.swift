/// What the workbook globals of an `.xls` say ([MS-XLS] 2.1.7.20.1): its sheets and where their
/// records start, the shared strings, which cell formats are dates, the date system and the code
/// page of BIFF5 text.
///
/// Read once, before any sheet, from the first BOF of the stream to its EOF.
struct XLSWorkbook {
    enum Version: Equatable {
        /// Excel 5.0/95: byte strings in the code page, no shared strings; stream `Book`.
        case biff5
        /// Excel 97-2003: UTF-16 strings and the SST; stream `Workbook`.
        case biff8
    }

    struct Sheet {
        var name: String
        /// The stream offset of the sheet's BOF.
        var offset: Int
        /// A worksheet (not a chart, macro or VBA sheet).
        var isWorksheet: Bool
    }

    var version = Version.biff8
    var sheets: [Sheet] = []
    var dateSystem = ExcelDateSystem.system1900
    var strings = XLSXSharedStrings()
    let codePage = BIFFCodePage()
    /// For each XF record, in order: whether its number format shows a date.
    private(set) var dateStyles: [Bool] = []

    /// Whether the cell format at `index` (a cell's `ixfe`) shows numbers as dates.
    @inline(__always)
    func isDate(_ index: UInt16) -> Bool {
        Int(index) < dateStyles.count && dateStyles[Int(index)]
    }

    /// Reads the globals substream; the reader is left after its EOF.
    static func read(_ reader: BIFFRecordReader) throws(IngestError) -> XLSWorkbook {
        var workbook = XLSWorkbook()
        guard try reader.next() else {
            throw CompoundFile.damaged(reader.file, "its \(reader.stream.name) stream is empty")
        }
        switch reader.type {
        case 0x0809:
            break
        case 0x0009, 0x0209, 0x0409:
            throw IngestError(
                .malformed, file: reader.file,
                message: "is an Excel 2.x–4.x worksheet (\(BIFFRecordReader.describe(reader.type))), a format VoterRoll does not read; open it in Excel or WPS and save it as .xlsx or CSV")
        default:
            throw CompoundFile.damaged(
                reader.file, "its \(reader.stream.name) stream starts with record \(BIFFRecordReader.describe(reader.type)), not with a BOF record")
        }
        try reader.require(4)
        switch reader.u16(0) {
        case 0x0600: workbook.version = .biff8
        case 0x0500: workbook.version = .biff5
        case let other:
            throw IngestError(
                .malformed, file: reader.file,
                message: "is a workbook in BIFF version 0x\(String(other, radix: 16)) (neither Excel 97-2003 nor Excel 95), whose records VoterRoll does not understand; open it in Excel or WPS and save it as .xlsx or CSV")
        }
        guard reader.u16(2) == 0x0005 else {
            throw CompoundFile.damaged(reader.file, "its first BOF record is not that of the workbook globals (type 0x\(String(reader.u16(2), radix: 16)))")
        }
        var customFormats: [UInt16: Bool] = [:]
        var cellFormats: [UInt16] = []
        while try reader.next() {
            switch reader.type {
            case 0x000A:  // EOF
                workbook.dateStyles = cellFormats.map { customFormats[$0] ?? XLSXStyles.isBuiltInDate(Int($0)) }
                return workbook
            case 0x002F:  // FILEPASS
                throw IngestError.passwordProtected(file: reader.file)
            case 0x0042:  // CODEPAGE
                try reader.require(2)
                workbook.codePage.set(reader.u16(0))
            case 0x0022:  // DATEMODE
                try reader.require(2)
                workbook.dateSystem = reader.u16(0) == 1 ? .system1904 : .system1900
            case 0x041E:  // FORMAT
                try reader.require(3)
                let code = workbook.text(reader, at: 2, wideLength: workbook.version == .biff8)
                customFormats[reader.u16(0)] = XLSXStyles.isDateFormat(code)
            case 0x00E0:  // XF
                try reader.require(4)
                cellFormats.append(reader.u16(2))
            case 0x0085:  // BOUNDSHEET
                try reader.require(7)
                let name = workbook.text(reader, at: 6, wideLength: false)
                workbook.sheets.append(Sheet(name: name, offset: Int(reader.u32(0)), isWorksheet: reader.u8(5) == 0))
            case 0x00FC where workbook.version == .biff8:  // SST
                workbook.strings = try XLSXSharedStrings.read(reader)
            default:
                continue
            }
        }
        throw CompoundFile.damaged(reader.file, "its \(reader.stream.name) stream ends inside the workbook globals (no EOF record)")
    }

    /// The string at `at` in the current record: a character count (2 bytes when `wideLength`,
    /// else 1), then in BIFF8 a flags byte and UTF-16 (compressed or not), in BIFF5 bytes in the
    /// code page. A count that runs past the record is cut at its end.
    func text(_ reader: BIFFRecordReader, at: Int, wideLength: Bool) -> String {
        let count = wideLength ? Int(reader.u16(at)) : Int(reader.u8(at))
        var start = at + (wideLength ? 2 : 1)
        let body = reader.body
        guard version == .biff8 else {
            let end = min(start + count, body.count)
            return start < end ? codePage.decode(UnsafeRawBufferPointer(rebasing: body[start..<end])) : ""
        }
        let flags = reader.u8(start)
        start += 1
        let width = flags & 1 != 0 ? 2 : 1
        let end = min(start + count * width, body.count)
        guard start < end else { return "" }
        var output: [UInt8] = []
        output.reserveCapacity(count * 3)
        let run = UnsafeRawBufferPointer(rebasing: body[start..<end])
        if width == 2 {
            var high: UInt32?
            BIFFText.appendUTF16(run, high: &high, to: &output)
            BIFFText.finish(high: &high, output: &output)
        } else {
            BIFFText.appendLatin1(run, to: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
