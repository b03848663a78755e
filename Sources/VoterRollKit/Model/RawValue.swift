/// A value as the source held it, with the column it came from, for findings and `rejected.csv`.
public struct RawValue: Hashable, Sendable {
    public var text: String
    public var kind: Cell.Kind
    /// 1-based column, nil when the source has no such column.
    public var column: Int?
    /// The column's header as written in the source.
    public var header: String?

    public init(text: String, kind: Cell.Kind, column: Int?, header: String?) {
        self.text = text
        self.kind = kind
        self.column = column
        self.header = header
    }

    /// A value the source does not have.
    public static let absent = RawValue(text: "", kind: .empty, column: nil, header: nil)

    /// The text without surrounding white space (`CellWhitespace`: Unicode's, the zero-width
    /// space and the BOM).
    public var trimmed: String { CellWhitespace.trimmed(text) }
}

extension MappedRow {
    /// A field's value as read, with its column and header; `.absent` when the file has no
    /// such column.
    func rawValue(_ field: CanonicalField) -> RawValue {
        guard let column = mapping.column(for: field) else { return .absent }
        let cell = cell(field)
        return RawValue(text: cell?.text ?? "", kind: cell?.kind ?? .empty, column: column, header: columnName(field))
    }
}
