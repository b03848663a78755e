import Foundation
import Testing
import VoterRollKit

/// Townships of one county sharing a store (issue 10): a person kept by two townships for the
/// same election stays with the earlier registration, the other township's row is excluded
/// with `dup.same-id` naming the holder, the holder hears of it on its next run, and two
/// townships running at once never both keep a person. Every scenario runs on a shared SQLite
/// file and on PostgreSQL.
@Suite struct CountyStoreTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// Eight adults from the demo register (valid IDs, no list names them).
    static let people: [(name: String, id: String)] = [
        ("王秀英", "370102197511200228"), ("李娜", "370102199206150462"), ("刘洋", "370102198810080531"),
        ("陈静", "37010219990228064X"), ("赵敏", "370103197009190825"), ("黄海", "370103195807120937"),
        ("吴强", "370103194508151157"), ("欧阳明", "370104198303031316"),
    ]

    private let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("county-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    private func store(_ backend: Backend) throws -> String {
        switch backend {
        case .sqlite: folder.appendingPathComponent("county.sqlite").path
        case .postgres: try TestPostgres.freshDatabase()
        }
    }

    /// A township's register holding `people` (indexes into `people`), as a UTF-8 CSV.
    private func register(_ township: String, _ indexes: [Int]) throws -> String {
        var text = "序号,选区,选民小组,姓名,性别,民族,出生日期,公民身份号码,住址,备注\n"
        for (number, index) in indexes.enumerated() {
            let person = Self.people[index]
            let id = person.id
            let birth = "\(id.dropFirst(6).prefix(4))-\(id.dropFirst(10).prefix(2))-\(id.dropFirst(12).prefix(2))"
            let gender = (Int(String(id[id.index(id.startIndex, offsetBy: 16)])) ?? 0) % 2 == 1 ? "男" : "女"
            text += "\(number + 1),第一选区,第一组,\(person.name),\(gender),汉族,\(birth),\(id),\(township)街\(number + 1)号,\n"
        }
        let path = folder.appendingPathComponent("\(township)-\(UUID().uuidString.prefix(6)).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private struct Outcome {
        var status: Int32
        var stderr: String
        var roll: Set<String>
        var findings: [[String]]
        var summary: [String: Any]

        /// The dup.same-id findings: (id, evidence).
        var duplicates: [(id: String, evidence: String)] {
            findings.filter { $0.count > 10 && $0[1] == "dup.same-id" }.map { ($0[9], $0[$0.count - 1]) }
        }
    }

    private func check(_ township: String, register: String, store: String) throws -> Outcome {
        let out = folder.appendingPathComponent("out-\(township)")
        let result = try VoterRollProcess.run([
            "check", register, "--election-day", "2026-12-01", "--out", out.path, "--store", store, "--township", township,
            "--quiet",
        ])
        return try outcome(result, out: out)
    }

    private func outcome(_ result: VoterRollProcess.Result, out: URL) throws -> Outcome {
        let roll = try csvRows(out.appendingPathComponent("roll.csv")).dropFirst().map { $0[5] }
        let findings = Array(try csvRows(out.appendingPathComponent("findings.csv")).dropFirst())
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any]
        return Outcome(status: result.status, stderr: result.stderr, roll: Set(roll), findings: findings, summary: summary ?? [:])
    }

    /// The cells of each line of a UTF-8 CSV with a BOM (no quoted commas in these files).
    private func csvRows(_ url: URL) throws -> [[String]] {
        var text = try String(contentsOf: url, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.split(whereSeparator: \.isNewline).map { line in
            line.trimmingCharacters(in: .init(charactersIn: "\r")).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    @Test(arguments: Backend.allCases)
    func theEarlierRegistrationStays(_ backend: Backend) throws {
        try #require(backend == .sqlite || TestPostgres.isAvailable, "no PostgreSQL server")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try store(backend)
        let registerA = try register("城关镇", [0, 1, 2, 3])
        let registerB = try register("河口乡", [2, 3, 4, 5])
        let first = try check("城关镇", register: registerA, store: store)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.roll.count == 4)

        // 河口乡 registers 刘洋 and 陈静 too: 城关镇 was first, so they are excluded there.
        let second = try check("河口乡", register: registerB, store: store)
        #expect(second.status == 1, "dup.same-id is an error")
        #expect(second.roll == [Self.people[4].id, Self.people[5].id])
        let excluded = second.duplicates
        #expect(Set(excluded.map(\.id)) == [Self.people[2].id, Self.people[3].id])
        for duplicate in excluded {
            #expect(duplicate.evidence.hasPrefix("城关镇 城关镇-"), "names the holding township and its row: \(duplicate.evidence)")
        }
        #expect(second.summary["excluded"] as? Int == 2)
        #expect(second.summary["registered"] as? Int == 2)
        #expect(second.summary["accounting_closes"] as? Bool == true)

        // 城关镇's next run keeps them and hears of 河口乡's rows.
        let again = try check("城关镇", register: registerA, store: store)
        #expect(again.roll.count == 4)
        #expect(again.status == 1)
        let told = again.duplicates
        #expect(Set(told.map(\.id)) == [Self.people[2].id, Self.people[3].id])
        for duplicate in told {
            #expect(duplicate.evidence.hasPrefix("河口乡; 城关镇 城关镇-"), "\(duplicate.evidence)")
        }
        #expect(again.findings.allSatisfy { $0[2] == registerB || $0[1] != "dup.same-id" }, "the finding points at 河口乡's cell")
        // The report says the person is still on this roll, and names the other file.
        let report = try String(
            contentsOf: folder.appendingPathComponent("out-城关镇/report.html"), encoding: .utf8)
        #expect(report.components(separatedBy: "此人在本乡镇的选民名单上").count - 1 == 2)
        #expect(report.contains(registerB))
    }

    @Test(arguments: Backend.allCases)
    func aPersonTheHolderDropsIsFreeForTheOtherTownship(_ backend: Backend) throws {
        try #require(backend == .sqlite || TestPostgres.isAvailable, "no PostgreSQL server")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try store(backend)
        _ = try check("城关镇", register: try register("城关镇", [0, 1, 2]), store: store)
        let registerB = try register("河口乡", [2, 3])
        #expect(try check("河口乡", register: registerB, store: store).roll == [Self.people[3].id])
        // 刘洋 moved: 城关镇 takes him off its register; 河口乡's next run keeps him.
        let dropped = try check("城关镇", register: try register("城关镇", [0, 1]), store: store)
        #expect(dropped.duplicates.isEmpty, "nothing to hear of: 城关镇 no longer keeps him")
        let after = try check("河口乡", register: registerB, store: store)
        #expect(after.roll == [Self.people[2].id, Self.people[3].id])
        #expect(after.status == 0, "\(after.findings)")
    }

    @Test(arguments: Backend.allCases)
    func townshipsRunningAtOnceNeverBothKeepAPerson(_ backend: Backend) throws {
        try #require(backend == .sqlite || TestPostgres.isAvailable, "no PostgreSQL server")
        defer { try? FileManager.default.removeItem(at: folder) }
        let synth = folder.appendingPathComponent("synth")
        let made = try VoterRollProcess.run(["synth", "--rows", "1500", "--seed", "31", "--out", synth.path])
        try #require(made.status == 0, "\(made.stderr)")
        let register = synth.appendingPathComponent("roll.csv").path
        // Who one township alone keeps: the people the townships must share out.
        let alone = folder.appendingPathComponent("alone")
        let solo = try outcome(
            try VoterRollProcess.run(["check", register, "--election-day", "2026-12-01", "--out", alone.path, "--no-store", "--quiet"]),
            out: alone)
        try #require(solo.roll.count > 1000)
        let townships = ["甲镇", "乙镇", "丙乡"]
        for round in 1...2 {
            let shared =
                backend == .sqlite ? folder.appendingPathComponent("round-\(round).sqlite").path : try TestPostgres.freshDatabase()
            var processes: [(String, Process, URL)] = []
            for township in townships {
                let out = folder.appendingPathComponent("round-\(round)-\(township)")
                let process = Process()
                process.executableURL = VoterRollProcess.executable
                process.arguments = [
                    "check", register, "--election-day", "2026-12-01", "--out", out.path, "--store", shared, "--township",
                    township, "--quiet",
                ]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                processes.append((township, process, out))
            }
            var rolls: [String: Set<String>] = [:]
            for (township, process, out) in processes {
                process.waitUntilExit()
                #expect(process.terminationStatus == 1, "\(township) finished with findings, round \(round)")
                rolls[township] = try outcome(VoterRollProcess.Result(status: process.terminationStatus, stdout: "", stderr: ""), out: out).roll
            }
            let all = townships.compactMap { rolls[$0] }
            for first in all.indices {
                for second in all.indices where second > first {
                    let both = all[first].intersection(all[second]).count
                    #expect(both == 0, "round \(round): people kept by two townships")
                }
            }
            let union = all.reduce(into: Set<String>()) { $0.formUnion($1) }
            #expect(union.count == solo.roll.count && union.isSubset(of: solo.roll), "round \(round): everyone kept once")
        }
    }

    @Test func postgresStoreRecordsRunsAndAnswersAnAppeal() throws {
        try #require(TestPostgres.isAvailable, "no PostgreSQL server")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try TestPostgres.freshDatabase()
        let out = folder.appendingPathComponent("demo")
        for _ in 1...2 {
            let run = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", out.path, "--store", store, "--quiet"])
            #expect(run.status == 1, "\(run.stderr)")
        }
        #expect(try TestPostgres.column(store, "SELECT identifier FROM schema_migrations ORDER BY identifier")
            == StoreSchema.migrations.map(\.name))
        let history = try VoterRollProcess.run(["history", "--store", store])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.split(separator: "\n").count == 3, "\(history.stdout)")
        #expect(history.stdout.contains("2026-05-20"))
        // The second run knows the first: nothing new.
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any]
        let since = summary?["since_last_run"] as? [String: Any]
        #expect(since?["previous_run"] as? Int == 1)
        #expect(since?["new_findings"] as? Int == 0)
        // 杨光 is on the deprived list: the answer names the list file and row, as with SQLite.
        let explain = try VoterRollProcess.run(["explain", "370103196504050710", "--store", store])
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("rights.deprived"), "\(explain.stdout)")
        #expect(explain.stdout.contains("deprived.xlsx[deprived]:2"), "\(explain.stdout)")
        #expect(explain.stdout.components(separatedBy: "run ").count - 1 >= 2, "both runs")
        #expect(explain.stdout.contains("list row: proxy.agent-not-eligible at proxies.csv:6:D"), "\(explain.stdout)")
        // 钱多多 is on the deceased list but on no register: the answer comes from list rows only.
        let listOnly = try VoterRollProcess.run(["explain", "37010219400101005X", "--store", store])
        #expect(listOnly.stdout.contains("not on the register"), "\(listOnly.stdout)")
        #expect(listOnly.stdout.contains("list.unmatched"))
    }

    @Test func aStoreThatCannotBeReachedIsABadConfigurationAndItsPasswordIsNotShown() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try VoterRollProcess.run([
            "run", "pipelines/demo.yaml", "--out", folder.path, "--store", "postgres://clerk:s3cret@127.0.0.1:1/county",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot open the run store postgres://clerk:***@127.0.0.1:1/county"), "\(result.stderr)")
        #expect(!result.stderr.contains("s3cret"))
        let unknown = try VoterRollProcess.run(["history", "--store", "postgres://127.0.0.1/county?sslmod=require"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("'sslmod' is not understood"), "\(unknown.stderr)")
    }

    @Test(arguments: [
        (["--township", " "], "--township needs a name"),
        (["--township", "城关镇", "--no-store"], "--township needs the store"),
    ])
    func townshipUsageMistakesExitTwo(_ extra: [String], _ message: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", folder.path] + extra)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    /// Under CI the PostgreSQL tests must run, not be skipped.
    @Test func postgresIsAvailableUnderCI() {
        if ProcessInfo.processInfo.environment["CI"] != nil {
            #expect(TestPostgres.isAvailable, "CI must provide PostgreSQL (.ci/run starts one)")
        }
    }
}
