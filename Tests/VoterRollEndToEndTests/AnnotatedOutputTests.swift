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
}
