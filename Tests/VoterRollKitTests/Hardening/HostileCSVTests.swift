import Foundation
import Testing

@testable import VoterRollKit

/// CSV files made to break the reader: each ends with findings on the rows it damages, the
/// rows after it read as usual, within the time and memory docs/LIMITS.md states.
///
/// Covered elsewhere: a quote never closed at the end of the file and a stray quote
/// (CSVReaderTests.anUnclosedQuoteMakesAMalformedRowAndReadingGoesOn, …StrayQuote…), a quote
/// over too many lines, a 10 MB cell, 200 cells over a limit of 100, a lone high surrogate in
/// UTF-16LE (CSVReaderTests.anUnpairedSurrogateInUTF16IsAFinding), NUL bytes, bad GB18030.
@Suite struct HostileCSVTests {
    typealias Support = SpreadsheetTestSupport

    // The register's needed columns; 选区 numbered as some offices number them.
    static let header = "选区,姓名,公民身份号码\n"
    static let goodRow = "2,张三,11010119900307133X\n"

    @Test func aRowOfAMillionColumnsIsOneMalformedRow() throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("wide.csv").path
        var bytes = Array((Self.header + "1,").utf8)
        bytes += [UInt8](repeating: UInt8(ascii: ","), count: 999_999)
        bytes += Array(("\n" + Self.goodRow).utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let rows = try Support.readAll(CSVReader(path: path, file: "wide.csv"))
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows[1].findings.map(\.code) == [.inputMalformedRow])
        #expect(rows[1].findings.first?.evidence == "the row has more than 16384 cells")
        #expect(rows[1].cells.count == RowLimits.standard.maxCells)
        #expect(rows[2].cells.map(\.text) == ["2", "张三", "11010119900307133X"])

        let run = try ToolMeasurement.check(path, in: directory, label: "CSV, 1,000,000 columns in one row (2 MB)")
        #expect(run.status == 1)
        #expect(run.summary?.byCode["input.malformed-row"] == 1)
        #expect(run.summary?.kept == 1)
        run.expectWithin(seconds: 30, mebibytes: 200)
    }

    /// A quote opened and never closed, then 100 MB without a line break: the row is cut at the
    /// 1 MiB record limit and the rest of its line passed over in chunks, so memory stays at a
    /// few chunks. The file is made in a temporary folder and deleted after.
    @Test func aQuoteNeverClosedOver100MegabytesIsBounded() throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("never.csv")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data((Self.header + "1,\"张三").utf8))
        let block = Data(String(repeating: "永不关闭的引号", count: (1 << 20) / 21).utf8)  // ~1 MiB
        for _ in 0..<100 { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data(("\n" + Self.goodRow).utf8))
        try handle.close()
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        #expect(size > 100_000_000)

        let rows = try Support.readAll(CSVReader(path: url.path, file: "never.csv"))
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows[1].findings.map(\.code) == [.inputMalformedRow])
        #expect(rows[1].cells.allSatisfy { $0.text.utf8.count <= 1030 })
        #expect(rows[2].cells.map(\.text) == ["2", "张三", "11010119900307133X"])

        let run = try ToolMeasurement.check(url.path, in: directory, label: "CSV, quote never closed over 100 MB")
        #expect(run.status == 1)
        #expect(run.summary?.byCode["input.malformed-row"] == 1)
        #expect(run.summary?.kept == 1)
        run.expectWithin(seconds: 120, mebibytes: 200)
    }

    struct Surrogate: Sendable, CustomTestStringConvertible {
        var name: String
        /// The cell's UTF-16 code units after "a,".
        var units: [UInt16]
        var bigEndian = false
        /// The cell as read.
        var text: String
        /// Index in `units` of the first one that cannot be decoded.
        var firstBad = 0
        var atEnd = false
        var testDescription: String { name }
    }

    static let surrogates: [Surrogate] = [
        Surrogate(name: "lone low surrogate", units: [0xDC00, 0x62], text: "\u{FFFD}b"),
        Surrogate(name: "two high surrogates", units: [0xD83D, 0xD83D, 0xDE00], text: "\u{FFFD}😀"),
        Surrogate(name: "low before high", units: [0xDE00, 0xD83D, 0x62], text: "\u{FFFD}\u{FFFD}b"),
        Surrogate(name: "high surrogate at the end of the file", units: [0x62, 0xD83D], text: "b\u{FFFD}", firstBad: 1, atEnd: true),
        Surrogate(name: "lone low surrogate, big-endian", units: [0xDC00, 0x62], bigEndian: true, text: "\u{FFFD}b"),
    ]

    /// Each unpaired surrogate becomes U+FFFD and an `input.encoding` finding naming the byte
    /// offset; the rest of the row and file reads on.
    @Test(arguments: surrogates)
    func invalidUTF16SurrogatesAreFindings(case surrogate: Surrogate) throws {
        let atEnd = surrogate.atEnd
        var units: [UInt16] = [0xFEFF] + Array("a,".utf16) + surrogate.units
        if !atEnd { units += Array("\nc,d\n".utf16) }
        let bytes = units.flatMap { unit -> [UInt8] in
            let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
            return surrogate.bigEndian ? [high, low] : [low, high]
        }
        let rows = try Support.readAll(CSVReader(path: Support.write(bytes, name: "surrogate.csv"), file: "surrogate.csv"))
        #expect(rows.first?.cells.map(\.text) == ["a", surrogate.text])
        let finding = try #require(rows.first?.findings.first)
        expectProduces(.inputEncoding, [finding])
        #expect(finding.address.column == 2)
        // The cell starts after the byte order mark and "a,": byte 6.
        let offset = 6 + 2 * surrogate.firstBad
        #expect(finding.evidence?.hasPrefix("byte offset \(offset):") == true, "\(finding.evidence ?? "")")
        if !atEnd { #expect(rows.last?.cells.map(\.text) == ["c", "d"]) }
    }

    /// One file, several encodings: each way of mixing them ends in findings on the rows that
    /// do not decode, or (GB18030 read as what it is) in text that still reads.
    @Test func aGB18030RowInAUTF8FileWithAByteOrderMarkIsAFindingOnThatRow() throws {
        var bytes = [0xEF, 0xBB, 0xBF] + Array((Self.header + "1,李四,110101198506120354\n").utf8)
        let offset = bytes.count + 2
        bytes += Array("3,".utf8) + [0xD5, 0xC5, 0xC8, 0xFD] + Array(",11010119900307133X\n".utf8)  // 张三 in GB18030
        let (reader, rows) = try CSVReaderTests.read(Support.write(bytes, name: "mixed.csv"))
        #expect(reader.encoding == .utf8)
        #expect(rows.count == 3)
        let finding = try #require(rows[2].findings.first)
        expectProduces(.inputEncoding, [finding])
        #expect(finding.address.column == 2)
        #expect(finding.evidence?.hasPrefix("byte offset \(offset):") == true, "\(finding)")
        #expect(rows[2].cells[2].text == "11010119900307133X")
    }

    @Test func utf16TextPastedIntoAUTF8FileIsAFindingNotATruncatedRow() throws {
        // A UTF-8 file with a byte order mark, and a row pasted from a UTF-16 export: its NULs.
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(Self.header.utf8)
        bytes += Array("2,Ali,11010119900307133X".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0x0A]
        bytes += Array("3,李四,110101198506120354\n".utf8)
        let rows = try CSVReaderTests.read(Support.write(bytes, name: "pasted.csv")).rows
        #expect(rows.count == 3)
        expectProduces(.inputEncoding, rows[1].findings)
        #expect(rows[1].findings.first?.evidence?.contains("NUL") == true, "\(rows[1].findings)")
        #expect(rows[1].cells.count == 3)
        #expect(rows[2].cells.map(\.text) == ["3", "李四", "110101198506120354"])
    }

    /// UTF-8 with a GB18030 row and no byte order mark: the sample is not UTF-8, but its Chinese
    /// text is UTF-8 far more often than not, so the file is read as UTF-8 and the GB18030 row is
    /// the finding (as with a byte order mark), instead of every UTF-8 row.
    @Test func aGB18030RowInAUTF8FileWithoutAByteOrderMarkIsAFindingOnThatRow() throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mixed.csv").path
        var bytes = Array((Self.header + "1,李四,110101198506120354\n3,").utf8)
        let offset = bytes.count
        bytes += [0xD5, 0xC5, 0xC8, 0xFD] + Array(",11010119900307133X\n".utf8)  // 张三 in GB18030
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let (reader, rows) = try CSVReaderTests.read(path)
        #expect(reader.encoding == .utf8)
        #expect(reader.encodingSource == .mostlyUTF8)
        #expect(Self.texts(rows.prefix(2)) == [["选区", "姓名", "公民身份号码"], ["1", "李四", "110101198506120354"]])
        let finding = try #require(rows.last?.findings.first)
        expectProduces(.inputEncoding, [finding])
        #expect(finding.address.column == 2)
        #expect(finding.evidence?.hasPrefix("byte offset \(offset):") == true, "\(finding)")
        #expect(rows.last?.cells.last?.text == "11010119900307133X")

        let run = try ToolMeasurement.check(path, in: directory, label: "CSV, UTF-8 with a GB18030 row, no byte order mark")
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.summary?.byCode["input.encoding"] == 1)
        #expect(run.summary?.kept == 2)
    }

    // 选区,姓名,公民身份号码 and 1,李四,110101198506120354 in GB18030.
    static let gb18030Start: [UInt8] = [
        0xD1, 0xA1, 0xC7, 0xF8, 0x2C, 0xD0, 0xD5, 0xC3, 0xFB, 0x2C,
        0xB9, 0xAB, 0xC3, 0xF1, 0xC9, 0xED, 0xB7, 0xDD, 0xBA, 0xC5, 0xC2, 0xEB, 0x0A,
    ] + Array("1,".utf8) + [0xC0, 0xEE, 0xCB, 0xC4] + Array(",110101198506120354\n".utf8)

    static func texts(_ rows: some Sequence<SourceRow>) -> [[String]] { rows.map { $0.cells.map(\.text) } }

    /// A GB18030 register with a row saved as UTF-8: GB18030 would decode its bytes without an
    /// error into other characters (张三 as 寮犱笁). The run is well-formed UTF-8 with two
    /// common Han characters, so it is read as UTF-8 and reported on its cell; wherever the
    /// chunks of the file end.
    @Test(arguments: [TextDecoder.defaultChunkSize, 16, 23, 64])
    func aUTF8RowInAGB18030FileIsReadAsUTF8AndIsAFinding(chunkSize: Int) throws {
        var bytes = Self.gb18030Start + Array("2,".utf8)
        let offset = bytes.count
        bytes += Array("张三,11010119900307133X\n".utf8)
        bytes += Array("3,".utf8) + [0xCD, 0xF5, 0xCE, 0xE5] + Array(",110102197210010158\n".utf8)  // 王五
        let (reader, rows) = try CSVReaderTests.read(Support.write(bytes, name: "mixed-gb.csv"), chunkSize: chunkSize)
        #expect(reader.encoding == .gb18030)
        #expect(Self.texts(rows) == [
            ["选区", "姓名", "公民身份号码"], ["1", "李四", "110101198506120354"], ["2", "张三", "11010119900307133X"],
            ["3", "王五", "110102197210010158"],
        ])
        #expect(rows.enumerated().allSatisfy { $0.offset == 2 || $0.element.findings.isEmpty })
        let finding = try #require(rows[2].findings.first)
        #expect(rows[2].findings.count == 1)
        expectProduces(.inputEncoding, [finding])
        #expect(finding.address.column == 2)
        #expect(finding.value == "张三")
        let evidence = finding.evidence ?? ""
        #expect(evidence.hasPrefix("byte offset \(offset): 6 bytes of UTF-8 text in a file read as GB18030"), "\(evidence)")
        #expect(evidence.contains("寮犱笁") && evidence.contains("save the whole file again in one encoding"), "\(evidence)")
    }

    /// Through the tool: the row is kept with its right name, and the finding is an error.
    @Test func aUTF8RowInAGB18030FileEndsWithAFindingThroughTheTool() throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mixed-gb.csv").path
        try Data(Self.gb18030Start + Array("2,张三,11010119900307133X\n".utf8)).write(to: URL(fileURLWithPath: path))
        let run = try ToolMeasurement.check(path, in: directory, label: "CSV, GB18030 with a UTF-8 row")
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.summary?.byCode["input.encoding"] == 1)
        #expect(run.summary?.kept == 2)
        let roll = (try? String(contentsOf: run.output.appendingPathComponent("roll.csv"), encoding: .utf8)) ?? ""
        #expect(roll.contains("张三") && !roll.contains("寮犱笁"), "\(roll)")
    }
}
