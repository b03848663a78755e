/// What VoterRoll learns about an input file by reading it once: format, encoding, sheets,
/// header rows, column mapping, row counts and the first data rows.
///
/// Behind `voterroll inspect`, the command an officer runs first on a file from another
/// office to see whether it will be read as intended. It never fails for a missing header
/// (it shows what it found instead); only a file that cannot be read at all throws.
public struct FileInspection: Sendable {
    public struct Sheet: Sendable {
        /// nil for CSV/TSV.
        public var name: String?
        /// nil when no header was found in the first 20 rows.
        public var mapping: ColumnMapping?
        public var counts = RowCounts()
        /// The columns a run needs in a file of the inspected role.
        public var needed = NeededColumns(all: CanonicalField.rollRequired)
        /// The first data rows, for a person to check the mapping against.
        public var firstRows: [MappedRow] = []
        /// The first rows as read, header or not: what a person needs to see when no header
        /// was found (often the text of a file read in the wrong encoding).
        public var leadingRows: [SourceRow] = []
        /// The sample rows' cell texts, one string per column: the first data rows, or the
        /// first rows as read when there is no header.
        public var sampleTexts: [[String]] {
            if let mapping {
                return firstRows.map { row in (1...max(mapping.width, 1)).map { row.row.cell($0)?.text ?? "" } }
            }
            return leadingRows.map { row in
                let width = row.cells.last?.column ?? 0
                return width == 0 ? [] : (1...width).map { row.cell($0)?.text ?? "" }
            }
        }

        /// Roll columns the sheet lacks (empty for a usable roll).
        public var missingForRoll: [CanonicalField] {
            guard let mapping else { return CanonicalField.rollRequired.sorted() }
            return CanonicalField.rollRequired.filter { mapping.column(for: $0) == nil }.sorted()
        }

        /// The needed columns the sheet lacks, each a group of which one would do.
        public var missingNeeded: [[CanonicalField]] {
            guard let mapping else { return needed.groups }
            return needed.missing(in: mapping)
        }
    }

    public var file: String
    public var format: SpreadsheetFormat
    /// For CSV/TSV: the encoding read, and how it was decided.
    public var encoding: TextEncoding?
    public var encodingSource: TextEncodingSource?
    /// For CSV/TSV: the cell delimiter, and whether a `sep=` line named it.
    public var delimiter: Unicode.Scalar?
    public var hasSeparatorLine = false
    public var sheets: [Sheet] = []
    public var counts = RowCounts()
    /// How many findings reading produced, by code (`input.encoding`, …).
    public var findings: [FindingCode: Int] = [:]
    /// What the file was read as (its headers' context).
    public var role: HeaderRole = .register

    /// Reads the file at `path` through (named `file` in messages; `path` when nil).
    public static func inspect(path: String, file: String? = nil, encoding: TextEncoding? = nil, sheet: String? = nil, aliases: HeaderAliases = .standard, role: HeaderRole = .register, needed: NeededColumns? = nil, sampleSize: Int = 5) throws(IngestError) -> FileInspection {
        let name = file ?? path
        let format = try SpreadsheetInput.format(path: path, file: name)
        let reader = try SpreadsheetInput.open(path: path, file: name, encoding: encoding, sheet: sheet)
        var inspection = FileInspection(file: name, format: format)
        inspection.role = role
        if let csv = reader as? CSVReader {
            inspection.encoding = csv.encoding
            inspection.encodingSource = csv.encodingSource
            inspection.delimiter = csv.delimiter
            inspection.hasSeparatorLine = csv.hasSeparatorLine
        }
        let sampler = SamplingReader(reader, rowsPerSheet: sampleSize)
        let mapped = MappedRowReader(reader: sampler, needed: .none, role: role, aliases: aliases, requireHeader: false, exactWidth: reader is CSVReader)
        var samples: [[MappedRow]] = []
        var sampledSheet: String?? = .none
        while let row = try mapped.next() {
            if sampledSheet != .some(row.row.sheet) {
                sampledSheet = .some(row.row.sheet)
                // Sheets without data rows have no samples: pad up to this row's sheet.
                let index = mapped.sheets.firstIndex { $0.name == row.row.sheet } ?? samples.count
                while samples.count <= index { samples.append([]) }
            }
            if samples[samples.count - 1].count < sampleSize { samples[samples.count - 1].append(row) }
            for finding in row.findings { inspection.findings[finding.code, default: 0] += 1 }
        }
        inspection.counts = mapped.counts
        for finding in mapped.headerFindings { inspection.findings[finding.code, default: 0] += 1 }
        inspection.sheets = mapped.sheets.enumerated().map { index, sheet in
            Sheet(
                name: sheet.name, mapping: sheet.mapping, counts: sheet.counts,
                needed: needed ?? NeededColumns(all: CanonicalField.rollRequired), firstRows: index < samples.count ? samples[index] : [],
                leadingRows: sampler.rows.filter { $0.sheet == sheet.name })
        }
        // Worksheets with no rows at all never reach the row reader; list them too.
        let sheetNames =
            (reader as? XLSXReader)?.sheetNames ?? (reader as? XLSReader)?.sheetNames ?? (reader as? SpreadsheetMLReader)?.sheetNames ?? []
        for name in sheetNames where sheet == nil || name == sheet {
            if !inspection.sheets.contains(where: { $0.name == name }) { inspection.sheets.append(Sheet(name: name)) }
        }
        // In workbook order.
        if !sheetNames.isEmpty {
            inspection.sheets.sort { (sheetNames.firstIndex(of: $0.name ?? "") ?? 0) < (sheetNames.firstIndex(of: $1.name ?? "") ?? 0) }
        }
        return inspection
    }
}

/// Passes rows through, keeping the first few of each sheet.
private final class SamplingReader: RowReader {
    let reader: any RowReader
    let rowsPerSheet: Int
    private(set) var rows: [SourceRow] = []
    private var sheet: String??
    private var taken = 0

    init(_ reader: any RowReader, rowsPerSheet: Int) {
        self.reader = reader
        self.rowsPerSheet = rowsPerSheet
    }

    var file: String { reader.file }

    func next() throws(IngestError) -> SourceRow? {
        guard let row = try reader.next() else { return nil }
        if sheet != .some(row.sheet) {
            sheet = .some(row.sheet)
            taken = 0
        }
        if taken < rowsPerSheet {
            rows.append(row)
            taken += 1
        }
        return row
    }
}

extension FileInspection: Encodable {
    private enum CodingKeys: String, CodingKey {
        case file, format, encoding
        case encodingSource = "encoding_source"
        case delimiter
        case sheets, counts, findings, role
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(format.rawValue, forKey: .format)
        try container.encode(encoding?.rawValue, forKey: .encoding)
        try container.encode(encodingSource?.rawValue, forKey: .encodingSource)
        try container.encode(delimiter.map { String($0) }, forKey: .delimiter)
        try container.encode(role.description, forKey: .role)
        try container.encode(sheets, forKey: .sheets)
        try container.encode(counts, forKey: .counts)
        try container.encode(Dictionary(uniqueKeysWithValues: findings.map { ($0.key.rawValue, $0.value) }), forKey: .findings)
    }
}

extension FileInspection.Sheet: Encodable {
    private enum CodingKeys: String, CodingKey {
        case name
        case headerRow = "header_row"
        case columns
        case unmappedColumns = "unmapped_columns"
        case rows
        case counts
        case missingForRoll = "missing_for_roll"
        case mapping
        case missingNeeded = "missing_needed"
        case ambiguities
        case firstRows = "first_rows"
    }

    /// One column of `mapping`: its letter, header, field (null when not read) and how it matched.
    private struct ColumnJSON: Encodable {
        var column: String
        var header: String
        var field: String?
        var how: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(column, forKey: .column)
            try container.encode(header, forKey: .header)
            try container.encode(field, forKey: .field)
            try container.encode(how, forKey: .how)
        }

        private enum CodingKeys: String, CodingKey { case column, header, field, how }
    }

    private struct AmbiguityJSON: Encodable {
        var fields: [String]
        var columns: [String]
    }

    /// Keys made at run time, for the `columns` object.
    private struct FieldKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(mapping?.headerRow, forKey: .headerRow)
        var columns = container.nestedContainer(keyedBy: FieldKey.self, forKey: .columns)
        for (field, column) in mapping?.fields ?? [] {
            try columns.encode(mapping?.header(ofColumn: column) ?? "", forKey: FieldKey(stringValue: field.rawValue))
        }
        try container.encode(mapping?.columns.filter { $0.field == nil }.map(\.header) ?? [], forKey: .unmappedColumns)
        try container.encode(counts.dataRows, forKey: .rows)
        try container.encode(counts, forKey: .counts)
        try container.encode(missingForRoll.map(\.rawValue), forKey: .missingForRoll)
        try container.encode(
            (mapping?.columns ?? []).map { column in
                ColumnJSON(
                    column: CellAddress.letters(forColumn: column.column), header: column.header, field: column.field?.rawValue,
                    how: column.how?.rawValue)
            }, forKey: .mapping)
        try container.encode(missingNeeded.map { $0.map(\.rawValue) }, forKey: .missingNeeded)
        try container.encode(
            (mapping?.ambiguities ?? []).map { AmbiguityJSON(fields: $0.fields.map(\.rawValue), columns: $0.columns.map(\.header)) },
            forKey: .ambiguities)
        try container.encode(sampleTexts, forKey: .firstRows)
    }
}
