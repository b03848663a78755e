import Foundation
import Testing

/// No list is applied without the columns its rule reads (issue 16): each list kind's needed
/// column renamed to something unknown stops the run with exit 3 and a message naming the
/// file, the field, every header seen and the pipeline line, and the previous outputs stay.
@Suite struct NeededColumnsTests {
    static let fixtures = VoterRollProcess.repositoryRoot.appendingPathComponent("fixtures/check")
    static let lists = ["deprived", "incapacitated", "suspended", "deceased", "moved_out", "moved_in", "proxies"]

    /// A list, the header it has for a needed field, and that field.
    static let renamed: [(list: String, header: String, field: String)] = [
        ("deprived", "结束日期", "end"),
        ("deprived", "开始日期", "start"),
        ("deprived", "公民身份号码", "id_number"),
        ("incapacitated", "公民身份号码", "id_number"),
        ("suspended", "公民身份号码", "id_number"),
        ("deceased", "公民身份号码", "id_number"),
        ("moved_out", "是否开具选民资格证明", "certificate_issued"),
        ("moved_out", "公民身份号码", "id_number"),
        ("moved_in", "选民资格证明编号", "certificate_number"),
        ("moved_in", "选区", "constituency"),
        ("proxies", "委托人身份证号", "principal_id"),
        ("proxies", "受托人身份证号", "agent_id"),
    ]

    /// A copy of fixtures/check in a fresh folder, and the arguments of a check on it.
    static func copy() throws -> (URL, [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("needed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["roll"] + lists {
            try FileManager.default.copyItem(
                at: fixtures.appendingPathComponent("\(name).csv"), to: folder.appendingPathComponent("\(name).csv"))
        }
        var arguments = ["check", folder.appendingPathComponent("roll.csv").path, "--election-day", "2026-12-01"]
        for list in lists {
            arguments += ["--\(list.replacingOccurrences(of: "_", with: "-"))", folder.appendingPathComponent("\(list).csv").path]
        }
        return (folder, arguments)
    }

    /// Renames one header cell of a CSV file's first line (its CRLF, as Excel writes it, kept).
    static func rename(_ header: String, to other: String, in file: URL) throws {
        let bytes = Array(try Data(contentsOf: file))
        let end = bytes.firstIndex(of: UInt8(ascii: "\r")) ?? bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let first = String(decoding: bytes[..<end], as: UTF8.self)
        let renamed = first.split(separator: ",", omittingEmptySubsequences: false).map { $0 == header ? other : String($0) }
            .joined(separator: ",")
        try Data(Array(renamed.utf8) + bytes[end...]).write(to: file)
    }

    @Test(arguments: renamed)
    func aListWithoutANeededColumnIsRefused(list: String, header: String, field: String) throws {
        let (folder, arguments) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let first = try VoterRollProcess.run(arguments + ["--out", out.path])
        #expect(first.status == 1, "\(first.stderr)")
        let before = try Data(contentsOf: out.appendingPathComponent("roll.csv"))
        let summaryBefore = try Data(contentsOf: out.appendingPathComponent("summary.json"))

        let file = folder.appendingPathComponent("\(list).csv")
        try Self.rename(header, to: "某某栏", in: file)
        let refused = try VoterRollProcess.run(arguments + ["--out", out.path])
        #expect(refused.status == 3)
        for part in ["\(list).csv", "缺少必需的列", "(\(field))", "某某栏", "columns: {\(field): [\"…\"]}", "之前的输出保持不变"] {
            #expect(refused.stderr.contains(part), "\(part) in \(refused.stderr)")
        }
        #expect(try Data(contentsOf: out.appendingPathComponent("roll.csv")) == before)
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.json")) == summaryBefore)

        let english = try VoterRollProcess.run(arguments + ["--out", out.path, "--lang", "en"])
        #expect(english.status == 3)
        for part in ["\(list).csv", "no column for", "(\(field))", "某某栏", "columns: {\(field): [\"…\"]}", "never applied in part"] {
            #expect(english.stderr.contains(part), "\(part) in \(english.stderr)")
        }
    }

    /// The register needs who (ID, name) and where they vote (选区): without one of them no
    /// one is decided, and the previous outputs stay.
    @Test(arguments: [("选区", "constituency"), ("公民身份号码", "id_number"), ("姓名", "name")])
    func aRegisterWithoutANeededColumnIsRefused(header: String, field: String) throws {
        let (folder, arguments) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        #expect(try VoterRollProcess.run(arguments + ["--out", out.path]).status == 1)
        let before = try Data(contentsOf: out.appendingPathComponent("roll.csv"))
        try Self.rename(header, to: "某某栏", in: folder.appendingPathComponent("roll.csv"))
        let refused = try VoterRollProcess.run(arguments + ["--out", out.path])
        #expect(refused.status == 3)
        for part in ["roll.csv", "缺少必需的列", "(\(field))", "某某栏", "columns: {\(field): [\"…\"]}", "之前的输出保持不变"] {
            #expect(refused.stderr.contains(part), "\(part) in \(refused.stderr)")
        }
        #expect(try Data(contentsOf: out.appendingPathComponent("roll.csv")) == before)
        let english = try VoterRollProcess.run(arguments + ["--out", out.path, "--lang", "en"])
        #expect(english.status == 3)
        for part in ["roll.csv", "no column for", "(\(field))", "previous outputs are left as they were"] {
            #expect(english.stderr.contains(part), "\(part) in \(english.stderr)")
        }
    }

    /// Headers written the way offices write them are read, and decide as the plain ones do;
    /// a column read by nothing is reported, and an unreadable end date names its column.
    @Test func varyingHeadersDecideTheSameAndIgnoredColumnsAreVisible() throws {
        let (folder, arguments) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = folder.appendingPathComponent("plain")
        #expect(try VoterRollProcess.run(arguments + ["--out", plain.path]).status == 1)
        let deprived = folder.appendingPathComponent("deprived.csv")
        try Self.rename("结束日期", to: "剥夺政治权利终止日期（年月日）", in: deprived)
        try Self.rename("姓名", to: "被剥夺政治权利人员姓名", in: deprived)
        // Last: a line break inside the header cell.
        try Self.rename("开始日期", to: "\"剥夺政治权利\n起始日期\"", in: deprived)
        let movedOut = folder.appendingPathComponent("moved_out.csv")
        try Self.rename("是否开具选民资格证明", to: "外出人员已开具证明（是/否）", in: movedOut)
        try Self.rename("现居住地", to: "外出原因", in: movedOut)
        let varied = folder.appendingPathComponent("varied")
        let run = try VoterRollProcess.run(arguments + ["--out", varied.path])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(
            try Data(contentsOf: varied.appendingPathComponent("roll.csv")) == Data(contentsOf: plain.appendingPathComponent("roll.csv")))
        let findings = try String(contentsOf: varied.appendingPathComponent("findings.csv"), encoding: .utf8)
        #expect(findings.contains("input.column-ignored,"), "\(findings)")
        #expect(findings.contains("moved_out.csv:1:C,外出原因"), "\(findings)")
    }

    /// `inspect --role` says per column how it matched, and which needed field is missing.
    @Test func inspectExplainsTheMapping() throws {
        let (folder, _) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let deprived = folder.appendingPathComponent("deprived.csv")
        try Self.rename("开始日期", to: "剥夺政治权利起始日期", in: deprived)
        try Self.rename("结束日期", to: "剥夺期限", in: deprived)
        let text = try VoterRollProcess.run(["inspect", deprived.path, "--role", "deprived"])
        #expect(text.status == 0, "\(text.stderr)")
        for part in ["→ id_number  (exact alias)", "→ start  (words)", "(not used: input.column-ignored)", "missing for a deprived list: end"] {
            #expect(text.stdout.contains(part), "\(part) in \(text.stdout)")
        }
        let json = try VoterRollProcess.run(["inspect", deprived.path, "--role", "deprived", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["role"] as? String == "deprived")
        let sheet = try #require((object["sheets"] as? [[String: Any]])?.first)
        #expect(sheet["missing_needed"] as? [[String]] == [["end"]])
        let mapping = try #require(sheet["mapping"] as? [[String: Any]])
        #expect(mapping.map { $0["how"] as? String } == ["exact_alias", "exact_alias", "words", nil])
        #expect(mapping.map { $0["header"] as? String } == ["姓名", "公民身份号码", "剥夺政治权利起始日期", "剥夺期限"])
    }
}
