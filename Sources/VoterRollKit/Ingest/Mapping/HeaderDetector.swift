/// Finds a sheet's header row among its first rows and maps its columns.
///
/// Offices put titles above the header (某某镇第一选区选民登记表, a date, a blank line), so
/// the header is the row among the first 20 that maps the most canonical fields and has all
/// the needed ones; the first such row on a tie.
enum HeaderDetector {
    static let searchRows = 20

    /// Fields where a second column is read as a note, not a conflict: no rule decides on
    /// them, and registers often have two (户籍地址 and 现住址).
    static let firstWins: Set<CanonicalField> = [.sequence, .address, .remarks, .currentResidence, .hukouPlace]

    /// The index in `rows` of the header, and the best-mapping row even when it lacks a
    /// needed field (for the error message).
    static func detect(_ rows: [SourceRow], aliases: HeaderAliases, role: HeaderRole, needed: NeededColumns, exactWidth: Bool) -> (header: (index: Int, mapping: ColumnMapping)?, best: ColumnMapping?) {
        var header: (index: Int, mapping: ColumnMapping, count: Int)?
        var best: (mapping: ColumnMapping, count: Int)?
        for (index, row) in rows.prefix(searchRows).enumerated() where !row.isBlank {
            let mapping = self.mapping(of: row, aliases: aliases, role: role, exactWidth: exactWidth)
            let count = mapping.fields.count + mapping.ambiguities.count
            guard count > 0 else { continue }
            if count > (best?.count ?? 0) { best = (mapping, count) }
            if needed.missing(in: mapping).isEmpty, count > (header?.count ?? 0) { header = (index, mapping, count) }
        }
        return (header.map { ($0.index, $0.mapping) }, best?.mapping)
    }

    /// `row` read as a header in a file of `role`. Per field the strongest match wins (the
    /// pipeline's alias, then a built-in alias, then words); two columns equally strong for
    /// one field, or one column naming two fields, are ambiguities.
    static func mapping(of row: SourceRow, aliases: HeaderAliases, role: HeaderRole = .register, exactWidth: Bool) -> ColumnMapping {
        var columns: [ColumnMapping.Column] = []
        var ambiguities: [ColumnMapping.Ambiguity] = []
        var claims: [CanonicalField: [Int]] = [:]
        for cell in row.cells where !CellWhitespace.isBlank(cell.text) {
            let header = CellWhitespace.trimmed(cell.text)
            var column = ColumnMapping.Column(column: cell.column, header: header, field: nil)
            if let match = aliases.match(header, role: role) {
                if match.fields.count == 1 {
                    column.field = match.fields[0]
                    column.how = match.how
                    claims[match.fields[0], default: []].append(columns.count)
                } else {
                    ambiguities.append(ColumnMapping.Ambiguity(fields: match.fields, columns: [column]))
                }
            }
            columns.append(column)
        }
        for (field, indices) in claims.sorted(by: { $0.key < $1.key }) where indices.count > 1 {
            let strongest = indices.compactMap { columns[$0].how }.max()
            let winners = indices.filter { columns[$0].how == strongest }
            if winners.count > 1, !firstWins.contains(field) {
                ambiguities.append(ColumnMapping.Ambiguity(fields: [field], columns: winners.map { columns[$0] }))
            }
            // The first of the strongest keeps the field; the others are read as nothing.
            for index in indices where index != winners[0] {
                columns[index].field = nil
                columns[index].how = nil
            }
            if winners.count > 1, !firstWins.contains(field) {
                columns[winners[0]].field = nil
                columns[winners[0]].how = nil
            }
        }
        let width = exactWidth ? row.cells.count : (columns.last?.column ?? 0)
        return ColumnMapping(file: row.file, sheet: row.sheet, headerRow: row.number, columns: columns, width: width, ambiguities: ambiguities)
    }

    /// The error for a header whose columns cannot be told apart.
    static func ambiguous(file: String, mapping: ColumnMapping, role: HeaderRole, language: Language) -> IngestError {
        let place = placeName(mapping.sheet, row: mapping.headerRow, language)
        let what = mapping.ambiguities.map { $0.describe(language) }
        let message: String
        switch language {
        case .zh:
            message = "\(role.title(.zh))\(place)的表头不明确：" + what.joined(separator: "；")
                + "。请改写表头，或在流水线文件中用 columns 指明（例如 columns: {\(mapping.ambiguities[0].fields[0].rawValue): [\"\(mapping.ambiguities[0].columns[0].header)\"]}）。"
                + "名单不会部分使用：本次未作任何判定，之前的输出保持不变"
        case .en:
            message = "the header of this \(role) file\(place) is ambiguous: " + what.joined(separator: "; ")
                + ". Rename the header, or say which in the pipeline (e.g. columns: {\(mapping.ambiguities[0].fields[0].rawValue): [\"\(mapping.ambiguities[0].columns[0].header)\"]}). "
                + "Nothing was decided; the previous outputs are left as they were"
        }
        return IngestError(.missingColumns, file: file, message: message)
    }

    private static func placeName(_ sheet: String?, row: Int, _ language: Language) -> String {
        switch language {
        case .zh: (sheet.map { "（工作表 \($0)）" } ?? "") + "第 \(row) 行"
        case .en: " at row \(row)" + (sheet.map { " of sheet \($0)" } ?? "")
        }
    }

    /// The error for a sheet with no usable header: what is missing, where the closest thing
    /// to a header was, every column seen there, and the pipeline line that would map one.
    static func missingColumns(
        file: String, sheet: String?, role: HeaderRole = .register, needed: NeededColumns, best: ColumnMapping?, firstRow: SourceRow?,
        language: Language = .en
    ) -> IngestError {
        let place = sheet.map { " of sheet \($0)" } ?? ""
        func describe(_ fields: [CanonicalField]) -> String {
            fields.map { "\(HeaderAliases.displayName(of: $0)) (\($0.rawValue))" }.joined(separator: ", ")
        }
        func describeGroup(_ group: [CanonicalField], _ language: Language) -> String {
            group.map { "\(HeaderAliases.displayName(of: $0)) (\($0.rawValue))" }.joined(separator: language == .zh ? " 或 " : " or ")
        }
        let message: String
        if let best {
            let missing = needed.missing(in: best)
            let aliases = missing.flatMap { $0 }.map { field in
                HeaderAliases.builtIn.first { $0.field == field }.map { "\($0.aliases.joined(separator: " / "))" } ?? field.rawValue
            }
            let seen = best.columns.map(\.header)
            let line = missing.first.map { "columns: {\($0[0].rawValue): [\"…\"]}" } ?? ""
            switch language {
            case .zh:
                message = "\(role.title(.zh))缺少必需的列：" + missing.map { describeGroup($0, .zh) }.joined(separator: "；")
                    + "。\(placeName(sheet, row: best.headerRow, .zh))的表头有：" + seen.joined(separator: "、")
                    + "。请把该列的表头改为 \(aliases.joined(separator: "；"))，或在流水线文件中加上 \(line)（把 … 换成表头原文）。"
                    + "名单不会部分使用：本次未作任何判定，之前的输出保持不变"
            case .en:
                message = (role == .register ? "" : "this \(role) list: ")
                    + "no column for " + missing.map { describeGroup($0, .en) }.joined(separator: "; ")
                    + " in the header at row \(best.headerRow)\(place); columns seen: " + seen.joined(separator: ", ")
                    + ". Name the column \(aliases.joined(separator: "; ")), or add an alias in the pipeline (\(line), with the header as written)."
                    + (role == .register
                        ? " Nothing was decided; the previous outputs are left as they were"
                        : " A list is never applied in part: nothing was decided, the previous outputs are left as they were")
            }
        } else {
            let cells = firstRow.map { row in row.cells.filter { !CellWhitespace.isBlank($0.text) }.map { CellWhitespace.trimmed($0.text) } }
            let wantedFields = needed.groups.map { $0[0] }
            switch language {
            case .zh:
                let seen = firstRow.map { row in "；第 \(row.number) 行是：" + (cells ?? []).joined(separator: "、") } ?? "；该表是空的"
                let wanted = wantedFields.isEmpty ? "" : "（要找：\(describe(wantedFields))）"
                message = "\(role.title(.zh))\(sheet.map { "（工作表 \($0)）" } ?? "")的前 \(searchRows) 行中没有表头\(wanted)\(seen)"
            case .en:
                let seen = firstRow.map { row in "; columns seen in row \(row.number): " + (cells ?? []).joined(separator: ", ") } ?? "; the sheet is empty"
                let wanted = wantedFields.isEmpty ? "" : " (looked for \(describe(wantedFields)))"
                message = "no header in the first \(searchRows) rows\(place)\(wanted)\(seen)"
            }
        }
        return IngestError(.missingColumns, file: file, message: message)
    }
}
