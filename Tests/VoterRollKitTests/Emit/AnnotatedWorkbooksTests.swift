import Foundation
import Testing
import ZIPFoundation

@testable import VoterRollKit

/// `annotated/<input>.xlsx` on the demo township: exactly the findings' cells marked, with
/// their comments; and the workbook read back as the register it came from, a fixed cell's
/// finding gone on the next run.
@Suite struct AnnotatedWorkbooksTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A finding as findings.jsonl has it, reduced to where it is and what it is.
    struct Located: Hashable, Comparable {
        var file: String
        /// The sheet in the annotated workbook: the input's, or the file's name for CSV.
        var sheet: String
        var cell: String
        var code: String

        static func < (lhs: Located, rhs: Located) -> Bool {
            (lhs.file, lhs.sheet, lhs.cell, lhs.code) < (rhs.file, rhs.sheet, rhs.cell, rhs.code)
        }
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("annotated-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs the demo pipeline with `annotated` into `out`, a register (0: the CSV of 第一选区,
    /// 1: the XLSX of 第二选区) replaced by another file when given.
    private func runDemo(out: URL, register: (index: Int, path: String)? = nil) throws -> Pipeline {
        var pipeline = try PipelineLoader.load(path: Self.root.appendingPathComponent("pipelines/demo.yaml").path)
        pipeline.options.formats = [.csv, .annotated]
        if let register { pipeline.inputs.rolls[register.index] = InputSource(path: register.path) }
        _ = try CheckRun(inputs: pipeline.inputs, options: pipeline.options, outputDirectory: out.path).run()
        return pipeline
    }

    /// The run's findings, by the file's name; a finding about a whole row is at its column A,
    /// where the workbook marks it.
    private func findings(in out: URL) throws -> [Located] {
        let text = try String(contentsOf: out.appendingPathComponent("findings.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let file = (try #require(object["file"] as? String) as NSString).lastPathComponent
            let sheet = object["sheet"] as? String
            let row = try #require(object["row"] as? Int)
            let cell = try #require(object["cell"] as? String)
            // `Sheet!H12` or `roll.csv:12:H` / `roll.csv:12`.
            let letters: String
            if let sheet {
                letters = String(cell.dropFirst(sheet.count + 1).prefix { $0.isLetter })
            } else {
                let parts = cell.split(separator: ":")
                letters = parts.count == 3 ? String(parts[2]) : ""
            }
            return Located(
                file: file, sheet: sheet ?? file, cell: (letters.isEmpty ? "A" : letters) + String(row),
                code: try #require(object["code"] as? String))
        }
    }

    /// The parts of a workbook, by name.
    private func parts(_ path: URL) throws -> [String: String] {
        let archive = try Archive(url: path, accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts[entry.path] = String(decoding: data, as: UTF8.self)
        }
        return parts
    }

    private func matches(_ pattern: String, in text: String) throws -> [[String]] {
        let expression = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).map { match in
            (1..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    /// Each cell's reference and style (`0` for none) in a sheet's XML: a cell without `r`
    /// is in the column after the previous one.
    private func cellStyles(_ xml: String) throws -> [(cell: String, style: String)] {
        var found: [(String, String)] = []
        for row in try matches("<row r=\"([0-9]+)\"[^>]*>(.*?)</row>", in: xml) {
            var column = 0
            for cell in try matches("<c( r=\"([A-Z]+)[0-9]+\")?( s=\"([0-9])\")?[ />]", in: row[1]) {
                column = cell[1].isEmpty ? column + 1 : try #require(CellAddress.column(forLetters: cell[1]))
                found.append((CellAddress.letters(forColumn: column) + row[0], cell[3].isEmpty ? "0" : cell[3]))
            }
        }
        return found
    }

    /// What the workbook marks: per sheet name, each filled cell's style, and each comment.
    private func marks(_ parts: [String: String]) throws -> (sheets: [String], fills: [String: [String: String]], comments: [String: [String: String]]) {
        let workbook = try #require(parts["xl/workbook.xml"])
        let sheets = try matches("<sheet name=\"([^\"]*)\"", in: workbook).map { $0[0] }
        var fills: [String: [String: String]] = [:]
        var comments: [String: [String: String]] = [:]
        for (index, sheet) in sheets.enumerated() {
            let xml = try #require(parts["xl/worksheets/sheet\(index + 1).xml"])
            for (cell, style) in try cellStyles(xml) where ["4", "5", "6"].contains(style) { fills[sheet, default: [:]][cell] = style }
            if let part = parts["xl/comments\(index + 1).xml"] {
                #expect(xml.contains("<legacyDrawing r:id=\"rId1\"/>"))
                #expect(parts["xl/drawings/vmlDrawing\(index + 1).vml"] != nil)
                for match in try matches("<comment ref=\"([A-Z]+[0-9]+)\"[^>]*><text><t[^>]*>(.*?)</t>", in: part) {
                    comments[sheet, default: [:]][match[0]] = match[1]
                }
            }
        }
        return (sheets, fills, comments)
    }

    @Test func theDemoWorkbooksMarkExactlyTheFindingsCellsWithTheirComments() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let pipeline = try runDemo(out: out)
        let found = try findings(in: out)
        #expect(!found.isEmpty)
        let annotated = out.appendingPathComponent("annotated")
        let names = try FileManager.default.contentsOfDirectory(atPath: annotated.path).sorted()
        let inputs = pipeline.inputs.all.map { ($0.source.path as NSString).lastPathComponent }
        #expect(names == inputs.map { (($0 as NSString).deletingPathExtension) + ".xlsx" }.sorted())

        for input in inputs {
            let book = try parts(annotated.appendingPathComponent((input as NSString).deletingPathExtension + ".xlsx"))
            let (sheets, fills, comments) = try marks(book)
            #expect(sheets.first == "问题清单", "\(input)")
            #expect(try #require(book["xl/workbook.xml"]).contains("<definedName name=\"VoterRoll.FindingsList\" localSheetId=\"0\">"))
            let mine = found.filter { $0.file == input }
            // 问题清单: a header and one row per finding, each with a link to its cell.
            let list = try #require(book["xl/worksheets/sheet1.xml"])
            #expect(try matches("<row r=", in: list).count == mine.count + 1, "\(input)")
            #expect(try matches("<hyperlink ", in: list).count == mine.count, "\(input)")
            #expect(list.contains("<pane ySplit=\"1\""), "\(input)")
            #expect(list.contains("<autoFilter ref=\"A1:G\(mine.count + 1)\"/>"), "\(input)")
            if input == "roll.csv" {
                // The value as the cell holds it: the ID number Excel turned into a number.
                #expect(try matches("<t>3\\.70102E\\+17</t>", in: list).count == 1)
            }

            var expected: [String: [String: [String]]] = [:]
            for finding in mine { expected[finding.sheet, default: [:]][finding.cell, default: []].append(finding.code) }
            for sheet in sheets.dropFirst() {
                let cells = expected[sheet] ?? [:]
                #expect(Set((fills[sheet] ?? [:]).keys) == Set(cells.keys), "\(input) \(sheet)")
                #expect(Set((comments[sheet] ?? [:]).keys) == Set(cells.keys), "\(input) \(sheet)")
                for (cell, codes) in cells {
                    let severity = codes.compactMap { FindingCode(rawValue: $0)?.severity }.max()
                    let style = severity == .error ? "4" : severity == .warning ? "5" : "6"
                    #expect(fills[sheet]?[cell] == style, "\(input) \(sheet)!\(cell)")
                    let comment = comments[sheet]?[cell] ?? ""
                    for code in codes {
                        let known = try #require(FindingCode(rawValue: code))
                        #expect(comment.contains(code), "\(input) \(sheet)!\(cell)")
                        #expect(comment.contains(known.message(.zh)), "\(input) \(sheet)!\(cell)")
                        #expect(comment.contains(known.whatToDo(.zh)), "\(input) \(sheet)!\(cell)")
                    }
                }
            }
            // Every finding's sheet is in the workbook.
            #expect(Set(expected.keys).isSubset(of: Set(sheets.dropFirst())), "\(input)")
        }
    }

    /// Where a finding is and what it is, without its file's name (an annotated CSV is an .xlsx).
    private func cells(_ findings: [Located], file: String) -> [Located] {
        findings.filter { $0.file == file }.map { Located(file: "", sheet: $0.sheet, cell: $0.cell, code: $0.code) }.sorted()
    }

    /// Copies `annotated/<name>` of a run to a clerk's folder, as the clerk saves it to work on.
    private func clerkCopy(of name: String, from run: URL, into folder: URL) throws -> URL {
        let copy = folder.appendingPathComponent("clerk/\(name)")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: run.appendingPathComponent("annotated/\(name)"), to: copy)
        return copy
    }

    @Test func anAnnotatedXLSXRegisterReadsBackWithTheSameFindingsOnTheSameCells() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let first = out.appendingPathComponent("first")
        _ = try runDemo(out: first)
        let copy = try clerkCopy(of: "roll-2.xlsx", from: first, into: out)
        let second = out.appendingPathComponent("second")
        _ = try runDemo(out: second, register: (1, copy.path))
        let before = cells(try findings(in: first), file: "roll-2.xlsx")
        #expect(!before.isEmpty)
        #expect(cells(try findings(in: second), file: "roll-2.xlsx") == before)
        // The same people kept and excluded.
        let summary = { (run: URL) in try String(contentsOf: run.appendingPathComponent("roll.csv"), encoding: .utf8).split(separator: "\n").count }
        #expect(try summary(second) == summary(first))
    }

    @Test func anAnnotatedCSVRegisterReadsBackAndAFixedCellLosesItsFinding() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let first = out.appendingPathComponent("first")
        _ = try runDemo(out: first)
        let before = cells(try findings(in: first), file: "roll.csv")
        #expect(!before.isEmpty)

        // The annotated workbook of the CSV register, as the register: the same findings on the
        // same cells (its one sheet is named after the CSV file).
        let copy = try clerkCopy(of: "roll.xlsx", from: first, into: out)
        let second = out.appendingPathComponent("second")
        _ = try runDemo(out: second, register: (0, copy.path))
        #expect(cells(try findings(in: second), file: "roll.xlsx") == before)

        // The clerk corrects the ID number with a wrong check digit, in the annotated workbook.
        let wrong = try #require(before.first { $0.code == FindingCode.idChecksum.rawValue })
        let sheetIndex = try #require(try marks(parts(copy)).sheets.firstIndex(of: wrong.sheet)) + 1
        let entryName = "xl/worksheets/sheet\(sheetIndex).xml"
        var xml = try #require(try parts(copy)[entryName])
        // The marked cell of that row holds the wrong number: its text changes, in its row only.
        let rowNumber = String(wrong.cell.drop { $0.isLetter })
        let rowXML = try #require(try matches("(<row r=\"\(rowNumber)\"[^>]*>.*?</row>)", in: xml).first?.first)
        let cell = try #require(try matches("<c[^>]* s=\"4\"[^>]*><is><t[^>]*>([0-9Xx]{18})</t>", in: rowXML).first?.first)
        let digits = cell.prefix(17).compactMap(\.wholeNumberValue)
        let fixed = String(cell.prefix(17)) + String(SynthID.check(digits))
        #expect(fixed != cell)
        xml = xml.replacingOccurrences(of: rowXML, with: rowXML.replacingOccurrences(of: ">\(cell)<", with: ">\(fixed)<"))
        let archive = try Archive(url: copy, accessMode: .update)
        try archive.remove(try #require(archive[entryName]))
        let data = Data(xml.utf8)
        try archive.addEntry(with: entryName, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
            position, size in data.subdata(in: Int(position)..<Int(position) + size)
        }

        let third = out.appendingPathComponent("third")
        _ = try runDemo(out: third, register: (0, copy.path))
        let after = cells(try findings(in: third), file: "roll.xlsx")
        #expect(!after.contains(wrong))
        // Every other row's findings are where they were.
        let row = wrong.cell.drop { $0.isLetter }
        let elsewhere = { (findings: [Located]) in findings.filter { $0.cell.drop { $0.isLetter } != row } }
        #expect(elsewhere(after) == elsewhere(before))
        #expect(after.count < before.count)
    }

    /// A finding on a workbook that names no sheet (about the whole file) is listed and links to
    /// the first sheet, marking nothing; a finding on a sheet marks its cell.
    @Test func aFindingNamingNoSheetLinksToTheFirstSheet() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("register.xlsx").path
        let writer = try XLSXWriter(path: input, sheetName: "名单", isPrivate: true, columnWidths: [])
        try writer.writeRow([.text("姓名"), .text("公民身份号码")])
        try writer.writeRow([.text("张三"), .text("370102198001010031")])
        try writer.commit()

        let index = FindingMarks(inputs: [("roll", InputSource(path: input))])
        index.add(Finding(code: .inputRowsDropped, address: CellAddress(file: input, row: 1)))
        index.add(Finding(code: .idChecksum, address: CellAddress(file: input, sheet: "名单", row: 2, column: 2)))
        index.add(Finding(code: .idChecksum, address: CellAddress(file: folder.appendingPathComponent("other.csv").path, row: 2)))
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let names = try AnnotatedWorkbooks.write(
            index, directory: out.path, options: CheckOptions(electionDay: try #require(CivilDate(year: 2026, month: 12, day: 1))))
        #expect(names == ["register.xlsx"])
        let book = try parts(out.appendingPathComponent("annotated/register.xlsx"))
        let list = try #require(book["xl/worksheets/sheet1.xml"])
        let locations = try matches("<hyperlink ref=\"B([0-9]+)\" location=\"([^\"]*)\"", in: list).map { $0[1] }
        // Errors first: the checksum, then the note about the whole file.
        #expect(locations == ["'名单'!B2", "'名单'!A1"])
        let (sheets, fills, comments) = try marks(book)
        #expect(sheets == ["问题清单", "名单"])
        #expect(fills["名单"] == ["B2": "4"])
        #expect(Set((comments["名单"] ?? [:]).keys) == ["B2"])
    }
}
