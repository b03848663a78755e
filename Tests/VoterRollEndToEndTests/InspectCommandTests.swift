import Foundation
import Testing

/// `voterroll inspect` as an officer runs it: the README's first command, JSON for scripts,
/// and exit status 3 for a file that cannot be read, 2 for bad usage.
@Suite struct InspectCommandTests {
    @Test func inspectsTheDemoRollAsTheREADMEShows() throws {
        let result = try VoterRollProcess.run(["inspect", "fixtures/demo/roll.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.hasPrefix("fixtures/demo/roll.csv\n"))
        #expect(out.contains("format:    CSV/TSV text, comma-separated"))
        #expect(out.contains("encoding:  GB18030 (not valid UTF-8)"))
        #expect(out.contains("header:    row 2"))
        #expect(out.contains("公民身份号码  → id_number"))
        #expect(out.contains("选民小组      → voter_group"))
        #expect(out.contains("30 data rows (33 read: 1 header, 1 title, 1 blank, 30 data)"))
        #expect(out.contains("3: 1 | 第一选区 | 第一组 | 张伟 | 男 | 汉族 | 1980-01-01 | 370102********0111 | 某某镇东街1号 | "))
        #expect(!out.contains("missing for a voter roll"))
        #expect(result.stderr.isEmpty)
    }

    @Test func printsJSON() throws {
        let result = try VoterRollProcess.run(["inspect", "--json", "fixtures/demo/roll.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "csv")
        #expect(object["encoding"] as? String == "GB18030")
        let sheet = try #require((object["sheets"] as? [[String: Any]])?.first)
        #expect(sheet["header_row"] as? Int == 2)
        #expect(sheet["rows"] as? Int == 30)
        #expect((sheet["columns"] as? [String: String])?["birth_date"] == "出生日期")
    }

    @Test func anEncodingOverrideIsUsed() throws {
        let result = try VoterRollProcess.run(["inspect", "fixtures/ingest/csv/utf8.csv", "--encoding", "gbk"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("encoding:  GB18030 (override)"))
    }

    @Test func aFileReadInTheWrongEncodingShowsItsFirstRows() throws {
        let result = try VoterRollProcess.run(["inspect", "fixtures/demo/roll.csv", "--encoding", "utf-8"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("encoding:  UTF-8 (override)"))
        #expect(result.stdout.contains("no header in the first 20 rows: not read (33 rows); it starts:\n    1: "))
        #expect(result.stdout.contains("\u{FFFD}"))
    }

    @Test func findingsWhileReadingAreCounted() throws {
        let result = try VoterRollProcess.run(["inspect", "fixtures/ingest/csv/invalid-gb18030.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("input.encoding: 1 (Undecodable bytes; check the file encoding (UTF-8 or GB18030))"))
    }

    @Test func inspectsAWorkbook() throws {
        let result = try VoterRollProcess.run(["inspect", "fixtures/ingest/register-text.xlsx", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "xlsx")
        #expect(object["encoding"] is NSNull)
        let sheet = try #require((object["sheets"] as? [[String: Any]])?.first)
        #expect(sheet["name"] as? String != nil)
        #expect(sheet["rows"] as? Int == 12)
    }

    @Test func showsWhatIsMissingForARoll() throws {
        let result = try VoterRollProcess.run(["inspect", "fixtures/ingest/csv/missing-id.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("missing for a voter roll: id_number"))
    }

    @Test(arguments: [
        ("fixtures/ingest/csv/no-such.csv", "fixtures/ingest/csv/no-such.csv: no such file"),
        ("fixtures/ingest/csv/empty.csv", "fixtures/ingest/csv/empty.csv: is empty"),
        ("fixtures/ingest/csv/binary-garbage.csv", "fixtures/ingest/csv/binary-garbage.csv: is binary data"),
        ("fixtures/ingest/csv/nul-bytes.csv", "fixtures/ingest/csv/nul-bytes.csv: holds nothing but zero (NUL) bytes"),
        ("fixtures/ingest", "fixtures/ingest: is a directory"),
    ])
    func anUnreadableFileExitsThreeNamingIt(path: String, message: String) throws {
        let result = try VoterRollProcess.run(["inspect", path])
        #expect(result.status == 3)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        ["inspect"],
        ["inspect", "fixtures/demo/roll.csv", "--encoding", "big5"],
        ["inspect", "fixtures/demo/roll.csv", "--no-such-flag"],
    ])
    func badUsageExitsTwo(arguments: [String]) throws {
        let result = try VoterRollProcess.run(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }
}
