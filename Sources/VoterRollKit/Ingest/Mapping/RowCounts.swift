/// Where every row read went, so that the totals close.
///
/// `rowsRead == headerRows + titleRows + blankRows + dataRows + skippedRows` always holds:
/// nothing is dropped without being counted.
public struct RowCounts: Sendable, Equatable, Codable {
    /// Rows the reader yielded (a CSV `sep=` line is not a row).
    public var rowsRead = 0
    /// The header, and copies of it repeated further down (as printed forms do on each page).
    public var headerRows = 0
    /// Non-blank rows above the header (titles such as 某某镇第一选区选民登记表).
    public var titleRows = 0
    /// Rows with no non-blank cell.
    public var blankRows = 0
    /// Rows yielded as `MappedRow`s.
    public var dataRows = 0
    /// Rows of sheets without a recognised header, which are not read as data.
    public var skippedRows = 0

    public init() {}

    public var isBalanced: Bool {
        rowsRead == headerRows + titleRows + blankRows + dataRows + skippedRows
    }

    static func += (lhs: inout RowCounts, rhs: RowCounts) {
        lhs.rowsRead += rhs.rowsRead
        lhs.headerRows += rhs.headerRows
        lhs.titleRows += rhs.titleRows
        lhs.blankRows += rhs.blankRows
        lhs.dataRows += rhs.dataRows
        lhs.skippedRows += rhs.skippedRows
    }

    enum CodingKeys: String, CodingKey {
        case rowsRead = "rows_read"
        case headerRows = "header_rows"
        case titleRows = "title_rows"
        case blankRows = "blank_rows"
        case dataRows = "data_rows"
        case skippedRows = "skipped_rows"
    }
}
