import Foundation
import Testing

/// `--formats csv,annotated` through the built `voterroll`: a workbook per input in
/// `annotated/`, owner-only, named in the manifest and the report; gone again (with the
/// manifest's say-so) when a later run does not ask for it, a file of the clerk's own kept.
@Suite struct AnnotatedOutputTests {
    @Test func annotatedWorkbooksAreWrittenListedAndRetired() throws {
        let (first, out) = try ReportTests.runCheck(["--formats", "csv,annotated", "--quiet"])
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(first.status == 1, "\(first.stderr)")
        let folder = out.appendingPathComponent("annotated")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let inputs = ["roll"] + CheckCommandTests.listOptions.map(\.role)
        #expect(names == inputs.map { $0 + ".xlsx" }.sorted())
        for name in names {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            #expect(attributes[.posixPermissions] as? Int == 0o600, "\(name)")
        }
        let manifest = try String(contentsOf: out.appendingPathComponent(".voterroll-manifest.json"), encoding: .utf8)
        for name in names { #expect(manifest.contains("annotated/\(name)"), "\(name)") }
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("<a href=\"annotated/\">annotated/</a>"))

        // The clerk's own file in the folder stays; the workbooks go with the next run that
        // does not write them.
        try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let (second, _) = try ReportTests.runCheck(["--quiet"], out: out)
        #expect(second.status == 1, "\(second.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
        let report2 = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!report2.contains("annotated/"))
    }

    /// Where each finding on the register is: sheet (the file's name for a file without
    /// sheets, as the annotated workbook names its one sheet), row, column letters, code.
    private static func registerFindings(_ out: URL, file: String) throws -> [String] {
        try CheckCommandTests.readCSV(out.appendingPathComponent("findings.csv")).compactMap { finding in
            guard let path = finding["file"], (path as NSString).lastPathComponent == file else { return nil }
            let sheet = finding["sheet"].flatMap { $0.isEmpty ? nil : $0 }
            let cell = finding["cell"] ?? ""
            let letters =
                sheet.map { String(cell.dropFirst($0.count + 1).prefix { $0.isLetter }) }
                ?? (cell.split(separator: ":").count == 3 ? String(cell.split(separator: ":")[2]) : "")
            return [sheet ?? "roll.xls", finding["row"] ?? "", letters, finding["code"] ?? ""].joined(separator: " ")
        }.sorted()
    }

    /// An .xls register (its IDs text, and one whose IDs Excel stored as numbers) and a web page
    /// saved as .xls: annotated, then read as the register, the same findings on the same cells.
    @Test(arguments: ["fixtures/xls/check", "fixtures/xls/numeric", "fixtures/html/check"])
    func anAnnotatedRegisterReadsBackWithTheSameFindings(folder: String) throws {
        let register = VoterRollProcess.repositoryRoot.appendingPathComponent(folder + "/roll.xls")
        let (first, out) = try ReportTests.runCheck(["--formats", "csv,annotated", "--quiet"], roll: register.path)
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(first.status == 1, "\(first.stderr)")
        let before = try Self.registerFindings(out, file: "roll.xls")
        #expect(!before.isEmpty)

        let clerk = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: clerk, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: clerk) }
        let copy = clerk.appendingPathComponent("roll.xlsx")
        try FileManager.default.copyItem(at: out.appendingPathComponent("annotated/roll.xlsx"), to: copy)
        let (second, again) = try ReportTests.runCheck(["--quiet"], roll: copy.path)
        defer { try? FileManager.default.removeItem(at: again) }
        #expect(second.status == 1, "\(second.stderr)")
        #expect(try Self.registerFindings(again, file: "roll.xlsx") == before)
    }
}
