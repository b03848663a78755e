import Foundation
import Testing

@testable import VoterRollKit

/// The published lists (选民榜) and the .xlsx outputs, through `voterroll check`.
@Suite struct PublishedTests {
    /// A register whose published list order is known: 丁 2 strokes, 王 4, 田 5, 欧(阳) 8,
    /// 诸(葛) 10; and a name made to look like a formula.
    static func strokesRegister() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strokes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var text = "选区,选民小组,姓名,性别,出生日期,公民身份号码\n"
        for (index, name) in ["诸葛亮", "田七", "=HYPERLINK(\"http://x\")", "欧阳修", "丁一", "王五"].enumerated() {
            let body = String(format: "11010119%02d0101%03d", 50 + index, 11 + 2 * index)
            text += "第一选区,第\(index % 2 + 1)组,\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\",男,,\(body)\(ReportTests.checkDigit(body))\n"
        }
        let url = folder.appendingPathComponent("register.csv")
        try text.write(to: url, atomically: false, encoding: .utf8)
        return url
    }

    func run(_ roll: URL, _ extra: [String] = []) throws -> URL {
        let out = roll.deletingLastPathComponent().appendingPathComponent("out")
        let result = try VoterRollProcess.run(
            ["check", roll.path, "--election-day", "2026-12-01", "--out", out.path, "--no-store", "--quiet"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return out
    }

    @Test func theListIsOrderedBySurnameStrokes() throws {
        let roll = try Self.strokesRegister()
        defer { try? FileManager.default.removeItem(at: roll.deletingLastPathComponent()) }
        let out = try run(roll)
        let rows = try CheckCommandTests.readCSV(out.appendingPathComponent("published/第一选区.csv"))
        #expect(rows.map { $0["姓名"] ?? "" }.filter { !$0.contains("HYPERLINK") } == ["丁一", "王五", "田七", "欧阳修", "诸葛亮"])
        #expect(rows.map { $0["序号"] ?? "" } == ["1", "2", "3", "4", "5", "6"])
        #expect(rows.first?.keys.sorted() == ["出生年月", "姓名", "序号", "性别", "选民小组"])
        #expect(rows.first { $0["姓名"] == "丁一" }?["出生年月"] == "1954.01")
    }

    @Test func pinyinOrderOnRequest() throws {
        let roll = try Self.strokesRegister()
        defer { try? FileManager.default.removeItem(at: roll.deletingLastPathComponent()) }
        let out = try run(roll, ["--published-order", "pinyin"])
        let rows = try CheckCommandTests.readCSV(out.appendingPathComponent("published/第一选区.csv"))
        // ding, ouyang, tian, wang, zhuge (the Latin name first: it has no pinyin).
        #expect(rows.map { $0["姓名"] ?? "" }.filter { !$0.contains("HYPERLINK") } == ["丁一", "欧阳修", "田七", "王五", "诸葛亮"])
    }

    @Test func aFormulaLikeNameIsEscaped() throws {
        let roll = try Self.strokesRegister()
        defer { try? FileManager.default.removeItem(at: roll.deletingLastPathComponent()) }
        let out = try run(roll)
        let csv = try String(contentsOf: out.appendingPathComponent("published/第一选区.csv"), encoding: .utf8)
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
        let html = try String(contentsOf: out.appendingPathComponent("published/第一选区.html"), encoding: .utf8)
        #expect(html.contains("=HYPERLINK(&quot;http://x&quot;)"))
    }

    @Test func noPublishedFileHoldsAnIDNumber() throws {
        let (_, out) = try ReportTests.runCheck(["--formats", "csv,xlsx"])
        defer { try? FileManager.default.removeItem(at: out) }
        let ids = try CheckCommandTests.readCSV(out.appendingPathComponent("roll.csv")).compactMap { $0["id_number"] }
        #expect(ids.count == 29)
        let folder = out.appendingPathComponent("published")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["第一选区.csv", "第一选区.html", "第一选区.xlsx", "第二选区.csv", "第二选区.html", "第二选区.xlsx"])
        let idPattern = try NSRegularExpression(pattern: "[0-9]{15}|[0-9]{17}[0-9Xx]")
        for name in names {
            let path = folder.appendingPathComponent(name).path
            var text: String
            if name.hasSuffix(".xlsx") {
                let reader = try XLSXReader(path: path, file: name)
                text = ""
                while let row = try reader.next() { text += row.cells.map(\.text).joined(separator: ",") + "\n" }
            } else {
                text = try String(contentsOfFile: path, encoding: .utf8)
            }
            for id in ids { #expect(!text.contains(id), "\(name) holds \(id)") }
            for id in ids { #expect(!text.contains(String(id.prefix(15))), "\(name) holds most of \(id)") }
            let range = NSRange(text.startIndex..., in: text)
            #expect(idPattern.firstMatch(in: text, range: range) == nil, "\(name) holds a long number")
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect(attributes[.posixPermissions] as? Int == 0o644, "\(name) is for the public")
        }
    }

    @Test func theHTMLListPrintsOnA4WithRepeatedHeaderAndPageNumbers() throws {
        let (_, out) = try ReportTests.runCheck()
        defer { try? FileManager.default.removeItem(at: out) }
        let path = out.appendingPathComponent("published/第一选区.html")
        _ = try ReportTests.tagged(path)  // well-formed
        let html = try String(contentsOf: path, encoding: .utf8)
        #expect(html.contains("<title>第一选区选民名单</title>"))
        #expect(html.contains("<h1>第一选区选民名单</h1>"))
        #expect(html.contains("size: A4"))
        #expect(html.contains("thead { display: table-header-group; }"))
        #expect(html.contains("counter(page)") && html.contains("counter(pages)"))
        #expect(html.contains("<th>序号</th><th>姓名</th><th>性别</th><th>出生年月</th><th>选民小组</th>"))
        #expect(html.contains("共 28 人"))
        #expect(html.components(separatedBy: "<tr><td class=\"n\">").count - 1 == 28)
    }

    @Test func gb18030OutputsRoundTrip() throws {
        let (_, utf8) = try ReportTests.runCheck()
        let (_, gb) = try ReportTests.runCheck(["--output-encoding", "gb18030"])
        defer {
            try? FileManager.default.removeItem(at: utf8)
            try? FileManager.default.removeItem(at: gb)
        }
        for name in ["roll.csv", "published/第一选区.csv", "published/第二选区.csv", "rejected.csv"] {
            let plain = try [UInt8](Data(contentsOf: utf8.appendingPathComponent(name)))
            let encoded = try [UInt8](Data(contentsOf: gb.appendingPathComponent(name)))
            #expect(Array(plain.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(encoded.prefix(3) != plain.prefix(3), "\(name) has no byte order mark in GB18030")
            let converter = try CharsetConverter(charset: "GB18030")
            let decoded = try converter.decode(encoded)
            #expect(decoded.invalid.isEmpty)
            #expect(decoded.text == String(decoding: plain.dropFirst(3), as: UTF8.self), "\(name)")
        }
    }

    @Test func xlsxOutputsReadBackAsTheCSVOnes() throws {
        let (_, out) = try ReportTests.runCheck(["--formats", "csv,xlsx"])
        defer { try? FileManager.default.removeItem(at: out) }
        for (csv, xlsx) in [("roll.csv", "roll.xlsx"), ("published/第一选区.csv", "published/第一选区.xlsx")] {
            let table = try OutputTable(path: out.appendingPathComponent(csv).path, encoding: .utf8BOM)
            var expected: [[String]] = []
            while try table.next() { expected.append(table.cells) }
            let reader = try XLSXReader(path: out.appendingPathComponent(xlsx).path, file: xlsx)
            var rows: [[String]] = []
            while let row = try reader.next() {
                var cells = [String](repeating: "", count: row.cells.last?.column ?? 0)
                for cell in row.cells { cells[cell.column - 1] = cell.text }
                rows.append(cells)
            }
            let header = rows.removeFirst()
            #expect(rows.count == expected.count, "\(xlsx)")
            for (row, want) in zip(rows, expected) {
                #expect(row == Array(want.prefix(row.count)) && want.dropFirst(row.count).allSatisfy(\.isEmpty), "\(xlsx)")
            }
            #expect(header.first == (csv == "roll.csv" ? "constituency" : "序号"))
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("roll.xlsx").path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
    }
}
