import Foundation
import Testing

@testable import VoterRollKit

/// A run is all or nothing (issue 17, item 3): killed at any moment, failing late, or finding
/// something in the way, a run leaves the previous outputs byte for byte and the store without
/// its record, or (killed after it finished) its own complete set with its record; and the
/// next run finds nothing of it left.
@Suite(.serialized) struct AllOrNothingTests {
    typealias Support = OutputFolderSupport

    /// A synth township of 10,000 rows with every list.
    static func township(seed: Int, in folder: URL) throws -> URL {
        let data = folder.appendingPathComponent("synth-\(seed)")
        let result = try Support.run(["synth", "--rows", "10000", "--seed", String(seed), "--out", data.path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        return data
    }

    static func arguments(_ data: URL, _ out: URL) -> [String] {
        var arguments = [
            "check", data.appendingPathComponent("roll.csv").path, "--election-day", "2026-12-01", "--out", out.path,
            "--quiet", "--formats", "csv,xlsx", "--fail-on", "never",
        ]
        for role in ["deprived", "incapacitated", "suspended", "deceased", "moved_out", "moved_in", "proxies"] {
            let list = data.appendingPathComponent(role + ".csv")
            if FileManager.default.fileExists(atPath: list.path) {
                arguments += ["--" + role.replacingOccurrences(of: "_", with: "-"), list.path]
            }
        }
        return arguments
    }

    /// A run that fails on its register (a header and no one): it takes back an unfinished swap
    /// at start-up, as every run does, and then changes nothing.
    static func probe(_ out: URL, in folder: URL) throws -> VoterRollProcess.Result {
        let empty = folder.appendingPathComponent("empty.csv")
        try Support.write(Support.register(people: 0), to: empty)
        return try Support.run(["check", empty.path, "--election-day", "2026-12-01", "--out", out.path, "--quiet"])
    }

    @Test func killedRunsLeaveTheWholeOldSetOrTheWholeNewOne() throws {
        let folder = try Support.scratch("all-or-nothing")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Self.township(seed: 1, in: folder), second = try Self.township(seed: 2, in: folder)
        let out = folder.appendingPathComponent("out")
        let started = Date()
        #expect(try Support.run(Self.arguments(first, out)).status == 0)
        let duration = Date().timeIntervalSince(started)
        var outcomes: [String: Int] = [:]
        for attempt in 1...20 {
            let previous = try Support.outputs(out)
            let runs = try Support.recordedRuns(out)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Support.executable)
            process.arguments = Self.arguments(second, out)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Anywhere in the run, its end included.
            Thread.sleep(forTimeInterval: Double.random(in: 0...(duration * 1.1)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try Support.outputs(out)
            let outcome: String
            if now == previous {
                outcome = "previous outputs"
                #expect(try Support.recordedRuns(out) == runs, "attempt \(attempt): the store recorded a run whose outputs are not there")
            } else if Support.swapUnderWay(out) {
                // Killed between the first rename and the store's commit: not recorded, and
                // taken back by the next run.
                outcome = "swap under way"
                #expect(try Support.recordedRuns(out) == runs, "attempt \(attempt)")
            } else {
                outcome = "finished"
                #expect(try Support.matchesItsManifest(out), "attempt \(attempt): a mix of two runs' outputs")
                #expect(try Support.recordedRuns(out) == runs + 1, "attempt \(attempt)")
            }
            outcomes[outcome, default: 0] += 1
            let probe = try Self.probe(out, in: folder)
            #expect(probe.status == 3, "\(probe.stderr)")
            #expect(try Support.outputs(out) == (outcome == "finished" ? now : previous), "attempt \(attempt) (\(outcome))")
            #expect(Support.leftovers(out).isEmpty, "attempt \(attempt): \(Support.leftovers(out))")
            // And the next run is clean.
            let next = try Support.run(Self.arguments(first, out))
            #expect(next.status == 0, "attempt \(attempt): \(next.stderr)")
            #expect(Support.leftovers(out).isEmpty)
            #expect(try Support.matchesItsManifest(out))
        }
        print("AllOrNothingTests: 20 runs of \(String(format: "%.1f", duration)) s killed: \(outcomes)")
        #expect(outcomes["previous outputs", default: 0] > 0)
    }

    /// A scratch folder whose `out` holds a first run's outputs (30 people, xlsx too), and a
    /// second register of 40 people in another constituency to run next.
    static func afterAFirstRun() throws -> (folder: URL, out: URL, check: (URL) -> [String], second: URL) {
        let folder = try Support.scratch("all-or-nothing")
        let first = folder.appendingPathComponent("first.csv"), second = folder.appendingPathComponent("second.csv")
        try Support.write(Support.register(people: 30), to: first)
        try Support.write(Support.register(people: 40, constituencies: ["第三选区", "第一选区"]), to: second)
        let out = folder.appendingPathComponent("out")
        let check = { (register: URL) in
            ["check", register.path, "--election-day", "2026-12-01", "--out", out.path, "--quiet", "--formats", "csv,xlsx"]
        }
        #expect(try Support.run(check(first)).status == 0)
        return (folder, out, check, second)
    }

    @Test(
        .enabled(if: Support.injectsFaults),
        arguments: ["write:roll.csv", "write:report.html", "write:.voterroll-manifest.json", "swap:1", "swap:5", "swap:9", "stored"])
    func aFailureLateInTheRunLeavesThePreviousOutputs(fault: String) throws {
        let (folder, out, check, second) = try Self.afterAFirstRun()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Support.outputs(out)
        let runs = try Support.recordedRuns(out)
        let failed = try Support.run(check(second), environment: ["VOTERROLL_FAULT": fault])
        #expect(failed.status == 3, "\(failed.stderr)")
        #expect(failed.stderr.contains("injected failure") && failed.stderr.contains(out.path), "\(failed.stderr)")
        #expect(try Support.outputs(out) == before)
        #expect(try Support.recordedRuns(out) == runs)
        #expect(Support.leftovers(out).isEmpty)
        let next = try Support.run(check(second))
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Support.recordedRuns(out) == runs + 1)
        #expect(Support.leftovers(out).isEmpty)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("published/第三选区.html").path))
    }

    /// Killed in the middle of the swap, or with the swap done and the store not yet
    /// committed: the next run puts the previous outputs back, byte for byte.
    @Test(.enabled(if: Support.injectsFaults), arguments: ["kill:swap:2", "kill:swap:5", "kill:swap:9", "kill:stored"])
    func aSwapCutOffIsTakenBackByTheNextRun(fault: String) throws {
        let (folder, out, check, second) = try Self.afterAFirstRun()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Support.outputs(out)
        let runs = try Support.recordedRuns(out)
        let killed = try Support.run(check(second), environment: ["VOTERROLL_FAULT": fault])
        #expect(killed.status == 9 || killed.status == 137, "killed: \(killed.status) \(killed.stderr)")
        #expect(Support.swapUnderWay(out))
        #expect(try Support.outputs(out) != before, "the swap had begun")
        #expect(try Support.recordedRuns(out) == runs)
        let probe = try Self.probe(out, in: folder)
        #expect(probe.status == 3, "\(probe.stderr)")
        #expect(try Support.outputs(out) == before)
        #expect(Support.leftovers(out).isEmpty)
        let next = try Support.run(check(second))
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Support.recordedRuns(out) == runs + 1)
        #expect(try Support.matchesItsManifest(out))
        #expect(Support.leftovers(out).isEmpty)
    }

    @Test(arguments: ["report.html folder", "published file", "published link"])
    func somethingInTheWayLeavesThePreviousOutputs(obstacle: String) throws {
        let folder = try Support.scratch("all-or-nothing")
        defer { try? FileManager.default.removeItem(at: folder) }
        let register = folder.appendingPathComponent("roll.csv")
        try Support.write(Support.register(people: 30), to: register)
        let out = folder.appendingPathComponent("out")
        let arguments = ["check", register.path, "--election-day", "2026-12-01", "--out", out.path, "--quiet"]
        #expect(try Support.run(arguments).status == 0)
        // Someone's folder, which a link named published/ points at.
        let elsewhere = folder.appendingPathComponent("elsewhere")
        try Support.write("keep", to: elsewhere.appendingPathComponent("mine.html"))
        switch obstacle {
        case "report.html folder":
            try FileManager.default.removeItem(at: out.appendingPathComponent("report.html"))
            try Support.write("keep", to: out.appendingPathComponent("report.html/mine.txt"))
        case "published file":
            try FileManager.default.removeItem(at: out.appendingPathComponent("published"))
            try Support.write("keep", to: out.appendingPathComponent("published"))
        default:
            try FileManager.default.removeItem(at: out.appendingPathComponent("published"))
            try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("published"), withDestinationURL: elsewhere)
        }
        let before = try Support.outputs(out)
        let runs = try Support.recordedRuns(out)
        let failed = try Support.run(arguments)
        if obstacle == "published link" {
            // A planted link is refused before anything is read (exit 2: choose another folder).
            #expect(failed.status == 2, "\(failed.stderr)")
            #expect(failed.stderr.contains("published is a symbolic link"), "\(failed.stderr)")
        } else {
            #expect(failed.status == 3, "\(failed.stderr)")
            #expect(failed.stderr.contains("in the way"), "\(failed.stderr)")
        }
        #expect(try Support.outputs(out) == before)
        #expect(try Support.recordedRuns(out) == runs)
        #expect(Support.leftovers(out).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["mine.html"])
    }
}
