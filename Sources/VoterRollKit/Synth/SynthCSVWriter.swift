/// Writes a generated sheet as CSV the way Excel saves it: CRLF, cells quoted only when they
/// hold a comma, quote or line break, in GB18030 or UTF-8 with a byte order mark.
///
/// UTF-8 is gathered for a batch of lines and encoded to GB18030 in one ICU call; an
/// undecodable byte is written between two batches, so it reaches the file as it is.
final class SynthCSVWriter: SynthTableWriter {
    private let file: AtomicFile
    private let converter: CharsetConverter?
    private var pending: [UInt8] = []
    private var lastRow = 0

    init(path: String, encoding: SynthEncoding) throws(OutputError) {
        file = try AtomicFile(path: path, isPrivate: false)
        switch encoding {
        case .utf8:
            converter = nil
            try file.write([0xEF, 0xBB, 0xBF])
        case .gb18030:
            do {
                converter = try CharsetConverter(charset: "GB18030")
            } catch {
                throw OutputError(path: path, message: "cannot encode as GB18030: \(error)")
            }
        }
        pending.reserveCapacity(1 << 17)
    }

    func write(row number: Int, _ cells: [SynthCell]) throws(OutputError) {
        while lastRow + 1 < number {
            pending += [0x0D, 0x0A]
            lastRow += 1
        }
        lastRow = number
        for (index, cell) in cells.enumerated() {
            if index > 0 { pending.append(UInt8(ascii: ",")) }
            switch cell {
            case .verbatim(let text):
                pending += text.utf8
            case .undecodable(let before, let after):
                append(before)
                try flush()
                try file.write([0xFF])
                append(after)
            default:
                append(cell.csvText)
            }
        }
        pending += [0x0D, 0x0A]
        if pending.count >= 1 << 16 { try flush() }
    }

    func finish() throws(OutputError) {
        try flush()
        try file.commit()
    }

    private func append(_ text: String) {
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            pending += text.utf8
            return
        }
        pending.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { pending.append(byte) }
            pending.append(byte)
        }
        pending.append(UInt8(ascii: "\""))
    }

    private func flush() throws(OutputError) {
        guard !pending.isEmpty else { return }
        if let converter {
            let encoded: [UInt8]
            do {
                encoded = try converter.encode(String(decoding: pending, as: UTF8.self))
            } catch {
                throw OutputError(path: file.path, message: "cannot encode as GB18030: \(error)")
            }
            try file.write(encoded)
        } else {
            try file.write(pending)
        }
        pending.removeAll(keepingCapacity: true)
    }
}
