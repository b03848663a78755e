/// Splits UTF-8 bytes into one CSV record's cells: RFC 4180 with Excel's habits.
///
/// The hot loop of CSV reading. It works on bytes, never on `Character`s, and makes one
/// `String` per cell straight from the buffer (through a scratch buffer only for a cell with
/// doubled quotes). A record that runs past the end of the buffer is parsed again from its
/// start once more bytes are there, so the parser keeps no state between calls.
///
/// Excel's habits: CR, LF and CRLF all end a line; a quote inside an unquoted cell is a
/// character; text after a closing quote on the same line is kept (`"a"b` reads `ab`).
struct CSVRecordParser {
    enum Outcome: Equatable {
        /// A whole record ends just before `end`, after `lineBreaks` line breaks (its own
        /// terminator included).
        case record(end: Int, lineBreaks: Int)
        /// The record runs past the end of the buffer.
        case needMore
        case malformed(Malformation)
    }

    /// Why a record cannot be read, and the 1-based column where it went wrong.
    struct Malformation: Equatable {
        enum Kind: Equatable {
            /// The file ends inside a quoted cell.
            case unclosedQuote
            /// A quoted cell runs over more line breaks than the limit.
            case quotedTooManyLines
            /// A quoted cell spanning lines closes with text after the quote: the quote was
            /// almost certainly a stray one, closed by the next quote in the file.
            case textAfterQuotedLines(lineBreaks: Int)
            case tooManyCells
            case tooLong
        }

        var kind: Kind
        var column: Int
    }

    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    let delimiter: UInt8
    let limits: RowLimits
    /// The greatest byte that can end an unquoted cell; most bytes of Chinese text and all of
    /// UTF-8's multi-byte sequences are above it, so the scan tests one comparison per byte.
    private let highestSpecial: UInt8
    private var scratch: [UInt8] = []
    private let shortTexts = ShortTextCache()
    /// The cells of the record last parsed.
    var cells: [Cell] = []
    /// Where each cell of the record last parsed starts in the buffer, to tie an undecodable
    /// sequence to its cell.
    private(set) var cellStarts: [Int] = []

    init(delimiter: UInt8, limits: RowLimits) {
        self.delimiter = delimiter
        self.limits = limits
        self.highestSpecial = max(delimiter, CSVRecordParser.carriageReturn, CSVRecordParser.lineFeed)
    }

    /// The cells parsed, handed over (the parser starts a new array for the next record).
    mutating func takeCells() -> [Cell] {
        let taken = cells
        cells = []
        cells.reserveCapacity(taken.count)
        return taken
    }

    /// Parses the record that starts at `start`; `atEnd` when no bytes follow the buffer.
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Outcome {
        cells.removeAll(keepingCapacity: true)
        cellStarts.removeAll(keepingCapacity: true)
        guard let base = bytes.baseAddress else { return atEnd ? .record(end: start, lineBreaks: 0) : .needMore }
        let count = bytes.count
        let delimiter = self.delimiter
        let highest = highestSpecial
        let quote = CSVRecordParser.quote
        let lineFeed = CSVRecordParser.lineFeed
        let carriageReturn = CSVRecordParser.carriageReturn
        var index = start
        var lineBreaks = 0
        while true {
            let column = cells.count + 1
            if column > limits.maxCells {
                return .malformed(Malformation(kind: .tooManyCells, column: column))
            }
            cellStarts.append(index)
            if index < count, base[index] == quote {
                // A quoted cell: up to the closing quote, with "" for a quote and line breaks kept.
                var cursor = index + 1
                var segmentStart = cursor
                var escaped = false
                var cellLineBreaks = 0
                scan: while true {
                    while cursor < count {
                        let byte = base[cursor]
                        if byte == quote || byte == lineFeed || byte == carriageReturn { break }
                        cursor += 1
                    }
                    guard cursor < count else {
                        return atEnd ? .malformed(Malformation(kind: .unclosedQuote, column: column)) : .needMore
                    }
                    if base[cursor] == quote {
                        guard cursor + 1 < count else {
                            if atEnd { break scan }
                            return .needMore
                        }
                        guard base[cursor + 1] == quote else { break scan }
                        if !escaped { scratch.removeAll(keepingCapacity: true) }
                        scratch.append(contentsOf: UnsafeBufferPointer(start: base + segmentStart, count: cursor + 1 - segmentStart))
                        escaped = true
                        cursor += 2
                        segmentStart = cursor
                        continue
                    }
                    // A line break inside the quotes.
                    if base[cursor] == carriageReturn {
                        guard cursor + 1 < count || atEnd else { return .needMore }
                        cursor += cursor + 1 < count && base[cursor + 1] == lineFeed ? 2 : 1
                    } else {
                        cursor += 1
                    }
                    cellLineBreaks += 1
                    if cellLineBreaks > limits.maxQuotedLines {
                        return .malformed(Malformation(kind: .quotedTooManyLines, column: column))
                    }
                }
                let contentEnd = cursor
                let tailStart = cursor + 1
                var tailEnd = tailStart
                while tailEnd < count {
                    let byte = base[tailEnd]
                    if byte <= highest, byte == delimiter || byte == lineFeed || byte == carriageReturn { break }
                    tailEnd += 1
                }
                if tailEnd > tailStart, cellLineBreaks > 0 {
                    return .malformed(Malformation(kind: .textAfterQuotedLines(lineBreaks: cellLineBreaks), column: column))
                }
                if tailEnd == count, !atEnd { return .needMore }
                let text: String
                if escaped || tailEnd > tailStart {
                    if !escaped { scratch.removeAll(keepingCapacity: true) }
                    scratch.append(contentsOf: UnsafeBufferPointer(start: base + segmentStart, count: contentEnd - segmentStart))
                    scratch.append(contentsOf: UnsafeBufferPointer(start: base + tailStart, count: tailEnd - tailStart))
                    text = String(decoding: scratch, as: UTF8.self)
                } else {
                    text = shortTexts.text(base + segmentStart, length: contentEnd - segmentStart, available: count - segmentStart)
                }
                cells.append(Cell(column: column, text: text, kind: text.isEmpty ? .empty : .string))
                lineBreaks += cellLineBreaks
                index = tailEnd
            } else {
                var cursor = index
                if highest < 0x80 {
                    // Eight bytes at a time while none of them can end the cell (all are above
                    // `highest`: a byte below n shows in (x - n·0x01…) & ~x & 0x80…).
                    let below = UInt64(highest + 1) &* 0x0101_0101_0101_0101
                    while cursor + 8 <= count {
                        let word = UnsafeRawPointer(base + cursor).loadUnaligned(as: UInt64.self)
                        if (word &- below) & ~word & 0x8080_8080_8080_8080 != 0 { break }
                        cursor &+= 8
                    }
                }
                while cursor < count {
                    let byte = base[cursor]
                    if byte <= highest, byte == delimiter || byte == lineFeed || byte == carriageReturn { break }
                    cursor += 1
                }
                if cursor == count, !atEnd { return .needMore }
                if cursor == index {
                    cells.append(Cell(column: column, text: "", kind: .empty))
                } else {
                    let text = shortTexts.text(base + index, length: cursor - index, available: count - index)
                    cells.append(Cell(column: column, text: text, kind: .string))
                }
                index = cursor
            }
            // The cell ends at a delimiter, a line break or the end of the file.
            guard index < count else { return .record(end: index, lineBreaks: lineBreaks) }
            let byte = base[index]
            if byte == delimiter {
                index += 1
                continue
            }
            if byte == lineFeed { return .record(end: index + 1, lineBreaks: lineBreaks + 1) }
            if index + 1 < count {
                return .record(end: base[index + 1] == lineFeed ? index + 2 : index + 1, lineBreaks: lineBreaks + 1)
            }
            return atEnd ? .record(end: index + 1, lineBreaks: lineBreaks + 1) : .needMore
        }
    }

    /// The cells of one line read as well as can be, for a row that could not be parsed: a
    /// quoted cell closed on the line is read as usual; from an unclosed quote on, the line is
    /// split at each delimiter with quotes kept as characters. Each cell is cut at `maxCellBytes`.
    static func lenientCells(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, delimiter: UInt8, maxCells: Int, maxCellBytes: Int) -> [Cell] {
        var cells: [Cell] = []
        var index = start
        var quotesAreText = false
        while cells.count < maxCells {
            var text: [UInt8] = []
            var cursor = index
            var closed = false
            if !quotesAreText, cursor < end, bytes[cursor] == quote {
                // Look for the closing quote on this line.
                var probe = cursor + 1
                var content: [UInt8] = []
                while probe < end {
                    if bytes[probe] == quote {
                        if probe + 1 < end, bytes[probe + 1] == quote {
                            content.append(quote)
                            probe += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    content.append(bytes[probe])
                    probe += 1
                }
                if closed {
                    text = content
                    cursor = probe + 1
                } else {
                    quotesAreText = true
                }
            }
            while cursor < end, bytes[cursor] != delimiter {
                text.append(bytes[cursor])
                cursor += 1
            }
            cells.append(Cell(column: cells.count + 1, text: RowLimits.truncated(text, to: maxCellBytes), kind: text.isEmpty ? .empty : .string))
            guard cursor < end else { break }
            index = cursor + 1
        }
        return cells
    }
}
