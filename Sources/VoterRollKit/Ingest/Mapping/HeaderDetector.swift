/// Finds a sheet's header row among its first rows and maps its columns.
///
/// Offices put titles above the header (某某镇第一选区选民登记表, a date, a blank line), so
/// the header is the row among the first 20 that maps the most canonical fields and has all
/// the required ones; the first such row on a tie.
enum HeaderDetector {
    static let searchRows = 20

    /// The index in `rows` of the header, and the best-mapping row even when it lacks a
    /// required field (for the error message).
    static func detect(_ rows: [SourceRow], aliases: HeaderAliases, required: Set<CanonicalField>, exactWidth: Bool) -> (header: (index: Int, mapping: ColumnMapping)?, best: ColumnMapping?) {
        var header: (index: Int, mapping: ColumnMapping, count: Int)?
        var best: (mapping: ColumnMapping, count: Int)?
        for (index, row) in rows.prefix(searchRows).enumerated() where !row.isBlank {
            let mapping = self.mapping(of: row, aliases: aliases, exactWidth: exactWidth)
            let count = mapping.fields.count
            guard count > 0 else { continue }
            if count > (best?.count ?? 0) { best = (mapping, count) }
            if mapping.hasColumns(for: required), count > (header?.count ?? 0) { header = (index, mapping, count) }
        }
        return (header.map { ($0.index, $0.mapping) }, best?.mapping)
    }

    /// `row` read as a header.
    static func mapping(of row: SourceRow, aliases: HeaderAliases, exactWidth: Bool) -> ColumnMapping {
        var columns: [ColumnMapping.Column] = []
        var seen: Set<CanonicalField> = []
        for cell in row.cells where !CellWhitespace.isBlank(cell.text) {
            let header = CellWhitespace.trimmed(cell.text)
            var field = aliases.field(forHeader: header)
            if let mapped = field {
                if seen.contains(mapped) { field = nil } else { seen.insert(mapped) }
            }
            columns.append(ColumnMapping.Column(column: cell.column, header: header, field: field))
        }
        let width = exactWidth ? row.cells.count : (columns.last?.column ?? 0)
        return ColumnMapping(file: row.file, sheet: row.sheet, headerRow: row.number, columns: columns, width: width)
    }

    /// The error for a sheet with no usable header: what is missing, where the closest thing
    /// to a header was, and the columns seen there.
    static func missingColumns(file: String, sheet: String?, required: Set<CanonicalField>, best: ColumnMapping?, firstRow: SourceRow?) -> IngestError {
        let place = sheet.map { " of sheet \($0)" } ?? ""
        func describe(_ fields: [CanonicalField]) -> String {
            fields.map { "\(HeaderAliases.displayName(of: $0)) (\($0.rawValue))" }.joined(separator: ", ")
        }
        let message: String
        if let best {
            let missing = required.filter { best.column(for: $0) == nil }.sorted()
            let aliases = missing.map { field in
                HeaderAliases.builtIn.first { $0.field == field }.map { "\($0.aliases.joined(separator: " / "))" } ?? field.rawValue
            }
            message = "no column for \(describe(missing)) in the header at row \(best.headerRow)\(place); columns seen: "
                + best.columns.map(\.header).joined(separator: ", ")
                + ". Name the column \(aliases.joined(separator: "; ")), or add an alias in the pipeline"
        } else {
            let seen = firstRow.map { row in
                "; columns seen in row \(row.number): " + row.cells.filter { !CellWhitespace.isBlank($0.text) }.map { CellWhitespace.trimmed($0.text) }.joined(separator: ", ")
            } ?? "; the sheet is empty"
            let wanted = required.isEmpty ? "" : " (looked for \(describe(required.sorted())))"
            message = "no header in the first \(searchRows) rows\(place)\(wanted)\(seen)"
        }
        return IngestError(.missingColumns, file: file, message: message)
    }
}
