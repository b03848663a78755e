import Foundation
import Testing

@testable import VoterRollKit

/// Lists exchanged as keyed digests (`hash-list`, `check --hashed-key-file`) give the same
/// decisions as the plain lists, and carry no identifiers.
@Suite struct HashedListTests {
    static let hashable = ["deprived", "incapacitated", "suspended", "deceased", "moved_out"]

    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hashed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func writeKey(in folder: URL) throws -> URL {
        let key = folder.appendingPathComponent("key")
        try "c2hhcmVkLWNvdW50eS1rZXktZm9yLXRlc3Rz\n".write(to: key, atomically: true, encoding: .utf8)
        return key
    }

    @Test func hashedListsGiveTheSameDecisionsAsPlainOnes() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = try writeKey(in: folder)
        let fixtures = CheckCommandTests.fixtures
        for role in Self.hashable {
            let result = try VoterRollProcess.run([
                "hash-list", fixtures.appendingPathComponent("\(role).csv").path, "--key-file", key.path,
                "--out", folder.appendingPathComponent("\(role).csv").path,
            ])
            #expect(result.status == 0, "\(role): \(result.stdout) \(result.stderr)")
            let text = try String(contentsOf: folder.appendingPathComponent("\(role).csv"), encoding: .utf8)
            #expect(text.range(of: "[0-9]{17}[0-9X]", options: .regularExpression) == nil, "\(role) holds an ID number")
            #expect(text.contains("id_hmac"))
        }
        // The same check as CheckCommandTests, with the five lists hashed.
        let out = folder.appendingPathComponent("out")
        var arguments = ["check", fixtures.appendingPathComponent("roll.csv").path, "--election-day", "2026-12-01", "--posting-day", "2026-11-11",
                         "--out", out.path, "--hashed-key-file", key.path, "--no-store"]
        for (option, role) in CheckCommandTests.listOptions {
            let base = Self.hashable.contains(role) ? folder : fixtures
            arguments += [option, base.appendingPathComponent("\(role).csv").path]
        }
        let result = try VoterRollProcess.run(arguments)
        #expect(result.status == 1, "\(result.stderr)")
        let expected = try CheckCommandTests.expected()
        var actual: [String: CheckCommandTests.Expectation] = [:]
        for key in expected.keys {
            actual[key] = .init(decision: expected[key]?.decision == "list" ? "list" : "missing", codes: [])
        }
        for row in try CheckCommandTests.readCSV(out.appendingPathComponent("roll.csv")) {
            let key = CheckCommandTests.roleRow(source: row["source"] ?? "")
            actual[key, default: .init(decision: "", codes: [])].decision = key.hasPrefix("roll:") ? "kept" : "added"
        }
        for row in try CheckCommandTests.readCSV(out.appendingPathComponent("rejected.csv")) {
            let key = CheckCommandTests.roleRow(source: row["source"] ?? "")
            actual[key, default: .init(decision: "", codes: [])].decision = key.hasPrefix("roll:") ? "excluded" : "not-added"
        }
        for finding in try CheckCommandTests.readCSV(out.appendingPathComponent("findings.csv")) {
            let key = CheckCommandTests.roleRow(file: finding["file"] ?? "", row: finding["row"] ?? "")
            actual[key, default: .init(decision: "?", codes: [])].codes.append(finding["code"] ?? "")
        }
        for key in actual.keys { actual[key]?.codes.sort() }
        for key in Set(expected.keys).union(actual.keys).sorted() {
            #expect(actual[key] == expected[key], "hashed \(key)")
        }
    }

    @Test func aHashedListWithoutTheKeyIsRefusedWithAHint() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = try writeKey(in: folder)
        let hashed = folder.appendingPathComponent("deceased.csv")
        _ = try VoterRollProcess.run([
            "hash-list", CheckCommandTests.fixtures.appendingPathComponent("deceased.csv").path, "--key-file", key.path,
            "--out", hashed.path,
        ])
        let result = try VoterRollProcess.run([
            "check", CheckCommandTests.fixtures.appendingPathComponent("roll.csv").path, "--election-day", "2026-12-01",
            "--out", folder.appendingPathComponent("out").path, "--deceased", hashed.path, "--no-store",
        ])
        #expect(result.status == 3)
        #expect(result.stderr.contains("--hashed-key-file"), "\(result.stderr)")
    }

    @Test func aWrongKeyMatchesNobody() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = try writeKey(in: folder)
        let other = folder.appendingPathComponent("other-key")
        try "another-key-of-the-neighbouring-county".write(to: other, atomically: true, encoding: .utf8)
        let hashed = folder.appendingPathComponent("deceased.csv")
        _ = try VoterRollProcess.run([
            "hash-list", CheckCommandTests.fixtures.appendingPathComponent("deceased.csv").path, "--key-file", key.path,
            "--out", hashed.path,
        ])
        let out = folder.appendingPathComponent("out")
        _ = try VoterRollProcess.run([
            "check", CheckCommandTests.fixtures.appendingPathComponent("roll.csv").path, "--election-day", "2026-12-01",
            "--out", out.path, "--deceased", hashed.path, "--hashed-key-file", other.path, "--no-store",
        ])
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: out.appendingPathComponent("summary.json")))
        #expect(summary.byCode["status.deceased"] == nil)
        #expect(summary.byCode["list.unmatched"] == 3)
    }

    @Test(arguments: ["short", ""])
    func aShortKeyIsRefused(key: String) throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let keyFile = folder.appendingPathComponent("key")
        try key.write(to: keyFile, atomically: true, encoding: .utf8)
        let result = try VoterRollProcess.run([
            "hash-list", CheckCommandTests.fixtures.appendingPathComponent("deceased.csv").path, "--key-file", keyFile.path,
            "--out", folder.appendingPathComponent("x.csv").path,
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("at least 16"))
    }
}
