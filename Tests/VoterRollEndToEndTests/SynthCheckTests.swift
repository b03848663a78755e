import Foundation
import Testing

@testable import VoterRollKit

/// `voterroll synth` then `voterroll check` with every list: every data row of every file gets
/// the decision and exactly the codes `expected.jsonl` says (no wrong decision, no missing or
/// extra code), for several seeds, encodings and formats.
@Suite struct SynthCheckTests {
    struct Outcome: Equatable, CustomStringConvertible {
        var decision: String
        var codes: [String]
        var description: String { "\(decision) [\(codes.joined(separator: ";"))]" }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var seed: Int
        var format: String
        var encoding: String
        var defectRate: String
        var electionDay = "2026-12-01"
        var headerStyle = "standard"
        var testDescription: String {
            "seed \(seed) \(format) \(encoding) defects \(defectRate) election \(electionDay)"
                + (headerStyle == "standard" ? "" : " headers \(headerStyle)")
        }
    }

    static let cases: [Case] = [
        Case(seed: 11, format: "csv", encoding: "gb18030", defectRate: "0.05"),
        Case(seed: 12, format: "csv", encoding: "gb18030", defectRate: "0.2"),
        Case(seed: 13, format: "csv", encoding: "gb18030", defectRate: "0.2", electionDay: "2026-02-28"),
        Case(seed: 14, format: "csv", encoding: "utf-8", defectRate: "0.2"),
        Case(seed: 15, format: "xlsx", encoding: "gb18030", defectRate: "0.2"),
        Case(seed: 16, format: "xml", encoding: "gb18030", defectRate: "0.2"),
    ]

    static let lists: [(option: String, base: String)] = [
        ("--deprived", "deprived"), ("--incapacitated", "incapacitated"), ("--suspended", "suspended"),
        ("--deceased", "deceased"), ("--moved-out", "moved_out"), ("--moved-in", "moved_in"), ("--proxies", "proxies"),
        ("--appeals", "appeals"),
    ]

    /// `roll.csv:12`, `roll.xlsx[选民登记表]:12` → `roll.csv:12`, `roll.xlsx:12`.
    static func key(file: String, row: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return "\(name.split(separator: "[").first.map(String.init) ?? name):\(row)"
    }

    static func key(source: String) -> String {
        guard let colon = source.lastIndex(of: ":") else { return source }
        return key(file: String(source[..<colon]), row: String(source[source.index(after: colon)...]))
    }

    @Test(arguments: cases)
    func everyRowGetsItsDecisionAndExactlyItsCodes(_ testCase: Case) throws {
        try Self.synthThenCheck(testCase, rows: 3000)
    }

    /// Generates `rows` register rows for `testCase`, checks them with every list, and expects
    /// each data row's decision and codes to be exactly those of expected.jsonl.
    static func synthThenCheck(_ testCase: Case, rows: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synth-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        let out = folder.appendingPathComponent("out")
        let synth = try VoterRollProcess.run([
            "synth", "--rows", String(rows), "--seed", String(testCase.seed), "--out", data.path, "--format", testCase.format,
            "--encoding", testCase.encoding, "--defect-rate", testCase.defectRate, "--election-day", testCase.electionDay,
            "--header-style", testCase.headerStyle,
        ])
        try #require(synth.status == 0, "\(synth.stderr)")
        let ext = testCase.format
        var arguments = [
            "check", data.appendingPathComponent("roll.\(ext)").path, "--election-day", testCase.electionDay, "--out", out.path,
            "--fail-on", "never", "--quiet",
        ]
        // The calendar synth dates its appeals by (SynthRun+Appeals).
        let electionDay = try #require(CivilDate(testCase.electionDay))
        arguments += [
            "--posting-day", try #require(electionDay.adding(days: SynthRun.postingOffset)).iso8601,
            "--as-of", try #require(electionDay.adding(days: SynthRun.asOfOffset)).iso8601,
        ]
        for (option, base) in Self.lists {
            arguments += [option, data.appendingPathComponent("\(base).\(ext)").path]
        }
        let check = try VoterRollProcess.run(arguments)
        try #require(check.status == 0, "\(check.stderr)")

        var expected: [String: Outcome] = [:]
        let lines = try String(contentsOf: data.appendingPathComponent("expected.jsonl"), encoding: .utf8).split(separator: "\n")
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let key = Self.key(file: object["file"] as? String ?? "", row: String(object["row"] as? Int ?? 0))
            #expect(expected[key] == nil, "one line per row: \(key)")
            expected[key] = Outcome(decision: object["decision"] as? String ?? "", codes: (object["codes"] as? [String] ?? []).sorted())
        }
        #expect(expected.count > rows)

        var actual: [String: Outcome] = [:]
        for (key, outcome) in expected {
            actual[key] = Outcome(decision: ["list", "header"].contains(outcome.decision) ? outcome.decision : "missing", codes: [])
        }
        for row in try CheckCommandTests.readCSV(out.appendingPathComponent("roll.csv")) {
            let key = Self.key(source: row["source"] ?? "")
            actual[key, default: Outcome(decision: "", codes: [])].decision = key.hasPrefix("roll.") ? "kept" : "added"
        }
        for row in try CheckCommandTests.readCSV(out.appendingPathComponent("rejected.csv")) {
            let key = Self.key(source: row["source"] ?? "")
            actual[key, default: Outcome(decision: "", codes: [])].decision = key.hasPrefix("roll.") ? "excluded" : "not-added"
        }
        for finding in try CheckCommandTests.readCSV(out.appendingPathComponent("findings.csv")) {
            let key = Self.key(file: finding["file"] ?? "", row: finding["row"] ?? "")
            actual[key, default: Outcome(decision: "?", codes: [])].codes.append(finding["code"] ?? "")
        }
        for key in actual.keys { actual[key]?.codes.sort() }

        var wrong = 0
        for key in Set(expected.keys).union(actual.keys).sorted() where actual[key] != expected[key] {
            wrong += 1
            if wrong <= 40 {
                #expect(actual[key] == expected[key], "\(key)")
            }
        }
        #expect(wrong == 0, "\(wrong) rows differ from expected.jsonl")

        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
        #expect(summary["accounting_closes"] as? Bool == true)

        // Per constituency: the kept (and added) are the roll's rows of that constituency, and
        // the excluded add up to every rejected row.
        let byConstituency = try #require(summary["by_constituency"] as? [String: [String: Int]])
        var rollCounts: [String: Int] = [:]
        for row in try CheckCommandTests.readCSV(out.appendingPathComponent("roll.csv")) {
            rollCounts[row["constituency"] ?? "", default: 0] += 1
        }
        #expect(byConstituency.filter { $0.value["kept", default: 0] > 0 }.mapValues { $0["kept", default: 0] } == rollCounts)
        let rejected = try CheckCommandTests.readCSV(out.appendingPathComponent("rejected.csv")).count
        #expect(byConstituency.values.map { $0["excluded", default: 0] }.reduce(0, +) == rejected)
        #expect(rollCounts.count > 1)
    }

    @Test func badUsageExitsTwo() throws {
        for arguments in [
            ["synth", "--rows", "0", "--seed", "1", "--out", "/tmp/x"],
            ["synth", "--rows", "10", "--seed", "1", "--out", "/tmp/x", "--format", "ods"],
            ["synth", "--rows", "10", "--seed", "1", "--out", "/tmp/x", "--defect-rate", "2"],
            ["synth", "--rows", "10", "--seed", "-1", "--out", "/tmp/x"],
        ] {
            let result = try VoterRollProcess.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
        }
    }
}
