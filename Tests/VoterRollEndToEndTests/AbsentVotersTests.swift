import Foundation
import Testing

/// Voters away without a certificate and without a proxy: absent.csv and the letters to them,
/// through the built `voterroll`.
@Suite struct AbsentVotersTests {
    private static func id(_ born: String, _ sequence: Int) -> String {
        let body = "370102" + born + String(format: "%03d", sequence)
        return body + String(ReportTests.checkDigit(body))
    }

    /// Five voters: 甲 away with a proxy, 乙 away without (phone in the list), 丙 away with a
    /// certificate (registered where she lives), 丁 at home (phone in the register), 戊 the agent.
    @Test func onlyVotersAwayWithoutAProxyGetALetter() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let people = [("甲", Self.id("19700101", 11)), ("乙", Self.id("19710101", 13)), ("丙", Self.id("19720101", 22)), ("丁", Self.id("19730101", 15)), ("戊", Self.id("19740101", 17))]
        var register = "选区,选民小组,姓名,公民身份号码,联系电话\n"
        for (name, id) in people { register += "第一选区,第二组,\(name),\(id),\(name == "丁" ? "13900000000" : "")\n" }
        let roll = folder.appendingPathComponent("roll.csv")
        try register.write(to: roll, atomically: false, encoding: .utf8)
        let movedOut = folder.appendingPathComponent("moved_out.csv")
        try """
            姓名,公民身份号码,现居住地,是否开具选民资格证明,联系电话
            甲,\(people[0].1),广东省深圳市,否,13800000001
            乙,\(people[1].1),浙江省杭州市,否,13800000002
            丙,\(people[2].1),北京市朝阳区,是,13800000003

            """.write(to: movedOut, atomically: false, encoding: .utf8)
        let proxies = folder.appendingPathComponent("proxies.csv")
        try "委托人姓名,委托人身份证号,受托人姓名,受托人身份证号\n甲,\(people[0].1),戊,\(people[4].1)\n".write(
            to: proxies, atomically: false, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let base = ["check", roll.path, "--election-day", "2026-12-01", "--posting-day", "2026-11-10", "--out", out.path, "--no-store", "--quiet"]
        let result = try VoterRollProcess.run(base + ["--moved-out", movedOut.path, "--proxies", proxies.path])
        #expect(result.status == 0, "\(result.stderr)")
        let absent = try CheckCommandTests.readCSV(out.appendingPathComponent("absent.csv"))
        #expect(absent == [["姓名": "乙", "选区": "第一选区", "选民小组": "第二组", "现居住地": "浙江省杭州市", "联系电话": "13800000002"]])
        let letters = try String(contentsOf: out.appendingPathComponent("letters/第一选区.html"), encoding: .utf8)
        #expect(letters.components(separatedBy: "<section class=\"letter\">").count == 2)
        #expect(letters.contains("乙同志") && letters.contains("2026年12月1日") && letters.contains("可于 2026年11月15日 前"))
        #expect(!letters.contains("甲同志") && !letters.contains(people[1].1))
        let attributes = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("absent.csv").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("letters/") && report.contains("absent.csv"))

        // Everyone back home: the next run leaves no absent.csv and no old letters behind.
        let again = try VoterRollProcess.run(base)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("absent.csv").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("letters/第一选区.html").path))
    }

    /// The demo's in-migrant from Henan (the register's county is 370102): one notice to the
    /// Henan office, with the ID number and the certificate; the demo's other in-migrant was not
    /// added (no certificate) and gets none.
    @Test func theHomeOfficeOfAnInMigrantIsNotified() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notices-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", folder.path, "--quiet"])
        #expect(result.status == 1, "\(result.stderr)")
        let notices = try CheckCommandTests.readCSV(folder.appendingPathComponent("notices.csv"))
        #expect(notices.map { [$0["户籍地"] ?? "", $0["姓名"] ?? "", $0["公民身份号码"] ?? "", $0["选民资格证明编号"] ?? ""] } == [
            ["河南省郑州市", "许文", "410102198806060311", "豫选证2026-0031"]
        ])
        let page = try String(contentsOf: folder.appendingPathComponent("notices/河南省郑州市.html"), encoding: .utf8)
        #expect(page.contains("410102198806060311") && page.contains("予以注销"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("notices/河南省郑州市.html").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let manifest = try String(contentsOf: folder.appendingPathComponent(".voterroll-manifest.json"), encoding: .utf8)
        #expect(manifest.contains("notices/河南省郑州市.html") && manifest.contains("letters/"))
    }
}
