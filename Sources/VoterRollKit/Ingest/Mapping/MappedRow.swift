/// A data row with its cells reachable by canonical field.
public struct MappedRow: Sendable {
    public var row: SourceRow
    public let mapping: ColumnMapping

    public init(row: SourceRow, mapping: ColumnMapping) {
        self.row = row
        self.mapping = mapping
    }

    /// The cell under `field`'s column; nil when the sheet has no such column or the row
    /// has no cell there.
    public func cell(_ field: CanonicalField) -> Cell? {
        guard let column = mapping.column(for: field) else { return nil }
        return row.cell(column)
    }

    /// The text under `field`'s column ("" when the cell is missing).
    public func text(_ field: CanonicalField) -> String? {
        guard let column = mapping.column(for: field) else { return nil }
        return row.cell(column)?.text ?? ""
    }

    /// The header of `field`'s column, as written (e.g. 公民身份号码), for findings.
    public func columnName(_ field: CanonicalField) -> String? {
        mapping.header(for: field)
    }

    /// The address of `field`'s cell in this row (of the row when the sheet lacks the column).
    public func address(_ field: CanonicalField) -> CellAddress {
        row.address(column: mapping.column(for: field))
    }

    /// The row's findings from reading and mapping.
    public var findings: [Finding] { row.findings }
}
