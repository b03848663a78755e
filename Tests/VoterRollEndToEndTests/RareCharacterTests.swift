import Foundation
import Testing

@testable import VoterRollKit

/// Rare characters through `voterroll check`: registers carrying the 24 GB 18030-2005 Private
/// Use characters (fixtures/rare/, made by make-rare-fixtures.py) come out with the standard
/// characters on the roll, the published list and the report.
@Suite struct RareCharacterTests {
    static let fixtures = VoterRollProcess.repositoryRoot.appendingPathComponent("fixtures/rare")

    /// The names each register's 24 rows must come out as: 王 + the standard character + 明.
    static let expectedNames = GB18030PrivateUse.entries.map { "王" + String(Character(Unicode.Scalar($0.standard)!)) + "明" }

    static func containsPrivateUse(_ text: String) -> Bool {
        text.unicodeScalars.contains { NameCharacters.isPrivateUse($0.value) }
    }

    func check(_ register: String, _ extra: [String] = []) throws -> URL {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("rare-\(UUID().uuidString)")
        let result = try VoterRollProcess.run(
            ["check", Self.fixtures.appendingPathComponent(register).path, "--election-day", "2026-12-01",
             "--out", out.path, "--no-store", "--quiet"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return out
    }

    @Test(arguments: ["register-gb18030.csv", "register-utf8.csv"])
    func everyOutputHoldsTheStandardCharacters(register: String) throws {
        let out = try check(register)
        defer { try? FileManager.default.removeItem(at: out) }

        let roll = try CheckCommandTests.readCSV(out.appendingPathComponent("roll.csv"))
        #expect(roll.map { $0["name"] ?? "" } == Self.expectedNames)

        let published = try CheckCommandTests.readCSV(out.appendingPathComponent("published/第一选区.csv"))
        #expect(Set(published.map { $0["姓名"] ?? "" }) == Set(Self.expectedNames))
        let html = try String(contentsOf: out.appendingPathComponent("published/第一选区.html"), encoding: .utf8)
        #expect(!Self.containsPrivateUse(html))
        for name in Self.expectedNames {
            #expect(html.contains(name), "\(name) missing from the printed list")
        }

        // The report shows the raw value as written (原值) and the name as the roll holds it.
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let withoutRawValues = report.replacing(/<td class="value">[^<]*<\/td>/, with: "")
        #expect(!Self.containsPrivateUse(withoutRawValues))
        #expect(Self.containsPrivateUse(report), "the raw values keep what the register wrote")

        let findings = try CheckCommandTests.readCSV(out.appendingPathComponent("findings.csv"))
        let mapped = findings.filter { $0["code"] == "name.pua-mapped" }
        #expect(mapped.count == 24)
        #expect(mapped.map { $0["name"] ?? "" } == Self.expectedNames)
        #expect(mapped.allSatisfy { Self.containsPrivateUse($0["value"] ?? "") })
        #expect(!findings.contains { $0["code"] == "name.private-use" || $0["code"] == "name.normalized" })
        #expect(mapped.first?["evidence"] == "U+E78D → \u{FE10} U+FE10")
    }

    /// The same people, exported by a GB 18030-2005 system and as UTF-8 with Private Use code
    /// points, come out as the same roll.
    @Test func bothRegistersGiveTheSameRoll() throws {
        let fromGB = try check("register-gb18030.csv")
        let fromUTF8 = try check("register-utf8.csv")
        defer {
            try? FileManager.default.removeItem(at: fromGB)
            try? FileManager.default.removeItem(at: fromUTF8)
        }
        let gbRoll = try CheckCommandTests.readCSV(fromGB.appendingPathComponent("roll.csv")).map { [$0["name"], $0["id_number"]] }
        let utfRoll = try CheckCommandTests.readCSV(fromUTF8.appendingPathComponent("roll.csv")).map { [$0["name"], $0["id_number"]] }
        #expect(gbRoll == utfRoll)
    }
}
