import Foundation
import Testing

@testable import VoterRollKit

/// `voterroll run` as a cron job meets it: every pipeline in pipelines/, the lock, quiet and
/// JSON logs, the store, history and explain, and a second run on unchanged inputs.
@Suite(.serialized) struct PipelineRunTests {
    static let pipelines = VoterRollProcess.repositoryRoot.appendingPathComponent("pipelines")

    static var pipelineFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: pipelines.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }

    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func thereIsAtLeastTheDemoPipeline() {
        #expect(Self.pipelineFiles.contains("demo.yaml"))
    }

    @Test(arguments: pipelineFiles)
    func everyPipelineRunsAndItsAccountingCloses(file: String) throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try VoterRollProcess.run(["run", "pipelines/\(file)", "--out", out.path])
        #expect([0, 1].contains(result.status), "\(result.stderr)")
        let data = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        let summary = try JSONDecoder().decode(RunSummary.self, from: data)
        #expect(summary.accountingCloses)
        #expect(summary.rows.rowsRead == summary.kept + summary.excluded + summary.rows.blankRows + summary.rows.headerRows + summary.rows.titleRows + summary.rows.skippedRows)
        for name in ["roll.csv", "rejected.csv", "findings.csv", "findings.jsonl", "voterroll.sqlite"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
    }

    @Test func theDemoGivesTheDecisionsItWasBuiltFor() throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", out.path])
        #expect(result.status == 1, "the demo holds errors on purpose")
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: out.appendingPathComponent("summary.json")))
        #expect(summary.inputs.map(\.role) == ["roll", "roll", "deprived", "incapacitated", "suspended", "deceased", "moved_out", "moved_in", "proxies", "appeals"])
        // One in-migrant added and one not; one person added by appeal and one not.
        #expect(summary.added == 2 && summary.notAdded == 2)
        #expect(summary.inMigrantsAdded == 1 && summary.inMigrantsNotAdded == 1)
        #expect(summary.appeals == RunSummary.AppealCounts(added: 1, notAdded: 1))
        for code in ["rights.deprived", "rights.restored", "rights.incapacitated", "rights.suspended", "status.deceased",
                     "list.name-mismatch", "list.unmatched", "migrant.registered-elsewhere", "migrant.absent",
                     "migrant.in-no-certificate", "migrant.in-already-listed", "proxy.over-limit", "proxy.agent-not-eligible",
                     "age.under-18", "dup.same-id", "dup.probable"] {
            #expect(summary.byCode[code, default: 0] > 0, "\(code)")
        }
    }

    @Test func aSecondRunOnUnchangedInputsFindsNothingNewAndWritesTheSameFiles() throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", out.path, "--quiet"])
        let files = ["roll.csv", "rejected.csv", "findings.csv", "findings.jsonl"]
        let first = try files.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        let second = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", out.path, "--quiet"])
        #expect(second.status == 1)
        #expect(second.stdout.isEmpty, "quiet prints nothing but errors")
        #expect(try files.map { try Data(contentsOf: out.appendingPathComponent($0)) } == first)
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: out.appendingPathComponent("summary.json")))
        let since = try #require(summary.sinceLastRun)
        #expect(since == SinceLastRun(previousRun: 1, newFindings: 0, resolvedFindings: 0, newExclusions: 0))
        let store = try SQLiteRunStore(path: out.appendingPathComponent("voterroll.sqlite").path)
        #expect(try store.history().count == 2)
    }

    @Test func anOverlappingRunExitsFourNamingTheHolder() throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        var lock: RunLock? = try RunLock(directory: out.path)
        let result = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", out.path])
        #expect(result.status == 4)
        #expect(result.stderr.contains("pid \(getpid())"), "\(result.stderr)")
        #expect(lock != nil)
        lock = nil
        let after = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", out.path, "--quiet"])
        #expect(after.status == 1, "the lock is free once its holder lets go")
    }

    @Test func twoRunsSharingAStoreBothGetRecorded() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("shared.sqlite").path
        var processes: [Process] = []
        for name in ["a", "b"] {
            let process = Process()
            process.executableURL = VoterRollProcess.executable
            process.arguments = ["run", "pipelines/demo.yaml", "--out", folder.appendingPathComponent(name).path, "--store", store, "--quiet"]
            process.currentDirectoryURL = VoterRollProcess.repositoryRoot
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [1, 1])
        #expect(try SQLiteRunStore(path: store).history().count == 2)
    }

    @Test func jsonLogsAreOneObjectPerLineWithoutFullIDNumbers() throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", out.path, "--log-format", "json"])
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count >= 2)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["message"] != nil, "\(line)")
        }
        #expect(result.stderr.contains("run finished"))
        // No run of 15+ digits (a full ID number) in any log line.
        #expect(result.stderr.range(of: "[0-9]{15}", options: .regularExpression) == nil)
    }

    @Test func historyAndExplainAnswerAnAppeal() throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", out.path, "--quiet"])
        let store = out.appendingPathComponent("voterroll.sqlite").path
        let history = try VoterRollProcess.run(["history", "--store", store])
        #expect(history.status == 0)
        #expect(history.stdout.contains("2026-05-20"))
        // 杨光 is on the deprived list: the answer names the list file and row.
        let explain = try VoterRollProcess.run(["explain", "370103196504050710", "--store", store])
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("excluded"))
        #expect(explain.stdout.contains("rights.deprived"))
        #expect(explain.stdout.contains("deprived.xlsx"))
        // 钱多多 is on the deceased list but on no register: the answer says so.
        let listOnly = try VoterRollProcess.run(["explain", "37010219400101005X", "--store", store])
        #expect(listOnly.stdout.contains("not on the register"), "\(listOnly.stdout)")
        #expect(listOnly.stdout.contains("list.unmatched"))
        let unknown = try VoterRollProcess.run(["explain", "11010519491231002X", "--store", store])
        #expect(unknown.status == 1)
    }

    @Test func progressGoesToStandardErrorOnlyOnATerminal() throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        // Not a terminal (this test's pipes): no progress line.
        let piped = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", out.path])
        #expect(!piped.stderr.contains("rows/s"))
        // A terminal, through script(1)'s pseudo-terminal: the progress line appears.
        let command = "'\(VoterRollProcess.executable.path)' run pipelines/demo.yaml --out '\(out.path)'"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = VoterRollProcess.repositoryRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let screen = String(decoding: data, as: UTF8.self)
        #expect(screen.contains("rows/s"), "\(screen)")
        #expect(process.terminationStatus == 1)
    }

    @Test func aPipelineWithATypoIsRefusedNamingTheLine() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let demo = VoterRollProcess.repositoryRoot.appendingPathComponent("fixtures/demo/roll.csv").path
        let file = folder.appendingPathComponent("typo.yaml")
        try "version: 1\nelection_day: 2026-05-20\nroll: \(demo)\noutputs:\n  dir: out\n  encodnig: gb18030\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try VoterRollProcess.run(["run", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("typo.yaml:6: unknown key 'encodnig'"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing ran")
    }

    @Test(arguments: [
        (["run", "pipelines/no-such.yaml"], "no-such.yaml"),
        (["run", "pipelines/demo.yaml", "--fail-on", "maybe"], "--fail-on"),
        (["run", "pipelines/demo.yaml", "--log-format", "xml"], "--log-format"),
    ])
    func badUsageExitsTwo(arguments: [String], mention: String) throws {
        let result = try VoterRollProcess.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(mention), "\(result.stderr)")
    }
}
