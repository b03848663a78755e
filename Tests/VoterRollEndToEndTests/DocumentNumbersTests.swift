import Foundation
import Testing

/// Voter cards and voter certificates through the built `voterroll`: their numbers are kept in
/// the store per election and person, across reruns, removals, moves, returns and a killed run.
@Suite struct DocumentNumbersTests {
    private static func id(_ born: String, _ sequence: Int) -> String {
        let body = "370102" + born + String(format: "%03d", sequence)
        return body + String(ReportTests.checkDigit(body))
    }

    /// p1…p12, each born on a different day of 1970 (p12 in 2010: a minor).
    private static let people: [String: (name: String, id: String)] = {
        let names = ["赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七", "王八", "冯九", "陈十", "褚十一", "卫十二"]
        var people: [String: (String, String)] = [:]
        for (index, name) in names.enumerated() {
            let born = index == 11 ? "20100301" : String(format: "1970%02d%02d", index + 1, index + 1)
            people["p\(index + 1)"] = (name, id(born, 11 + 2 * index))
        }
        return people
    }()

    /// A township's files in `folder`: the register (each key with its 选区) and the moved-out list
    /// (key, certificate answer, certificate number).
    private static func write(
        _ folder: URL, register: [(String, String)], movedOut: [(String, String, String)] = []
    ) throws -> [String] {
        var roll = "选区,选民小组,姓名,公民身份号码\n"
        for (key, constituency) in register {
            let person = try #require(people[key])
            roll += "\(constituency),第一组,\(person.name),\(person.id)\n"
        }
        try roll.write(to: folder.appendingPathComponent("roll.csv"), atomically: true, encoding: .utf8)
        var list = "姓名,公民身份号码,现居住地,是否开具选民资格证明,选民资格证明编号\n"
        for (key, answer, number) in movedOut {
            let person = try #require(people[key])
            list += "\(person.name),\(person.id),广东省深圳市,\(answer),\(number)\n"
        }
        try list.write(to: folder.appendingPathComponent("moved_out.csv"), atomically: true, encoding: .utf8)
        return [
            "check", folder.appendingPathComponent("roll.csv").path, "--moved-out", folder.appendingPathComponent("moved_out.csv").path,
            "--election-day", "2026-12-01", "--as-of", "2026-11-20", "--formats", "csv,cards", "--out",
            folder.appendingPathComponent("out").path, "--quiet", "--fail-on", "never",
        ]
    }

    /// cards.csv as person key → "选区 number".
    private static func cards(_ folder: URL) throws -> [String: String] {
        let rows = try CheckCommandTests.readCSV(folder.appendingPathComponent("out/cards.csv"))
        var byKey: [String: String] = [:]
        for row in rows {
            let key = try #require(people.first { $0.value.id == row["公民身份号码"] }?.key)
            byKey[key] = "\(row["选区"] ?? "") \(row["选民证号"] ?? "")"
        }
        return byKey
    }

    /// certificates.csv as person key → number.
    private static func certificates(_ folder: URL) throws -> [String: String] {
        let url = folder.appendingPathComponent("out/certificates.csv")
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        var byKey: [String: String] = [:]
        for row in try CheckCommandTests.readCSV(url) {
            let key = try #require(people.first { $0.value.id == row["公民身份号码"] }?.key)
            byKey[key] = row["证明编号"]
        }
        return byKey
    }

    private static func folder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private static func store(_ kind: String, in folder: URL) throws -> [String] {
        if kind == "postgres" { return ["--store", try TestPostgres.freshDatabase()] }
        return ["--store", folder.appendingPathComponent("numbers.sqlite").path]
    }

    /// Four runs: one person removed and one added; the removed one back, another added and one
    /// moved to the other 选区; that one moved back. Every other number stays, a removed number is
    /// never given to anyone else, and a person returning to the same 选区 gets theirs back.
    @Test(arguments: ["sqlite", "postgres"])
    func aPersonKeepsTheirCardNumberAcrossReruns(store kind: String) throws {
        if kind == "postgres" { try #require(TestPostgres.isAvailable, "no PostgreSQL server") }
        let folder = try Self.folder("cards")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Self.store(kind, in: folder)
        func run(_ register: [(String, String)]) throws -> [String: String] {
            let result = try VoterRollProcess.run(try Self.write(folder, register: register) + store)
            #expect(result.status == 0, "\(result.stderr)")
            return try Self.cards(folder)
        }
        let first = try run([("p1", "一"), ("p2", "一"), ("p3", "一"), ("p4", "一"), ("p5", "二"), ("p6", "二")])
        #expect(first == ["p1": "一 0001", "p2": "一 0002", "p3": "一 0003", "p4": "一 0004", "p5": "二 0001", "p6": "二 0002"])

        // p2 removed, p9 added: p9 gets 0005, not p2's 0002.
        let second = try run([("p1", "一"), ("p3", "一"), ("p4", "一"), ("p9", "一"), ("p5", "二"), ("p6", "二")])
        var expected = first
        expected["p2"] = nil
        expected["p9"] = "一 0005"
        #expect(second == expected)

        // p2 back (0002 again), p10 new (0006), p6 moved to 一 (0007; 二's 0002 retired).
        let third = try run([("p1", "一"), ("p2", "一"), ("p3", "一"), ("p4", "一"), ("p9", "一"), ("p10", "一"), ("p6", "一"), ("p5", "二")])
        expected["p2"] = "一 0002"
        expected["p10"] = "一 0006"
        expected["p6"] = "一 0007"
        #expect(third == expected)

        // p6 back in 二: their 二 0002 again; 一's 0007 is retired, and the next new person in 一
        // (p11) gets 0008.
        let fourth = try run([("p1", "一"), ("p2", "一"), ("p3", "一"), ("p4", "一"), ("p9", "一"), ("p10", "一"), ("p11", "一"), ("p5", "二"), ("p6", "二")])
        expected["p6"] = "二 0002"
        expected["p11"] = "一 0008"
        #expect(fourth == expected)
    }

    /// A run killed after its outputs were swapped in, before the store committed, gives no number
    /// away: the run after it numbers exactly as if it had never happened, and the killed run's
    /// cards were taken back.
    @Test(.enabled(if: OutputFolderSupport.injectsFaults))
    func aKilledRunGivesNoNumberAway() throws {
        let folder = try Self.folder("cards-killed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Self.store("sqlite", in: folder)
        let first = try Self.write(folder, register: [("p1", "一"), ("p2", "一"), ("p3", "一")]) + store
        #expect(try VoterRollProcess.run(first).status == 0)
        let before = try Self.cards(folder)

        // p2 removed, p4 and p5 added; killed at the last moment.
        let second = try Self.write(folder, register: [("p1", "一"), ("p5", "一"), ("p3", "一"), ("p4", "一")]) + store
        let killed = try VoterRollProcess.run(second, environment: ["VOTERROLL_FAULT": "kill:stored"])
        #expect(killed.status == 137 || killed.status == 9, "\(killed.stderr)")
        // Again, now with p4 before p5: the numbers follow the roll's order, as if the killed run
        // had never been.
        let again = try Self.write(folder, register: [("p1", "一"), ("p4", "一"), ("p3", "一"), ("p5", "一")]) + store
        let result = try VoterRollProcess.run(again)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(before == ["p1": "一 0001", "p2": "一 0002", "p3": "一 0003"])
        #expect(try Self.cards(folder) == ["p1": "一 0001", "p3": "一 0003", "p4": "一 0004", "p5": "一 0005"])
    }

    /// Certificates go to voters away whose list says one is to be issued and gives no number,
    /// only when nothing else excludes them; a rerun keeps each number, and the next is new.
    @Test func certificatesAreIssuedOnceAndKeepTheirNumbers() throws {
        let folder = try Self.folder("certificates")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Self.store("sqlite", in: folder)
        let register = [("p1", "一"), ("p7", "一"), ("p8", "一"), ("p11", "一"), ("p12", "一")]
        // p7 to be issued; p8 issued already (a number); p12 a minor; p1 at home.
        var movedOut = [("p7", "待开具", ""), ("p8", "是", "鲁选证2026-0003"), ("p12", "是", "")]
        let first = try VoterRollProcess.run(try Self.write(folder, register: register, movedOut: movedOut) + store)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try Self.certificates(folder) == ["p7": "2026-0001"])
        let page = try String(contentsOf: folder.appendingPathComponent("out/certificates/2026-0001.html"), encoding: .utf8)
        #expect(page.contains("选民资格证明") && page.contains("郑七") && page.contains(Self.people["p7"]!.id) && page.contains("2026年11月20日"))
        let rows = try CheckCommandTests.readCSV(folder.appendingPathComponent("out/certificates.csv"))
        #expect(rows.first?["现居住地"] == "广东省深圳市" && rows.first?["原登记选区"] == "一" && rows.first?["开具日期"] == "2026-11-20")
        let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("out/certificates.csv").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // p11 to be issued too: p7 keeps 2026-0001, p11 gets 2026-0002.
        movedOut.append(("p11", "是", ""))
        let second = try VoterRollProcess.run(try Self.write(folder, register: register, movedOut: movedOut) + store)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try Self.certificates(folder) == ["p7": "2026-0001", "p11": "2026-0002"])
        let report = try String(contentsOf: folder.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(report.contains("certificates/2026-0002.html") && report.contains("cards/一.html"))

        // p7 back home (off the list) and p1 away with a certificate: p11 keeps 2026-0002, p7's
        // 2026-0001 is retired, p1 gets 2026-0003; p7's old page is gone with the swap.
        movedOut = [("p8", "是", "鲁选证2026-0003"), ("p12", "是", ""), ("p11", "是", ""), ("p1", "应开具", "")]
        let third = try VoterRollProcess.run(try Self.write(folder, register: register, movedOut: movedOut) + store)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(try Self.certificates(folder) == ["p11": "2026-0002", "p1": "2026-0003"])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/certificates/2026-0001.html").path))
    }

    /// Cards without the store would be renumbered on every run: refused. Certificates without it
    /// are not issued, and the report says how many are due.
    @Test func withoutTheStoreCardsAreRefusedAndCertificatesWait() throws {
        let folder = try Self.folder("no-store")
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = try Self.write(folder, register: [("p1", "一"), ("p7", "一")], movedOut: [("p7", "是", "")])
        let refused = try VoterRollProcess.run(arguments + ["--no-store"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--formats cards") && refused.stderr.contains("--no-store"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/roll.csv").path))

        let withoutCards = arguments.map { $0 == "csv,cards" ? "csv" : $0 } + ["--no-store"]
        let result = try VoterRollProcess.run(withoutCards)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/certificates.csv").path))
        let report = try String(contentsOf: folder.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(report.contains("<span class=\"num\">1</span> 人应开具选民资格证明"))
    }

    /// The demo's cards: one per voter on the roll, eight to a sheet, no ID number on any card;
    /// the committee from the pipeline; 孙浩's certificate.
    @Test func theDemoPrintsItsCards() throws {
        let folder = try Self.folder("demo-cards")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", folder.path, "--quiet"])
        #expect(result.status == 1, "\(result.stderr)")
        let cards = try CheckCommandTests.readCSV(folder.appendingPathComponent("cards.csv"))
        let roll = try CheckCommandTests.readCSV(folder.appendingPathComponent("roll.csv"))
        #expect(cards.count == roll.count && cards.count == 28)
        #expect(Set(cards.map { $0["公民身份号码"] ?? "" }) == Set(roll.map { $0["id_number"] ?? $0["公民身份号码"] ?? "" }))
        for constituency in ["第一选区", "第二选区"] {
            let page = try String(contentsOf: folder.appendingPathComponent("cards/\(constituency).html"), encoding: .utf8)
            let inPage = cards.filter { $0["选区"] == constituency }
            #expect(page.components(separatedBy: "<div class=\"card\">").count - 1 == inPage.count)
            #expect(page.components(separatedBy: "<section class=\"sheet\">").count - 1 == (inPage.count + 7) / 8)
            #expect(page.contains("某某镇选举委员会（盖章）") && page.contains("2026年5月20日"))
            for card in inPage { #expect(!page.contains(card["公民身份号码"] ?? "-") && page.contains(card["选民证号"] ?? "-")) }
        }
        let certificates = try CheckCommandTests.readCSV(folder.appendingPathComponent("certificates.csv"))
        #expect(certificates.map { [$0["证明编号"] ?? "", $0["姓名"] ?? ""] } == [["2026-0001", "孙浩"]])
    }
}
