/// How a CSV file separates its cells: Excel's `sep=` line, or a guess from the first lines.
enum CSVDialect {
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: ";")]
    /// How far the guess looks.
    static let sampleLines = 50
    static let sampleBytes = 64 << 10

    /// Excel's `sep=;` first line (also quoted, `"sep=;"`): the delimiter it names and the
    /// index just past the line, or nil when the text at `start` is not such a line.
    static func separatorLine(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (delimiter: UInt8, end: Int)? {
        var index = start
        let quoted = index < bytes.count && bytes[index] == CSVRecordParser.quote
        if quoted { index += 1 }
        let keyword: [UInt8] = Array("sep=".utf8)
        guard index + keyword.count < bytes.count else { return nil }
        for (offset, expected) in keyword.enumerated() where bytes[index + offset] | (expected >= 0x61 ? 0x20 : 0) != expected {
            return nil
        }
        index += keyword.count
        let delimiter = bytes[index]
        guard delimiter >= 0x09, delimiter < 0x80, delimiter != CSVRecordParser.quote,
            delimiter != CSVRecordParser.lineFeed, delimiter != CSVRecordParser.carriageReturn
        else { return nil }
        index += 1
        if quoted {
            guard index < bytes.count, bytes[index] == CSVRecordParser.quote else { return nil }
            index += 1
        }
        // Only the line break (or the end) may follow.
        guard index < bytes.count else { return (delimiter, index) }
        switch bytes[index] {
        case CSVRecordParser.lineFeed:
            return (delimiter, index + 1)
        case CSVRecordParser.carriageReturn:
            let next = index + 1
            return (delimiter, next < bytes.count && bytes[next] == CSVRecordParser.lineFeed ? next + 1 : next)
        default:
            return nil
        }
    }

    /// The delimiter among comma, tab and semicolon that splits the first lines most
    /// consistently (outside quotes); comma when none appears.
    ///
    /// For each candidate: the most common non-zero count per line, and on how many lines it
    /// occurs. Title lines above the header have no delimiter and do not vote.
    static func guessDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
        var perLine: [[Int]] = []
        var counts = [0, 0, 0]
        var inQuotes = false
        var index = start
        let end = min(bytes.count, start + sampleBytes)
        func endLine() {
            if counts != [0, 0, 0] { perLine.append(counts) }
            counts = [0, 0, 0]
        }
        while index < end, perLine.count < sampleLines {
            let byte = bytes[index]
            index += 1
            if byte == CSVRecordParser.quote {
                inQuotes.toggle()
            } else if inQuotes {
                continue
            } else if byte == CSVRecordParser.lineFeed || byte == CSVRecordParser.carriageReturn {
                endLine()
            } else if let which = candidates.firstIndex(of: byte) {
                counts[which] += 1
            }
        }
        if !inQuotes { endLine() }
        var best = candidates[0]
        var bestScore = (lines: 0, width: 0)
        for (which, candidate) in candidates.enumerated() {
            var frequency: [Int: Int] = [:]
            for line in perLine where line[which] > 0 { frequency[line[which], default: 0] += 1 }
            guard let (width, lines) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            if (lines, width) > (bestScore.lines, bestScore.width) {
                best = candidate
                bestScore = (lines, width)
            }
        }
        return best
    }
}
