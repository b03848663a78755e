/// Reads rows through a `RowReader` and yields the data rows, mapped to canonical fields.
///
/// Per sheet it holds the first 20 rows, finds the header among them (`HeaderDetector`),
/// then passes rows through one at a time, so memory does not grow with the file. Every row
/// read is counted as exactly one of header, title, blank, data or skipped (`counts`).
///
/// A sheet without a usable header is an error (`IngestError.missingColumns`, exit 3) when
/// it is a CSV file, or a sheet whose header has some but not all of the required columns,
/// or when no sheet of the file has a header; other sheets without one (a 说明 or 统计 sheet)
/// are skipped and listed in `sheets` with no mapping. With `requireHeader: false` (for
/// `inspect`) nothing is an error and sheets without a header are skipped.
///
/// Data rows get `input.ragged-row` when they are wider or narrower than the header (CSV,
/// where every row has all its cells), or have a value right of the header's last column
/// (workbooks, whose empty cells are not stored).
public final class MappedRowReader {
    /// One sheet as mapped so far.
    public struct Sheet: Sendable {
        /// nil for CSV/TSV.
        public var name: String?
        /// nil when no header was found (its rows are counted as skipped).
        public var mapping: ColumnMapping?
        public var counts = RowCounts()
    }

    public let reader: any RowReader
    /// The columns the file cannot be used without.
    public let needed: NeededColumns
    /// What the file is to the run: the context its headers are read in.
    public let role: HeaderRole
    public let aliases: HeaderAliases
    public let requireHeader: Bool
    /// The language of the errors for a person.
    public let language: Language
    /// One `input.column-ignored` per header that names nothing, for every sheet mapped so
    /// far: an officer must see that a column was not read.
    public private(set) var headerFindings: [Finding] = []
    /// Totals over all sheets read so far.
    public var counts: RowCounts {
        var total = finishedCounts
        total += current.counts
        return total
    }

    /// The sheets met so far, in order.
    public var sheets: [Sheet] { started ? finishedSheets + [current] : finishedSheets }

    /// The sheet being read, kept out of the array so that counting a row touches no array.
    private var current = Sheet(name: nil)
    private var started = false
    private var finishedSheets: [Sheet] = []
    private var finishedCounts = RowCounts()

    private enum Phase {
        case detecting
        case mapped(ColumnMapping)
        case skipping
    }

    private var phase = Phase.detecting
    /// The current sheet's first rows, while its header is looked for.
    private var pending: [SourceRow] = []
    /// Rows below a header just found, to pass on before reading more.
    private var queue: [SourceRow] = []
    private var queued = 0
    /// The first row of the next sheet, met while the previous one was still being searched.
    private var pushedBack: SourceRow?
    private var readerDone = false
    private var finished = false
    private var firstMissing: IngestError?
    /// CSV rows hold every cell, so their count is compared with the header's.
    private let exactWidth: Bool

    public convenience init(reader: any RowReader, required: Set<CanonicalField> = CanonicalField.rollRequired, aliases: HeaderAliases = .standard, requireHeader: Bool = true) {
        self.init(
            reader: reader, needed: NeededColumns(all: required), role: .register, aliases: aliases, language: .en, requireHeader: requireHeader,
            exactWidth: reader is CSVReader)
    }

    /// A reader for a file of `role` that refuses it (exit 3, in `language`) without the
    /// `needed` columns or with columns that cannot be told apart.
    public convenience init(reader: any RowReader, needed: NeededColumns, role: HeaderRole, aliases: HeaderAliases = .standard, language: Language = .zh, requireHeader: Bool = true) {
        self.init(reader: reader, needed: needed, role: role, aliases: aliases, language: language, requireHeader: requireHeader, exactWidth: reader is CSVReader)
    }

    convenience init(reader: any RowReader, required: Set<CanonicalField>, aliases: HeaderAliases, requireHeader: Bool, exactWidth: Bool) {
        self.init(reader: reader, needed: NeededColumns(all: required), aliases: aliases, requireHeader: requireHeader, exactWidth: exactWidth)
    }

    /// `exactWidth`: the reader yields every cell of a row, empty ones included (CSV).
    init(reader: any RowReader, needed: NeededColumns, role: HeaderRole = .register, aliases: HeaderAliases, language: Language = .en, requireHeader: Bool, exactWidth: Bool) {
        self.reader = reader
        self.needed = needed
        self.role = role
        self.aliases = aliases
        self.language = language
        self.requireHeader = requireHeader
        self.exactWidth = exactWidth
    }

    /// The next data row; nil at the end of the input.
    public func next() throws(IngestError) -> MappedRow? {
        while true {
            if queued < queue.count {
                let row = queue[queued]
                queued += 1
                if queued == queue.count {
                    queue = []
                    queued = 0
                }
                if let mapped = take(row) { return mapped }
                continue
            }
            guard let row = try pull() else {
                if case .detecting = phase, started {
                    try resolve()
                    continue
                }
                try finish()
                return nil
            }
            if !started || row.sheet != current.name {
                if case .detecting = phase, started {
                    // Finish the previous sheet first; this row waits.
                    try resolve()
                    pushedBack = row
                    continue
                }
                if started {
                    finishedCounts += current.counts
                    finishedSheets.append(current)
                }
                current = Sheet(name: row.sheet)
                started = true
                phase = .detecting
            }
            count(.read)
            switch phase {
            case .detecting:
                pending.append(row)
                if pending.count >= HeaderDetector.searchRows { try resolve() }
            case .mapped:
                if let mapped = take(row) { return mapped }
            case .skipping:
                count(.skipped)
            }
        }
    }

    private func pull() throws(IngestError) -> SourceRow? {
        if let row = pushedBack {
            pushedBack = nil
            return row
        }
        guard !readerDone else { return nil }
        guard let row = try reader.next() else {
            readerDone = true
            return nil
        }
        return row
    }

    private enum Bucket {
        case read, header, title, blank, data, skipped
    }

    /// Counts one row in its sheet's counts.
    private func count(_ bucket: Bucket) {
        func add(_ counts: inout RowCounts) {
            switch bucket {
            case .read: counts.rowsRead += 1
            case .header: counts.headerRows += 1
            case .title: counts.titleRows += 1
            case .blank: counts.blankRows += 1
            case .data: counts.dataRows += 1
            case .skipped: counts.skippedRows += 1
            }
        }
        add(&current.counts)
    }

    /// Decides the current sheet's header from its pending rows.
    private func resolve() throws(IngestError) {
        let rows = pending
        pending = []
        let sheet = current.name
        let (header, best) = HeaderDetector.detect(rows, aliases: aliases, role: role, needed: needed, exactWidth: exactWidth)
        if requireHeader, let mapping = header?.mapping ?? best, !mapping.ambiguities.isEmpty, header != nil || needed.hasSome(in: mapping) {
            finished = true
            throw HeaderDetector.ambiguous(file: reader.file, mapping: mapping, role: role, language: language)
        }
        guard let header else {
            var error = HeaderDetector.missingColumns(
                file: reader.file, sheet: sheet, role: role, needed: needed, best: best, firstRow: rows.first { !$0.isBlank },
                language: language)
            if let csv = reader as? CSVReader, csv.encodingSource == .notUTF8 {
                // UTF-8 text with a few GB18030 bytes in it is read as GB18030 and its header
                // comes out garbled: say so, or the columns seen make no sense.
                error.message += "; the file is not valid UTF-8 and was read as \(csv.encoding.rawValue): if the columns seen look garbled, it mixes encodings or is in another one, so save it again as UTF-8 or name its encoding (--encoding)"
            }
            let hasSomeRequired = best.map { needed.hasSome(in: $0) } ?? false
            if requireHeader, sheet == nil || hasSomeRequired {
                finished = true
                throw error
            }
            if firstMissing == nil { firstMissing = error }
            for _ in rows { count(.skipped) }
            phase = .skipping
            return
        }
        for row in rows[..<header.index] { count(row.isBlank ? .blank : .title) }
        count(.header)
        for column in header.mapping.ignoredColumns {
            headerFindings.append(
                Finding(
                    code: .inputColumnIgnored,
                    address: CellAddress(file: reader.file, sheet: sheet, row: header.mapping.headerRow, column: column.column),
                    columnName: column.header, value: column.header))
        }
        current.mapping = header.mapping
        phase = .mapped(header.mapping)
        queue = Array(rows[(header.index + 1)...])
        queued = 0
    }

    private func finish() throws(IngestError) {
        guard !finished else { return }
        finished = true
        if requireHeader, !sheets.contains(where: { $0.mapping != nil }) {
            throw firstMissing
                ?? HeaderDetector.missingColumns(file: reader.file, sheet: nil, role: role, needed: needed, best: nil, firstRow: nil, language: language)
        }
    }

    /// A row below the header: counted, and yielded when it holds data.
    private func take(_ row: consuming SourceRow) -> MappedRow? {
        guard case .mapped(let mapping) = phase else { return nil }
        if row.isBlank {
            count(.blank)
            return nil
        }
        if isRepeatedHeader(row, mapping) {
            count(.header)
            return nil
        }
        count(.data)
        // Consumed, not copied: a copy retains and releases the row's parts on every row.
        if let ragged = raggedFinding(row, mapping) { row.findings.append(ragged) }
        if !row.findings.isEmpty {
            for index in row.findings.indices where row.findings[index].columnName == nil {
                if let column = row.findings[index].address.column {
                    row.findings[index].columnName = mapping.header(ofColumn: column)
                }
            }
        }
        return MappedRow(row: row, mapping: mapping)
    }

    /// A copy of the header further down, as printed forms repeat it on every page.
    private func isRepeatedHeader(_ row: SourceRow, _ mapping: ColumnMapping) -> Bool {
        // Bytes, not `String ==` (which normalises): this runs on every row. Most cells differ
        // from the header in their first byte, and only one that may start with whitespace
        // needs trimming first.
        func matches(_ column: ColumnMapping.Column) -> Bool {
            guard let cell = row.cell(column.column), cell.text.utf8.count >= column.header.utf8.count else { return false }
            if let first = cell.text.utf8.first, first != column.header.utf8.first, !CellWhitespace.mayStartWhitespace(first) {
                return false
            }
            return CellWhitespace.trimmed(cell.text).utf8.elementsEqual(column.header.utf8)
        }
        guard let first = mapping.columns.first, matches(first) else { return false }
        return mapping.columns.allSatisfy(matches)
    }

    private func raggedFinding(_ row: SourceRow, _ mapping: ColumnMapping) -> Finding? {
        guard !row.findings.contains(where: { $0.code == .inputMalformedRow }) else { return nil }
        let evidence: String
        if exactWidth {
            guard row.cells.count != mapping.width else { return nil }
            evidence = "\(row.cells.count) cells; the header (row \(mapping.headerRow)) has \(mapping.width)"
        } else {
            guard let last = row.cells.last(where: { !CellWhitespace.isBlank($0.text) }), last.column > mapping.width else { return nil }
            let letters = CellAddress.letters(forColumn: last.column)
            evidence = "a value in column \(letters), right of the header's last column \(CellAddress.letters(forColumn: mapping.width)) (row \(mapping.headerRow))"
        }
        return Finding(code: .inputRaggedRow, address: row.address(), value: "", evidence: evidence)
    }
}

@available(*, unavailable)
extension MappedRowReader: Sendable {}
