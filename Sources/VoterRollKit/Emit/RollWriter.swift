#if canImport(Glibc)
    import Glibc
#endif

/// Writes `roll.csv`, the clean roll, in input order, in the run's staging folder.
///
/// A kept row's flags can still grow after it was read (a later row makes it a probable
/// duplicate), so each row's values go to a spill file beside the output while the register
/// streams, with 12 bytes per row in memory (length and flags); `commit` then writes the roll
/// with the final flags. Memory stays flat however long the register is.
final class RollWriter {
    static let header = [
        "constituency", "voter_group", "name", "gender", "birth_date", "id_number", "ethnicity", "address", "source",
        "flags",
    ]

    private let path: String
    private let spillPath: String
    private let encoding: OutputEncoding
    private var spill: UnsafeMutablePointer<FILE>?
    private var lengths: [UInt32] = []
    private var flags: [UInt64] = []
    private var line: [UInt8] = []

    init(directory: String, encoding: OutputEncoding) throws(OutputError) {
        path = directory + "/roll.csv"
        spillPath = directory + "/.roll.spill-\(getpid())"
        self.encoding = encoding
        // Created afresh and private, never through a planted link.
        unlink(spillPath)
        let descriptor = open(spillPath, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        spill = descriptor >= 0 ? fdopen(descriptor, "w+") : nil
        guard spill != nil else {
            throw OutputError(path: spillPath, message: "cannot create: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if let spill { fclose(spill) }
        unlink(spillPath)
    }

    /// The number of rows written so far; a row's index is its position on the roll.
    var count: Int { lengths.count }

    /// Adds a kept person; returns its index on the roll.
    @discardableResult
    func add(_ person: PersonRecord) throws(OutputError) -> Int {
        let id = person.id
        line.removeAll(keepingCapacity: true)
        CSVWriter.appendCell(person.constituency, to: &line, first: true)
        CSVWriter.appendCell(person.voterGroup, to: &line)
        CSVWriter.appendCell(person.rollName, to: &line)
        CSVWriter.appendCell(id.map { $0.gender.label } ?? "", to: &line)
        CSVWriter.appendCell(id?.birthDate.iso8601 ?? "", to: &line)
        CSVWriter.appendCell(id?.canonical ?? "", to: &line)
        CSVWriter.appendCell(person.rawEthnicity.trimmed, to: &line)
        CSVWriter.appendCell(person.rawAddress.trimmed, to: &line)
        CSVWriter.appendCell(person.source.rowReference, to: &line)
        let written = line.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, spill) }
        guard written == line.count else {
            throw OutputError(path: spillPath, message: "cannot write: \(String(cString: strerror(errno)))")
        }
        lengths.append(UInt32(line.count))
        var bits: UInt64 = 0
        for finding in person.findings { bits |= RollWriter.bit(finding.code) }
        flags.append(bits)
        return lengths.count - 1
    }

    /// Adds a flag to a row already added.
    func addFlag(_ code: FindingCode, toRow index: Int) {
        guard index < flags.count else { return }
        flags[index] |= RollWriter.bit(code)
    }

    /// Writes roll.csv (0600: it holds full ID numbers) from the spill file, and each row's
    /// cells as roll.csv holds them to `workbook` (roll.xlsx) when given.
    func commit(workbook: XLSXWriter? = nil) throws(OutputError) {
        let writer = try CSVWriter(file: AtomicFile(path: path, isPrivate: true, staged: true), encoding: encoding)
        try writer.writeRow(RollWriter.header)
        fflush(spill)
        rewind(spill)
        var buffer: [UInt8] = []
        for (length, bits) in zip(lengths, flags) {
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: repeatElement(0, count: Int(length)))
            let read = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, Int(length), spill) }
            guard read == Int(length) else {
                throw OutputError(path: spillPath, message: "the spill file was cut short")
            }
            buffer.append(UInt8(ascii: ","))
            let flagText = bits != 0 ? RollWriter.flagText(bits) : ""
            if bits != 0 { CSVWriter.appendEscaped(flagText, to: &buffer) }
            try writer.writeLine(buffer)
            if let workbook {
                var cells: [XLSXWriter.Value] = CSVWriter.cells(ofLine: buffer[..<Int(length)]).map { .text($0) }
                cells.append(.text(flagText))
                try workbook.writeRow(cells)
            }
        }
        try writer.commit()
    }

    /// A keep-code's bit, one per catalogue position (the catalogue has fewer than 64 codes);
    /// 0 for a code that excludes.
    @inline(__always)
    static func bit(_ code: FindingCode) -> UInt64 {
        guard code.action == .keep, let position = positions[code], position < 64 else { return 0 }
        return 1 << UInt64(position)
    }

    /// Each code's position in the catalogue, looked up once (`allCases` builds an array).
    private static let positions: [FindingCode: Int] = Dictionary(
        uniqueKeysWithValues: FindingCode.allCases.enumerated().map { ($0.element, $0.offset) })

    /// The flags column: keep-codes in catalogue order, separated by `;`.
    static func flagText(_ bits: UInt64) -> String {
        FindingCode.allCases.enumerated()
            .filter { $0.offset < 64 && bits & (1 << UInt64($0.offset)) != 0 }
            .map(\.element.rawValue)
            .joined(separator: ";")
    }
}
