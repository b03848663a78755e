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
    private var line: [UInt8] = []

    init(directory: String, encoding: OutputEncoding) throws(OutputError) {
        csv = try CSVWriter(file: AtomicFile(path: directory + "/rejected.csv", isPrivate: true, staged: true), encoding: encoding)
        try csv.writeRow(RejectedWriter.header)
    }

    func add(_ person: PersonRecord) throws(OutputError) {
        var codes: [String] = []
        for finding in person.findings where finding.action == .exclude && !codes.contains(finding.code.rawValue) {
            codes.append(finding.code.rawValue)
        }
        line.removeAll(keepingCapacity: true)
        CSVWriter.appendCell(person.rawConstituency.text, to: &line, first: true)
        CSVWriter.appendCell(person.rawVoterGroup.text, to: &line)
        CSVWriter.appendCell(person.rawName.text, to: &line)
        CSVWriter.appendCell(person.rawGender.text, to: &line)
        CSVWriter.appendCell(person.rawBirthDate.text, to: &line)
        CSVWriter.appendCell(person.rawID.text, to: &line)
        CSVWriter.appendCell(person.rawEthnicity.text, to: &line)
        CSVWriter.appendCell(person.rawAddress.text, to: &line)
        CSVWriter.appendCell(person.otherCells.joined(separator: "; "), to: &line)
        CSVWriter.appendCell(person.source.rowReference, to: &line)
        CSVWriter.appendCell(codes.joined(separator: ";"), to: &line)
        try csv.writeLine(line)
    }

    func commit() throws(OutputError) {
        try csv.commit()
    }
}
