import Foundation
import Testing

@testable import VoterRollKit

/// `--previous`: changes.csv against the last published roll, the change findings, and the
/// supplementary list (补充名单) in the report.
@Suite struct ChangesTests {
    static let previous = "fixtures/changes/previous.csv"

    /// fixtures/changes/expected-changes.tsv: change, reason, ID number.
    static func expected() throws -> Set<[String]> {
        let url = VoterRollProcess.repositoryRoot.appendingPathComponent("fixtures/changes/expected-changes.tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        return Set(text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) })
    }

    @Test func changesAgainstThePreviousRollAreTheExpectedOnes() throws {
        let (result, out) = try ReportTests.runCheck(["--previous", Self.previous, "--previous-election-day", "2021-12-01"])
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(result.status == 1, "\(result.stderr)")
        let rows = try CheckCommandTests.readCSV(out.appendingPathComponent("changes.csv"))
        let actual = Set(rows.map { [$0["change"] ?? "", $0["reason"] ?? "", $0["id_number"] ?? ""] })
        #expect(actual == (try Self.expected()))
        let moved = try #require(rows.first { $0["change"] == "change.moved" })
        #expect(moved["constituency"] == "第一选区" && moved["previous_constituency"] == "第二选区")
        #expect(moved["source"] == "roll.csv:14" && moved["previous_source"] == "previous.csv:7")
        let renamed = try #require(rows.first { $0["change"] == "change.renamed" })
        #expect(renamed["name"] == "张伟" && renamed["previous_name"] == "张维")
        let removed = try #require(rows.first { $0["reason"] == "status.deceased" })
        #expect(removed["message"] == "从上次名单中除名：已死亡")
        let attributes = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("changes.csv").path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
    }

    @Test func changesAreFindingsTooAndCountedInTheSummary() throws {
        let (result, out) = try ReportTests.runCheck(["--previous", Self.previous])
        defer { try? FileManager.default.removeItem(at: out) }
        let findings = try CheckCommandTests.readCSV(out.appendingPathComponent("findings.csv"))
        let changes = findings.filter { ($0["code"] ?? "").hasPrefix("change.") }
        #expect(changes.count == 10)
        let added = try #require(changes.first { $0["code"] == "change.added" && $0["name"] == "王芳" })
        #expect(added["cell"] == "roll.csv:3" && added["severity"] == "info")
        #expect(added["evidence"] == "turned-18: 18 on 2026-12-01")
        let removed = try #require(changes.first { $0["code"] == "change.removed" && $0["name"] == "陈明" })
        #expect(removed["file"] == Self.previous && removed["row"] == "3")
        #expect(removed["evidence"] == "excluded: rights.deprived (roll.csv:6)")
        // findings.jsonl got the same lines, after the ones already there.
        let lines = try String(contentsOf: out.appendingPathComponent("findings.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == findings.count)
        #expect(lines.suffix(10).allSatisfy { $0.contains("\"code\":\"change.") })
        let summary = try ReportTests.summary(out)
        #expect(summary["by_code.change.added"] == "4")
        #expect(summary["by_code.change.removed"] == "4")
        #expect(summary["by_code.change.moved"] == "1")
        #expect(summary["by_code.change.renamed"] == "1")
        #expect(summary["by_severity.info"] == String(findings.filter { $0["severity"] == "info" }.count))
        #expect(result.stdout.contains("提示 \(summary["by_severity.info"] ?? "?")"))
    }

    @Test func theReportShowsTheSupplementaryList() throws {
        let (_, out) = try ReportTests.runCheck(["--previous", Self.previous])
        defer { try? FileManager.default.removeItem(at: out) }
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let section = try #require(html.range(of: "<section id=\"changes\">"))
        let text = html[section.lowerBound...]
        #expect(text.contains("补充名单"))
        for name in ["王芳", "刘洋", "林静", "新来"] { #expect(text.contains("<td>\(name)</td>"), "\(name)") }
        #expect(text.contains("年满十八周岁（2026年12月1日）"))
        #expect(text.contains("流入登记（持选民资格证明）"))
        #expect(text.contains("本次登记册中没有此人"))
        #expect(text.contains("<td>张维</td>"))
    }

    @Test func turnedEighteenCountsFromThePreviousElectionDay() throws {
        // With the previous roll made for this same election day, nobody turned 18 since.
        let (_, out) = try ReportTests.runCheck(["--previous", Self.previous, "--previous-election-day", "2026-12-01"])
        defer { try? FileManager.default.removeItem(at: out) }
        let rows = try CheckCommandTests.readCSV(out.appendingPathComponent("changes.csv"))
        #expect(rows.first { $0["name"] == "王芳" }?["reason"] == "new")
    }

    @Test func lastRunsOwnRollIsAPreviousRollWithNoChanges() throws {
        let (_, first) = try ReportTests.runCheck(["--formats", "csv,xlsx"])
        defer { try? FileManager.default.removeItem(at: first) }
        for previous in ["roll.csv", "roll.xlsx"] {
            let (_, second) = try ReportTests.runCheck(["--previous", first.appendingPathComponent(previous).path])
            defer { try? FileManager.default.removeItem(at: second) }
            let rows = try CheckCommandTests.readCSV(second.appendingPathComponent("changes.csv"))
            #expect(rows.isEmpty, "\(previous): \(rows)")
        }
    }

    @Test func aMissingPreviousRollExitsThreeAndTouchesNothing() throws {
        let (_, out) = try ReportTests.runCheck()
        defer { try? FileManager.default.removeItem(at: out) }
        let before = try ReportTests.files(out)
        let (result, _) = try ReportTests.runCheck(["--previous", "fixtures/changes/no-such-roll.csv"], out: out)
        #expect(result.status == 3)
        #expect(result.stderr.contains("no-such-roll.csv"))
        #expect(try ReportTests.files(out) == before)
    }

    @Test func withoutPreviousAStaleChangesFileIsRemoved() throws {
        let (_, out) = try ReportTests.runCheck(["--previous", Self.previous])
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("changes.csv").path))
        var arguments = ["check", ReportTests.fixtures.appendingPathComponent("roll.csv").path, "--election-day", "2026-12-01"]
        arguments += ["--out", out.path, "--no-store", "--quiet"]
        _ = try VoterRollProcess.run(arguments)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("changes.csv").path))
    }
}
