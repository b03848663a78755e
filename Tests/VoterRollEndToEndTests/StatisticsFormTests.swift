import Foundation
import Testing

@testable import VoterRollKit

/// The registration statistics form (issue 21), held figure by figure to what the run's other
/// outputs say: summary.json, roll.csv, rejected.csv, changes.csv and the proxies list, as
/// docs/STATISTICS.md defines each column — on the demo, and on a synth township run twice, the
/// second time against a previous roll.
@Suite struct StatisticsFormTests {
    private let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("statistics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The canonical IDs of the principals of a proxies list, read as the run reads it.
    private func principals(_ path: String, encoding: String? = nil) throws -> Set<String> {
        let reader = MappedRowReader(
            reader: try SpreadsheetInput.open(path: path, encoding: encoding), needed: NeededColumns.of(.list(.proxies)),
            role: .list(.proxies))
        var ids = Set<String>()
        while let row = try reader.next() {
            if let id = ResidentID.parse(row.rawValue(.principalID).text).id { ids.insert(id.canonical) }
        }
        return ids
    }

    private static let idExclusions: Set<String> = ["id.missing", "id.format", "id.excel-mangled", "id.checksum", "id.birthdate-invalid"]
    private static let han: Set<String> = ["汉", "汉族", "漢族"]

    /// Holds every figure of the form in `out` to the other outputs. `inMigrantFile` is the
    /// moved_in list's file name (its rows' source), to tell register rows from in-migrants.
    private func reconcile(_ out: URL, principals: Set<String>, inMigrantFile: String) throws -> StatisticsForm {
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: out.appendingPathComponent("summary.json")))
        let form = try #require(summary.statistics)
        let roll = try CheckCommandTests.readCSV(out.appendingPathComponent("roll.csv"))
        let rejected = try CheckCommandTests.readCSV(out.appendingPathComponent("rejected.csv"))
        let changesFile = out.appendingPathComponent("changes.csv")
        let changes = FileManager.default.fileExists(atPath: changesFile.path) ? try CheckCommandTests.readCSV(changesFile) : nil
        // People an upheld appeal (漏登) brought are no register rows either.
        let isRegister = { (row: [String: String]) in
            let source = row["source"] ?? ""
            return !source.hasPrefix(inMigrantFile) && !source.hasPrefix("appeals.")
        }
        let codes = { (row: [String: String]) in Set((row["codes"] ?? "").split(separator: ";").map(String.init)) }
        let flags = { (row: [String: String]) in Set((row["flags"] ?? "").split(separator: ";").map(String.init)) }

        #expect(Set(form.rows.map(\.constituency)) == Set(roll.map { $0["constituency"] ?? "" } + rejected.filter(isRegister).map { $0["constituency"] ?? "" }))
        for row in form.rows {
            let name = row.constituency
            let kept = roll.filter { $0["constituency"] == name }
            let excluded = rejected.filter { $0["constituency"] == name }
            let registerRows = kept.filter(isRegister).count + excluded.filter(isRegister).count
            #expect(row.registered == kept.count, "登记选民数 \(name)")
            #expect(row.registered == summary.byConstituency[name]?.kept, "登记选民数 \(name) in summary.json")
            #expect(row.voterGroups == Set(kept.compactMap { $0["voter_group"] }.filter { !$0.isEmpty }).count, "选民小组数 \(name)")
            #expect(row.registerRows == registerRows, "登记册人数 \(name)")
            let notAdult = excluded.filter(isRegister).filter { !codes($0).isDisjoint(with: Self.idExclusions.union(["age.under-18"])) }
            #expect(row.adults == registerRows - notAdult.count, "年满十八周岁人数 \(name)")
            #expect(row.women == kept.filter { $0["gender"] == "女" }.count, "女性选民数 \(name)")
            let minorities = kept.filter { !($0["ethnicity"] ?? "").isEmpty && !Self.han.contains($0["ethnicity"] ?? "") }.count
            #expect(row.minorities == minorities, "少数民族选民数 \(name)")
            #expect(row.proxies == kept.filter { principals.contains($0["id_number"] ?? "") }.count, "委托投票人数 \(name)")
            let absent = kept.filter { flags($0).contains("migrant.absent") }
            #expect(row.away.proxied == absent.filter { principals.contains($0["id_number"] ?? "") }.count, "已委托 \(name)")
            #expect(row.away.unhandled == absent.filter { !principals.contains($0["id_number"] ?? "") }.count, "未处理 \(name)")
            #expect(row.away.certified == excluded.filter { codes($0).contains("migrant.registered-elsewhere") }.count, "已开证明 \(name)")
            guard let changes else {
                #expect(row.additions == nil && row.removals == nil)
                continue
            }
            let added = changes.filter { $0["change"] == "change.added" && $0["constituency"] == name }.map { $0["reason"] ?? "" }
            #expect(row.additions == StatisticsForm.Additions(
                turnedEighteen: added.filter { $0 == "turned-18" }.count, movedIn: added.filter { $0 == "moved-in" }.count,
                restored: added.filter { $0 == "restored" }.count, appeal: 0, other: added.filter { $0 == "new" }.count), "新增 \(name)")
            var removals = StatisticsForm.Removals()
            for change in changes where change["change"] == "change.removed" && change["previous_constituency"] == name {
                let reason = Set((change["reason"] ?? "").split(separator: ";").map(String.init))
                if reason.contains("status.deceased") { removals.deceased += 1 }
                else if reason.contains("migrant.registered-elsewhere") { removals.movedOut += 1 }
                else if reason.contains("rights.deprived") { removals.deprived += 1 }
                else if reason.contains("rights.suspended") { removals.suspended += 1 }
                else if reason.contains("rights.incapacitated") { removals.incapacitated += 1 }
                else { removals.other += 1 }
            }
            #expect(row.removals == removals, "减少 \(name)")
        }
        // The total row: the rows' sum, and the run's own totals.
        #expect(form.total == StatisticsForm.total(of: form.rows, comparesPrevious: changes != nil, hasEthnicity: true))
        #expect(form.total.registered == summary.registered)
        #expect(form.total.registerRows == summary.kept + summary.excluded)
        #expect(form.total.registerRows == summary.rows.dataRows)
        #expect(form.total.away.certified == summary.byCode["migrant.registered-elsewhere", default: 0])
        if changes != nil {
            #expect(form.total.additions?.total == summary.byCode["change.added", default: 0])
            #expect(form.total.removals?.total == summary.byCode["change.removed", default: 0])
        }
        // statistics.csv says the same as summary.json, row by row.
        let csv = try CheckCommandTests.readCSV(out.appendingPathComponent("statistics.csv"))
        #expect(csv.count == form.rows.count + 1)
        for (line, row) in zip(csv, form.rows + [form.total]) {
            #expect(line["选区"] == (row == form.total ? "合计" : row.constituency))
            #expect(line["登记选民数"] == String(row.registered))
            #expect(line["年满十八周岁人数"] == String(row.adults))
            #expect(line["外出人员-未处理"] == String(row.away.unhandled))
            #expect(line["新增-年满十八周岁"] == (row.additions.map { String($0.turnedEighteen) } ?? ""))
            #expect(line["减少-死亡"] == (row.removals.map { String($0.deceased) } ?? ""))
            #expect(line["占登记册人数比例"] == String(format: "%.1f%%", Double(row.registered) * 100 / Double(row.registerRows)))
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("statistics.xlsx").path))
        // The report's section carries each number with its path in summary.json.
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("data-summary=\"statistics.total.registered\" data-value=\"\(form.total.registered)\""))
        #expect(report.contains("data-summary=\"statistics.rows.0.register_rows\" data-value=\"\(form.rows[0].registerRows)\""))
        return form
    }

    @Test func theDemoReconciles() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("demo")
        let result = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", out.path, "--quiet"])
        #expect(result.status == 1, "\(result.stderr)")
        let demo = VoterRollProcess.repositoryRoot.appendingPathComponent("fixtures/demo")
        let form = try reconcile(out, principals: try principals(demo.appendingPathComponent("proxies.csv").path), inMigrantFile: "moved_in.xlsx")
        // The demo was built with each of these: none of the figures is checked on zeros only.
        #expect(form.rows.map(\.constituency) == ["第一选区", "第二选区"])
        // 27 of the register and in-migrants, and the one an upheld appeal added.
        #expect(form.total.registerRows == 40 && form.total.registered == 28)
        #expect(form.total.adults < form.total.registerRows)
        #expect(form.total.away.certified > 0 && form.total.away.unhandled > 0)
        #expect(form.total.proxies > 0 && (form.total.minorities ?? 0) > 0)
    }

    /// The demo names its seats (第一选区 2, 第二选区 1: 9.5 and 8 voters per seat against 9):
    /// balanced. The same register with 2 and 2 seats and a third constituency of 4 seats is
    /// not: both constituencies 40.7% from the average, and the 4 seats an error, each at its
    /// line of the pipeline file, in findings.csv and the report.
    @Test func theDemoSeatsBalancedAndNot() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let balanced = folder.appendingPathComponent("balanced")
        _ = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", balanced.path, "--quiet"])
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: balanced.appendingPathComponent("summary.json")))
        #expect(summary.byCode.keys.filter { $0.hasPrefix("constituency.") }.isEmpty)
        let page = try String(contentsOf: balanced.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.contains("id=\"balance-table\"") && !page.contains("badge warning\">不均衡"))

        let demo = try String(contentsOf: VoterRollProcess.repositoryRoot.appendingPathComponent("pipelines/demo.yaml"), encoding: .utf8)
        let fixtures = VoterRollProcess.repositoryRoot.appendingPathComponent("fixtures").path
        var text = demo.replacingOccurrences(of: "../fixtures", with: fixtures)
        text = text.replacingOccurrences(of: "  第一选区: 2\n  第二选区: 1\n", with: "  第一选区: 2\n  第二选区: 2\n  第三选区: 4\n")
        let pipeline = folder.appendingPathComponent("town.yaml")
        try text.write(to: pipeline, atomically: true, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = { (name: String) in (lines.firstIndex { $0.hasPrefix("  \(name):") } ?? -1) + 1 }
        let unbalanced = folder.appendingPathComponent("unbalanced")
        let result = try VoterRollProcess.run(["run", pipeline.path, "--out", unbalanced.path, "--quiet"])
        #expect(result.status == 1, "\(result.stderr)")
        let findings = try CheckCommandTests.readCSV(unbalanced.appendingPathComponent("findings.csv")).filter {
            ($0["code"] ?? "").hasPrefix("constituency.")
        }
        #expect(findings.map { [$0["code"] ?? "", $0["cell"] ?? "", $0["value"] ?? ""] } == [
            ["constituency.unbalanced", "town.yaml:\(line("第一选区"))", "第一选区"],
            ["constituency.unbalanced", "town.yaml:\(line("第二选区"))", "第二选区"],
            ["constituency.seats-invalid", "town.yaml:\(line("第三选区"))", "第三选区"],
        ])
        #expect(findings.first?["evidence"]?.contains("相差 +42.9%（允许 30%）") == true)
        let report = try String(contentsOf: unbalanced.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("badge warning\">不均衡") && report.contains("badge error\">代表名额无效"))
    }

    /// A synth township, checked, then checked again against a previous roll made from the first
    /// run: some of its people missing (added now), and people the first run excluded (removed
    /// now, for the reasons that excluded them).
    @Test func aSynthTownshipReconcilesWithAndWithoutAPreviousRoll() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("synth")
        let synth = try VoterRollProcess.run(["synth", "--rows", "4000", "--seed", "21", "--out", data.path])
        #expect(synth.status == 0, "\(synth.stderr)")
        let lists = ["deprived", "incapacitated", "suspended", "deceased", "moved_out", "moved_in", "proxies"].flatMap { kind in
            ["--\(kind.replacingOccurrences(of: "_", with: "-"))", data.appendingPathComponent("\(kind).csv").path]
        }
        let check = { (out: URL, extra: [String]) throws -> VoterRollProcess.Result in
            try VoterRollProcess.run(
                ["check", data.appendingPathComponent("roll.csv").path, "--election-day", "2026-12-01", "--out", out.path, "--quiet"]
                    + lists + extra)
        }
        let principals = try principals(data.appendingPathComponent("proxies.csv").path)
        let first = folder.appendingPathComponent("first")
        #expect([0, 1].contains(try check(first, []).status))
        let before = try reconcile(first, principals: principals, inMigrantFile: "moved_in.csv")
        #expect(before.total.additions == nil)
        #expect(before.rows.count > 2)

        // The previous roll: the first roll without every seventh person and without the
        // in-migrants, with the excluded register rows that had a valid ID of their own.
        let roll = try CheckCommandTests.readCSV(first.appendingPathComponent("roll.csv"))
        let rejected = try CheckCommandTests.readCSV(first.appendingPathComponent("rejected.csv"))
        let plain = { (cells: [String]) in cells.allSatisfy { !$0.contains(",") && !$0.contains("\"") && !$0.contains("\n") } }
        var previous = "constituency,voter_group,name,id_number\n"
        var ids = Set<String>()
        for (index, row) in roll.enumerated() {
            let cells = [row["constituency"], row["voter_group"], row["name"], row["id_number"]].map { $0 ?? "" }
            ids.insert(cells[3])
            guard index % 7 != 3, !(row["source"] ?? "").hasPrefix("moved_in"), plain(cells) else { continue }
            previous += cells.joined(separator: ",") + "\n"
        }
        for row in rejected where !(row["source"] ?? "").hasPrefix("moved_in") {
            guard let id = ResidentID.parse(row["id_number"] ?? "").id, !ids.contains(id.canonical) else { continue }
            let cells = [row["constituency"] ?? "", row["voter_group"] ?? "", row["name"] ?? "", id.canonical]
            guard plain(cells) else { continue }
            ids.insert(id.canonical)
            previous += cells.joined(separator: ",") + "\n"
        }
        let previousFile = folder.appendingPathComponent("previous.csv")
        try previous.write(to: previousFile, atomically: true, encoding: .utf8)
        let second = folder.appendingPathComponent("second")
        #expect([0, 1].contains(try check(second, ["--previous", previousFile.path]).status))
        let after = try reconcile(second, principals: principals, inMigrantFile: "moved_in.csv")
        let additions = try #require(after.total.additions)
        let removals = try #require(after.total.removals)
        #expect(additions.turnedEighteen > 0 && additions.other > 0 && additions.movedIn > 0)
        #expect(removals.deceased > 0 && removals.deprived > 0 && removals.movedOut > 0 && removals.other > 0)
        #expect(after.rows.map(\.registered) == before.rows.map(\.registered))
    }
}
