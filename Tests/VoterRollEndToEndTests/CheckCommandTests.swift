import Foundation
import Testing

/// `voterroll check` on the hand-made fixture set (fixtures/check): every row's decision and
/// exact codes, in every input format, and the accounting.
@Suite struct CheckCommandTests {
    static let fixtures = VoterRollProcess.repositoryRoot.appendingPathComponent("fixtures/check")
    static let listOptions: [(option: String, role: String)] = [
        ("--deprived", "deprived"), ("--incapacitated", "incapacitated"), ("--suspended", "suspended"),
        ("--deceased", "deceased"), ("--moved-out", "moved_out"), ("--moved-in", "moved_in"), ("--proxies", "proxies"),
    ]

    struct Expectation: Equatable, CustomStringConvertible {
        var decision: String
        var codes: [String]
        var description: String { "\(decision) [\(codes.joined(separator: ";"))]" }
    }

    /// role:row → expected decision and codes, from fixtures/check/expected.tsv.
    static func expected() throws -> [String: Expectation] {
        let text = try String(contentsOf: fixtures.appendingPathComponent("expected.tsv"), encoding: .utf8)
        var result: [String: Expectation] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let codes = fields[2].isEmpty ? [] : fields[2].split(separator: ";").map(String.init)
            result[fields[0]] = Expectation(decision: fields[1], codes: codes.sorted())
        }
        return result
    }

    /// Parses a CSV file written by voterroll (BOM, quoted cells, CRLF).
    static func readCSV(_ url: URL) throws -> [[String: String]] {
        var text = try String(contentsOf: url, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.unicodeScalars.append(scalar) }
            } else if scalar == "\"" { quoted = true }
            else if scalar == "," { record.append(field); field = "" }
            else if scalar == "\r" { continue }
            else if scalar == "\n" { record.append(field); records.append(record); record = []; field = "" }
            else { field.unicodeScalars.append(scalar) }
        }
        guard let header = records.first else { return [] }
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// `roll.csv:3`, `roll.xlsx[Sheet1]:3` → `roll:3`.
    static func roleRow(file: String, row: String) -> String {
        let base = (file.split(separator: "/").last.map(String.init) ?? file).split(separator: ".").first.map(String.init) ?? file
        return "\(base):\(row)"
    }

    static func roleRow(source: String) -> String {
        let parts = source.split(separator: ":")
        let file = String(parts.first ?? "")
        return roleRow(file: file, row: String(parts.last ?? ""))
    }

    func runCheck(format: String) throws -> (VoterRollProcess.Result, URL) {
        let folder = format == "csv" ? Self.fixtures : Self.fixtures.appendingPathComponent(format)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(format)-\(UUID().uuidString)")
        // Posted 20 days before: the decision table holds no run-level calendar finding.
        var arguments = [
            "check", folder.appendingPathComponent("roll.\(format)").path, "--election-day", "2026-12-01", "--posting-day", "2026-11-11",
            "--out", out.path,
        ]
        for (option, role) in Self.listOptions {
            arguments += [option, folder.appendingPathComponent("\(role).\(format)").path]
        }
        return (try VoterRollProcess.run(arguments), out)
    }

    @Test(arguments: ["csv", "xlsx", "xml"])
    func everyRowGetsItsDecisionAndExactlyItsCodes(format: String) throws {
        let (result, out) = try runCheck(format: format)
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(result.status == 1, "errors in the fixtures make the exit status 1: \(result.stderr)")
        let expected = try Self.expected()
        var actual: [String: Expectation] = [:]
        for key in expected.keys {
            actual[key] = Expectation(decision: expected[key]?.decision == "list" ? "list" : "missing", codes: [])
        }
        for row in try Self.readCSV(out.appendingPathComponent("roll.csv")) {
            let key = Self.roleRow(source: row["source"] ?? "")
            actual[key, default: Expectation(decision: "", codes: [])].decision = key.hasPrefix("roll:") ? "kept" : "added"
        }
        for row in try Self.readCSV(out.appendingPathComponent("rejected.csv")) {
            let key = Self.roleRow(source: row["source"] ?? "")
            actual[key, default: Expectation(decision: "", codes: [])].decision = key.hasPrefix("roll:") ? "excluded" : "not-added"
        }
        for finding in try Self.readCSV(out.appendingPathComponent("findings.csv")) {
            let key = Self.roleRow(file: finding["file"] ?? "", row: finding["row"] ?? "")
            actual[key, default: Expectation(decision: "?", codes: [])].codes.append(finding["code"] ?? "")
        }
        for key in actual.keys { actual[key]?.codes.sort() }
        for key in Set(expected.keys).union(actual.keys).sorted() {
            #expect(actual[key] == expected[key], "\(format) \(key)")
        }
    }

    @Test func rejectedRowsKeepEveryCellOfTheSource() throws {
        let (_, out) = try runCheck(format: "csv")
        defer { try? FileManager.default.removeItem(at: out) }
        let rejected = try Self.readCSV(out.appendingPathComponent("rejected.csv"))
        let header = try String(contentsOf: out.appendingPathComponent("rejected.csv"), encoding: .utf8).split(separator: "\r\n").first
        #expect(header?.hasSuffix("address,other_columns,source,codes") == true)
        // Row 4 of roll.csv (under 18) is 序号 3; the ragged row keeps its extra cell too.
        let minor = try #require(rejected.first { $0["source"] == "roll.csv:4" })
        #expect(minor["other_columns"] == "序号=3")
        #expect(minor["codes"] == "age.under-18")
    }

    @Test func accountingClosesAndIsPrinted() throws {
        let (result, out) = try runCheck(format: "csv")
        defer { try? FileManager.default.removeItem(at: out) }
        let data = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rows = try #require(summary["rows"] as? [String: Int])
        let kept = try #require(summary["kept"] as? Int)
        let excluded = try #require(summary["excluded"] as? Int)
        #expect(summary["accounting_closes"] as? Bool == true)
        #expect(rows["rows_read"] == kept + excluded + (rows["blank_rows"] ?? -1) + (rows["header_rows"] ?? -1) + (rows["title_rows"] ?? -1) + (rows["skipped_rows"] ?? -1))
        #expect(summary["added"] as? Int == 1)
        #expect(result.stdout.contains("读取 \(rows["rows_read"] ?? -1) 行 = 保留 \(kept) + 排除 \(excluded)"))
    }

    @Test func filesWithFullIDNumbersAreOwnerOnly() throws {
        let (_, out) = try runCheck(format: "csv")
        defer { try? FileManager.default.removeItem(at: out) }
        for name in ["roll.csv", "rejected.csv", "findings.csv", "findings.jsonl"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(name).path)
            #expect(attributes[.posixPermissions] as? Int == 0o600, "\(name)")
        }
    }

    @Test func failOnNeverExitsZero() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("check-never-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try VoterRollProcess.run([
            "check", Self.fixtures.appendingPathComponent("roll.csv").path, "--election-day", "2026-12-01",
            "--out", out.path, "--fail-on", "never", "--quiet",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        ["check", "fixtures/check/roll.csv", "--election-day", "2026-13-01", "--out", "/tmp/x"],
        ["check", "fixtures/check/roll.csv", "--election-day", "2026-12-01", "--out", "/tmp/x", "--fail-on", "sometimes"],
        ["check", "--election-day", "2026-12-01", "--out", "/tmp/x"],
    ])
    func badUsageExitsTwoWithAHint(arguments: [String]) throws {
        let result = try VoterRollProcess.run(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func unreadableInputExitsThreeNamingTheFile() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("check-missing-\(UUID().uuidString)")
        let result = try VoterRollProcess.run([
            "check", "fixtures/check/no-such-roll.csv", "--election-day", "2026-12-01", "--out", out.path,
        ])
        #expect(result.status == 3)
        #expect(result.stderr.contains("no-such-roll.csv"))
    }
}
