import Foundation
import Testing

@testable import VoterRollKit

/// The registration calendar and appeals through the built `voterroll`: the demo township with
/// its posting day and appeals list, the posting day's boundaries, the dated lists, and the
/// supplementary list (补充名单) of a second posting.
@Suite struct AppealsTests {
    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("appeals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The demo pipeline (posting day 2026-04-30, as of 2026-05-08, fixtures/demo/appeals.csv):
    /// every appeal code occurs where the fixture puts it, and the roll, the supplementary list
    /// and the store's trail agree.
    @Test func theDemoTownshipsAppeals() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let store = folder.appendingPathComponent("store.sqlite").path
        let result = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", out.path, "--store", store, "--quiet"])
        #expect(result.status == 1, "\(result.stderr)")
        let findings = try CheckCommandTests.readCSV(out.appendingPathComponent("findings.csv"))
        func cells(_ code: FindingCode) -> [String] {
            findings.filter { $0["code"] == code.rawValue }.map { $0["cell"] ?? "" }
        }
        #expect(cells(.appealAdded) == ["appeals.csv:2:D"])
        #expect(cells(.appealConflict) == ["appeals.csv:3:D", "appeals.csv:4:D"])
        #expect(cells(.appealRemoved) == ["roll.csv:12:H"])
        #expect(cells(.appealCorrection) == ["roll.csv:15:I"])
        #expect(cells(.appealOverdue) == ["appeals.csv:8:G"])
        #expect(cells(.appealLate) == ["appeals.csv:9:F"])
        #expect(cells(.appealDecidedLate) == ["appeals.csv:10:H"])
        #expect(cells(.calendarPostingMissing).isEmpty && cells(.calendarPostingLate).isEmpty)
        expectProduces(.appealAdded, findings.compactMap { $0["code"].flatMap(FindingCode.init(rawValue:)) })
        expectProduces(.appealRemoved, findings.compactMap { $0["code"].flatMap(FindingCode.init(rawValue:)) })

        // The person added is on the roll; the one removed is in rejected.csv, not on the roll.
        let roll = try CheckCommandTests.readCSV(out.appendingPathComponent("roll.csv"))
        #expect(roll.contains { $0["name"] == "周红梅" })
        #expect(!roll.contains { $0["name"] == "吴强" })
        #expect(!roll.contains { $0["name"] == "周小山" })
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any]
        let appeals = summary?["appeals"] as? [String: Int]
        #expect(appeals == ["added": 1, "not_added": 1])
        #expect(summary?["accounting_closes"] as? Bool == true)

        // The supplementary list: exactly the upheld appeals' changes, 吴 (7 strokes) before 周 (8).
        let supplement = try CheckCommandTests.readCSV(out.appendingPathComponent("published/第一选区-补充名单.csv"))
        #expect(supplement.map { [$0["姓名"] ?? "", $0["变动"] ?? ""] } == [["吴强", "删除"], ["周红梅", "增补"]])
        #expect(supplement.first?.keys.contains("公民身份号码") == false)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("published/第二选区-补充名单.csv").path))

        // The posted lists carry their dates and the deadline.
        let page = try String(contentsOf: out.appendingPathComponent("published/第一选区.html"), encoding: .utf8)
        #expect(page.contains("公布日期：2026年4月30日"))
        #expect(page.contains("可于 2026年5月5日 前向选举委员会提出申诉"))
        let supplementPage = try String(contentsOf: out.appendingPathComponent("published/第一选区-补充名单.html"), encoding: .utf8)
        #expect(supplementPage.contains("第一选区选民补充名单") && supplementPage.contains("<th>变动</th>"))
        #expect(supplementPage.contains("可于 2026年5月5日 前"))
        #expect(!supplementPage.contains("370103194508151157"))

        // The report's calendar section.
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("id=\"calendar\""))
        #expect(report.contains("2026年5月15日"))  // suits due: election day − 5

        // explain: the appeal and its decision in the removed person's trail.
        let explain = try VoterRollProcess.run(["explain", "370103194508151157", "--store", store])
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("appeal.removed"), "\(explain.stdout)")
        #expect(explain.stdout.contains("appeals.csv:5 不应登记 成立 2026-05-02"), "\(explain.stdout)")
    }

    /// A register of three people and the check's arguments.
    private func township(_ folder: URL, names: [String]) throws -> URL {
        var text = "选区,选民小组,姓名,性别,公民身份号码\n"
        for (index, name) in names.enumerated() {
            let body = String(format: "11010119%02d0101%03d", 50 + index, 11 + 2 * index)
            text += "第一选区,第一组,\(name),男,\(body)\(ReportTests.checkDigit(body))\n"
        }
        let url = folder.appendingPathComponent("register-\(names.count)-\(UUID().uuidString.prefix(4)).csv")
        try text.write(to: url, atomically: false, encoding: .utf8)
        return url
    }

    /// The posting day against election day (2026-12-01): 20 days before is in time, 19 late;
    /// none given is a note.
    static let postingDays: [(String?, FindingCode?)] = [
        ("2026-11-10", nil), ("2026-11-11", nil), ("2026-11-12", .calendarPostingLate), (nil, .calendarPostingMissing),
    ]

    @Test(arguments: postingDays)
    func postingDay(posting: String?, code: FindingCode?) throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let roll = try township(folder, names: ["丁一", "王五"])
        let out = folder.appendingPathComponent("out")
        let result = try VoterRollProcess.run(
            ["check", roll.path, "--election-day", "2026-12-01", "--out", out.path, "--no-store", "--quiet", "--as-of", "2026-11-20"]
                + (posting.map { ["--posting-day", $0] } ?? []))
        #expect(result.status == (code == .calendarPostingLate ? 1 : 0), "\(result.stderr)")
        let codes = try CheckCommandTests.readCSV(out.appendingPathComponent("findings.csv")).compactMap { $0["code"].flatMap(FindingCode.init(rawValue:)) }
        #expect(codes.filter { $0.rawValue.hasPrefix("calendar.") } == (code.map { [$0] } ?? []))
        if code == .calendarPostingLate { expectProduces(.calendarPostingLate, codes) }
        if code == .calendarPostingMissing { expectProduces(.calendarPostingMissing, codes) }
        let page = try String(contentsOf: out.appendingPathComponent("published/第一选区.html"), encoding: .utf8)
        #expect(page.contains("可以在选民名单公布之日起五日内") == (posting == nil))
    }

    /// A second posting against the roll as first posted: the supplementary list holds exactly
    /// who was added and who was removed, and nobody else.
    @Test func theSecondPostingListsExactlyTheChanges() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("first")
        let register = try township(folder, names: ["丁一", "王五", "田七"])
        let run1 = try VoterRollProcess.run(
            ["check", register.path, "--election-day", "2026-12-01", "--out", first.path, "--no-store", "--quiet", "--posting-day", "2026-11-10"])
        #expect(run1.status == 0, "\(run1.stderr)")
        #expect(!FileManager.default.fileExists(atPath: first.appendingPathComponent("published/第一选区-补充名单.html").path))

        // 王五 is gone from the register; 欧阳修 is new (the third number is 田七's, kept).
        var text = try String(contentsOf: register, encoding: .utf8)
        text = text.split(separator: "\n").filter { !$0.contains("王五") }.joined(separator: "\n") + "\n"
        let body = "11010119900101999"
        text += "第一选区,第二组,欧阳修,男,\(body)\(ReportTests.checkDigit(body))\n"
        let second = folder.appendingPathComponent("second.csv")
        try text.write(to: second, atomically: false, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let run2 = try VoterRollProcess.run(
            [
                "check", second.path, "--election-day", "2026-12-01", "--out", out.path, "--no-store", "--quiet", "--posting-day",
                "2026-11-10", "--previous", first.appendingPathComponent("roll.csv").path, "--formats", "csv,xlsx",
            ])
        #expect(run2.status == 0, "\(run2.stderr)")
        let supplement = try CheckCommandTests.readCSV(out.appendingPathComponent("published/第一选区-补充名单.csv"))
        #expect(supplement.map { [$0["姓名"] ?? "", $0["变动"] ?? "", $0["选民小组"] ?? ""] } == [["王五", "删除", "第一组"], ["欧阳修", "增补", "第二组"]])
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("published/第一选区-补充名单.xlsx").path))
        let manifest = try String(contentsOf: out.appendingPathComponent(".voterroll-manifest.json"), encoding: .utf8)
        #expect(manifest.contains("第一选区-补充名单.html"))
    }
}

/// Asserts that `codes` hold `code` (the end-to-end twin of the kit tests' helper, which
/// `FindingCatalogTests` reads for the codes tests produce).
private func expectProduces(_ code: FindingCode, _ codes: [FindingCode], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(codes.contains(code), "expected \(code.rawValue) among \(codes.map(\.rawValue))", sourceLocation: sourceLocation)
}
