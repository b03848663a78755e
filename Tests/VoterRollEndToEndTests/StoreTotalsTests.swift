import Foundation
import Testing
import VoterRollKit

/// The store records every finding a run reports, `change.*` included: the stored run's
/// totals are summary.json's, with and without `--previous`, on SQLite and on PostgreSQL
/// (issue 15: the recorder used to close before the change findings existed).
@Suite struct StoreTotalsTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    @Test(arguments: Backend.allCases, [false, true])
    func storedTotalsAreSummaryTotals(backend: Backend, withPrevious: Bool) throws {
        try #require(backend == .sqlite || TestPostgres.isAvailable, "no PostgreSQL server")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("store-totals-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let store = backend == .sqlite ? out.appendingPathComponent("voterroll.sqlite").path : try TestPostgres.freshDatabase()
        var arguments = [
            "check", ReportTests.fixtures.appendingPathComponent("roll.csv").path, "--election-day", "2026-12-01",
            "--out", out.path, "--store", store,
        ]
        for (option, role) in CheckCommandTests.listOptions {
            arguments += [option, ReportTests.fixtures.appendingPathComponent("\(role).csv").path]
        }
        if withPrevious { arguments += ["--previous", ChangesTests.previous] }
        var result = try VoterRollProcess.run(arguments)
        #expect(result.status == 1, "\(result.stderr)")
        let summary = try ReportTests.summary(out)
        let total = ["error", "warning", "info"].reduce(0) { $0 + (Int(summary["by_severity.\($1)"] ?? "0") ?? 0) }
        let lines = try String(contentsOf: out.appendingPathComponent("findings.jsonl"), encoding: .utf8)
            .split(separator: "\n").count
        #expect(total == lines)
        if withPrevious { #expect(summary["by_code.change.removed"] == "4") }

        // `history` prints the stored summary's totals.
        result = try VoterRollProcess.run(["history", "--store", store])
        #expect(result.status == 0, "\(result.stderr)")
        let last = try #require(result.stdout.split(separator: "\n").last)
        let columns = last.split(separator: " ", omittingEmptySubsequences: true)
        // run, started, job, election day, kept, excluded, findings, exit, seconds
        let findings = columns[columns.count - 3]
        #expect(Int(findings) == total, "history: \(last)")
        #expect(String(columns[columns.count - 5]) == summary["registered"])

        // The findings themselves are in the store: `explain` of a person removed since the
        // previous roll shows the removal only when it was recorded.
        result = try VoterRollProcess.run(["explain", "370102196606060411", "--store", store])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("change.removed") == withPrevious, "\(result.stdout)")
    }
}
