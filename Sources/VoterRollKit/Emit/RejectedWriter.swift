/// Writes `rejected.csv`: every excluded row with its raw values, source and excluding codes.
///
/// Raw values are written as read, so the officer sees exactly what the source said; the
/// row's other cells (序号, 备注, …) follow as `header=value` in `other_columns`, so nothing of
/// the row is lost whatever columns each register file has.
final class RejectedWriter {
    static let header = [
        "constituency", "voter_group", "name", "gender", "birth_date", "id_number", "ethnicity", "address",
        "other_columns", "source", "codes",
    ]

    private let csv: CSVWriter

    init(directory: String, encoding: OutputEncoding) throws(OutputError) {
        csv = try CSVWriter(path: directory + "/rejected.csv", encoding: encoding, isPrivate: true, header: RejectedWriter.header)
    }

    func add(_ person: PersonRecord) throws(OutputError) {
        var codes: [String] = []
        for finding in person.findings where finding.action == .exclude && !codes.contains(finding.code.rawValue) {
            codes.append(finding.code.rawValue)
        }
        try csv.writeRow([
            person.rawConstituency.text, person.rawVoterGroup.text, person.rawName.text, person.rawGender.text,
            person.rawBirthDate.text, person.rawID.text, person.rawEthnicity.text, person.rawAddress.text,
            person.otherCells.joined(separator: "; "), person.source.rowReference, codes.joined(separator: ";"),
        ])
    }

    func commit() throws(OutputError) {
        try csv.commit()
    }
}
