/// Writes RFC 4180 CSV that Excel and WPS open correctly and cannot be turned against them.
///
/// Cells starting with `= + - @` (or a tab or carriage return) are prefixed with `'` so a
/// spreadsheet shows them as text instead of running them as formulas (CSV injection).
final class CSVWriter {
    private let file: AtomicFile
    private let converter: CharsetConverter?
    private var line: [UInt8] = []

    init(file: AtomicFile, encoding: OutputEncoding) throws(OutputError) {
        self.file = file
        switch encoding {
        case .utf8BOM:
            converter = nil
            try file.write([0xEF, 0xBB, 0xBF])
        case .gb18030:
            do {
                converter = try CharsetConverter(charset: "GB18030")
            } catch {
                throw OutputError(path: file.path, message: "cannot encode as GB18030: \(error)")
            }
        }
    }

    /// Creates the file at `path` (0600 when it holds full ID numbers) and writes a header.
    convenience init(path: String, encoding: OutputEncoding, isPrivate: Bool, header: [String]) throws(OutputError) {
        try self.init(file: AtomicFile(path: path, isPrivate: isPrivate), encoding: encoding)
        try writeRow(header)
    }

    func writeRow(_ cells: [String]) throws(OutputError) {
        line.removeAll(keepingCapacity: true)
        CSVWriter.appendCells(cells, to: &line)
        try writeLine(line)
    }

    /// Writes one line given as UTF-8 cells already joined and escaped (no line end).
    func writeLine(_ utf8: [UInt8]) throws(OutputError) {
        if let converter {
            // GB18030 covers all of Unicode, so encoding cannot fail on valid text.
            let encoded: [UInt8]
            do {
                encoded = try converter.encode(String(decoding: utf8, as: UTF8.self))
            } catch {
                throw OutputError(path: file.path, message: "cannot encode as GB18030: \(error)")
            }
            try file.write(encoded)
            try file.write(CSVWriter.lineEnd)
        } else {
            try file.write(utf8)
            try file.write(CSVWriter.lineEnd)
        }
    }

    private static let lineEnd: [UInt8] = [0x0D, 0x0A]

    /// Appends cells joined by commas, each escaped.
    static func appendCells(_ cells: [String], to output: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            appendCell(cell, to: &output, first: index == 0)
        }
    }

    /// Appends one escaped cell, after a comma unless it is the line's first: rows built
    /// cell by cell need no array of their cells.
    @inline(__always)
    static func appendCell(_ cell: String, to output: inout [UInt8], first: Bool = false) {
        if !first { output.append(UInt8(ascii: ",")) }
        appendEscaped(cell, to: &output)
    }

    func commit() throws(OutputError) {
        try file.commit()
    }

    /// Appends one cell, neutralising formulas and quoting when needed.
    ///
    /// One pass over the bytes decides both; a cell with neither (almost every cell) is
    /// copied whole. Cells are read through their contiguous UTF-8, so no bytes are copied twice.
    static func appendEscaped(_ cell: String, to output: inout [UInt8]) {
        CellText.withUTF8(cell) { utf8 in
            guard let first = utf8.first else { return }
            let isFormula =
                first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D
            var needsQuotes = false
            var hasQuote = false
            for byte in utf8 where byte <= UInt8(ascii: ",") {
                switch byte {
                case UInt8(ascii: "\""):
                    hasQuote = true
                    needsQuotes = true
                case UInt8(ascii: ","), 0x0A, 0x0D:
                    needsQuotes = true
                default: break
                }
            }
            if needsQuotes { output.append(UInt8(ascii: "\"")) }
            if isFormula { output.append(UInt8(ascii: "'")) }
            if hasQuote {
                for byte in utf8 {
                    if byte == UInt8(ascii: "\"") { output.append(byte) }
                    output.append(byte)
                }
            } else {
                output.append(contentsOf: utf8)
            }
            if needsQuotes { output.append(UInt8(ascii: "\"")) }
        }
    }

    /// The escaped form of one cell (for tests and single values).
    static func escaped(_ cell: String) -> String {
        var output: [UInt8] = []
        appendEscaped(cell, to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
