/// Writes RFC 4180 CSV that Excel and WPS open correctly and cannot be turned against them.
///
/// Cells starting with `= + - @` (or a tab or carriage return) are prefixed with `'` so a
/// spreadsheet shows them as text instead of running them as formulas (CSV injection).
final class CSVWriter {
    /// What goes before a cell that starts like a formula, so a spreadsheet shows it as text.
    static let formulaGuard = UInt8(ascii: "'")

    /// Whether a cell whose first byte is `byte` starts like a formula to Excel or WPS: `=`,
    /// `+`, `-`, `@`, a tab or a carriage return (OWASP's list). The one definition, used to
    /// escape (`appendEscaped`) and to read an escaped cell back (`OutputTable.unescaped`).
    @inline(__always)
    static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    private let file: AtomicFile
    private let converter: CharsetConverter?
    private var line: [UInt8] = []
    /// Lines written with `deferred`, copied after every other line at commit.
    private var tail: Spill?

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

    /// Writes one line given as UTF-8 cells already joined and escaped (no line end). A
    /// `deferred` line goes after every other line of the file, in the order written.
    func writeLine(_ utf8: [UInt8], deferred: Bool = false) throws(OutputError) {
        var encoded = utf8
        if let converter {
            // GB18030 covers all of Unicode, so encoding cannot fail on valid text.
            do {
                encoded = try CSVWriter.encodeGB18030(utf8, with: converter)
            } catch {
                throw OutputError(path: file.path, message: "cannot encode as GB18030: \(error)")
            }
        }
        if deferred {
            if tail == nil { tail = try Spill(directory: CSVWriter.folder(of: file.path), name: "csv-tail") }
            try tail?.write(encoded)
            try tail?.write(CSVWriter.lineEnd)
        } else {
            try file.write(encoded)
            try file.write(CSVWriter.lineEnd)
        }
    }

    /// GB18030 bytes of a UTF-8 line, with GB 18030-2022 codes for the 18 characters whose code
    /// 2022 changed (U+9FB4…U+9FBB, the vertical forms U+FE10…U+FE19): their two-byte codes
    /// (FE59 for U+9FB4), which 2022 decoders read as the standard character and 2005 ones as
    /// the Private Use code point that VoterRoll and fonts of that time take for it. ICU 72
    /// alone would write the 2005 four-byte code, which a 2022 decoder reads as Private Use.
    /// Extension B characters (𠂇 U+20087) keep their four-byte code, the same in both.
    ///
    /// Lines without those characters (all but a handful) go to ICU whole, as before.
    static func encodeGB18030(_ utf8: [UInt8], with converter: CharsetConverter) throws(ICUError) -> [UInt8] {
        var encoded: [UInt8] = []
        var start = 0
        var index = 0
        while index + 2 < utf8.count {
            let lead = utf8[index]
            // U+9FB4…U+9FBB start with E9, U+FE10…U+FE19 with EF.
            guard lead == 0xE9 || lead == 0xEF else {
                index += 1
                continue
            }
            let value = UInt32(lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F)
            guard let code = GB18030PrivateUse.twoByteCode2022(for: value) else {
                index += 1
                continue
            }
            if start < index {
                encoded += try converter.encode(String(decoding: utf8[start..<index], as: UTF8.self))
            }
            encoded.append(UInt8(truncatingIfNeeded: code >> 8))
            encoded.append(UInt8(truncatingIfNeeded: code))
            index += 3
            start = index
        }
        if start == 0 {
            return try converter.encode(String(decoding: utf8, as: UTF8.self))
        }
        if start < utf8.count {
            encoded += try converter.encode(String(decoding: utf8[start...], as: UTF8.self))
        }
        return encoded
    }

    /// The folder of a path ("." for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
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
        try tail?.copy(into: file)
        try file.commit()
    }

    /// Appends one cell, neutralising formulas and quoting when needed.
    ///
    /// One pass over the bytes decides both; a cell with neither (almost every cell) is
    /// copied whole. Cells are read through their contiguous UTF-8, so no bytes are copied twice.
    static func appendEscaped(_ cell: String, to output: inout [UInt8]) {
        CellText.withUTF8(cell) { utf8 in
            guard let first = utf8.first else { return }
            let isFormula = startsFormula(first)
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
            if isFormula { output.append(formulaGuard) }
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

    /// The cells of a line this writer escaped, as they were before (the `'` before a
    /// formula-like cell taken off again, as a spreadsheet shows it).
    static func cells(ofLine line: ArraySlice<UInt8>) -> [String] {
        var cells: [String] = []
        var cell: [UInt8] = []
        var index = line.startIndex
        while true {
            cell.removeAll(keepingCapacity: true)
            if index < line.endIndex, line[index] == UInt8(ascii: "\"") {
                index += 1
                while index < line.endIndex {
                    if line[index] == UInt8(ascii: "\"") {
                        if index + 1 < line.endIndex, line[index + 1] == UInt8(ascii: "\"") {
                            cell.append(UInt8(ascii: "\""))
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    cell.append(line[index])
                    index += 1
                }
            } else {
                while index < line.endIndex, line[index] != UInt8(ascii: ",") {
                    cell.append(line[index])
                    index += 1
                }
            }
            cells.append(OutputTable.unescaped(String(decoding: cell, as: UTF8.self)))
            guard index < line.endIndex, line[index] == UInt8(ascii: ",") else { return cells }
            index += 1
        }
    }
}
