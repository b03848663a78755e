/// Writes `findings.csv` and `findings.jsonl`: one line per finding, in the order found.
///
/// Both hold full ID numbers, so both are created 0600. Written in the run's staging folder
/// under their own names (`StagedFolder`).
final class FindingsWriter {
    static let header = [
        "severity", "code", "file", "sheet", "row", "column", "cell", "value", "name", "id_number", "message", "evidence",
    ]

    private let csv: CSVWriter
    private let jsonl: AtomicFile
    /// findings.jsonl's deferred lines, copied after the others at commit.
    private var jsonlTail: Spill?
    private let directory: String
    private let language: Language
    private let maskIDs: Bool
    private var line: [UInt8] = []

    init(directory: String, encoding: OutputEncoding, language: Language, maskIDs: Bool = false) throws(OutputError) {
        self.maskIDs = maskIDs
        self.directory = directory
        csv = try CSVWriter(file: AtomicFile(path: directory + "/findings.csv", isPrivate: true, staged: true), encoding: encoding)
        try csv.writeRow(FindingsWriter.header)
        jsonl = try AtomicFile(path: directory + "/findings.jsonl", isPrivate: true, staged: true)
        self.language = language
    }

    /// Writes one finding to both files; a `deferred` one goes after every other finding, in
    /// the order written. Returns the finding as written (ID numbers masked with `maskIDs`).
    @discardableResult
    func write(_ finding: Finding, deferred: Bool = false) throws(OutputError) -> Finding {
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
        try csv.writeLine(line, deferred: deferred)
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
        if deferred {
            if jsonlTail == nil { jsonlTail = try Spill(directory: directory, name: "jsonl-tail") }
            try jsonlTail?.write(line)
        } else {
            try jsonl.write(line)
        }
        return finding
    }

    func commit() throws(OutputError) {
        try csv.commit()
        try jsonlTail?.copy(into: jsonl)
        try jsonl.commit()
    }
}
