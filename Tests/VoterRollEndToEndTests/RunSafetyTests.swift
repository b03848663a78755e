import Foundation
import Testing

@testable import VoterRollKit

/// Safety around the run (issue 17): the tool touches only what it wrote, never writes over
/// what it reads, refuses an empty register, keeps its exit statuses' meanings and honours the
/// umask. (All or nothing is `AllOrNothingTests`.)
@Suite(.serialized) struct RunSafetyTests {
    typealias Support = OutputFolderSupport

    static func check(_ register: URL, _ out: URL, _ more: [String] = []) -> [String] {
        ["check", register.path, "--election-day", "2026-12-01", "--out", out.path, "--quiet"] + more
    }

    // MARK: 1. Own only what VoterRoll wrote

    @Test func aRunRemovesOnlyWhatItsLastRunWrote() throws {
        let folder = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let two = folder.appendingPathComponent("two.csv"), one = folder.appendingPathComponent("one.csv")
        try Support.write(Support.register(people: 20), to: two)
        try Support.write(Support.register(people: 20, constituencies: ["第一选区"]), to: one)
        // Someone's own files, with names the old clean-up took for its own.
        let own: [String: String] = [
            "thesis.tmp-keep/chapter1.txt": "第一章", "budget.tmp-2024.xlsx": "budget", ".changes-notes": "notes",
            "roll.csv.tmp-77": "a copy", "published/我的说明.csv": "张贴说明", "published/notes.html": "<p>notes</p>",
        ]
        for (name, text) in own { try Support.write(text, to: out.appendingPathComponent(name)) }
        // What an interrupted run of this tool left (its marker): removed.
        try Support.write("half", to: out.appendingPathComponent(".voterroll.tmp-99999-0badc0de/roll.csv"))
        try Support.write("half", to: out.appendingPathComponent(".voterroll.tmp-99999-summary.json"))

        let first = try Support.run(
            Self.check(two, out, ["--formats", "csv,xlsx", "--previous", two.path, "--no-store"]))
        #expect([0, 1].contains(first.status), "\(first.stderr)")
        for name in ["changes.csv", "roll.xlsx", "published/第二选区.html", "published/第二选区.xlsx"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        #expect(Support.leftovers(out).isEmpty)

        // One constituency, no --previous, csv only: last run's changes.csv, roll.xlsx and lists go.
        let second = try Support.run(Self.check(one, out, ["--no-store"]))
        #expect([0, 1].contains(second.status), "\(second.stderr)")
        for name in ["changes.csv", "roll.xlsx", "published/第二选区.html", "published/第二选区.csv", "published/第一选区.xlsx"] {
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name) is stale")
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("published/第一选区.html").path))
        for (name, text) in own {
            let kept = try? String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            #expect(kept == text, "\(name) was someone's own")
        }
        #expect(Support.leftovers(out).isEmpty)
        let manifest = try #require(OutputManifest.read(in: out.path))
        #expect(!manifest.files.map(\.path).contains("published/我的说明.csv"))
        #expect(manifest.files.map(\.path).contains("roll.csv"))
    }

    // MARK: 2. Inputs are never outputs

    @Test func aPipelineWritingBesideItsRegisterIsRefused() throws {
        let folder = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let register = folder.appendingPathComponent("roll.csv")
        try Support.write(Support.register(people: 5), to: register)
        let pipeline = folder.appendingPathComponent("job.yaml")
        try Support.write(
            "version: 1\nname: 同目录\nelection_day: 2026-12-01\nroll: roll.csv\noutputs:\n  dir: .\n", to: pipeline)
        let before = try Data(contentsOf: register)
        let result = try Support.run(["run", pipeline.path, "--quiet"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(register.path) && result.stderr.contains("is the register"), "\(result.stderr)")
        #expect(try Data(contentsOf: register) == before)
        // Refused before anything was read or created: not even the lock.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["job.yaml", "roll.csv"])
    }

    @Test(arguments: ["/", "/etc", "/usr/local/voterroll-out", "/var", "link-to-etc/sub"])
    func aSystemFolderIsRefused(out: String) throws {
        let folder = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let register = folder.appendingPathComponent("roll.csv")
        try Support.write(Support.register(people: 5), to: register)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link-to-etc").path, withDestinationPath: "/etc")
        let target = out.hasPrefix("/") ? out : folder.appendingPathComponent(out).path
        let result = try Support.run(["check", register.path, "--election-day", "2026-12-01", "--out", target, "--quiet"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("system folder") && result.stderr.contains(target), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/.voterroll.lock"))
        #expect(!FileManager.default.fileExists(atPath: "/etc/.voterroll.lock"))
        #expect(!FileManager.default.fileExists(atPath: "/etc/sub"))
        #expect(!FileManager.default.fileExists(atPath: "/usr/local/voterroll-out"))
    }

    @Test func anOutputThatIsAnInputIsRefused() throws {
        let folder = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let register = folder.appendingPathComponent("register.csv")
        try Support.write(Support.register(people: 5), to: register)
        let deceased = folder.appendingPathComponent("lists/deceased.csv")
        try Support.write("姓名,公民身份号码,死亡日期\n", to: deceased)
        // The register kept in the output folder under an output's name.
        let inside = out.appendingPathComponent("roll.csv")
        try Support.write(Support.register(people: 5), to: inside)
        var result = try Support.run(Self.check(inside, out))
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(inside.path))
        try FileManager.default.removeItem(at: inside)
        // An output that is a link to a list.
        let link = out.appendingPathComponent("summary.json")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: deceased.path)
        let listBefore = try Data(contentsOf: deceased)
        result = try Support.run(Self.check(register, out, ["--deceased", deceased.path]))
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(link.path) && result.stderr.contains(deceased.path), "\(result.stderr)")
        #expect(try Data(contentsOf: deceased) == listBefore)
        try FileManager.default.removeItem(at: link)
        // A hard link is the same file too.
        try FileManager.default.linkItem(at: deceased, to: out.appendingPathComponent("findings.csv"))
        result = try Support.run(Self.check(register, out, ["--deceased", deceased.path]))
        #expect(result.status == 2, "\(result.stderr)")
        try FileManager.default.removeItem(at: out.appendingPathComponent("findings.csv"))
        // An input in published/, which each run replaces.
        let posted = out.appendingPathComponent("published/deceased.csv")
        try Support.write("姓名,公民身份号码,死亡日期\n", to: posted)
        result = try Support.run(Self.check(register, out, ["--deceased", posted.path]))
        #expect(result.status == 2, "\(result.stderr)")
        // The store given as the register.
        result = try Support.run(Self.check(register, out, ["--store", register.path]))
        #expect(result.status == 2, "\(result.stderr)")
        #expect(try String(contentsOf: register, encoding: .utf8).hasPrefix("序号"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["published"])
    }

    @Test func thePreviousRollMayBeTheOutputFoldersOwnRoll() throws {
        let folder = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out"), reference = folder.appendingPathComponent("reference")
        let before = folder.appendingPathComponent("before.csv"), after = folder.appendingPathComponent("after.csv")
        try Support.write(Support.register(people: 30), to: before)
        // Five gone, five new, one moved to the other constituency.
        var later = Support.register(people: 25, first: 1).split(separator: "\n").map(String.init)
        later[3] = later[3].replacingOccurrences(of: ",第二选区,", with: ",第一选区,")  // person 3
        later += Support.register(people: 5, first: 31).split(separator: "\n").dropFirst().map(String.init)
        try Support.write(later.joined(separator: "\n") + "\n", to: after)

        #expect([0, 1].contains(try Support.run(Self.check(before, out)).status))
        let lastRoll = try Data(contentsOf: out.appendingPathComponent("roll.csv"))
        try FileManager.default.createDirectory(at: reference, withIntermediateDirectories: true)
        try lastRoll.write(to: reference.appendingPathComponent("roll.csv"))

        let own = try Support.run(Self.check(after, out, ["--previous", out.appendingPathComponent("roll.csv").path]))
        #expect([0, 1].contains(own.status), "\(own.stderr)")
        let copy = try Support.run(
            Self.check(after, folder.appendingPathComponent("out-2"), ["--previous", reference.appendingPathComponent("roll.csv").path]))
        #expect([0, 1].contains(copy.status), "\(copy.stderr)")
        let changes = try CheckCommandTests.readCSV(out.appendingPathComponent("changes.csv"))
        #expect(changes.count == 5 + 5 + 1, "\(changes)")
        #expect(try Data(contentsOf: out.appendingPathComponent("changes.csv"))
            == Data(contentsOf: folder.appendingPathComponent("out-2/changes.csv")), "read whole before it was replaced")
        #expect(try Data(contentsOf: out.appendingPathComponent("roll.csv")) != lastRoll, "and then replaced")
    }

    // MARK: 10. An empty register is not a success

    @Test func aRegisterWithAHeaderOnlyIsRefused() throws {
        let folder = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let register = folder.appendingPathComponent("roll.csv"), empty = folder.appendingPathComponent("empty.csv")
        try Support.write(Support.register(people: 10), to: register)
        try Support.write(Support.register(people: 0) + "\n,,,,,,\n", to: empty)
        #expect([0, 1].contains(try Support.run(Self.check(register, out)).status))
        let before = try Support.outputs(out)
        let runs = try Support.recordedRuns(out)
        let result = try Support.run(Self.check(empty, out))
        #expect(result.status == 3)
        #expect(result.stderr.contains(empty.path) && result.stderr.contains("no rows of people"), "\(result.stderr)")
        #expect(try Support.outputs(out) == before)
        #expect(try Support.recordedRuns(out) == runs)
        #expect(Support.leftovers(out).isEmpty)
    }

    @Test func aRegisterThatShrankByMoreThanAFifthIsFlagged() throws {
        let folder = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        func run(_ people: Int) throws -> [[String: String]] {
            let register = folder.appendingPathComponent("roll-\(people).csv")
            try Support.write(Support.register(people: people), to: register)
            let result = try Support.run(Self.check(register, out, ["--fail-on", "never"]))
            #expect(result.status == 0, "\(result.stderr)")
            return try CheckCommandTests.readCSV(out.appendingPathComponent("findings.csv")).filter { $0["code"] == "input.rows-dropped" }
        }
        #expect(try run(10).isEmpty, "no earlier run")
        #expect(try run(8).isEmpty, "a fifth fewer exactly")
        let dropped = try run(6)
        #expect(dropped.count == 1)
        #expect(dropped.first?["severity"] == "warning")
        #expect(dropped.first?["value"] == "6")
        #expect(dropped.first?["evidence"]?.contains("8 人") == true && dropped.first?["evidence"]?.contains("6 人") == true, "\(dropped)")
        #expect(try run(7).isEmpty, "grew since the last run")
    }

    // MARK: 11. Exit statuses keep their meaning

    @Test func aFileTooLargeToWriteExitsThreeNamingIt() throws {
        let folder = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let small = folder.appendingPathComponent("small.csv"), big = folder.appendingPathComponent("big.csv")
        try Support.write(Support.register(people: 10), to: small)
        try Support.write(Support.register(people: 30_000), to: big)
        #expect([0, 1].contains(try Support.run(Self.check(small, out, ["--no-store"])).status))
        let before = try Support.outputs(out)
        // Files past 1 MiB (2 MiB if sh is bash) cannot be written (EFBIG), as on a full disk
        // or past a quota; roll.csv is 2.4 MB.
        let result = try Support.run(Self.check(big, out, ["--no-store"]), prelude: "trap '' XFSZ; ulimit -f 2048")
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains(out.path + "/") && result.stderr.contains("File too large"), "\(result.stderr)")
        #expect(!result.stderr.contains(".voterroll.tmp-"), "the message names the output, not the staging folder")
        #expect(try Support.outputs(out) == before)
        #expect(Support.leftovers(out).isEmpty)
    }

    @Test func anOutputFolderThatCannotBeCreatedExitsThree() throws {
        let folder = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let register = folder.appendingPathComponent("roll.csv")
        try Support.write(Support.register(people: 5), to: register)
        try Support.write("a file", to: folder.appendingPathComponent("file.txt"))
        let out = folder.appendingPathComponent("file.txt/out")
        let result = try Support.run(Self.check(register, out))
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains(out.path), "\(result.stderr)")
        // Usage stays 2.
        #expect(try Support.run(["check", register.path, "--election-day", "2026-13-01", "--out", folder.path]).status == 2)
    }

    // MARK: 12. Permissions

    @Test(arguments: [("027", 0o640, 0o750), ("077", 0o600, 0o700)])
    func sharedFilesHonourTheUmaskAndIDFilesStayPrivate(umask: String, file: Int, folder folderMode: Int) throws {
        let folder = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let register = folder.appendingPathComponent("roll.csv")
        try Support.write(Support.register(people: 10), to: register)
        let result = try Support.run(
            Self.check(register, out, ["--formats", "csv,xlsx", "--previous", register.path]), prelude: "umask \(umask)")
        #expect([0, 1].contains(result.status), "\(result.stderr)")
        for name in ["roll.csv", "rejected.csv", "findings.csv", "findings.jsonl", "changes.csv", "roll.xlsx", "report.html"] {
            #expect(try Support.mode(out.appendingPathComponent(name)) == 0o600, "\(name) holds ID numbers")
        }
        #expect(try Support.mode(out.appendingPathComponent("summary.json")) == file)
        #expect(try Support.mode(out.appendingPathComponent(OutputManifest.fileName)) == file)
        #expect(try Support.mode(out.appendingPathComponent("published")) == folderMode)
        let lists = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("published").path)
        #expect(Set(lists.map { URL(fileURLWithPath: $0).pathExtension }) == ["html", "csv", "xlsx"])
        for name in lists {
            #expect(try Support.mode(out.appendingPathComponent("published/" + name)) == file, "\(name)")
        }
    }
}
