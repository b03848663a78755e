/// Where a value came from: file, sheet, 1-based row and 1-based column.
///
/// Every finding points at one of these so an officer can open the file and find the cell.
/// Spreadsheets print as `Sheet1!H12`; CSV files, which have no sheets, as `roll.csv:12:H`.
public struct CellAddress: Hashable, Sendable, Codable {
    /// The file as the user named it (a path relative to where they ran the tool, or a name).
    public var file: String
    /// The worksheet name; nil for CSV/TSV.
    public var sheet: String?
    /// 1-based row; the header is row 1 when it is the first line.
    public var row: Int
    /// 1-based column; nil when the finding is about the whole row.
    public var column: Int?

    public init(file: String, sheet: String? = nil, row: Int, column: Int? = nil) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
    }

    /// The file's last path component: what a person recognises in a finding.
    public var fileName: Substring {
        // Searched in the contiguous bytes: `utf8.lastIndex(of:)` steps back through the view
        // one index at a time, and every roll row and finding names its file.
        let utf8 = file.utf8
        let slash =
            utf8.withContiguousStorageIfAvailable { bytes in bytes.lastIndex(of: UInt8(ascii: "/")) }
            ?? utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.distance(from: utf8.startIndex, to: $0) }
        guard let slash else { return file[...] }
        return file[utf8.index(utf8.startIndex, offsetBy: slash + 1)...]
    }

    /// The column's letters, as spreadsheets show them (1 → A, 27 → AA).
    public var columnLetters: String? {
        column.map(CellAddress.letters(forColumn:))
    }

    /// `Sheet1!H12`, or `roll.csv:12:H` for a file without sheets.
    public var cell: String {
        if let sheet {
            return sheet + "!" + (columnLetters ?? "") + String(row)
        }
        var text = String(fileName)
        text += ":"
        text += String(row)
        if let letters = columnLetters {
            text += ":"
            text += letters
        }
        return text
    }

    /// Spreadsheet column letters for a 1-based column number.
    public static func letters(forColumn column: Int) -> String {
        if column <= 26 { return columnLetters[max(column, 1) - 1] }
        var number = column
        var bytes: [UInt8] = []
        while number > 0 {
            bytes.append(UInt8(65 + (number - 1) % 26))
            number = (number - 1) / 26
        }
        return String(decoding: bytes.reversed(), as: UTF8.self)
    }

    /// A … Z, made once.
    private static let columnLetters = (0..<26).map { String(UnicodeScalar(UInt8(65 + $0))) }

    /// The 1-based column number for letters such as `H` or `AA`; nil if they are not letters.
    public static func column(forLetters letters: some StringProtocol) -> Int? {
        var number = 0
        for byte in letters.utf8 {
            let upper = byte & ~0x20
            guard upper >= 65, upper <= 90, number < 1_000_000 else { return nil }
            number = number * 26 + Int(upper - 64)
        }
        return number > 0 ? number : nil
    }
}

extension CellAddress {
    /// The row without a column, for evidence: `deprived.csv:5` or `deprived.xlsx[名单]:5`.
    public var rowReference: String {
        var text = String(fileName)
        if let sheet {
            text += "["
            text += sheet
            text += "]"
        }
        text += ":"
        text += String(row)
        return text
    }
}
