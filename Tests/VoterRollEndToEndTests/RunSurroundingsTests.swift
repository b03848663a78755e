import Foundation
import GRDB
import Testing

@testable import VoterRollKit

/// What is around a run, tried as an attacker or a careless clerk would (issue 17): planted
/// links, a store that is not VoterRoll's, inputs that are not files, names from data in file
/// names, and the terminal.
@Suite struct RunSurroundingsTests {
    /// A folder holding a small valid register (`roll.csv`), removed by the caller.
    static func folderWithRegister(constituency: String = "第一选区", name: String = "张伟") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("surroundings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let quoted = { (text: String) in "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let text = "选区,选民小组,姓名,性别,出生日期,公民身份号码\n\(quoted(constituency)),第一组,\(quoted(name)),男,1980-01-01,370102198001010031\n"
        try text.write(to: folder.appendingPathComponent("roll.csv"), atomically: false, encoding: .utf8)
        return folder
    }

    static func check(_ folder: URL, _ extra: [String]) throws -> VoterRollProcess.Result {
        try VoterRollProcess.run(
            ["check", folder.appendingPathComponent("roll.csv").path, "--election-day", "2026-12-01",
             "--out", folder.appendingPathComponent("out").path, "--quiet"] + extra)
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    // MARK: 6. planted links

    @Test func aLockFileLinkedToAVictimIsNotFollowed() throws {
        let folder = try Self.folderWithRegister()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let victim = folder.appendingPathComponent("victim.txt")
        try "precious".write(to: victim, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent(".voterroll.lock").path, withDestinationPath: "../victim.txt")
        let result = try Self.check(folder, ["--no-store"])
        #expect(result.status != 0, "\(result.stderr)")
        #expect(result.stderr.contains("symbolic link"), "\(result.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
    }

    @Test func aDanglingInitLockLinkBesideTheStoreCreatesNothing() throws {
        let folder = try Self.folderWithRegister()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("created-by-link")
        try FileManager.default.createSymbolicLink(
            atPath: out.appendingPathComponent("voterroll.sqlite-init.lock").path, withDestinationPath: target.path)
        let result = try Self.check(folder, [])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    // MARK: 9. the store is VoterRoll's or nothing

    @Test(arguments: ["empty", "other-sqlite", "text"])
    func aFileThatIsNotAStoreIsRefusedUntouched(kind: String) throws {
        let folder = try Self.folderWithRegister()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("given.db")
        switch kind {
        case "empty": FileManager.default.createFile(atPath: store.path, contents: Data())
        case "other-sqlite":
            let queue = try DatabaseQueue(path: store.path)
            try queue.write { try $0.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')") }
            try queue.close()
        default: try "just text\n".write(to: store, atomically: false, encoding: .utf8)
        }
        _ = chmod(store.path, 0o644)
        let before = try Data(contentsOf: store)
        let result = try Self.check(folder, ["--store", store.path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("not a VoterRoll") || result.stderr.contains("VoterRoll leaves it untouched"), "\(result.stderr)")
        #expect(try Data(contentsOf: store) == before)
        #expect(try Self.mode(store.path) == 0o644)
        #expect(!FileManager.default.fileExists(atPath: store.path + "-wal"))
    }

    @Test func theStoreIsMarkedPrivateAndLeavesNoLockFileBesideIt() throws {
        let folder = try Self.folderWithRegister()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.check(folder, [])
        #expect(result.status == 0, "\(result.stderr)")
        let out = folder.appendingPathComponent("out")
        let store = out.appendingPathComponent("voterroll.sqlite").path
        #expect(try Self.mode(store) == 0o600)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(!names.contains { $0.hasSuffix("-init.lock") }, "\(names)")
        let marks = try DatabaseQueue(path: store).read { db in
            (try Int32.fetchOne(db, sql: "PRAGMA application_id"), try Int.fetchOne(db, sql: "PRAGMA user_version"))
        }
        #expect(marks.0 == StoreFileCheck.applicationID)
        #expect(marks.1 == StoreSchema.migrations.count)
        // The next run opens its own store again.
        #expect(try Self.check(folder, []).status == 0)
    }

    @Test func aStoreOfThePreviousVersionOpensAndIsMarked() throws {
        let folder = try Self.folderWithRegister()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Self.check(folder, []).status == 0)
        let store = folder.appendingPathComponent("out/voterroll.sqlite").path
        // As the previous version left it: no marks, 0644.
        try DatabaseQueue(path: store).write { db in
            try db.execute(sql: "PRAGMA application_id = 0")
            try db.execute(sql: "PRAGMA user_version = 0")
        }
        _ = chmod(store, 0o644)
        let result = try Self.check(folder, [])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.mode(store) == 0o600)
        #expect(try DatabaseQueue(path: store).read { try Int32.fetchOne($0, sql: "PRAGMA application_id") } == StoreFileCheck.applicationID)
        #expect(try SQLiteRunStore(path: store).history().count == 2)
    }
}

/// 8. Only regular files are read; the pipeline file is small and its errors one line.
@Suite struct OnlyRegularFilesTests {
    @Test func aFIFOAsTheRegisterIsRefusedWithoutWaiting() throws {
        let folder = try RunSurroundingsTests.folderWithRegister()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("fifo.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try VoterRollProcess.run(
            ["check", fifo, "--election-day", "2026-12-01", "--out", folder.appendingPathComponent("out").path, "--quiet", "--no-store"],
            timeout: 20)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("pipe (FIFO)"), "\(result.stderr)")
        // Refused before the lock is taken: the output folder (which the lock creates) is not there.
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    @Test func aDeviceAsTheRegisterIsRefused() throws {
        let folder = try RunSurroundingsTests.folderWithRegister()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try VoterRollProcess.run(
            ["check", "/dev/zero", "--election-day", "2026-12-01", "--out", folder.appendingPathComponent("out").path, "--quiet", "--no-store"],
            timeout: 20)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("is a device"), "\(result.stderr)")
        #expect(!result.stderr.contains("empty"))
    }

    @Test func aPipelineFileOverOneMiBIsRefused() throws {
        let folder = try RunSurroundingsTests.folderWithRegister()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = folder.appendingPathComponent("big.yaml")
        let text = "version: 1\nelection_day: 2026-12-01\nroll: roll.csv\noutputs: {dir: out}\n# " + String(repeating: "x", count: 1 << 20) + "\n"
        try text.write(to: pipeline, atomically: false, encoding: .utf8)
        let result = try VoterRollProcess.run(["run", pipeline.path, "--quiet", "--no-store"], timeout: 60)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("1 MiB"), "\(result.stderr)")
    }

    @Test func aFIFOAsThePipelineFileIsRefusedWithoutWaiting() throws {
        let folder = try RunSurroundingsTests.folderWithRegister()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipeline.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try VoterRollProcess.run(["run", fifo, "--quiet", "--no-store"], timeout: 20)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("pipe (FIFO)"), "\(result.stderr)")
    }

    @Test func aYAMLErrorIsOneLine() throws {
        let folder = try RunSurroundingsTests.folderWithRegister()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = folder.appendingPathComponent("bad.yaml")
        try "version: 1\nelection_day: [2026-12-01\nroll: roll.csv\n  - \"unclosed\n".write(to: pipeline, atomically: false, encoding: .utf8)
        let result = try VoterRollProcess.run(["run", pipeline.path, "--quiet", "--no-store"], timeout: 60)
        #expect(result.status == 2, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("not valid YAML"), "\(result.stderr)")
    }
}

/// 4. Names from data in file names.
@Suite struct PublishedFileNameRunTests {
    @Test func aConstituencyOfSeventyFlagsAndLookalikesStillPublishes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let constituencies = [String(repeating: "🇨🇳", count: 70), "东街", "东\u{200B}街", "CON", "东\u{202E}lmth.exe"]
        var text = "选区,选民小组,姓名,性别,出生日期,公民身份号码\n"
        for (index, constituency) in constituencies.enumerated() {
            let body = String(format: "11010119%02d0101%03d", 50 + index, 11 + 2 * index)
            text += "\(constituency),第一组,王\(["一", "二", "三", "四", "五"][index]),男,,\(body)\(ReportTests.checkDigit(body))\n"
        }
        try text.write(to: folder.appendingPathComponent("roll.csv"), atomically: false, encoding: .utf8)
        let result = try RunSurroundingsTests.check(folder, ["--no-store", "--formats", "csv,xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out/published").path).sorted()
        #expect(names.count == 15, "\(names)")
        #expect(names.allSatisfy { $0.utf8.count <= 255 })
        #expect(names.contains("东街.csv") && names.contains("东街-2.csv"), "\(names)")
        #expect(names.contains("_CON.html"))
        #expect(!names.contains { $0.unicodeScalars.contains { $0.properties.generalCategory == .format } })
    }
}

/// 13. What `explain` and `history` print from data is inert on a terminal.
@Suite struct InertTerminalTests {
    @Test func controlCharactersFromDataArePrintedEscaped() throws {
        let folder = try RunSurroundingsTests.folderWithRegister(constituency: "第一\u{1B}]0;owned\u{7}选区", name: "张\u{1B}[2J伟")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try RunSurroundingsTests.check(folder, ["--township", "城关\u{1B}[31m镇"])
        #expect(run.status == 0, "\(run.stderr)")
        let store = folder.appendingPathComponent("out/voterroll.sqlite").path
        let explained = try VoterRollProcess.run(["explain", "370102198001010031", "--store", store])
        let history = try VoterRollProcess.run(["history", "--store", store])
        for result in [explained, history] {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(result.stdout)")
            #expect(!result.stdout.contains("370102198001010031"))
        }
        #expect(explained.stdout.contains("张\\u{1B}[2J伟"), "\(explained.stdout)")
        #expect(explained.stdout.contains("第一\\u{1B}]0;owned\\u{7}选区"), "\(explained.stdout)")
        #expect(history.stdout.contains("城关\\u{1B}[31m镇"), "\(history.stdout)")
    }

    @Test func inspectPrintsHeadersFromDataEscaped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("surroundings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("roll.csv")
        try "选区,姓名,公民身份号码,备注\u{1B}]0;owned\u{7}\n第一选区,张伟,370102198001010031,x\n".write(to: file, atomically: false, encoding: .utf8)
        let result = try VoterRollProcess.run(["inspect", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(result.stdout)")
        #expect(result.stdout.contains("备注\\u{1B}]0;owned\\u{7}"), "\(result.stdout)")
    }

    @Test(arguments: [
        ("plain 张伟", "plain 张伟"), ("a\u{1B}[2Jb", "a\\u{1B}[2Jb"), ("x\ry", "x\\u{D}y"), ("\u{202E}abc", "\\u{202E}abc"),
        ("c:\\path", "c:\\\\path"), ("\u{9B}31m", "\\u{9B}31m"), ("id 370102198001010031", "id 370102********0031"),
    ])
    func inert(text: String, shown: String) {
        #expect(TerminalText.inert(text) == shown)
    }
}

/// 7. No full ID number on the terminal; under `--log-format json` every line on standard
/// error is one JSON object, fatal errors included.
@Suite struct TerminalIDTests {
    static func fullIDs(_ text: String) -> Bool {
        text.range(of: "[0-9]{17}[0-9Xx]", options: .regularExpression) != nil
    }

    static func everyLineIsJSON(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any]
        }
    }

    static func headerless() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("headerless-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "1,第一选区,张伟,男,1980-01-01,370102198001010031\n".write(to: folder.appendingPathComponent("roll.csv"), atomically: false, encoding: .utf8)
        return folder
    }

    @Test func aUsageErrorUnderJSONIsOneJSONObject() throws {
        let result = try VoterRollProcess.run(
            ["check", "fixtures/check/roll.csv", "--election-day", "2026-13-01", "--out", "/tmp/x", "--log-format", "json"])
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(Self.everyLineIsJSON(result.stderr), "\(result.stderr)")
    }

    @Test func aFatalErrorsTextIsMaskedAndInert() {
        let line = StandardError.line("row 1: 370102198001010031\u{1B}[2J", format: .text)
        #expect(line == "voterroll: row 1: 370102********0031\\u{1B}[2J\n")
        let json = StandardError.line("a\nb 370102198001010031", format: .json)
        #expect(Self.everyLineIsJSON(json) && json.hasSuffix("}\n") && !Self.fullIDs(json))
        #expect(StandardError.format(arguments: ["voterroll", "run", "p.yaml", "--log-format", "json"]) == .json)
        #expect(StandardError.format(arguments: ["voterroll", "run", "--log-format=json"]) == .json)
        #expect(StandardError.format(arguments: ["voterroll", "run"]) == .text)
    }

    /// Every fatal error goes through `StandardError.fail`: masked, and JSON under `--log-format json`.
    @Test(arguments: ["text", "json"])
    func aRegisterWithoutAHeaderPrintsNoFullID(format: String) throws {
        let folder = try Self.headerless()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try RunSurroundingsTests.check(folder, ["--no-store", "--log-format", format])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(!Self.fullIDs(result.stderr), "\(result.stderr)")
        if format == "json" { #expect(Self.everyLineIsJSON(result.stderr), "\(result.stderr)") }
    }
}
