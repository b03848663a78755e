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
        /// How the header was recognised; nil when it names nothing.
        public var how: HeaderMatch.How?

        public init(column: Int, header: String, field: CanonicalField?, how: HeaderMatch.How? = nil) {
            self.column = column
            self.header = header
            self.field = field
            self.how = how
        }
    }

    /// Columns that cannot be told apart: two naming one field equally, or one naming two
    /// fields. A reader refuses such a header rather than guess which column decides.
    public struct Ambiguity: Sendable, Equatable {
        public var fields: [CanonicalField]
        public var columns: [Column]

        /// The ambiguity for a person, naming the columns (by letter and header) and fields.
        public func describe(_ language: Language) -> String {
            let columns = columns.map { "\(CellAddress.letters(forColumn: $0.column))「\($0.header)」" }
            let fields = fields.map { "\(HeaderAliases.displayName(of: $0)) (\($0.rawValue))" }
            switch language {
            case .zh:
                return self.columns.count > 1
                    ? "\(columns.joined(separator: "和"))两列都像是\(fields.joined(separator: "、"))，无法判断该用哪一列"
                    : "\(columns.joined())一列同时像是\(fields.joined(separator: "和"))，无法判断它是哪一项"
            case .en:
                return self.columns.count > 1
                    ? "columns \(columns.joined(separator: " and ")) both read as \(fields.joined(separator: ", ")); which one to use cannot be told"
                    : "column \(columns.joined()) reads as both \(fields.joined(separator: " and ")); which it is cannot be told"
            }
        }
    }

    private final class Storage: Sendable {
        let file: String
        let sheet: String?
        let headerRow: Int
        let columns: [Column]
        let width: Int
        let columnByField: [CanonicalField: Int]
        let ambiguities: [Ambiguity]

        init(file: String, sheet: String?, headerRow: Int, columns: [Column], width: Int, ambiguities: [Ambiguity]) {
            self.ambiguities = ambiguities
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

    public init(file: String, sheet: String?, headerRow: Int, columns: [Column], width: Int, ambiguities: [Ambiguity] = []) {
        storage = Storage(file: file, sheet: sheet, headerRow: headerRow, columns: columns, width: width, ambiguities: ambiguities)
    }

    /// Columns that could not be told apart (the reader refuses the header).
    public var ambiguities: [Ambiguity] { storage.ambiguities }

    /// Columns whose header names nothing VoterRoll reads, in column order (an ambiguous one
    /// names too much, and is not among them).
    public var ignoredColumns: [Column] {
        let ambiguous = Set(storage.ambiguities.flatMap { $0.columns.map(\.column) })
        return storage.columns.filter { $0.field == nil && !ambiguous.contains($0.column) }
    }

    /// Whether a 1-based column is one of an ambiguity's.
    public func isAmbiguous(column: Int) -> Bool {
        storage.ambiguities.contains { $0.columns.contains { $0.column == column } }
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
                && lhs.columns == rhs.columns && lhs.width == rhs.width && lhs.ambiguities == rhs.ambiguities)
    }
}
