/// The one way in for a spreadsheet file: tells its format from its first bytes and opens
/// the reader for it.
public enum SpreadsheetInput: Sendable {
    /// How much of a file the format is judged on.
    static let sniffLength = 4096

    /// The format of the file at `path` (named `file` in messages; `path` when nil).
    ///
    /// Throws for a file that is missing, a directory, empty, or clearly not a spreadsheet
    /// (a PDF, an HTML page, binary data), saying what to do instead.
    public static func format(path: String, file: String? = nil) throws(IngestError) -> SpreadsheetFormat {
        let name = file ?? path
        let source = try ByteFile(path: path, file: name)
        guard source.size > 0 else {
            throw IngestError(.malformed, file: name, message: "is empty (0 bytes); export the sheet again")
        }
        return try format(of: source.bytes(upTo: sniffLength), file: name)
    }

    /// Throws unless `path` is a regular file (FIFOs, devices, sockets and folders are refused
    /// unopened), so a run can check every input before it takes the lock on its output folder.
    public static func requireRegularFile(path: String, file: String? = nil) throws(IngestError) {
        try ByteFile.requireRegularFile(path: path, file: file ?? path)
    }

    /// Opens the right reader for the file at `path`.
    ///
    /// - Parameters:
    ///   - file: the name used in findings and messages (`path` when nil).
    ///   - encoding: for CSV/TSV, the encoding to read it in instead of detecting one;
    ///     workbooks declare their own and ignore it.
    ///   - sheet: for workbooks, the one worksheet to read (all when nil); CSV has no sheets
    ///     and ignores it.
    public static func open(path: String, file: String? = nil, encoding: TextEncoding? = nil, sheet: String? = nil) throws(IngestError) -> any RowReader {
        let name = file ?? path
        switch try format(path: path, file: name) {
        case .csv:
            return try CSVReader(path: path, file: name, encoding: encoding)
        case .spreadsheetML:
            return try SpreadsheetMLReader(path: path, file: name, sheet: sheet)
        case .xlsx:
            return try XLSXReader(path: path, file: name, sheet: sheet)
        case .xls:
            return try XLSReader(path: path, file: name, sheet: sheet)
        case .html:
            return try HTMLTableReader(path: path, file: name)
        }
    }

    /// `open` with the encoding as a user named it (`encoding:` in a pipeline); an unknown
    /// name is an error naming the ones accepted.
    public static func open(path: String, file: String? = nil, encoding name: String?, sheet: String? = nil) throws(IngestError) -> any RowReader {
        var encoding: TextEncoding?
        if let name {
            guard let known = TextEncoding(name: name) else {
                throw IngestError(.unreadable, file: file ?? path, message: "unknown encoding '\(name)'; use one of \(TextEncoding.acceptedNames)")
            }
            encoding = known
        }
        return try open(path: path, file: file, encoding: encoding, sheet: sheet)
    }

    /// The format of a file that starts with `prefix`.
    static func format(of prefix: [UInt8], file: String) throws(IngestError) -> SpreadsheetFormat {
        if prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) || prefix.starts(with: [0x50, 0x4B, 0x05, 0x06])
            || prefix.starts(with: [0x50, 0x4B, 0x07, 0x08])
        {
            return .xlsx
        }
        if prefix.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // Excel keeps a password-protected .xlsx in this old container, so a register named
            // .xlsx lands here too; its stream names say so when they are in the first sector.
            let encrypted = Array("EncryptedPackage".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            if prefix.indices.contains(where: { prefix[$0...].starts(with: encrypted) }) {
                throw IngestError.passwordProtected(file: file)
            }
            // An .xls (or WPS .et); the reader says so if the container holds no workbook.
            return .xls
        }
        if prefix.starts(with: Array("%PDF".utf8)) {
            throw IngestError(.malformed, file: file, message: "is a PDF document, not a spreadsheet; ask for the spreadsheet it was printed from")
        }
        let text = asciiLowercased(prefix)
        if text.hasPrefix("<") {
            if text.contains("urn:schemas-microsoft-com:office:spreadsheet") || text.contains("<workbook") {
                return .spreadsheetML
            }
            if text.contains("<html") || text.contains("<table") || text.contains("<!doctype html") {
                // A web page, as some systems export under a .xls name: its table is read.
                return .html
            }
            if text.hasPrefix("<?xml") {
                throw IngestError(
                    .malformed, file: file,
                    message: "is XML but not an Excel 2003 XML spreadsheet (urn:schemas-microsoft-com:office:spreadsheet); save it from Excel or WPS as .xlsx or CSV")
            }
        }
        if let reason = EncodingDetector.binaryReason(prefix) {
            throw IngestError(.malformed, file: file, message: reason)
        }
        return .csv
    }

    /// The prefix's ASCII, lowercased, from its first non-space character: enough to spot
    /// XML markers in UTF-8 or (dropping the zero bytes) UTF-16.
    private static func asciiLowercased(_ prefix: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in prefix where byte != 0 && byte < 0x80 {
            if scalars.isEmpty, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            scalars.append(Unicode.Scalar((0x41...0x5A).contains(byte) ? byte | 0x20 : byte))
        }
        return String(scalars)
    }
}
