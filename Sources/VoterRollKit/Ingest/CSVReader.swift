/// Reads a CSV or TSV file, streaming, into rows of `.string` cells with their line numbers.
///
/// Encoding: `encoding` when given; else a byte order mark; else UTF-8 when the first
/// megabytes are well-formed UTF-8; else GB18030 (see `EncodingDetector`). The delimiter is
/// Excel's `sep=` first line when there is one (it counts as line 1 and is not a row), else
/// the one of comma, tab and semicolon that splits the first lines most consistently.
///
/// Memory: one chunk of the file (1 MiB; for a file of 8 MiB or more, up to three more decoded
/// ahead on a second thread, `DecodedChunks`) and the row being read. Nothing in the data stops
/// the reader: an undecodable byte sequence becomes U+FFFD and an `input.encoding` finding
/// naming its byte offset in the file; an unclosed quote or an overlong row becomes an
/// `input.malformed-row` finding on the row where it starts, whose cells are then read from
/// its first line only, and reading goes on at the next line.
public final class CSVReader: RowReader {
    public let file: String
    public let encoding: TextEncoding
    public let encodingSource: TextEncodingSource
    /// The cell delimiter (comma, tab, semicolon, or what a `sep=` line names).
    public let delimiter: Unicode.Scalar
    /// Whether the file starts with Excel's `sep=` line.
    public let hasSeparatorLine: Bool

    private let chunks: DecodedChunks
    private let limits: RowLimits
    private var parser: CSVRecordParser
    /// Decoded UTF-8: the rest of the current chunk, after any record carried over from the
    /// previous one.
    private var buffer: [UInt8] = []
    /// Position of `buffer[0]` in the whole decoded text.
    private var bufferBase = 0
    /// Index in `buffer` where the next record starts.
    private var position = 0
    /// Physical line (1-based) where the next record starts.
    private var line = 1
    /// Replacements in the decoded text, with `index` counted from the start of the text.
    private var marks: [TextDecoder.Mark] = []
    private var nextMark = 0
    /// After a malformed row: the rest of its first line is still to be passed over.
    private var skippingLine = false

    /// Opens `path` (named `file` in findings and messages; `path` when nil).
    public convenience init(path: String, file: String? = nil, encoding: TextEncoding? = nil) throws(IngestError) {
        try self.init(path: path, file: file, encoding: encoding, limits: .standard, chunkSize: TextDecoder.defaultChunkSize)
    }

    /// `readAhead` forces decoding on a second thread on or off (tests); else the file's size decides.
    init(path: String, file: String?, encoding: TextEncoding?, limits: RowLimits, chunkSize: Int, readAhead: Bool? = nil) throws(IngestError) {
        let name = file ?? path
        let source = try ByteFile(path: path, file: name)
        let sample = try source.bytes(upTo: EncodingDetector.sampleLimit)
        let isWholeFile = sample.count < EncodingDetector.sampleLimit
        if let encoding {
            (self.encoding, encodingSource) = (encoding, .override)
        } else {
            (self.encoding, encodingSource) = EncodingDetector.detect(sample: sample, isWholeFile: isWholeFile)
        }
        self.file = name
        self.limits = limits
        let decoder = try TextDecoder(source: source, encoding: self.encoding, prefetched: sample, prefetchedIsWholeFile: isWholeFile, chunkSize: chunkSize)
        // Enough text to see the first lines (less with the small chunks tests use, so that
        // records still cross chunk boundaries there).
        while buffer.count < min(CSVDialect.sampleBytes, 4 * chunkSize), !decoder.isAtEnd {
            try decoder.decodeChunk(into: &buffer, marks: &marks)
        }
        chunks = DecodedChunks(decoder: decoder, fileSize: source.size, readAhead: readAhead)
        // A byte order mark, in whatever encoding, decodes to U+FEFF.
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        let start = position
        let (separator, guessed) = buffer.withUnsafeBufferPointer { bytes in
            (CSVDialect.separatorLine(bytes, from: start), CSVDialect.guessDelimiter(bytes, from: start))
        }
        let delimiter: UInt8
        if let separator {
            delimiter = separator.delimiter
            position = separator.end
            line = 2
            hasSeparatorLine = true
        } else {
            delimiter = guessed
            hasSeparatorLine = false
        }
        self.delimiter = Unicode.Scalar(delimiter)
        parser = CSVRecordParser(delimiter: delimiter, limits: limits)
    }

    public func next() throws(IngestError) -> SourceRow? {
        while true {
            if skippingLine {
                try passLineBreak()
                continue
            }
            if position >= buffer.count {
                if chunks.isAtEnd { return nil }
                try readMore()
                continue
            }
            let start = position
            let atEnd = chunks.isAtEnd
            let outcome = buffer.withUnsafeBufferPointer { bytes in parser.parse(bytes, from: start, atEnd: atEnd) }
            switch outcome {
            case .record(let end, let lineBreaks):
                if end - start > limits.maxRecordBytes {
                    return malformedRow(.init(kind: .tooLong, column: parser.cells.count))
                }
                let row = completedRow(start: start, end: end)
                position = end
                line += lineBreaks
                return row
            case .needMore:
                if buffer.count - start > limits.maxRecordBytes {
                    return malformedRow(.init(kind: .tooLong, column: parser.cells.count + 1))
                }
                try readMore()
            case .malformed(let malformation):
                return malformedRow(malformation)
            }
        }
    }

    // MARK: Rows

    private func completedRow(start: Int, end: Int) -> SourceRow {
        var row = SourceRow(file: file, sheet: nil, number: line, cells: parser.takeCells())
        if hasMark(before: end) {
            row.findings = encodingFindings(start: start, end: end, cells: row.cells, cellStarts: parser.cellStarts)
        }
        return row
    }

    /// The row for a record that could not be parsed: its first line read leniently, with
    /// the malformed-row finding; reading resumes after that line.
    private func malformedRow(_ malformation: CSVRecordParser.Malformation) -> SourceRow {
        let start = position
        let delimiter = parser.delimiter
        let limits = self.limits
        let (lineEnd, cells, preview) = buffer.withUnsafeBufferPointer { bytes in
            var lineEnd = start
            while lineEnd < bytes.count, bytes[lineEnd] != CSVRecordParser.lineFeed, bytes[lineEnd] != CSVRecordParser.carriageReturn {
                lineEnd += 1
            }
            let cells = CSVRecordParser.lenientCells(
                bytes, from: start, to: lineEnd, delimiter: delimiter, maxCells: limits.maxCells, maxCellBytes: limits.cutCellBytes)
            let preview = RowLimits.truncated(UnsafeBufferPointer(rebasing: bytes[start..<min(lineEnd, start + 400)]), to: 200)
            return (lineEnd, cells, preview)
        }
        var row = SourceRow(file: file, sheet: nil, number: line, cells: cells)
        row.findings.append(finding(for: malformation, on: row, value: preview))
        if hasMark(before: lineEnd) {
            // Tie replacements on the first line to the lenient cells by counting delimiters.
            var starts: [Int] = []
            buffer.withUnsafeBufferPointer { bytes in
                starts.append(start)
                for index in start..<lineEnd where bytes[index] == delimiter { starts.append(index + 1) }
            }
            row.findings += encodingFindings(start: start, end: lineEnd, cells: cells, cellStarts: starts)
        }
        position = lineEnd
        skippingLine = true
        return row
    }

    private func finding(for malformation: CSVRecordParser.Malformation, on row: SourceRow, value: String) -> Finding {
        let column = CellAddress.letters(forColumn: max(malformation.column, 1))
        let evidence: String
        switch malformation.kind {
        case .unclosedQuote:
            evidence = "a quote opened in column \(column) is never closed (the file ends first); the row was read from its first line only"
        case .quotedTooManyLines:
            evidence = "a quote opened in column \(column) runs over more than \(limits.maxQuotedLines) lines, so it is taken as never closed; reading went on at the next line"
        case .textAfterQuotedLines(let lineBreaks):
            evidence = "a quote opened in column \(column) closes \(lineBreaks) line(s) later with more text after it, so it is taken as a stray quote; reading went on at the next line"
        case .tooManyCells:
            evidence = "the row has more than \(limits.maxCells) cells"
        case .tooLong:
            return limits.tooLongFinding(
                row, column: malformation.column, value: value, cause: "a cell too long to be real, or a quote never closed",
                kept: "the rest of its first line was skipped")
        }
        let address = row.address(column: malformation.column > 0 ? malformation.column : nil)
        return Finding(code: .inputMalformedRow, address: address, value: value, evidence: evidence)
    }

    // MARK: Undecodable bytes

    private func hasMark(before end: Int) -> Bool {
        nextMark < marks.count && marks[nextMark].index < bufferBase + end
    }

    /// One `input.encoding` finding per cell holding marks in `buffer[start..<end]`: its first
    /// replacement, or its first run of UTF-8 in a GB18030 file.
    private func encodingFindings(start: Int, end: Int, cells: [Cell], cellStarts: [Int]) -> [Finding] {
        var findings: [Finding] = []
        var cellIndex = 0
        var first: TextDecoder.Mark?
        var more = 0
        func flush() {
            guard let mark = first else { return }
            let cell = cellIndex < cells.count ? cells[cellIndex] : nil
            let column = cell?.column ?? cellIndex + 1
            var evidence = "byte offset \(mark.fileOffset): "
            switch mark.kind {
            case .nul:
                evidence += "a NUL (zero) character"
            case .undecodable:
                evidence += "\(mark.length) byte(s) that are not valid \(encoding.rawValue)"
            case .utf8InGB18030(let gb18030):
                evidence += "\(mark.length) bytes of UTF-8 text in a file read as GB18030 (the row was saved or pasted in another encoding); they were read as UTF-8, not as GB18030 (“\(gb18030)”): check the cell, then save the whole file again in one encoding"
            }
            if more > 0 { evidence += "; \(more) more in this cell" }
            findings.append(Finding(
                code: .inputEncoding,
                address: CellAddress(file: file, sheet: nil, row: line, column: column),
                value: cell?.text ?? "", evidence: evidence))
            first = nil
            more = 0
        }
        while nextMark < marks.count, marks[nextMark].index < bufferBase + end {
            let mark = marks[nextMark]
            nextMark += 1
            let index = mark.index - bufferBase
            guard index >= start else { continue }
            var owner = cellIndex
            while owner + 1 < cellStarts.count, cellStarts[owner + 1] <= index { owner += 1 }
            if owner != cellIndex || first == nil {
                flush()
                cellIndex = owner
                first = mark
            } else {
                more += 1
            }
        }
        flush()
        return findings
    }

    // MARK: Buffer

    /// Drops what has been read and decodes the next chunk after the record in progress.
    private func readMore() throws(IngestError) {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            bufferBase += position
            position = 0
        }
        // Forget replacements before the record in progress (they were in skipped text).
        while nextMark < marks.count, marks[nextMark].index < bufferBase { nextMark += 1 }
        if nextMark > 0, nextMark == marks.count || nextMark > 4096 {
            marks.removeSubrange(0..<nextMark)
            nextMark = 0
        }
        let before = marks.count
        try chunks.next(into: &buffer, marks: &marks)
        for index in before..<marks.count { marks[index].index += bufferBase }
    }

    /// Passes over the rest of a malformed row's first line and its line break.
    private func passLineBreak() throws(IngestError) {
        while true {
            let found = buffer.withUnsafeBufferPointer { bytes -> Int? in
                var index = position
                while index < bytes.count {
                    if bytes[index] == CSVRecordParser.lineFeed || bytes[index] == CSVRecordParser.carriageReturn { return index }
                    index += 1
                }
                return nil
            }
            guard let index = found else {
                position = buffer.count
                if chunks.isAtEnd {
                    skippingLine = false
                    return
                }
                try readMore()
                continue
            }
            if buffer[index] == CSVRecordParser.carriageReturn, index + 1 == buffer.count, !chunks.isAtEnd {
                // A CRLF may be split across chunks.
                position = index
                try readMore()
                continue
            }
            let crlf = buffer[index] == CSVRecordParser.carriageReturn && index + 1 < buffer.count && buffer[index + 1] == CSVRecordParser.lineFeed
            position = index + (crlf ? 2 : 1)
            line += 1
            skippingLine = false
            return
        }
    }
}

@available(*, unavailable)
extension CSVReader: Sendable {}
