import Foundation
import GRDB
import Testing

@testable import VoterRollKit

/// The store as the engine uses it: runs recorded, history, explain, since-last-run, and a
/// failed run leaving no trace.
@Suite struct RunStoreTests {
    private func storePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)/voterroll.sqlite").path
    }

    private let id = "370102198001010111"
    private let day = CivilDate(year: 2026, month: 12, day: 1)!

    private func record(
        _ store: SQLiteRunStore, outcome: DecisionRecord.Outcome, codes: [FindingCode], pipeline: String = "test"
    ) throws -> SinceLastRun? {
        try store.record { recorder in
            let roll = FileDigest(path: "roll.csv", size: 100, sha256: String(repeating: "0", count: 64))
            try recorder.begin(RunFacts(pipeline: pipeline, electionDay: day, startedAt: "2026-11-29T00:00:00Z", inputs: [("roll", roll)], options: [:]))
            let source = CellAddress(file: "roll.csv", row: 3)
            try recorder.record(DecisionRecord(idNumber: id, name: "张伟", outcome: outcome, source: source, constituency: "第一选区", codes: codes))
            for code in codes {
                try recorder.record(Finding(code: code, address: CellAddress(file: "roll.csv", row: 3, column: 8), value: id, name: "张伟", idNumber: id, evidence: "deceased deceased.csv:2"))
            }
            var summary = RunSummary(electionDay: day.iso8601)
            summary.kept = outcome == .kept ? 1 : 0
            summary.registered = summary.kept
            summary.excluded = 1 - summary.kept
            summary.bySeverity = codes.isEmpty ? [:] : ["info": codes.count]
            return try recorder.finish(summary)
        }
    }

    @Test func recordsRunsAndExplainsAPersonAcrossThem() throws {
        let store = try SQLiteRunStore(path: storePath())
        #expect(try record(store, outcome: .kept, codes: []) == nil)
        let since = try #require(try record(store, outcome: .excluded, codes: [.statusDeceased]))
        #expect(since == SinceLastRun(previousRun: 1, newFindings: 1, resolvedFindings: 0, newExclusions: 1))
        let history = try store.history()
        #expect(history.map(\.id) == [1, 2])
        #expect(history.map(\.kept) == [1, 0])
        #expect(history.map(\.excluded) == [0, 1])
        #expect(history.map(\.findings) == [0, 1])
        let explained = try store.explain(idNumber: id)
        #expect(explained.map(\.outcome) == ["kept", "excluded"])
        #expect(explained[1].findings.first?.code == "status.deceased")
        #expect(explained[1].findings.first?.evidence == "deceased deceased.csv:2")
        let third = try #require(try record(store, outcome: .kept, codes: []))
        #expect(third.resolvedFindings == 1 && third.newExclusions == 0)
    }

    @Test func sinceLastRunComparesTheSameJob() throws {
        // Two jobs (two townships' pipelines) sharing a store: each compares with its own last run.
        let store = try SQLiteRunStore(path: storePath())
        #expect(try record(store, outcome: .kept, codes: [], pipeline: "城关镇") == nil)
        #expect(try record(store, outcome: .excluded, codes: [.statusDeceased], pipeline: "河口乡") == nil)
        let since = try #require(try record(store, outcome: .kept, codes: [], pipeline: "城关镇"))
        #expect(since == SinceLastRun(previousRun: 1, newFindings: 0, resolvedFindings: 0, newExclusions: 0))
    }

    @Test func aFailedRunLeavesNoTrace() throws {
        let store = try SQLiteRunStore(path: storePath())
        _ = try record(store, outcome: .kept, codes: [])
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.record { recorder in
                try recorder.begin(RunFacts(pipeline: "test", electionDay: day, startedAt: "x", inputs: [], options: [:]))
                throw Boom()
            }
        }
        #expect(try store.history().count == 1)
    }

    @Test func theStoreFileIsOwnerOnly() throws {
        let path = storePath()
        _ = try SQLiteRunStore(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
    }

    @Test func reopeningMigratesNothingTwice() throws {
        let path = storePath()
        let first = try SQLiteRunStore(path: path)
        _ = try record(first, outcome: .kept, codes: [])
        let second = try SQLiteRunStore(path: path)
        #expect(try second.history().count == 1)
    }

    @Test func aStoreFromBeforeTownshipsIsBroughtUpToDate() throws {
        // A store written by the first release (v1 only) opens, gains the township tables, and
        // keeps its runs.
        let path = storePath()
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let old = try DatabaseQueue(path: path)
        try StoreSchema.migrator().migrate(old, upTo: StoreSchema.migrations[0].name)
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO runs (pipeline, election_day, started_at, version, options, summary, exit_status)
                VALUES ('old', '2021-11-15', '2021-11-01T00:00:00Z', '0.1', '{}', '{"registered": 5}', 0)
                """)
        }
        try old.close()
        let store = try SQLiteRunStore(path: path)
        let history = try store.history()
        #expect(history.map(\.pipeline) == ["old"])
        #expect(history.first?.township == nil)
        #expect(history.first?.kept == 5)
        let applied = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == StoreSchema.migrations.map(\.name))
    }
}
