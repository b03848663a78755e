/// A sheet's header row and which of its columns hold which canonical fields.
///
/// Every data row carries its sheet's mapping; the values live in one shared, immutable
/// object so that handing a row on costs one reference count, not one per property.
public struct ColumnMapping: Sendable, Equatable {
    /// One non-blank header cell.
    public struct Column: Sendable, Equatable {
        /// 1-based column.
        public var column: Int
        /// The header as written, without surrounding spaces.
        public var header: String
        /// The field it maps to; nil for a column VoterRoll does not use, or for a second
        /// column naming a field already mapped (the first one wins).
        public var field: CanonicalField?

        public init(column: Int, header: String, field: CanonicalField?) {
            self.column = column
            self.header = header
            self.field = field
        }
    }

    private final class Storage: Sendable {
        let file: String
        let sheet: String?
        let headerRow: Int
        let columns: [Column]
        let width: Int
        let columnByField: [CanonicalField: Int]

        init(file: String, sheet: String?, headerRow: Int, columns: [Column], width: Int) {
            self.file = file
            self.sheet = sheet
            self.headerRow = headerRow
            self.columns = columns
            self.width = width
            var columnByField: [CanonicalField: Int] = [:]
            for column in columns {
                if let field = column.field, columnByField[field] == nil { columnByField[field] = column.column }
            }
            self.columnByField = columnByField
        }
    }

    private let storage: Storage

    public init(file: String, sheet: String?, headerRow: Int, columns: [Column], width: Int) {
        storage = Storage(file: file, sheet: sheet, headerRow: headerRow, columns: columns, width: width)
    }

    public var file: String { storage.file }
    /// The same for every row of one sheet: lets a caller compute per-sheet things once.
    public var identity: ObjectIdentifier { ObjectIdentifier(storage) }
    /// nil for CSV/TSV.
    public var sheet: String? { storage.sheet }
    /// The header's 1-based row.
    public var headerRow: Int { storage.headerRow }
    /// Every non-blank header cell, in column order.
    public var columns: [Column] { storage.columns }
    /// The header's width: its cell count for CSV (trailing empty cells included), its last
    /// non-blank column for a workbook.
    public var width: Int { storage.width }

    /// The column holding `field`, if the sheet has one.
    public func column(for field: CanonicalField) -> Int? { storage.columnByField[field] }

    /// The header of the column holding `field`, as written.
    public func header(for field: CanonicalField) -> String? {
        guard let column = storage.columnByField[field] else { return nil }
        return header(ofColumn: column)
    }

    /// The header of a 1-based column, as written.
    public func header(ofColumn column: Int) -> String? {
        let columns = storage.columns
        if column - 1 < columns.count, column >= 1, columns[column - 1].column == column { return columns[column - 1].header }
        return columns.first { $0.column == column }?.header
    }

    /// The mapped fields, in canonical order, with their columns.
    public var fields: [(field: CanonicalField, column: Int)] {
        storage.columnByField.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Whether the sheet has a column for every one of `fields`.
    public func hasColumns(for fields: Set<CanonicalField>) -> Bool {
        fields.allSatisfy { storage.columnByField[$0] != nil }
    }

    public static func == (lhs: ColumnMapping, rhs: ColumnMapping) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.file == rhs.file && lhs.sheet == rhs.sheet && lhs.headerRow == rhs.headerRow
                && lhs.columns == rhs.columns && lhs.width == rhs.width)
    }
}
