/// Reads back `findings.jsonl` as this run wrote it, one finding at a time.
///
/// The lines are the flat objects `FindingsWriter` writes (strings, `null` and one integer),
/// so a small scanner reads them exactly, without a JSON decoder per line.
final class FindingsFile {
    /// One line of findings.jsonl.
    struct Line: Sendable, Equatable {
        var code: FindingCode
        var file: String
        var sheet: String?
        var row: Int
        var column: String?
        var cell: String
        var value: String
        var name: String?
        var idNumber: String?
        var evidence: String?

        var severity: Severity { code.severity }

        /// The row this finding is about, as `roll.csv` and `rejected.csv` write sources.
        var rowReference: String {
            CellAddress(file: file, sheet: sheet, row: row).rowReference
        }
    }

    let path: String
    /// Whether notes (severity info) are read whole; when false, only their code and row are.
    var notesInFull = true
    private let source: ByteFile
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    init(path: String) throws(OutputError) {
        self.path = path
        do {
            source = try ByteFile(path: path, file: path)
        } catch {
            throw OutputError(path: path, message: "cannot read it back: \(error.message)")
        }
    }

    /// The next finding; nil at the end.
    func next() throws(OutputError) -> Line? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = buffer[start..<newline]
                start = newline + 1
                if line.isEmpty { continue }
                guard let parsed = FindingsFile.parse(line, notesInFull: notesInFull) else {
                    throw OutputError(path: path, message: "cannot read it back: a line is not a finding")
                }
                return parsed
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                guard let parsed = FindingsFile.parse(line, notesInFull: notesInFull) else {
                    throw OutputError(path: path, message: "cannot read it back: a line is not a finding")
                }
                return parsed
            }
            buffer.removeFirst(start)
            start = 0
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: 1 << 20))
            var filled = 0
            var failure: IngestError?
            buffer.withUnsafeMutableBytes { raw in
                do throws(IngestError) {
                    filled = try source.fill(UnsafeMutableRawBufferPointer(rebasing: raw[old...]))
                } catch {
                    failure = error
                }
            }
            if let failure {
                throw OutputError(path: path, message: "cannot read it back: \(failure.message)")
            }
            buffer.removeLast((1 << 20) - filled)
            if filled < 1 << 20 { atEnd = true }
        }
    }

    /// Parses one flat JSON object of string, null and integer members.
    ///
    /// With `notesInFull` false, a note (severity info) stops after its row: the report only
    /// counts notes, and most findings are notes, so their text is not decoded.
    static func parse(_ line: ArraySlice<UInt8>, notesInFull: Bool = true) -> Line? {
        var scanner = Scanner(bytes: line)
        var parsed = Line(code: .inputEncoding, file: "", sheet: nil, row: 0, column: nil, cell: "", value: "")
        var hasCode = false
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        while !scanner.take(UInt8(ascii: "}")) {
            _ = scanner.take(UInt8(ascii: ","))
            guard let key = scanner.key(), scanner.take(UInt8(ascii: ":")) else { return nil }
            if scanner.literal("null") { continue }
            if key == .row {
                guard let number = scanner.integer() else { return nil }
                parsed.row = number
                if !notesInFull, hasCode, parsed.code.severity == .info { return parsed }
                continue
            }
            guard let text = scanner.string(keep: key != .other) else { return nil }
            switch key {
            case .code:
                guard let code = FindingCode(rawValue: text) else { return nil }
                parsed.code = code
                hasCode = true
            case .file: parsed.file = text
            case .sheet: parsed.sheet = text
            case .column: parsed.column = text
            case .cell: parsed.cell = text
            case .value: parsed.value = text
            case .name: parsed.name = text
            case .idNumber: parsed.idNumber = text
            case .evidence: parsed.evidence = text
            case .row, .other: break
            }
        }
        return hasCode ? parsed : nil
    }

    /// The members read back; the rest (severity, action, message) follow from the code.
    private enum Key {
        case code, file, sheet, row, column, cell, value, name, idNumber, evidence, other
    }

    private struct Scanner {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.endIndex, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func literal(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard bytes.endIndex - index >= count else { return false }
            for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return false }
            index += count
            return true
        }

        mutating func integer() -> Int? {
            var value = 0
            var negative = false
            var digits = 0
            if take(UInt8(ascii: "-")) { negative = true }
            while index < bytes.endIndex, (0x30...0x39).contains(bytes[index]) {
                value = value &* 10 &+ Int(bytes[index] - 0x30)
                index += 1
                digits += 1
            }
            return digits > 0 ? (negative ? -value : value) : nil
        }

        /// A member's name, matched on its bytes (no String is made).
        mutating func key() -> Key? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.endIndex, bytes[index] != UInt8(ascii: "\"") { index += 1 }
            guard index < bytes.endIndex else { return nil }
            let name = bytes[start..<index]
            index += 1
            func equals(_ text: StaticString) -> Bool {
                name.count == text.utf8CodeUnitCount && name.elementsEqual(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
            }
            if equals("code") { return .code }
            if equals("file") { return .file }
            if equals("sheet") { return .sheet }
            if equals("row") { return .row }
            if equals("column") { return .column }
            if equals("cell") { return .cell }
            if equals("value") { return .value }
            if equals("name") { return .name }
            if equals("id_number") { return .idNumber }
            if equals("evidence") { return .evidence }
            return .other
        }

        /// A string literal; with `keep` false it is passed over and "" returned.
        mutating func string(keep: Bool = true) -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            if !keep {
                while index < bytes.endIndex {
                    let byte = bytes[index]
                    index += 1
                    if byte == UInt8(ascii: "\\") {
                        index += 1
                    } else if byte == UInt8(ascii: "\"") {
                        return ""
                    }
                }
                return nil
            }
            // Most strings have no escapes: take their bytes whole.
            if let end = bytes[index...].firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }),
                bytes[end] == UInt8(ascii: "\"")
            {
                let text = String(decoding: bytes[index..<end], as: UTF8.self)
                index = end + 1
                return text
            }
            var output: [UInt8] = []
            var pendingHigh: UInt32?
            while index < bytes.endIndex {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: output, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.endIndex else { return nil }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "n"): output.append(0x0A)
                    case UInt8(ascii: "r"): output.append(0x0D)
                    case UInt8(ascii: "t"): output.append(0x09)
                    case UInt8(ascii: "b"): output.append(0x08)
                    case UInt8(ascii: "f"): output.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard bytes.endIndex - index >= 4,
                            let unit = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
                        else { return nil }
                        index += 4
                        var scalarValue = unit
                        if (0xD800...0xDBFF).contains(unit) {
                            pendingHigh = unit
                            continue
                        }
                        if (0xDC00...0xDFFF).contains(unit), let high = pendingHigh {
                            scalarValue = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                        }
                        pendingHigh = nil
                        output.append(contentsOf: String(Unicode.Scalar(scalarValue) ?? "\u{FFFD}").utf8)
                    default: output.append(escape)
                    }
                default:
                    output.append(byte)
                }
            }
            return nil
        }
    }
}

extension FindingsFile.Line {
    /// The line a finding is written as (its members as findings.jsonl holds them).
    init(_ finding: Finding) {
        let address = finding.address
        self.init(
            code: finding.code, file: address.file, sheet: address.sheet, row: address.row,
            column: finding.columnName, cell: address.cell, value: finding.value, name: finding.name,
            idNumber: finding.idNumber, evidence: finding.evidence)
    }
}
