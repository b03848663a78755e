/// Writes `findings.csv` and `findings.jsonl`: one line per finding, in the order found.
///
/// Both hold full ID numbers, so both are created 0600.
final class FindingsWriter {
    static let header = [
        "severity", "code", "file", "sheet", "row", "column", "cell", "value", "name", "id_number", "message", "evidence",
    ]

    private let csv: CSVWriter
    private let jsonl: AtomicFile
    private let language: Language
    private let maskIDs: Bool
    private var line: [UInt8] = []

    init(directory: String, encoding: OutputEncoding, language: Language, maskIDs: Bool = false) throws(OutputError) {
        self.maskIDs = maskIDs
        csv = try CSVWriter(path: directory + "/findings.csv", encoding: encoding, isPrivate: true, header: FindingsWriter.header)
        jsonl = try AtomicFile(path: directory + "/findings.jsonl", isPrivate: true)
        self.language = language
    }

    func write(_ finding: Finding) throws(OutputError) {
        var finding = finding
        if maskIDs {
            // The ID column and any value or evidence that holds a number.
            finding.idNumber = finding.idNumber.map(ResidentID.mask)
            finding.value = LogRedaction.mask(finding.value)
            finding.evidence = finding.evidence.map(LogRedaction.mask)
        }
        let address = finding.address
        let row = String(address.row)
        let cell = address.cell
        let message = finding.message(language)
        line.removeAll(keepingCapacity: true)
        CSVWriter.appendCell(finding.severity.rawValue, to: &line, first: true)
        CSVWriter.appendCell(finding.code.rawValue, to: &line)
        CSVWriter.appendCell(address.file, to: &line)
        CSVWriter.appendCell(address.sheet ?? "", to: &line)
        CSVWriter.appendCell(row, to: &line)
        CSVWriter.appendCell(finding.columnName ?? "", to: &line)
        CSVWriter.appendCell(cell, to: &line)
        CSVWriter.appendCell(finding.value, to: &line)
        CSVWriter.appendCell(finding.name ?? "", to: &line)
        CSVWriter.appendCell(finding.idNumber ?? "", to: &line)
        CSVWriter.appendCell(message, to: &line)
        CSVWriter.appendCell(finding.evidence ?? "", to: &line)
        try csv.writeLine(line)
        line.removeAll(keepingCapacity: true)
        line.append(UInt8(ascii: "{"))
        JSONText.appendMember("severity", finding.severity.rawValue, to: &line, first: true)
        JSONText.appendMember("code", finding.code.rawValue, to: &line)
        JSONText.appendMember("action", finding.action.rawValue, to: &line)
        JSONText.appendMember("file", address.file, to: &line)
        JSONText.appendMember("sheet", address.sheet, to: &line)
        line.append(contentsOf: ",\"row\":".utf8)
        line.append(contentsOf: row.utf8)
        JSONText.appendMember("column", finding.columnName, to: &line)
        JSONText.appendMember("cell", cell, to: &line)
        JSONText.appendMember("value", finding.value, to: &line)
        JSONText.appendMember("name", finding.name, to: &line)
        JSONText.appendMember("id_number", finding.idNumber, to: &line)
        JSONText.appendMember("message", message, to: &line)
        JSONText.appendMember("evidence", finding.evidence, to: &line)
        line.append(contentsOf: "}\n".utf8)
        try jsonl.write(line)
    }

    func commit() throws(OutputError) {
        try csv.commit()
        try jsonl.commit()
    }
}
