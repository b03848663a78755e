import Foundation
import Testing

/// The built `voterroll` on Excel 97-2003 copies of the check fixtures, made by LibreOffice
/// (`fixtures/xls/make-fixtures.sh`): the same decisions and codes as the CSV, row for row.
@Suite struct XLSDecisionTableTests {
    static let fixtures = VoterRollProcess.repositoryRoot.appendingPathComponent("fixtures/xls")

    /// role:row → decision and codes of one run of `check` on `roll` with the lists in `folder`.
    static func decisions(roll: URL, lists folder: URL, format: String) throws -> (VoterRollProcess.Result, [String: CheckCommandTests.Expectation]) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("check-xls-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        var arguments = ["check", roll.path, "--election-day", "2026-12-01", "--posting-day", "2026-11-11", "--out", out.path]
        for (option, role) in CheckCommandTests.listOptions {
            arguments += [option, folder.appendingPathComponent("\(role).\(format)").path]
        }
        let result = try VoterRollProcess.run(arguments)
        // As CheckCommandTests counts them: a list row leaves no row of its own in the outputs.
        var actual: [String: CheckCommandTests.Expectation] = [:]
        for (key, expectation) in try CheckCommandTests.expected() {
            actual[key] = CheckCommandTests.Expectation(decision: expectation.decision == "list" ? "list" : "missing", codes: [])
        }
        func note(_ key: String, decision: String? = nil, code: String? = nil) {
            var entry = actual[key] ?? CheckCommandTests.Expectation(decision: "", codes: [])
            if let decision { entry.decision = decision }
            if let code { entry.codes.append(code) }
            actual[key] = entry
        }
        for row in try CheckCommandTests.readCSV(out.appendingPathComponent("roll.csv")) {
            let key = CheckCommandTests.roleRow(source: row["source"] ?? "")
            note(key, decision: key.hasPrefix("roll:") ? "kept" : "added")
        }
        for row in try CheckCommandTests.readCSV(out.appendingPathComponent("rejected.csv")) {
            let key = CheckCommandTests.roleRow(source: row["source"] ?? "")
            note(key, decision: key.hasPrefix("roll:") ? "excluded" : "not-added")
        }
        for finding in try CheckCommandTests.readCSV(out.appendingPathComponent("findings.csv")) {
            note(CheckCommandTests.roleRow(file: finding["file"] ?? "", row: finding["row"] ?? ""), code: finding["code"] ?? "")
        }
        for key in actual.keys { actual[key]?.codes.sort() }
        return (result, actual)
    }

    /// The decision table (`fixtures/check/expected.tsv`) holds for the .xls copies exactly as for
    /// the CSV, list rows included.
    @Test func everyRowGetsTheDecisionAndCodesItGetsFromTheCSV() throws {
        let folder = Self.fixtures.appendingPathComponent("check")
        let (result, actual) = try Self.decisions(roll: folder.appendingPathComponent("roll.xls"), lists: folder, format: "xls")
        #expect(result.status == 1, "errors in the fixtures make the exit status 1: \(result.stderr)")
        let expected = try CheckCommandTests.expected()
        for key in Set(expected.keys).union(actual.keys).sorted() {
            #expect(actual[key] == expected[key], "xls \(key)")
        }
    }

    /// IDs saved as numbers (the column not formatted as text): every 18-digit ID is Excel damage,
    /// and the .xls gives the same decisions and codes as the same import saved as .xlsx.
    @Test func idsStoredAsNumbersAreExcelDamageAsInTheXLSX() throws {
        let lists = Self.fixtures.appendingPathComponent("check")
        let numeric = Self.fixtures.appendingPathComponent("numeric")
        let (xlsResult, xls) = try Self.decisions(roll: numeric.appendingPathComponent("roll.xls"), lists: lists, format: "xls")
        let (xlsxResult, xlsx) = try Self.decisions(roll: numeric.appendingPathComponent("roll.xlsx"), lists: lists, format: "xls")
        #expect(xlsResult.status == xlsxResult.status, "\(xlsResult.stderr)")
        let mangled = xls.filter { $0.key.hasPrefix("roll:") && $0.value.codes.contains("id.excel-mangled") }
        #expect(mangled.count >= 30, "numeric 18-digit IDs are reported as damaged: \(mangled.count)")
        for key in Set(xls.keys).union(xlsx.keys).sorted() {
            #expect(xls[key] == xlsx[key], "\(key)")
        }
    }

    /// `inspect` names the format from the bytes, and reads the sheet, header and mapping.
    @Test func inspectSaysXLSWithItsSheetHeaderAndMapping() throws {
        let result = try VoterRollProcess.run(["inspect", Self.fixtures.appendingPathComponent("check/roll.xls").path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["format"] as? String == "xls")
        let sheets = try #require(json["sheets"] as? [[String: Any]])
        #expect(sheets.count == 1)
        #expect(sheets.first?["name"] as? String == "roll")
        #expect(sheets.first?["header_row"] as? Int == 1)
        let columns = try #require(sheets.first?["columns"] as? [String: String])
        #expect(columns["id_number"] == "公民身份号码")
        #expect(columns["birth_date"] == "出生日期")
    }

    /// A CSV saved under an .xls name is read as the CSV it is.
    @Test func aCSVNamedXLSIsReadAsCSV() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xls-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let named = directory.appendingPathComponent("roll.xls")
        try FileManager.default.copyItem(at: CheckCommandTests.fixtures.appendingPathComponent("roll.csv"), to: named)
        let result = try VoterRollProcess.run(["inspect", named.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["format"] as? String == "csv")
    }

    /// A damaged .xls ends the run with exit status 3 and a message naming the file and the fault.
    @Test func aDamagedXLSExitsThreeSayingWhatIsWrong() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xls-cut-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let whole = try Data(contentsOf: Self.fixtures.appendingPathComponent("check/roll.xls"))
        let cut = directory.appendingPathComponent("roll.xls")
        try whole.prefix(whole.count / 2).write(to: cut)
        let result = try VoterRollProcess.run(["check", cut.path, "--election-day", "2026-12-01", "--out", directory.appendingPathComponent("out").path])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("roll.xls"), "\(result.stderr)")
        #expect(result.stderr.contains("cut short"), "\(result.stderr)")
    }
}
