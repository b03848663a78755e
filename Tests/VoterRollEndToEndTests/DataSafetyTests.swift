import Crypto
import Foundation
import Testing

@testable import VoterRollKit

/// Privacy and data safety as an office needs them: inputs never touched, full ID numbers only
/// in the files meant to hold them, and a killed run leaving a usable store and no half files.
@Suite(.serialized) struct DataSafetyTests {
    static let root = VoterRollProcess.repositoryRoot

    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func digest(_ url: URL) throws -> String {
        SHA256.hash(data: try Data(contentsOf: url)).map { String(format: "%02x", $0) }.joined()
    }

    /// Any run of 17 digits followed by a digit or X: a full ID number.
    private func fullIDs(in text: String) -> [String] {
        let pattern = try? NSRegularExpression(pattern: "[0-9]{17}[0-9Xx]")
        let range = NSRange(text.startIndex..., in: text)
        return pattern?.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } } ?? []
    }

    @Test func inputsAreReadNeverWritten() throws {
        let demo = Self.root.appendingPathComponent("fixtures/demo")
        let files = try FileManager.default.contentsOfDirectory(at: demo, includingPropertiesForKeys: nil).sorted { $0.path < $1.path }
        let before = try files.map(digest)
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", out.path, "--quiet"])
        #expect(try files.map(digest) == before)
    }

    @Test func fullIDNumbersAppearOnlyWhereTheyBelong() throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        var logs = ""
        for format in ["text", "json"] {
            let result = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", out.path, "--log-format", format])
            logs += result.stdout + result.stderr
        }
        let history = try VoterRollProcess.run(["history", "--store", out.appendingPathComponent("voterroll.sqlite").path])
        logs += history.stdout + history.stderr
        #expect(fullIDs(in: logs).isEmpty, "terminal output and logs: \(fullIDs(in: logs))")
        // Files meant to hold full numbers are owner-only; every other file holds none.
        // report.html lists the rows needing action with the raw values (an ID with a wrong
        // check digit must be seen whole to be compared with the card), so it is owner-only too.
        // The notices to in-migrants' home offices name them by ID number, for that office; the
        // registers of voter cards and certificates, and each certificate (handed to its holder).
        // The cards themselves (cards/) are shown at the polling station: no ID number on them.
        let holders: Set<String> = [
            "roll.csv", "rejected.csv", "findings.csv", "findings.jsonl", "changes.csv", "roll.xlsx", "report.html", "notices.csv",
            "cards.csv", "certificates.csv",
        ]
        let walker = FileManager.default.enumerator(at: out, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let name = url.lastPathComponent
            if name.hasPrefix("voterroll.sqlite") || name == ".voterroll.lock" { continue }
            let folder = url.deletingLastPathComponent().lastPathComponent
            if holders.contains(name) || folder == HomeOfficeNotices.folder || folder == VoterCertificates.folder {
                let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(name)")
            } else if name.hasSuffix(".csv") || name.hasSuffix(".json") || name.hasSuffix(".html") {
                let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
                #expect(fullIDs(in: text).isEmpty, "\(name) holds \(fullIDs(in: text).prefix(3))")
            }
        }
        let store = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("voterroll.sqlite").path)
        #expect(store[.posixPermissions] as? Int == 0o600)
    }

    @Test func maskIDsMasksTheFindings() throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", out.path, "--quiet", "--mask-ids"])
        for name in ["findings.csv", "findings.jsonl"] {
            let text = String(decoding: try Data(contentsOf: out.appendingPathComponent(name)), as: UTF8.self)
            #expect(fullIDs(in: text).isEmpty, "\(name)")
            #expect(text.contains("370103********0710"), "\(name) shows masked numbers")
        }
    }

    /// A register big enough that the run is still going when it is killed.
    private func bigRegister(in folder: URL, rows: Int) throws -> URL {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var text = "选区,姓名,性别,出生日期,公民身份号码\n"
        for row in 1...rows {
            let body = String(format: "370102%04d%02d%02d%03d", 1940 + row % 60, 1 + row % 12, 1 + row % 28, row % 1000)
            let sum = zip(body.utf8, weights).reduce(0) { $0 + Int($1.0 - 48) * $1.1 }
            let check = Array("10X98765432")[sum % 11]
            text += "第\(1 + row % 9)选区,张\(row % 97)明,\(row % 2 == 0 ? "女" : "男"),,\(body)\(check)\n"
        }
        let url = folder.appendingPathComponent("big.csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func aKilledRunLeavesTheStoreAndOutputsUsable() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let register = try bigRegister(in: folder, rows: 100_000)
        let out = folder.appendingPathComponent("out")
        let arguments = ["check", register.path, "--election-day", "2026-12-01", "--out", out.path, "--quiet"]
        // A first, complete run: its outputs are what a killed run must leave in place.
        let first = try VoterRollProcess.run(arguments)
        #expect([0, 1].contains(first.status))
        let roll = try Data(contentsOf: out.appendingPathComponent("roll.csv"))
        // A second run, killed with SIGKILL while it works.
        let process = Process()
        process.executableURL = VoterRollProcess.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.5)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the run ended before it was killed; use a bigger register")
        #expect(try Data(contentsOf: out.appendingPathComponent("roll.csv")) == roll, "roll.csv is the last complete one")
        let store = try SQLiteRunStore(path: out.appendingPathComponent("voterroll.sqlite").path)
        #expect(try store.history().count == 1, "the killed run left no trace in the store")
        // And the next run works (the lock died with the process) and clears what it left.
        let third = try VoterRollProcess.run(arguments)
        #expect([0, 1].contains(third.status), "\(third.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path).filter(OutputLeftovers.isLeftover)
        #expect(left.isEmpty, "\(left)")
        #expect(try SQLiteRunStore(path: out.appendingPathComponent("voterroll.sqlite").path).history().count == 2)
    }
}
