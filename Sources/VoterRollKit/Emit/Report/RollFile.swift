/// Reads back `roll.csv` and `rejected.csv` as this run wrote them, one row at a time.
struct RollFile {
    /// A row of roll.csv (canonical values) or of rejected.csv (raw values, and `codes`).
    struct Row: Sendable, Equatable {
        var constituency = ""
        var voterGroup = ""
        var name = ""
        var gender = ""
        var birthDate = ""
        var idNumber = ""
        /// `roll.csv:12`, `roll.xlsx[Sheet1]:3`: the source row.
        var source = ""
        /// Keep-codes on roll.csv; excluding codes on rejected.csv; `;`-separated.
        var codes = ""
    }

    private let table: OutputTable
    private let columns: [Int?]

    /// Opens `roll.csv` (`codesColumn` "flags") or `rejected.csv` ("codes") in `directory`.
    init(path: String, encoding: OutputEncoding, codesColumn: String) throws(OutputError) {
        table = try OutputTable(path: path, encoding: encoding)
        columns = ["constituency", "voter_group", "name", "gender", "birth_date", "id_number", "source", codesColumn]
            .map(table.column)
    }

    static func roll(in directory: String, encoding: OutputEncoding) throws(OutputError) -> RollFile {
        try RollFile(path: directory + "/roll.csv", encoding: encoding, codesColumn: "flags")
    }

    static func rejected(in directory: String, encoding: OutputEncoding) throws(OutputError) -> RollFile {
        try RollFile(path: directory + "/rejected.csv", encoding: encoding, codesColumn: "codes")
    }

    /// Every cell of the row last read, in the file's column order.
    var cells: [String] { table.cells }

    /// The next row; nil at the end.
    func next() throws(OutputError) -> Row? {
        guard try table.next() else { return nil }
        return Row(
            constituency: table.value(columns[0]), voterGroup: table.value(columns[1]), name: table.value(columns[2]),
            gender: table.value(columns[3]), birthDate: table.value(columns[4]), idNumber: table.value(columns[5]),
            source: table.value(columns[6]), codes: table.value(columns[7]))
    }
}
