import Foundation
import Testing

@testable import VoterRollKit

/// The published lists (选民榜): order, content, files.
@Suite struct PublishedListsTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("published-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func names(inCSV path: String, encoding: OutputEncoding = .utf8BOM) throws -> [[String]] {
        let table = try OutputTable(path: path, encoding: encoding)
        var rows: [[String]] = []
        while try table.next() { rows.append(table.cells) }
        return rows
    }

    @Test func surnameStrokesOrderTheList() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lists = PublishedLists()
        // 丁 2 strokes, 王 4, 田 5, 欧(阳) 8, 诸(葛) 10: given here in no order.
        for name in ["诸葛亮", "田七", "欧阳修", "丁一", "王五"] {
            lists.add(constituency: "第一选区", voterGroup: "第一组", name: name, gender: "男", birthDate: "1980-03-04")
        }
        let written = try lists.write(
            directory: directory.path, order: .strokes, formats: [.csv], encoding: .utf8BOM,
            calendar: ElectionCalendar(electionDay: RuleTestSupport.day("2026-12-01"), postingDay: nil, asOf: RuleTestSupport.day("2026-11-01")))
        #expect(written == [.init(constituency: "第一选区", title: "第一选区选民名单", count: 5, files: ["第一选区.html", "第一选区.csv"])])
        let rows = try names(inCSV: directory.appendingPathComponent("published/第一选区.csv").path)
        #expect(rows.map { $0[1] } == ["丁一", "王五", "田七", "欧阳修", "诸葛亮"])
        #expect(rows[0] == ["1", "丁一", "男", "1980.03", "第一组"])
        let html = try String(contentsOfFile: directory.appendingPathComponent("published/第一选区.html").path, encoding: .utf8)
        let positions = ["丁一", "王五", "田七", "欧阳修", "诸葛亮"].compactMap { html.range(of: $0)?.lowerBound }
        #expect(positions.count == 5)
        #expect(positions == positions.sorted())
    }

    @Test func pinyinOrderIsAnOption() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lists = PublishedLists()
        for name in ["张三", "单明", "钱七", "安心"] {
            lists.add(constituency: "东街", voterGroup: "", name: name, gender: "女", birthDate: "1990-11-30")
        }
        _ = try lists.write(
            directory: directory.path, order: .pinyin, formats: [.csv], encoding: .utf8BOM,
            calendar: ElectionCalendar(electionDay: RuleTestSupport.day("2026-12-01"), postingDay: nil, asOf: RuleTestSupport.day("2026-11-01")))
        let rows = try names(inCSV: directory.appendingPathComponent("published/东街.csv").path)
        // 单 as a surname reads shan.
        #expect(rows.map { $0[1] } == ["安心", "钱七", "单明", "张三"])
        let html = try String(contentsOfFile: directory.appendingPathComponent("published/东街.html").path, encoding: .utf8)
        #expect(html.contains("<h1>东街选区选民名单</h1>"))
        #expect(html.contains("按姓名拼音排列"))
    }

    @Test func aFormulaLikeNameIsEscapedInCSVAndHTML() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lists = PublishedLists()
        lists.add(constituency: "第一选区", voterGroup: "=1+1", name: "=HYPERLINK(\"x\")<b>", gender: "男", birthDate: "1980-01-01")
        _ = try lists.write(
            directory: directory.path, order: .strokes, formats: [.csv, .xlsx], encoding: .utf8BOM,
            calendar: ElectionCalendar(electionDay: RuleTestSupport.day("2026-12-01"), postingDay: nil, asOf: RuleTestSupport.day("2026-11-01")))
        let csv = try String(contentsOfFile: directory.appendingPathComponent("published/第一选区.csv").path, encoding: .utf8)
        #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\")<b>\""))
        #expect(csv.contains(",'=1+1\r\n"))
        let html = try String(contentsOfFile: directory.appendingPathComponent("published/第一选区.html").path, encoding: .utf8)
        #expect(html.contains("=HYPERLINK(&quot;x&quot;)&lt;b&gt;"))
        // In the workbook the name is an inline string: text, never a formula.
        let reader = try XLSXReader(path: directory.appendingPathComponent("published/第一选区.xlsx").path, file: "list.xlsx")
        _ = try reader.next()
        let row = try #require(try reader.next())
        #expect(row.cell(2) == Cell(column: 2, text: "=HYPERLINK(\"x\")<b>", kind: .string))
    }

    @Test func gb18030ListsRoundTrip() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lists = PublishedLists()
        lists.add(constituency: "第一选区", voterGroup: "第一组", name: "王㛃", gender: "女", birthDate: "1995-04-30")
        lists.add(constituency: "第一选区", voterGroup: "第一组", name: "𠮷明", gender: "男", birthDate: "1988-08-08")
        _ = try lists.write(
            directory: directory.path, order: .strokes, formats: [.csv], encoding: .gb18030,
            calendar: ElectionCalendar(electionDay: RuleTestSupport.day("2026-12-01"), postingDay: nil, asOf: RuleTestSupport.day("2026-11-01")))
        let path = directory.appendingPathComponent("published/第一选区.csv").path
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes.prefix(4)) == [0xD0, 0xF2, 0xBA, 0xC5])  // 序号 in GB18030, no byte order mark
        let rows = try names(inCSV: path, encoding: .gb18030)
        #expect(Set(rows.map { $0[1] }) == ["王㛃", "𠮷明"])
    }

    /// The lists go into a new `published/` of the folder given (the run's staging folder;
    /// which previous lists go and which files stay is the swap's: `RunSafetyTests`).
    @Test func theListsGoIntoANewFolder() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lists = PublishedLists()
        lists.add(constituency: "第一选区", voterGroup: "", name: "王五", gender: "男", birthDate: "1980-01-01")
        lists.add(constituency: "第二选区", voterGroup: "", name: "李四", gender: "女", birthDate: "1981-02-01")
        let written = try lists.write(
            directory: directory.path, order: .strokes, formats: [.csv], encoding: .utf8BOM,
            calendar: ElectionCalendar(electionDay: RuleTestSupport.day("2026-12-01"), postingDay: nil, asOf: RuleTestSupport.day("2026-11-01")))
        let folder = directory.appendingPathComponent("published")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == ["第一选区.csv", "第一选区.html", "第二选区.csv", "第二选区.html"])
        #expect(written.flatMap(\.files).sorted() == ["第一选区.csv", "第一选区.html", "第二选区.csv", "第二选区.html"])
        #expect(try String(contentsOf: folder.appendingPathComponent("第一选区.html"), encoding: .utf8).contains("王五"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["published"])
    }

    @Test func aFileNamedPublishedInTheWayIsAnErrorAndLeavesNothingBehind() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("not a folder".utf8).write(to: directory.appendingPathComponent("published"))
        let lists = PublishedLists()
        lists.add(constituency: "第一选区", voterGroup: "", name: "王五", gender: "男", birthDate: "1980-01-01")
        #expect(throws: OutputError.self) {
            try lists.write(
                directory: directory.path, order: .strokes, formats: [.csv], encoding: .utf8BOM,
                calendar: ElectionCalendar(electionDay: RuleTestSupport.day("2026-12-01"), postingDay: nil, asOf: RuleTestSupport.day("2026-11-01")))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["published"])
    }

    @Test(arguments: [
        ("第一选区", "第一选区", "第一选区选民名单"), ("东街", "东街", "东街选区选民名单"), ("", "未分选区", "未分选区选民名单"),
        ("a/b\\c:d", "a_b_c_d", "a/b\\c:d选区选民名单"), ("..", "__", "..选区选民名单"),
    ])
    func fileNamesAndTitles(constituency: String, file: String, title: String) {
        #expect(PublishedLists.fileBase(constituency) == file)
        #expect(PublishedLists.title(constituency) == title)
    }

    @Test func birthMonths() {
        #expect(PublishedLists.birthMonth("1980-03-04") == 198003)
        #expect(PublishedLists.birthMonthText(198003) == "1980.03")
        #expect(PublishedLists.birthMonth("不详") == 0)
        #expect(PublishedLists.birthMonth("1980-0") == 0)
        #expect(PublishedLists.birthMonth("1980/03/04") == 0)
        #expect(PublishedLists.birthMonth("198-03-04") == 0)
        #expect(PublishedLists.birthMonth("2004-02") == 200402)
        #expect(PublishedLists.birthMonthText(0) == "")
    }

    @Test func theRollsGendersAreCoded() {
        #expect(PublishedLists.genderCode("男") == 1)
        #expect(PublishedLists.genderCode("女") == 2)
        #expect(PublishedLists.genderCode("") == 0)
        #expect(PublishedLists.genderCode("不详") == 0)
    }
}
