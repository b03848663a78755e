import Foundation
import Testing

@testable import VoterRollKit

/// The CSV/TSV reader: every encoding, line end, delimiter and quoting habit of Excel and
/// WPS, and every kind of damage, against the fixtures in fixtures/ingest/csv.
@Suite struct CSVReaderTests {
    static let register: [[String]] = [
        ["序号", "姓名", "公民身份号码", "住址"],
        ["1", "张三", "11010119900307133X", "北京市东城区景山前街4号"],
        ["2", "李秀英", "110101198506120354", "北京市西城区西长安街1号"],
        ["3", "王㛃", "110102197210010158", "上海市黄浦区南京东路100号"],
    ]

    static func fixture(_ name: String) -> String { SpreadsheetTestSupport.fixture("csv/\(name)") }

    static func read(_ path: String, encoding: TextEncoding? = nil, limits: RowLimits = .standard, chunkSize: Int = TextDecoder.defaultChunkSize, readAhead: Bool? = nil) throws -> (reader: CSVReader, rows: [SourceRow]) {
        let reader = try CSVReader(path: path, file: nil, encoding: encoding, limits: limits, chunkSize: chunkSize, readAhead: readAhead)
        return (reader, try SpreadsheetTestSupport.readAll(reader))
    }

    static func texts(_ rows: [SourceRow]) -> [[String]] { rows.map { $0.cells.map(\.text) } }

    /// Reads a file of several megabytes written for the test, then deletes it, so that test
    /// runs do not pile such files up in the temporary directory.
    static func readLarge(_ bytes: [UInt8], name: String, limits: RowLimits = .standard, chunkSize: Int = TextDecoder.defaultChunkSize) throws -> (reader: CSVReader, rows: [SourceRow]) {
        let path = try SpreadsheetTestSupport.write(bytes, name: name)
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        return try read(path, limits: limits, chunkSize: chunkSize)
    }

    struct Variant: Sendable, CustomTestStringConvertible {
        var file: String
        var encoding: TextEncoding
        var source: TextEncodingSource
        var delimiter: Unicode.Scalar
        var firstLine = 1
        var testDescription: String { file }
    }

    static let variants: [Variant] = [
        Variant(file: "utf8.csv", encoding: .utf8, source: .validUTF8, delimiter: ","),
        Variant(file: "utf8-bom-crlf.csv", encoding: .utf8, source: .byteOrderMark, delimiter: ","),
        Variant(file: "utf16le-tabs.txt", encoding: .utf16LE, source: .byteOrderMark, delimiter: "\t"),
        Variant(file: "utf16be.csv", encoding: .utf16BE, source: .byteOrderMark, delimiter: ","),
        Variant(file: "gb18030-crlf.csv", encoding: .gb18030, source: .notUTF8, delimiter: ","),
        Variant(file: "cr.csv", encoding: .utf8, source: .validUTF8, delimiter: ","),
        Variant(file: "sep-semicolon.csv", encoding: .gb18030, source: .notUTF8, delimiter: ";", firstLine: 2),
        Variant(file: "semicolons.csv", encoding: .utf8, source: .validUTF8, delimiter: ";"),
        Variant(file: "tabs.tsv", encoding: .gb18030, source: .notUTF8, delimiter: "\t"),
    ]

    @Test(arguments: variants)
    func readsTheSameRegisterWhateverTheEncodingLineEndOrDelimiter(variant: Variant) throws {
        let (reader, rows) = try Self.read(Self.fixture(variant.file))
        #expect(reader.encoding == variant.encoding)
        #expect(reader.encodingSource == variant.source)
        #expect(reader.delimiter == variant.delimiter)
        #expect(reader.hasSeparatorLine == (variant.firstLine == 2))
        #expect(Self.texts(rows) == Self.register)
        #expect(rows.map(\.number) == Array(variant.firstLine..<(variant.firstLine + 4)))
        #expect(rows.allSatisfy { $0.findings.isEmpty && $0.sheet == nil && $0.file == Self.fixture(variant.file) })
        #expect(rows.allSatisfy { $0.cells.allSatisfy { $0.kind == .string } })
        #expect(rows.allSatisfy { $0.cells.map(\.column) == [1, 2, 3, 4] })
    }

    /// Tiny chunks put chunk boundaries inside multi-byte characters, CRLFs, quoted cells and
    /// doubled quotes; the rows must not change.
    @Test(arguments: variants.map(\.file) + ["quoted-newlines.csv", "invalid-gb18030.csv", "unclosed-quote.csv", "stray-nul.csv"], [16, 18, 22, 64])
    func chunkBoundariesChangeNothing(file: String, chunkSize: Int) throws {
        let whole = try Self.read(Self.fixture(file)).rows
        let chunked = try Self.read(Self.fixture(file), chunkSize: chunkSize).rows
        #expect(Self.texts(chunked) == Self.texts(whole))
        #expect(chunked.map(\.number) == whole.map(\.number))
        #expect(chunked.map(\.findings) == whole.map(\.findings))
    }

    /// Large files are decoded on a second thread (`DecodedChunks`); with tiny chunks, so that
    /// many chunks cross the queue, the rows, their numbers and their findings (whose byte
    /// offsets and cells come from the marks the thread hands over) must be the same.
    @Test(arguments: variants.map(\.file) + ["quoted-newlines.csv", "invalid-gb18030.csv", "unclosed-quote.csv", "stray-nul.csv"], [16, 64])
    func decodingOnASecondThreadChangesNothing(file: String, chunkSize: Int) throws {
        let inLine = try Self.read(Self.fixture(file), chunkSize: chunkSize, readAhead: false).rows
        let ahead = try Self.read(Self.fixture(file), chunkSize: chunkSize, readAhead: true).rows
        #expect(Self.texts(ahead) == Self.texts(inLine))
        #expect(ahead.map(\.number) == inLine.map(\.number))
        #expect(ahead.map(\.findings) == inLine.map(\.findings))
        #expect(!inLine.isEmpty)
    }

    /// A register large enough to be decoded ahead by default, with damage far into it: every
    /// row is read, and the undecodable bytes are reported on their own row and offset.
    @Test func aLargeGB18030FileIsReadWholeWithItsDamageInPlace() throws {
        var bytes: [UInt8] = []
        let gb18030 = try CharsetConverter(charset: "GB18030")
        bytes += try gb18030.encode("序号,姓名,公民身份号码,住址\n")
        let rest = try gb18030.encode(",张三,11010119900307133X,北京市东城区景山前街4号\n")
        var rowsWritten = 0
        var damageOffset = 0
        while bytes.count < DecodedChunks.readAheadMinimumBytes + 100_000 {
            rowsWritten += 1
            if rowsWritten == 90_000 {
                bytes += Array("\(rowsWritten),".utf8)
                damageOffset = bytes.count
                bytes += [0x81, 0x20]
                bytes += try gb18030.encode("李四,110101198506120354,北京市西城区\n")
            } else {
                bytes += Array(String(rowsWritten).utf8) + rest
            }
        }
        let (reader, rows) = try Self.readLarge(bytes, name: "large.csv")
        #expect(reader.encoding == .gb18030)
        #expect(rows.count == rowsWritten + 1)
        #expect(rows.last?.cells.first?.text == String(rowsWritten))
        let flagged = rows.filter { !$0.findings.isEmpty }
        #expect(flagged.map(\.number) == [90_001])
        #expect(flagged.first?.findings.first?.evidence?.hasPrefix("byte offset \(damageOffset):") == true)
        #expect(flagged.first?.cells[1].text.hasSuffix("李四") == true)
    }

    /// A reader given up before the end (a header inspected, a failed run) must not leave its
    /// decoding thread waiting forever for room in the queue.
    @Test func aReaderDroppedBeforeTheEndStopsItsThread() throws {
        var text = "序号,姓名\n"
        for index in 1...2_000 { text += "\(index),张三\n" }
        let path = try SpreadsheetTestSupport.write(text, name: "dropped.csv")
        for _ in 0..<50 {
            let reader = try CSVReader(path: path, file: nil, encoding: .utf8, limits: .standard, chunkSize: 64, readAhead: true)
            #expect(try reader.next()?.cells.first?.text == "序号")
        }
        // Each thread stops when it next looks at the queue, just after its reader is gone.
        let deadline = Date(timeIntervalSinceNow: 10)
        while DecodedChunks.threadsRunning > 0, Date() < deadline { usleep(1000) }
        #expect(DecodedChunks.threadsRunning == 0)
    }

    @Test func quotedCellsKeepLineBreaksQuotesAndDelimiters() throws {
        let rows = try Self.read(Self.fixture("quoted-newlines.csv")).rows
        #expect(Self.texts(rows).map { $0[3] } == ["住址", "北京市东城区\r\n景山前街4号", "西长安街\"1号\"院, 东门", "上海市\n黄浦区\n南京东路"])
        // A row's number is the line it starts on; line breaks inside quotes are counted.
        #expect(rows.map(\.number) == [1, 2, 4, 5])
        #expect(rows.allSatisfy { $0.findings.isEmpty })
    }

    @Test(arguments: [
        // (text, expected cells, expected row numbers)
        ("a,b\n\n1,2\n", [["a", "b"], [""], ["1", "2"]], [1, 2, 3]),
        ("a,b\r\n1,2", [["a", "b"], ["1", "2"]], [1, 2]),
        ("a,b\r\r\n1,2\r", [["a", "b"], [""], ["1", "2"]], [1, 2, 3]),
        ("a,b,\n1,,\n", [["a", "b", ""], ["1", "", ""]], [1, 2]),
        ("ab\"c,d\n", [["ab\"c", "d"]], [1]),
        ("\"a\"b,c\n", [["ab", "c"]], [1]),
        ("\"\",\"\"\"\"\n", [["", "\""]], [1]),
        ("x,\"multi\nline\",y\nz,w,v\n", [["x", "multi\nline", "y"], ["z", "w", "v"]], [1, 3]),
        ("SEP=|\na|b\n", [["a", "b"]], [2]),
        ("\"sep=;\"\r\na;b\r\n", [["a", "b"]], [2]),
        ("\u{FEFF}sep=,\nx,y\n", [["x", "y"]], [2]),
    ] as [(String, [[String]], [Int])])
    func excelHabits(text: String, cells: [[String]], numbers: [Int]) throws {
        let path = try SpreadsheetTestSupport.write(text, name: "habit.csv")
        let rows = try Self.read(path).rows
        #expect(Self.texts(rows) == cells)
        #expect(rows.map(\.number) == numbers)
        #expect(rows.allSatisfy { $0.findings.isEmpty })
        #expect(rows.allSatisfy { $0.cells.allSatisfy { $0.kind == ($0.text.isEmpty ? .empty : .string) } })
    }

    @Test(arguments: [
        ("名字;身份证\n张三;1\n李四;2\n", ";"),
        ("名字\t身份证\t住址\n张三\t1\t北京,东城\n李四\t2\t上海,黄浦,南京路\n", "\t"),
        ("某某镇选民登记表\n名字,身份证,住址\n张三,1,\"a;b\"\n", ","),
        ("只有一列\n张三\n", ","),
    ] as [(String, Unicode.Scalar)])
    func guessesTheDelimiterFromTheFirstLines(text: String, delimiter: Unicode.Scalar) throws {
        let path = try SpreadsheetTestSupport.write(text, name: "guess.csv")
        #expect(try CSVReader(path: path).delimiter == delimiter)
    }

    // MARK: Encodings

    @Test func gb18030ReadsFourByteCharactersThatGB2312Lacks() throws {
        let rows = try Self.read(Self.fixture("gb18030-crlf.csv")).rows
        #expect(rows[3].cells[1].text == "王㛃")
    }

    @Test func anEncodingOverrideWins() throws {
        // Read as UTF-8, a GB18030 file is undecodable on every Chinese cell.
        let (reader, rows) = try Self.read(Self.fixture("gb18030-crlf.csv"), encoding: .utf8)
        #expect(reader.encoding == .utf8)
        #expect(reader.encodingSource == .override)
        expectProduces(.inputEncoding, rows.flatMap(\.findings))
        // The same file read as what it is.
        let (right, good) = try Self.read(Self.fixture("gb18030-crlf.csv"), encoding: .gb18030)
        #expect(right.encodingSource == .override)
        #expect(Self.texts(good) == Self.register)
    }

    @Test func anUndecodableSequenceIsAFindingWithItsByteOffsetAndTheRowIsStillRead() throws {
        let rows = try Self.read(Self.fixture("invalid-gb18030.csv")).rows
        #expect(rows.count == 4)
        #expect(rows.map(\.number) == [1, 2, 3, 4])
        let findings = rows.flatMap(\.findings)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        expectProduces(.inputEncoding, findings)
        #expect(finding.address == CellAddress(file: Self.fixture("invalid-gb18030.csv"), row: 3, column: 2))
        #expect(finding.evidence?.hasPrefix("byte offset 82:") == true, "\(finding.evidence ?? "")")
        #expect(rows[2].cells[1].text.hasPrefix("\u{FFFD}"))
        #expect(finding.value == rows[2].cells[1].text)
        // The rest of the row and the rows after it are intact.
        #expect(rows[2].cells[2].text == "110101198506120354")
        #expect(Self.texts([rows[3]]) == [Self.register[3]])
    }

    @Test func aNulByteIsAFindingWithItsOffset() throws {
        let rows = try Self.read(Self.fixture("stray-nul.csv")).rows
        let finding = try #require(rows.flatMap(\.findings).first)
        #expect(finding.code == .inputEncoding)
        #expect(finding.address.row == 3 && finding.address.column == 4)
        #expect(finding.evidence?.hasPrefix("byte offset 152: a NUL") == true, "\(finding.evidence ?? "")")
        #expect(rows[2].cells[3].text == "北京市西城区\u{FFFD}西长安街1号")
    }

    @Test func aNulByteInGB18030AndUTF16IsReportedToo() throws {
        let gb = try CharsetConverter(charset: "GB18030").encode("姓名,身份证\n张三,1\n")
        let gbPath = try SpreadsheetTestSupport.write(Array(gb[0..<12]) + [0] + Array(gb[12...]), name: "nul.csv")
        let gbFinding = try #require(try Self.read(gbPath, encoding: .gb18030).rows.flatMap(\.findings).first)
        #expect(gbFinding.evidence?.hasPrefix("byte offset 12: a NUL") == true, "\(gbFinding.evidence ?? "")")
        #expect(gbFinding.address.row == 2)

        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "a,b\nc,d\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        utf16.insert(contentsOf: [0, 0], at: 2 + 2 * 4)  // before "c,d": at byte 10
        let utf16Path = try SpreadsheetTestSupport.write(utf16, name: "nul16.csv")
        let rows = try Self.read(utf16Path).rows
        #expect(Self.texts(rows) == [["a", "b"], ["\u{FFFD}c", "d"]])
        #expect(rows[1].findings.first?.evidence?.hasPrefix("byte offset 10: a NUL") == true, "\(rows[1].findings)")
    }

    @Test func anUnpairedSurrogateInUTF16IsAFinding() throws {
        // "a,\u{D800}b" in UTF-16LE with a BOM: the lone surrogate is at byte offset 6.
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0, 0x2C, 0, 0x00, 0xD8, 0x62, 0, 0x0A, 0]
        let rows = try Self.read(try SpreadsheetTestSupport.write(bytes, name: "surrogate.csv")).rows
        #expect(Self.texts(rows) == [["a", "\u{FFFD}b"]])
        let finding = try #require(rows[0].findings.first)
        #expect(finding.address.column == 2)
        #expect(finding.evidence?.hasPrefix("byte offset 6:") == true, "\(finding.evidence ?? "")")
    }

    @Test func aTruncatedSequenceAtTheEndOfAUTF8FileIsAFinding() throws {
        let path = try SpreadsheetTestSupport.write(Array("a,b\n1,张".utf8) + [0xE4, 0xB8], name: "cut.csv")
        let rows = try Self.read(path, encoding: .utf8).rows
        #expect(Self.texts(rows) == [["a", "b"], ["1", "张\u{FFFD}"]])
        #expect(rows[1].findings.first?.evidence?.hasPrefix("byte offset 9: 2 byte(s)") == true, "\(rows[1].findings)")
    }

    @Test func severalBadSequencesInOneCellMakeOneFinding() throws {
        let path = try SpreadsheetTestSupport.write(Array("a,b\n1,".utf8) + [0xFF, 0x41, 0xFE, 0x42, 0x0A], name: "many.csv")
        let rows = try Self.read(path, encoding: .utf8).rows
        #expect(rows[1].findings.count == 1)
        #expect(rows[1].findings.first?.evidence == "byte offset 6: 1 byte(s) that are not valid UTF-8; 1 more in this cell")
    }

    /// A file judged UTF-8 from its first megabytes may still go wrong later: the reader
    /// reports it there instead of reading the file twice.
    @Test func anInvalidByteAfterTheSniffedStartOfAUTF8FileIsAFinding() throws {
        var bytes = Array("序号,姓名,公民身份号码\n".utf8)
        let line = Array("1,张三,11010119900307133X\n".utf8)
        while bytes.count <= EncodingDetector.sampleLimit + 1000 { bytes += line }
        let lines = bytes.count(where: { $0 == 0x0A })
        let offset = bytes.count + 2
        bytes += Array("2,".utf8) + [0xC0, 0xAF] + Array("李四,110101198506120354\n".utf8)
        let (reader, rows) = try Self.readLarge(bytes, name: "late.csv")
        #expect(reader.encoding == .utf8)
        #expect(reader.encodingSource == .validUTF8)
        let flagged = rows.filter { !$0.findings.isEmpty }
        #expect(flagged.count == 1)
        #expect(flagged.first?.number == lines + 1)
        #expect(flagged.first?.findings.first?.evidence?.hasPrefix("byte offset \(offset):") == true)
        #expect(flagged.first?.cells[1].text == "\u{FFFD}\u{FFFD}李四")
    }

    // MARK: Malformed rows

    @Test func anUnclosedQuoteMakesAMalformedRowAndReadingGoesOn() throws {
        let rows = try Self.read(Self.fixture("unclosed-quote.csv")).rows
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5])
        let malformed = rows[2]
        expectProduces(.inputMalformedRow, malformed.findings)
        #expect(malformed.findings.first?.address.column == 2)
        #expect(malformed.findings.first?.evidence?.contains("never closed") == true)
        // The broken row is read from its first line, as well as can be.
        #expect(malformed.cells.map(\.text) == ["2", "\"李秀英", "110101198506120354", "北京"])
        #expect(Self.texts(Array(rows[3...])) == [Self.register[3], ["4", "赵六", "110101198001010010", "天津"]])
        #expect(rows[3].findings.isEmpty && rows[4].findings.isEmpty)
    }

    @Test func aStrayQuoteClosedByALaterQuoteIsCaughtAndTheLaterRowIsRead() throws {
        let text = "姓名,身份证,住址\n\"张三,1,北京\n李四,2,\"上海,黄浦\"\n王五,3,天津\n"
        let rows = try Self.read(try SpreadsheetTestSupport.write(text, name: "stray.csv")).rows
        #expect(rows.map(\.number) == [1, 2, 3, 4])
        expectProduces(.inputMalformedRow, rows[1].findings)
        #expect(rows[1].findings.first?.evidence?.contains("stray quote") == true)
        #expect(Self.texts(Array(rows[2...])) == [["李四", "2", "上海,黄浦"], ["王五", "3", "天津"]])
    }

    @Test func aQuoteOverTooManyLinesIsTakenAsNeverClosed() throws {
        var text = "姓名,身份证\n张三,\"1\n"
        for index in 0..<150 { text += "人\(index),\(index)\n" }
        let rows = try Self.read(try SpreadsheetTestSupport.write(text, name: "long-quote.csv")).rows
        #expect(rows.count == 152)
        #expect(rows[1].findings.map(\.code) == [.inputMalformedRow])
        #expect(rows[1].findings.first?.evidence?.contains("more than 100 lines") == true)
        #expect(rows.last?.cells.map(\.text) == ["人149", "149"])
        #expect(rows.last?.number == 152)
    }

    /// A 10 MB cell (quoted or not) is cut, reported, and does not take 10 MB per copy.
    @Test(arguments: [false, true])
    func aTenMegabyteCellIsAMalformedRowAndReadingGoesOn(quoted: Bool) throws {
        var bytes = Array("姓名,身份证,备注\n张三,1,".utf8)
        if quoted { bytes.append(UInt8(ascii: "\"")) }
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 10 << 20)
        if quoted { bytes.append(UInt8(ascii: "\"")) }
        bytes += Array("\n李四,2,好\n".utf8)
        let rows = try Self.readLarge(bytes, name: "huge.csv").rows
        #expect(rows.map(\.number) == [1, 2, 3])
        expectProduces(.inputMalformedRow, rows[1].findings)
        #expect(rows[1].findings.first?.evidence?.contains("longer than 1024 KiB") == true)
        #expect(rows[1].cells.prefix(2).map(\.text) == ["张三", "1"])
        #expect(rows[1].cells.allSatisfy { $0.text.utf8.count <= 1030 })
        #expect(rows[2].cells.map(\.text) == ["李四", "2", "好"])
    }

    @Test func aNeverClosingQuoteOverAHugeFileIsBounded() throws {
        // No quote closes, no line ends within the limit: the row is cut at the limit and the
        // reader passes over the rest of its first line in chunks.
        var bytes = Array("姓名,身份证\n张三,\"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "y"), count: 3 << 20)
        bytes += Array("\n李四,2\n".utf8)
        let limits = RowLimits(maxRecordBytes: 4096, maxCells: 100, maxQuotedLines: 10)
        let rows = try Self.readLarge(bytes, name: "never.csv", limits: limits, chunkSize: 8192).rows
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows[1].findings.map(\.code) == [.inputMalformedRow])
        #expect(rows[2].cells.map(\.text) == ["李四", "2"])
    }

    @Test func tooManyCellsIsAMalformedRow() throws {
        let text = "a,b\n" + String(repeating: ",", count: 200) + "\nc,d\n"
        let limits = RowLimits(maxRecordBytes: 1 << 20, maxCells: 100, maxQuotedLines: 10)
        let rows = try Self.read(try SpreadsheetTestSupport.write(text, name: "wide.csv"), limits: limits).rows
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows[1].findings.first?.evidence == "the row has more than 100 cells")
        #expect(rows[1].cells.count == 100)
        #expect(Self.texts([rows[2]]) == [["c", "d"]])
    }

    // MARK: Whole files

    @Test func emptyAndHeaderOnlyFilesHaveNoDataRows() throws {
        #expect(try Self.read(Self.fixture("empty.csv")).rows.isEmpty)
        let rows = try Self.read(Self.fixture("header-only.csv")).rows
        #expect(Self.texts(rows) == [Self.register[0]])
    }

    @Test func aMissingFileOrADirectoryCannotBeRead() {
        SpreadsheetTestSupport.expectIngestError(.unreadable, containing: "no such file") { () throws(IngestError) in
            _ = try CSVReader(path: "/no/such/roll.csv")
        }
        SpreadsheetTestSupport.expectIngestError(.unreadable, containing: "directory") { () throws(IngestError) in
            _ = try CSVReader(path: NSTemporaryDirectory())
        }
    }
}
