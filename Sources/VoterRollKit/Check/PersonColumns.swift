/// Where one sheet keeps the fields of a person, looked up once per sheet instead of once per
/// field per row (a million rows × eight fields of dictionary look-ups adds up).
struct PersonColumns {
    private struct Column {
        var column: Int?
        var header: String?
    }

    let identity: ObjectIdentifier
    private let columns: [Column]
    /// Headers of the columns that are not one of the person fields, by column number.
    private let otherHeaders: [Int: String]
    private static let fields: [CanonicalField] = [
        .idNumber, .name, .birthDate, .gender, .ethnicity, .constituency, .voterGroup, .address, .phone,
    ]

    init(_ mapping: ColumnMapping) {
        identity = mapping.identity
        columns = PersonColumns.fields.map { Column(column: mapping.column(for: $0), header: mapping.header(for: $0)) }
        let used = Set(columns.compactMap(\.column))
        var others: [Int: String] = [:]
        for column in mapping.columns where !used.contains(column.column) {
            others[column.column] = column.header
        }
        otherHeaders = others
    }

    /// The row's non-blank cells outside the person fields, as `header=value` (or
    /// `column=value` right of the header), for rejected.csv.
    func otherCells(_ row: SourceRow) -> [String] {
        let used = Set(columns.compactMap(\.column))
        return row.cells.filter { !used.contains($0.column) && !$0.isBlank }.map { cell in
            "\(otherHeaders[cell.column] ?? CellAddress.letters(forColumn: cell.column))=\(cell.text)"
        }
    }

    private func raw(_ position: Int, in row: SourceRow) -> RawValue {
        let column = columns[position]
        guard let number = column.column else { return .absent }
        let cell = row.cell(number)
        return RawValue(text: cell?.text ?? "", kind: cell?.kind ?? .empty, column: number, header: column.header)
    }

    /// The person a row describes, with the row's read findings.
    func person(_ row: MappedRow) -> PersonRecord {
        let source = row.row
        var person = PersonRecord(
            source: source.address(), rawID: raw(0, in: source), rawName: raw(1, in: source),
            rawBirthDate: raw(2, in: source), rawGender: raw(3, in: source), rawEthnicity: raw(4, in: source),
            rawConstituency: raw(5, in: source), rawVoterGroup: raw(6, in: source), rawAddress: raw(7, in: source))
        person.rawPhone = raw(8, in: source)
        person.findings = row.findings
        return person
    }
}
