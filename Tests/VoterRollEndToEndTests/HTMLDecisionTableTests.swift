import Foundation
import Testing

/// The built `voterroll` on web-page copies of the check fixtures named .xls, as some systems
/// export them, made by LibreOffice (`fixtures/html/make-fixtures.sh`): the same decisions and
/// codes as the CSV, row for row.
@Suite struct HTMLDecisionTableTests {
    static let fixtures = VoterRollProcess.repositoryRoot.appendingPathComponent("fixtures/html")

    @Test func everyRowGetsTheDecisionAndCodesItGetsFromTheCSV() throws {
        let folder = Self.fixtures.appendingPathComponent("check")
        let (result, actual) = try XLSDecisionTableTests.decisions(roll: folder.appendingPathComponent("roll.xls"), lists: folder, format: "xls")
        #expect(result.status == 1, "errors in the fixtures make the exit status 1: \(result.stderr)")
        let expected = try CheckCommandTests.expected()
        for key in Set(expected.keys).union(actual.keys).sorted() {
            #expect(actual[key] == expected[key], "html \(key)")
        }
    }

    /// The register's page in GB18030, saying so in its <meta charset>, decides the same.
    @Test func aGB18030PageDecidesTheSame() throws {
        let lists = Self.fixtures.appendingPathComponent("check")
        let (_, utf8) = try XLSDecisionTableTests.decisions(roll: lists.appendingPathComponent("roll.xls"), lists: lists, format: "xls")
        let (result, gb18030) = try XLSDecisionTableTests.decisions(
            roll: Self.fixtures.appendingPathComponent("gb18030/roll.xls"), lists: lists, format: "xls")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(gb18030 == utf8)
    }

    @Test func inspectSaysItIsAWebPage() throws {
        let page = Self.fixtures.appendingPathComponent("check/roll.xls").path
        let json = try VoterRollProcess.run(["inspect", page, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "html")
        let sheet = try #require((object["sheets"] as? [[String: Any]])?.first)
        #expect((sheet["columns"] as? [String: String])?["id_number"] == "公民身份号码")
        let text = try VoterRollProcess.run(["inspect", page])
        #expect(text.stdout.contains("format:    web page table (HTML)"), "\(text.stdout)")
    }
}
