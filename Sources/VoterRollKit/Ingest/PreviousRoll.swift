/// The last published roll, indexed by ID number: who was on it, in which constituency,
/// under which name, and whether this run's roll still has them.
///
/// Read with the same readers as any input (CSV in any encoding, SpreadsheetML, XLSX), with
/// the headers of VoterRoll's own `roll.csv` understood as well as the Chinese ones, so last
/// time's output can be passed back as it is. About 60 bytes per person: names are compared
/// (and normalised) only when they differ as written.
final class PreviousRoll {
    /// One person on the previous roll.
    struct Person {
        /// The name as the previous roll writes it (VoterRoll's own roll: the canonical form).
        var name: String
        var constituency: Int32
        var voterGroup: Int32
        /// The worksheet (interned), -1 for CSV.
        var sheet: Int32
        var row: Int32
    }

    /// The file as the user named it.
    let file: String
    private(set) var people: [Person] = []
    private(set) var ids: [ResidentID] = []
    private var index: [ResidentID: Int32] = [:]
    private(set) var onCurrentRoll: [Bool] = []
    private(set) var strings: [String] = []
    private var stringIndex: [String: Int32] = [:]
    /// Data rows whose ID number is not valid (they cannot be matched).
    private(set) var rowsWithoutID = 0
    /// Data rows repeating an ID number met earlier in the file (the first one counts).
    private(set) var repeatedRows = 0
    private(set) var counts = RowCounts()

    /// VoterRoll's own column names, so a previous `roll.csv` reads back as a roll.
    static let ownHeaders: [CanonicalField: [String]] = [
        .constituency: ["constituency"], .voterGroup: ["voter_group"], .name: ["name"], .gender: ["gender"],
        .birthDate: ["birth_date"], .idNumber: ["id_number"], .ethnicity: ["ethnicity"], .address: ["address"],
    ]

    /// Reads the roll at `path`.
    init(path: String, encoding: String?, extraAliases: [CanonicalField: [String]]) throws(IngestError) {
        file = path
        var aliases = PreviousRoll.ownHeaders
        for (field, more) in extraAliases { aliases[field, default: []] += more }
        let reader = MappedRowReader(
            reader: try SpreadsheetInput.open(path: path, encoding: encoding, sheet: nil),
            required: CanonicalField.rollRequired, aliases: HeaderAliases(extra: aliases))
        while let row = try reader.next() {
            let raw = row.cell(.idNumber)
            guard case .valid(let id, _) = ResidentID.parse(raw?.text ?? "", cellIsNumeric: raw?.kind == .number)
            else {
                rowsWithoutID += 1
                continue
            }
            if index[id] != nil {
                repeatedRows += 1
                continue
            }
            index[id] = Int32(people.count)
            ids.append(id)
            people.append(
                Person(
                    name: trimmed(row.text(.name)),
                    constituency: intern(trimmed(row.text(.constituency))),
                    voterGroup: intern(trimmed(row.text(.voterGroup))), sheet: row.row.sheet.map(intern) ?? -1,
                    row: Int32(clamping: row.row.number)))
        }
        counts = reader.counts
        onCurrentRoll = [Bool](repeating: false, count: people.count)
    }

    /// The position of the person with `id`, if they were on the previous roll.
    func position(of id: ResidentID) -> Int? {
        index[id].map(Int.init)
    }

    /// Marks a person as still on the roll.
    func markOnCurrentRoll(_ position: Int) {
        onCurrentRoll[position] = true
    }

    /// The text of an interned constituency or voter group.
    func text(_ value: Int32) -> String { strings[Int(value)] }

    /// Where a person is on the previous roll (the row; no column).
    func address(_ person: Person) -> CellAddress {
        CellAddress(file: file, sheet: person.sheet >= 0 ? text(person.sheet) : nil, row: Int(person.row))
    }

    private func intern(_ text: String) -> Int32 {
        if let known = stringIndex[text] { return known }
        let value = Int32(strings.count)
        stringIndex[text] = value
        strings.append(text)
        return value
    }

    private func trimmed(_ text: String?) -> String {
        guard let text else { return "" }
        return RawValue(text: text, kind: .string, column: nil, header: nil).trimmed
    }
}
