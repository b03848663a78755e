import Foundation
import Testing

@testable import VoterRollKit

/// `voterroll county-report` (issue 21): a county of three townships sharing a store, one of
/// which has not run, on SQLite and PostgreSQL — each township's latest run for the election
/// day, the one not run, the county's totals; and the store is only read.
@Suite struct CountyReportTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    private static let day = "2026-12-01"
    private let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("county-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A register of (name, ID, 民族) rows in two constituencies, as a UTF-8 CSV.
    private func register(_ township: String, _ people: [(String, String, String)]) throws -> String {
        var text = "选区,选民小组,姓名,民族,公民身份号码\n"
        for (index, person) in people.enumerated() {
            text += "\(index % 2 == 0 ? "第一选区" : "第二选区"),第\(index % 3 + 1)组,\(person.0),\(person.2),\(person.1)\n"
        }
        let path = folder.appendingPathComponent("\(township).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func check(_ township: String, _ register: String, store: String, day: String = Self.day) throws -> Int32 {
        let result = try VoterRollProcess.run([
            "check", register, "--election-day", day, "--out", folder.appendingPathComponent("out-\(township)-\(day)").path,
            "--store", store, "--township", township, "--quiet",
        ])
        return result.status
    }

    /// 城关镇 runs twice (four adults, a minor), then once for another election day; 河口乡 once
    /// (two adults of its own, one 城关镇 holds, an ID with a wrong check digit); 青山镇 never.
    private func county(_ store: String) throws {
        let chengguan = try register("城关镇", [
            ("王秀英", "370102197511200228", "汉族"), ("李娜", "370102199206150462", "回族"), ("刘洋", "370102198810080531", "汉族"),
            ("陈静", "37010219990228064X", "汉族"), ("小明", "370102201501010016", "汉族"),
        ])
        let hekou = try register("河口乡", [
            ("赵敏", "370103197009190825", "汉族"), ("黄海", "370103195807120937", "满族"), ("陈静", "37010219990228064X", "汉族"),
            ("错号", "370103194508151158", "汉族"),
        ])
        #expect(try check("城关镇", chengguan, store: store) == 0)
        #expect(try check("城关镇", chengguan, store: store) == 0)
        #expect(try check("河口乡", hekou, store: store) == 1)
        #expect(try check("城关镇", chengguan, store: store, day: "2027-03-01") == 0)
    }

    private func report(_ store: String, townships: [String]? = ["城关镇", "河口乡", "青山镇"]) throws -> (VoterRollProcess.Result, URL) {
        let out = folder.appendingPathComponent("county-\(UUID().uuidString.prefix(6))")
        var arguments = ["county-report", "--store", store, "--election-day", Self.day, "--out", out.path]
        if let townships {
            let list = folder.appendingPathComponent("townships.csv")
            try ("\u{FEFF}乡镇\n" + townships.joined(separator: "\n") + "\n").write(to: list, atomically: true, encoding: .utf8)
            arguments += ["--townships", list.path]
        }
        return (try VoterRollProcess.run(arguments), out)
    }

    private func store(_ backend: Backend) throws -> String {
        switch backend {
        case .sqlite: folder.appendingPathComponent("county.sqlite").path
        case .postgres: try TestPostgres.freshDatabase()
        }
    }

    /// A fingerprint of everything in the store, to show county-report changed nothing. On
    /// SQLite the database file and the write-ahead log's content (a reader of a WAL database
    /// maps the `-shm` index, and SQLite creates an empty `-wal` beside it for any reader).
    private func fingerprint(_ backend: Backend, _ store: String) throws -> String {
        switch backend {
        case .sqlite:
            let wal = (try? FileDigest.of(path: store + "-wal")).map { $0.size } ?? 0
            return try FileDigest.of(path: store).sha256 + " wal bytes: \(wal)"
        case .postgres:
            return try TestPostgres.column(
                store,
                "SELECT string_agg(table_name, ',' ORDER BY table_name) || ' runs=' || (SELECT count(*) FROM runs) || ' decisions=' || (SELECT count(*) FROM decisions) || ' migrations=' || (SELECT count(*) FROM schema_migrations) FROM information_schema.tables WHERE table_schema = current_schema()"
            ).joined()
        }
    }

    @Test(arguments: Backend.allCases)
    func threeTownshipsOneNotRun(_ backend: Backend) throws {
        try #require(backend == .sqlite || TestPostgres.isAvailable, "no PostgreSQL server")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try store(backend)
        try county(store)
        let before = try fingerprint(backend, store)
        let (result, out) = try report(store)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("3 townships: 2 run, 1 not run, 1 with errors"))
        #expect(try fingerprint(backend, store) == before, "county-report wrote to the store")

        let rows = try CheckCommandTests.readCSV(out.appendingPathComponent("county.csv"))
        #expect(rows.map { $0["乡镇"] ?? "" } == ["城关镇", "河口乡", "青山镇", "合计"])
        let (chengguan, hekou, qingshan, total) = (rows[0], rows[1], rows[2], rows[3])
        // 城关镇: its second run for the day (run 2), not the later run for another day.
        #expect(chengguan["运行编号"] == "2")
        #expect(chengguan["状态"] == "正常" && chengguan["退出状态"] == "0")
        #expect(chengguan["选民名单人数"] == "4" && chengguan["排除人数"] == "1")
        #expect(chengguan["错误"] == "0")
        #expect(chengguan["跨乡镇重复（本乡镇排除）"] == "0" && chengguan["跨乡镇重复（他乡镇排除）"] == "1")
        #expect(chengguan["登记册人数"] == "5" && chengguan["年满十八周岁人数"] == "4" && chengguan["登记选民数"] == "4")
        #expect(chengguan["少数民族选民数"] == "1" && chengguan["女性选民数"] == "3")
        #expect(chengguan["占登记册人数比例"] == "80.0%")
        // 河口乡: an ID error and the person 城关镇 holds: failing, exit 1.
        #expect(hekou["运行编号"] == "3")
        #expect(hekou["状态"] == "有错误" && hekou["退出状态"] == "1")
        #expect(hekou["选民名单人数"] == "2" && hekou["排除人数"] == "2" && hekou["错误"] == "2")
        #expect(hekou["跨乡镇重复（本乡镇排除）"] == "1" && hekou["跨乡镇重复（他乡镇排除）"] == "0")
        #expect(hekou["登记册人数"] == "4" && hekou["年满十八周岁人数"] == "3" && hekou["少数民族选民数"] == "1")
        // 青山镇 has not run: named, nothing else.
        #expect(qingshan["状态"] == "未运行")
        #expect(qingshan.filter { !["乡镇", "状态"].contains($0.key) }.allSatisfy { $0.value.isEmpty })
        // The county: sums of the townships that ran.
        #expect(total["选民名单人数"] == "6" && total["排除人数"] == "3" && total["错误"] == "2")
        #expect(total["跨乡镇重复（本乡镇排除）"] == "1")
        #expect(total["登记册人数"] == "9" && total["登记选民数"] == "6" && total["少数民族选民数"] == "2")
        #expect(total["状态"] == "已运行 2，未运行 1，有错误 1")

        let page = try String(contentsOf: out.appendingPathComponent("county.html"), encoding: .utf8)
        #expect(page.contains("青山镇") && page.contains("未运行") && page.contains("<svg"))
        #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("href=\"http"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("county.xlsx").path))
    }

    /// Without a county list, the townships that ran; a township named only in the list is the
    /// one that has not run, and one not in the list still shows.
    @Test func withoutAListTheTownshipsThatRan() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try store(.sqlite)
        try county(store)
        let (all, allOut) = try report(store, townships: nil)
        #expect(all.status == 0, "\(all.stderr)")
        #expect(try CheckCommandTests.readCSV(allOut.appendingPathComponent("county.csv")).map { $0["乡镇"] ?? "" } == ["城关镇", "河口乡", "合计"])
        let (some, someOut) = try report(store, townships: ["青山镇", "城关镇"])
        #expect(some.status == 0)
        #expect(try CheckCommandTests.readCSV(someOut.appendingPathComponent("county.csv")).map { $0["乡镇"] ?? "" } == ["青山镇", "城关镇", "河口乡", "合计"])
    }

    /// The store is only read: a missing SQLite file is not created, an empty PostgreSQL
    /// database gains no table; both are refused (exit 2).
    @Test(arguments: Backend.allCases)
    func neverCreatesAStore(_ backend: Backend) throws {
        try #require(backend == .sqlite || TestPostgres.isAvailable, "no PostgreSQL server")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try store(backend)
        let (result, out) = try report(store)
        #expect(result.status == 2, "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("county.csv").path))
        switch backend {
        case .sqlite: #expect(!FileManager.default.fileExists(atPath: store))
        case .postgres:
            #expect(try TestPostgres.column(store, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").isEmpty)
        }
    }
}
