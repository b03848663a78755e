#if canImport(Glibc)
    import Glibc
#endif

/// Writes `roll.csv`, the clean roll, in input order.
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
        spill = fopen(spillPath, "w+")
        guard spill != nil else {
            throw OutputError(path: spillPath, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        chmod(spillPath, 0o600)
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
        CSVWriter.appendCells(
            [
                person.constituency, person.voterGroup, person.name?.canonical ?? person.rawName.trimmed,
                id.map { StatedFactsCheck.label($0.gender) } ?? "", id?.birthDate.iso8601 ?? "",
                id?.canonical ?? "", person.rawEthnicity.trimmed, person.rawAddress.trimmed, person.source.rowReference,
            ], to: &line)
        let written = line.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, spill) }
        guard written == line.count else {
            throw OutputError(path: spillPath, message: "cannot write: \(String(cString: strerror(errno)))")
        }
        lengths.append(UInt32(line.count))
        flags.append(RollWriter.bits(person.findings.map(\.code)))
        return lengths.count - 1
    }

    /// Adds a flag to a row already added.
    func addFlag(_ code: FindingCode, toRow index: Int) {
        guard index < flags.count else { return }
        flags[index] |= RollWriter.bits([code])
    }

    /// Writes roll.csv (0600: it holds full ID numbers) from the spill file.
    func commit() throws(OutputError) {
        let writer = try CSVWriter(path: path, encoding: encoding, isPrivate: true, header: RollWriter.header)
        fflush(spill)
        rewind(spill)
        var buffer: [UInt8] = []
        for (length, bits) in zip(lengths, flags) {
            buffer = [UInt8](repeating: 0, count: Int(length))
            let read = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, Int(length), spill) }
            guard read == Int(length) else {
                throw OutputError(path: spillPath, message: "the spill file was cut short")
            }
            buffer.append(UInt8(ascii: ","))
            CSVWriter.appendEscaped(RollWriter.flagText(bits), to: &buffer)
            try writer.writeLine(buffer)
        }
        try writer.commit()
    }

    /// Keep-codes as bits, one per catalogue position (the catalogue has fewer than 64 codes).
    static func bits(_ codes: [FindingCode]) -> UInt64 {
        var bits: UInt64 = 0
        for code in codes where code.action == .keep {
            if let position = FindingCode.allCases.firstIndex(of: code), position < 64 {
                bits |= 1 << UInt64(position)
            }
        }
        return bits
    }

    /// The flags column: keep-codes in catalogue order, separated by `;`.
    static func flagText(_ bits: UInt64) -> String {
        FindingCode.allCases.enumerated()
            .filter { $0.offset < 64 && bits & (1 << UInt64($0.offset)) != 0 }
            .map(\.element.rawValue)
            .joined(separator: ";")
    }
}
