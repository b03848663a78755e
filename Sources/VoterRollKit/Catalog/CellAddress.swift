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
        guard let slash = file.utf8.lastIndex(of: UInt8(ascii: "/")) else { return file[...] }
        return file[file.utf8.index(after: slash)...]
    }

    /// The column's letters, as spreadsheets show them (1 → A, 27 → AA).
    public var columnLetters: String? {
        column.map(CellAddress.letters(forColumn:))
    }

    /// `Sheet1!H12`, or `roll.csv:12:H` for a file without sheets.
    public var cell: String {
        if let sheet {
            return "\(sheet)!\(columnLetters ?? "")\(row)"
        }
        if let letters = columnLetters {
            return "\(fileName):\(row):\(letters)"
        }
        return "\(fileName):\(row)"
    }

    /// Spreadsheet column letters for a 1-based column number.
    public static func letters(forColumn column: Int) -> String {
        var number = max(column, 1)
        var scalars: [Unicode.Scalar] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + remainder)))
            number = (number - 1) / 26
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars.reversed())
        return text
    }

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
        if let sheet { return "\(fileName)[\(sheet)]:\(row)" }
        return "\(fileName):\(row)"
    }
}
