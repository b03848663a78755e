import Foundation

@testable import VoterRollKit

/// What one fuzz input is fed to: the readers and the parsers a register passes through.
///
/// The raw values are the fuzz targets' names (`fuzz/run.sh csv 600` runs `fuzz-csv`) and the
/// folders of their corpora (`fuzz/corpus/csv`, `fuzz/regressions/csv`).
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `CSVReader` then `MappedRowReader`; the first byte picks the encoding (detected,
    /// GB18030, UTF-16LE, UTF-8, UTF-16BE), the chunk size and the limits.
    case csv
    /// `SpreadsheetMLReader` then `MappedRowReader`, on the bytes as the file.
    case spreadsheetML = "spreadsheetml"
    /// `XLSXReader` then `MappedRowReader`: bytes starting with `PK` are the file itself (the ZIP
    /// layer); anything else is parts separated by `FuzzHarness.partSeparator` (worksheet, shared
    /// strings, styles, workbook), packed into a valid stored ZIP (the XML layer).
    case xlsx
    /// `XLSReader` then `MappedRowReader`: bytes starting with the OLE2 signature are the file
    /// itself (the container layer); anything else is the `Workbook` stream of BIFF records,
    /// put into a valid compound file (`XLSCompoundFileWriter`: the record layer).
    case xls
    /// `ResidentID.parse`; the first byte says whether the cell is numeric and whether there
    /// is an election day.
    case id
    /// `DateParser.parse`; the first byte says whether the cell is numeric and the date system.
    case date
    /// `NameNormalizer.normalize` and `findings(for:)`.
    case name
}

/// What an input did: how much it produced, the error it ended with, and every broken promise.
public struct FuzzOutcome: Sendable {
    public var rows = 0
    public var cells = 0
    public var findings = 0
    /// The `IngestError` that ended reading, if one did (a clear error is a fine outcome).
    public var error: String?
    /// Invariants the code under test broke. A fuzz target aborts on any; the regression
    /// tests expect none.
    public var violations: [String] = []
}

/// Feeds one input to one target and checks what comes back, for the fuzz targets (fuzz/) and
/// for the tests that replay the corpora (Tests/VoterRollKitTests/Hardening, where this file
/// is linked), so a crash found by fuzzing is replayed through the very same calls.
///
/// A harness writes the reader targets' inputs to one file in `directory`, over and over.
public final class FuzzHarness {
    /// Separates the parts of an `xlsx` input that is not a ZIP.
    public static let partSeparator: [UInt8] = Array("\n=====\n".utf8)
    /// The reference day for the `id` target when the first byte asks for one.
    static let electionDay = CivilDate(unchecked: 2026, 6, 1)

    private let directory: String
    private let names: NameNormalizer
    private let idCodes: Set<FindingCode> = [.idMissing, .idFormat, .idExcelMangled, .idChecksum, .idBirthdateInvalid]

    /// A harness writing its inputs under `directory`, which must exist.
    public init(directory: String) throws {
        self.directory = directory
        names = try NameNormalizer(cacheLimit: 4096)
    }

    /// Runs `input` through `target`.
    public func run(_ target: FuzzTarget, _ input: [UInt8]) -> FuzzOutcome {
        switch target {
        case .csv: csv(input)
        case .spreadsheetML: spreadsheetML(input)
        case .xlsx: xlsx(input)
        case .xls: xls(input)
        case .id: residentID(input)
        case .date: date(input)
        case .name: name(input)
        }
    }

    // MARK: Readers

    /// The CSV settings the first byte of an input selects.
    struct CSVSettings: CustomStringConvertible {
        var encoding: TextEncoding?
        var chunkSize: Int
        var limits: RowLimits
        var requireHeader: Bool

        init(selector: UInt8) {
            let value = Int(selector)
            encoding = [nil, .gb18030, .utf16LE, .utf8, .utf16BE][value % 5]
            chunkSize = [TextDecoder.defaultChunkSize, 16, 64, 4096][value / 5 % 4]
            limits = value / 20 % 2 == 1 ? RowLimits(maxRecordBytes: 256, maxCells: 8, maxQuotedLines: 3) : .standard
            requireHeader = value / 40 % 2 == 1
        }

        var description: String {
            "encoding \(encoding?.rawValue ?? "detected"), chunks of \(chunkSize), limits \(limits == .standard ? "standard" : "small")"
        }
    }

    private func csv(_ input: [UInt8]) -> FuzzOutcome {
        let settings = CSVSettings(selector: input.first ?? 0)
        let body = Array(input.dropFirst())
        var outcome = FuzzOutcome()
        guard let path = write(body, name: "input.csv", into: &outcome) else { return outcome }
        let checks = RowChecks(
            maxCells: settings.limits.maxCells, maxCellBytes: max(settings.limits.maxRecordBytes, 1024) + 3,
            maxRows: body.count + 1, increasingNumbers: true)
        read(into: &outcome, checks: checks, exactWidth: true, requireHeader: settings.requireHeader) { () throws(IngestError) in
            try CSVReader(path: path, file: "input.csv", encoding: settings.encoding, limits: settings.limits, chunkSize: settings.chunkSize)
        }
        return outcome
    }

    private func spreadsheetML(_ input: [UInt8]) -> FuzzOutcome {
        var outcome = FuzzOutcome()
        guard let path = write(input, name: "input.xml", into: &outcome) else { return outcome }
        // The sniffing `SpreadsheetInput.open` does first; the reader is opened whatever it says.
        _ = try? SpreadsheetInput.format(of: Array(input.prefix(SpreadsheetInput.sniffLength)), file: "input.xml")
        read(into: &outcome, checks: .workbook, exactWidth: false, requireHeader: false) { () throws(IngestError) in
            try SpreadsheetMLReader(path: path, file: "input.xml")
        }
        return outcome
    }

    private func xlsx(_ input: [UInt8]) -> FuzzOutcome {
        var outcome = FuzzOutcome()
        let file = input.starts(with: [0x50, 0x4B]) ? input : FuzzHarness.workbook(parts: FuzzHarness.split(input, by: FuzzHarness.partSeparator))
        guard let path = write(file, name: "input.xlsx", into: &outcome) else { return outcome }
        var limits = XLSXPackage.Limits()
        // A stalled entry is reported after this long instead of 30 s, so that it is no timeout.
        limits.stallTimeout = 2
        read(into: &outcome, checks: .workbook, exactWidth: false, requireHeader: false) { () throws(IngestError) in
            try XLSXReader(path: path, file: "input.xlsx", limits: limits)
        }
        return outcome
    }

    private func xls(_ input: [UInt8]) -> FuzzOutcome {
        var outcome = FuzzOutcome()
        let file =
            input.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) ? input : XLSCompoundFileWriter.file(streams: [(name: "Workbook", bytes: input)]).bytes
        guard let path = write(file, name: "input.xls", into: &outcome) else { return outcome }
        // The sniffing `SpreadsheetInput.open` does first; the reader is opened whatever it says.
        _ = try? SpreadsheetInput.format(of: Array(file.prefix(SpreadsheetInput.sniffLength)), file: "input.xls")
        read(into: &outcome, checks: .workbook, exactWidth: false, requireHeader: false) { () throws(IngestError) in
            try XLSReader(path: path, file: "input.xls")
        }
        return outcome
    }

    /// What every row a reader yields must satisfy.
    struct RowChecks {
        var maxCells = SpreadsheetValue.maxColumn
        /// Libxml2 refuses a text node over 10,000,000 bytes; a cell cannot hold more.
        var maxCellBytes = 10_000_000
        /// Rows a file of this size may give (spreadsheets: no bound but the grid's per sheet).
        var maxRows = Int.max
        /// CSV rows start on ever later lines.
        var increasingNumbers = false
        /// A row with more text than this has an `input.malformed-row` finding.
        var maxRowBytes = Int.max

        /// Workbook rows: a cell over the row limit is cut (`WorkbookRowCap`).
        static let workbook = RowChecks(
            maxCellBytes: RowLimits.standard.maxRecordBytes + 3, maxRowBytes: RowLimits.standard.maxRecordBytes)
    }

    /// Reads everything `open` gives through `MappedRowReader`, checking each row on the way
    /// and the accounting at the end.
    private func read(
        into outcome: inout FuzzOutcome, checks: RowChecks, exactWidth: Bool, requireHeader: Bool,
        open: () throws(IngestError) -> any RowReader
    ) {
        let checking: CheckingReader
        do {
            checking = CheckingReader(try open(), checks: checks)
        } catch {
            outcome.error = error.description
            return
        }
        let mapped = MappedRowReader(
            reader: checking, required: CanonicalField.rollRequired, aliases: .standard, requireHeader: requireHeader,
            exactWidth: exactWidth)
        do {
            while let row = try mapped.next() {
                outcome.findings += row.row.findings.count
                if row.row.cells.isEmpty || row.row.isBlank {
                    outcome.violations.append("row \(row.row.number) is blank but was yielded as data")
                }
            }
        } catch {
            outcome.error = error.description
        }
        outcome.rows = checking.rows
        outcome.cells = checking.cells
        outcome.violations += checking.violations
        let counts = mapped.counts
        // A reader that stops with an error leaves the rows it held for the header search uncounted.
        if outcome.error == nil, !counts.isBalanced {
            outcome.violations.append("row accounting does not close: \(counts)")
        }
        if outcome.error == nil, counts.rowsRead != checking.rows {
            outcome.violations.append("\(checking.rows) rows read but \(counts.rowsRead) counted")
        }
    }

    /// Passes rows through, checking each.
    private final class CheckingReader: RowReader {
        let inner: any RowReader
        let checks: RowChecks
        var rows = 0
        var cells = 0
        var violations: [String] = []
        private var lastNumber = 0
        private var lastSheet: String?

        init(_ inner: any RowReader, checks: RowChecks) {
            self.inner = inner
            self.checks = checks
        }

        var file: String { inner.file }

        func next() throws(IngestError) -> SourceRow? {
            guard let row = try inner.next() else { return nil }
            rows += 1
            cells += row.cells.count
            check(row)
            return row
        }

        private func check(_ row: SourceRow) {
            func fail(_ what: String) {
                // A broken reader may break every row: the first few say enough.
                if violations.count < 10 { violations.append("row \(row.number)\(row.sheet.map { " of \($0)" } ?? ""): \(what)") }
            }
            if row.number < 1 || row.number > SpreadsheetValue.maxRow && !checks.increasingNumbers {
                fail("row number outside the grid")
            }
            if checks.increasingNumbers, row.number <= lastNumber, row.sheet == lastSheet, rows > 1 {
                fail("row number \(row.number) after \(lastNumber)")
            }
            if rows > checks.maxRows { fail("more rows (\(rows)) than the input allows (\(checks.maxRows))") }
            lastNumber = row.number
            lastSheet = row.sheet
            if row.cells.count > checks.maxCells { fail("\(row.cells.count) cells, over \(checks.maxCells)") }
            var previous = 0
            for cell in row.cells {
                if cell.column < 1 || cell.column > SpreadsheetValue.maxColumn { fail("cell in column \(cell.column)") }
                if cell.column < previous { fail("column \(cell.column) after \(previous)") }
                previous = cell.column
                if cell.text.utf8.count > checks.maxCellBytes { fail("a cell of \(cell.text.utf8.count) bytes") }
            }
            let rowBytes = row.cells.reduce(0) { $0 + $1.text.utf8.count }
            if rowBytes > checks.maxRowBytes, !row.findings.contains(where: { $0.code == .inputMalformedRow }) {
                fail("\(rowBytes) bytes of text without input.malformed-row")
            }
            for finding in row.findings where finding.address.row != row.number {
                fail("a finding (\(finding.code.rawValue)) on row \(finding.address.row)")
            }
        }
    }

    private func write(_ bytes: [UInt8], name: String, into outcome: inout FuzzOutcome) -> String? {
        let path = directory + "/" + name
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        } catch {
            outcome.violations.append("the harness cannot write \(path): \(error)")
            return nil
        }
    }

    // MARK: Parsers

    private func residentID(_ input: [UInt8]) -> FuzzOutcome {
        var outcome = FuzzOutcome()
        let selector = input.first ?? 0
        let numeric = selector & 1 == 1
        let day = selector & 2 == 2 ? FuzzHarness.electionDay : nil
        let text = String(decoding: input.dropFirst(), as: UTF8.self)
        let result = ResidentID.parse(text, cellIsNumeric: numeric, referenceDay: day)
        if ResidentID.parse(text, cellIsNumeric: numeric, referenceDay: day) != result {
            outcome.violations.append("parsing twice gives two answers")
        }
        if text.count > 10, ResidentID.mask(text).filter({ $0 != "*" }).count > 10 {
            outcome.violations.append("the mask shows more than 10 characters")
        }
        switch result {
        case .invalid(let code):
            if !idCodes.contains(code) { outcome.violations.append("invalid with \(code.rawValue), not an id.* exclusion") }
        case .valid(let id, let notes):
            let canonical = id.canonical
            if canonical.utf8.count != 18 { outcome.violations.append("canonical form of \(canonical.utf8.count) bytes") }
            if ResidentID(canonical: canonical) != id { outcome.violations.append("the canonical form does not read back") }
            // Normalise → validate is idempotent: the canonical form is valid as it is.
            let again = ResidentID.parse(canonical, cellIsNumeric: false, referenceDay: day)
            if again != .valid(id, notes: notes.subtracting([.normalized, .legacy15])) {
                outcome.violations.append("the canonical form parses as \(again)")
            }
            if id.masked.count != 18 || id.masked.dropFirst(6).prefix(8) != "********" {
                outcome.violations.append("masked as \(id.masked)")
            }
            if id.birthDate.year < ResidentID.earliestBirthYear || day.map({ id.birthDate > $0 }) == true {
                outcome.violations.append("birth date \(id.birthDate) accepted")
            }
        }
        return outcome
    }

    private func date(_ input: [UInt8]) -> FuzzOutcome {
        var outcome = FuzzOutcome()
        let selector = input.first ?? 0
        let parser = DateParser(excelSystem: selector & 2 == 2 ? .system1904 : .system1900)
        let numeric = selector & 1 == 1
        let text = String(decoding: input.dropFirst(), as: UTF8.self)
        guard let parsed = parser.parse(text, cellIsNumeric: numeric) else { return outcome }
        if parser.parse(text, cellIsNumeric: numeric) != parsed { outcome.violations.append("parsing twice gives two answers") }
        if !CivilDate.years.contains(parsed.date.year) { outcome.violations.append("year \(parsed.date.year)") }
        if parsed.precision == .month, parsed.date.day != 1 { outcome.violations.append("a month on day \(parsed.date.day)") }
        // The date as VoterRoll writes it reads back as the same date.
        let written = parsed.description
        if parser.parse(written) != parsed { outcome.violations.append("\(written) reads back as \(String(describing: parser.parse(written)))") }
        return outcome
    }

    private func name(_ input: [UInt8]) -> FuzzOutcome {
        var outcome = FuzzOutcome()
        let text = String(decoding: input, as: UTF8.self)
        let name = names.normalize(text)
        let again = names.normalize(name.canonical)
        if again.canonical != name.canonical { outcome.violations.append("canonical form changes again: \(again.canonical.debugDescription) from \(name.canonical.debugDescription)") }
        if again.matchKey != name.matchKey { outcome.violations.append("match key changes: \(again.matchKey.debugDescription) from \(name.matchKey.debugDescription)") }
        if again.pinyinKey != name.pinyinKey { outcome.violations.append("pinyin key changes: \(again.pinyinKey.debugDescription) from \(name.pinyinKey.debugDescription)") }
        if again.issues.contains(.normalized) { outcome.violations.append("the canonical form is reported as normalised") }
        if name.issues.contains(.missing) != name.canonical.isEmpty { outcome.violations.append("name.missing and an empty name disagree") }
        let ends = [name.canonical.unicodeScalars.first, name.canonical.unicodeScalars.last].compactMap { $0 }
        if ends.contains(where: \.properties.isWhitespace) {
            outcome.violations.append("white space at an end of \(name.canonical.debugDescription)")
        }
        if name.surname + name.givenName != name.canonical { outcome.violations.append("surname and given name do not make the name") }
        let address = CellAddress(file: "input.csv", sheet: nil, row: 2, column: 1)
        let findings = names.findings(for: text, at: address)
        outcome.findings = findings.count
        if findings.map(\.code) != name.issues.codes { outcome.violations.append("findings \(findings.map(\.code)) for issues \(name.issues.codes)") }
        return outcome
    }

    // MARK: Workbooks

    /// `bytes` cut at every `separator`.
    static func split(_ bytes: [UInt8], by separator: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var start = 0
        var index = 0
        while index + separator.count <= bytes.count {
            if bytes[index..<index + separator.count].elementsEqual(separator) {
                parts.append(Array(bytes[start..<index]))
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(Array(bytes[start...]))
        return parts
    }

    /// An XLSX file around `parts` (worksheet, shared strings, styles, workbook; the missing
    /// ones made up), stored without compression.
    static func workbook(parts: [[UInt8]]) -> [UInt8] {
        storedZIP(workbookEntries(parts: parts))
    }

    /// The entries of `workbook(parts:)`, to add more before zipping.
    static func workbookEntries(parts: [[UInt8]]) -> [(path: String, bytes: [UInt8])] {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
        func part(_ index: Int, _ fallback: String) -> [UInt8] { index < parts.count ? parts[index] : Array(fallback.utf8) }
        let relationships = """
            <?xml version="1.0"?><Relationships xmlns="\(packageRelationships)">\
            <Relationship Id="rId1" Type="\(officeDocument)/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="\(officeDocument)/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rId3" Type="\(officeDocument)/styles" Target="styles.xml"/></Relationships>
            """
        return [
            ("[Content_Types].xml", Array("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8)),
            ("_rels/.rels", Array("<?xml version=\"1.0\"?><Relationships xmlns=\"\(packageRelationships)\"><Relationship Id=\"rId1\" Type=\"\(officeDocument)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8)),
            ("xl/workbook.xml", part(3, "<?xml version=\"1.0\"?><workbook xmlns=\"\(main)\" xmlns:r=\"\(officeDocument)\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")),
            ("xl/_rels/workbook.xml.rels", Array(relationships.utf8)),
            ("xl/worksheets/sheet1.xml", part(0, "<worksheet xmlns=\"\(main)\"><sheetData/></worksheet>")),
            ("xl/sharedStrings.xml", part(1, "<sst xmlns=\"\(main)\"/>")),
            ("xl/styles.xml", part(2, "<styleSheet xmlns=\"\(main)\"/>")),
        ]
    }

    /// A ZIP archive of `entries`, stored (no compression), with every size and checksum true
    /// unless `declaredSizes` overrides what the central directory says an entry's size is.
    ///
    /// Written by hand rather than with ZIPFoundation: it is fast enough to run for every fuzz
    /// input, and the hostile-input tests need headers that say what ZIPFoundation would not write.
    static func storedZIP(_ entries: [(path: String, bytes: [UInt8])], declaredSizes: [String: UInt32] = [:]) -> [UInt8] {
        var output: [UInt8] = []
        var directory: [UInt8] = []
        func put16(_ value: Int, _ target: inout [UInt8]) {
            target += [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
        }
        func put32(_ value: UInt32, _ target: inout [UInt8]) {
            for shift in stride(from: 0, to: 32, by: 8) { target.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
        }
        for (path, bytes) in entries {
            let name = Array(path.utf8)
            let checksum = crc32(bytes)
            let size = UInt32(truncatingIfNeeded: bytes.count)
            let offset = UInt32(truncatingIfNeeded: output.count)
            // Local file header.
            put32(0x0403_4B50, &output)
            put16(20, &output); put16(0, &output); put16(0, &output); put16(0, &output); put16(0x21, &output)
            put32(checksum, &output); put32(size, &output); put32(size, &output)
            put16(name.count, &output); put16(0, &output)
            output += name
            output += bytes
            // Central directory entry.
            put32(0x0201_4B50, &directory)
            put16(20, &directory); put16(20, &directory); put16(0, &directory); put16(0, &directory); put16(0, &directory)
            put16(0x21, &directory)
            put32(checksum, &directory); put32(size, &directory); put32(declaredSizes[path] ?? size, &directory)
            put16(name.count, &directory); put16(0, &directory); put16(0, &directory); put16(0, &directory); put16(0, &directory)
            put32(0, &directory); put32(offset, &directory)
            directory += name
        }
        let directoryOffset = UInt32(truncatingIfNeeded: output.count)
        output += directory
        put32(0x0605_4B50, &output)
        put16(0, &output); put16(0, &output); put16(entries.count, &output); put16(entries.count, &output)
        put32(UInt32(truncatingIfNeeded: directory.count), &output); put32(directoryOffset, &output); put16(0, &output)
        return output
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
