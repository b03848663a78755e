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
                guard let parsed = FindingsFile.parse(line) else {
                    throw OutputError(path: path, message: "cannot read it back: a line is not a finding")
                }
                return parsed
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                guard let parsed = FindingsFile.parse(line) else {
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
    static func parse(_ line: ArraySlice<UInt8>) -> Line? {
        var scanner = Scanner(bytes: line)
        var members: [String: String] = [:]
        var row = 0
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        while !scanner.take(UInt8(ascii: "}")) {
            _ = scanner.take(UInt8(ascii: ","))
            guard let key = scanner.string(), scanner.take(UInt8(ascii: ":")) else { return nil }
            if let text = scanner.string() {
                members[key] = text
            } else if scanner.literal("null") {
                continue
            } else if let number = scanner.integer() {
                if key == "row" { row = number }
            } else {
                return nil
            }
        }
        guard let raw = members["code"], let code = FindingCode(rawValue: raw) else { return nil }
        return Line(
            code: code, file: members["file"] ?? "", sheet: members["sheet"], row: row, column: members["column"],
            cell: members["cell"] ?? "", value: members["value"] ?? "", name: members["name"],
            idNumber: members["id_number"], evidence: members["evidence"])
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

        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
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
