import Foundation
import GRDB
import Testing

@testable import VoterRollKit

/// An upgrade keeps the history: a store written by an earlier build of `voterroll` is opened
/// by this one, migrated, and still answers `history` and `explain` for its runs; a store a
/// newer build migrated is refused (exit 2), untouched, with the advice to upgrade.
///
/// The stores in `fixtures/stores/` were written by the builds they are named after, each
/// running the demo pipeline twice (fixtures/README.md says how).
@Suite struct StoreUpgradeTests {
    /// 杨光, on the demo register since the first release, excluded as deprived of political rights.
    static let deprived = "370103196504050710"

    struct Fixture: CustomTestStringConvertible, Sendable {
        var file: String
        var version: String
        var testDescription: String { file }
    }

    static let fixtures = [
        // The first release: the store's first schema, as 6f351ba introduced it (written by
        // 830b751, its build fix, whose store code is the same), before its inputs were
        // numbered and before the township tables (StoreSchema.repairEarlyV1).
        Fixture(file: "v1-830b751.sqlite", version: "0.1.0"),
        // Today's schema (v2: townships), as this branch's build wrote it on 2026-12-05.
        Fixture(file: "v2-2026-12-05.sqlite", version: "0.1.0"),
    ]

    /// A copy of a fixture store in a folder of its own (a test never writes the fixture).
    static func copy(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = VoterRollProcess.repositoryRoot.appendingPathComponent("fixtures/stores/\(name)")
        let store = folder.appendingPathComponent("voterroll.sqlite")
        try FileManager.default.copyItem(at: source, to: store)
        return store
    }

    @Test(arguments: fixtures) func anEarlierStoreIsMigratedAndKeepsItsRuns(_ fixture: Fixture) throws {
        let store = try Self.copy(fixture.file)
        defer { try? FileManager.default.removeItem(at: store.deletingLastPathComponent()) }
        let before = try DatabaseQueue(path: store.path).read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") ?? 0, try Int.fetchOne(db, sql: "SELECT count(*) FROM decisions") ?? 0)
        }
        #expect(before.0 == 2 && before.1 > 0, "the fixture holds two runs of the demo")

        let history = try VoterRollProcess.run(["history", "--store", store.path])
        #expect(history.status == 0, "\(history.stderr)")
        let runs = history.stdout.split(separator: "\n").dropFirst()
        #expect(runs.count == 2, "\(history.stdout)")
        #expect(runs.allSatisfy { $0.contains("某某镇") && $0.contains("2026-05-20") }, "\(history.stdout)")

        let explained = try VoterRollProcess.run(["explain", Self.deprived, "--store", store.path])
        #expect(explained.status == 0, "\(explained.stderr)")
        for run in 1...2 {
            #expect(explained.stdout.contains("run \(run) ("), "\(explained.stdout)")
        }
        #expect(explained.stdout.contains("excluded"), "\(explained.stdout)")
        #expect(explained.stdout.contains("rights.deprived at "), "\(explained.stdout)")
        #expect(!explained.stdout.contains(Self.deprived), "explain masks the ID number")

        // Migrated to this build's schema and marked as a VoterRoll store.
        let marks = try DatabaseQueue(path: store.path).read { db in
            (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
             try Int32.fetchOne(db, sql: "PRAGMA application_id"), try Int.fetchOne(db, sql: "PRAGMA user_version"))
        }
        #expect(marks.0 == StoreSchema.migrations.map(\.name))
        #expect(marks.1 == StoreFileCheck.applicationID && marks.2 == StoreSchema.migrations.count)

        // The next run is recorded beside the old ones, and compares with the last of them.
        let out = store.deletingLastPathComponent().appendingPathComponent("out")
        let run = try VoterRollProcess.run(["run", "pipelines/demo.yaml", "--out", out.path, "--store", store.path, "--quiet"])
        #expect(run.status == 1, "the demo holds errors on purpose: \(run.stderr)")
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: out.appendingPathComponent("summary.json")))
        #expect(summary.sinceLastRun?.previousRun == 2, "\(String(describing: summary.sinceLastRun))")
        let after = try VoterRollProcess.run(["explain", Self.deprived, "--store", store.path])
        #expect(after.status == 0, "\(after.stderr)")
        #expect((1...3).allSatisfy { after.stdout.contains("run \($0) (") }, "\(after.stdout)")
        #expect(try SQLiteRunStore(path: store.path).history().map(\.id) == [1, 2, 3])
    }

    @Test func aStoreOfANewerVoterRollIsRefusedUntouchedSayingToUpgrade() throws {
        let store = try Self.copy(Self.fixtures[1].file)
        defer { try? FileManager.default.removeItem(at: store.deletingLastPathComponent()) }
        // As a later version would leave it: one migration more than this build knows.
        let newer = StoreSchema.migrations.count + 1
        try DatabaseQueue(path: store.path).write { db in
            try db.execute(sql: "PRAGMA application_id = \(StoreFileCheck.applicationID)")
            try db.execute(sql: "PRAGMA user_version = \(newer)")
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v\(newer): from a newer VoterRoll')")
        }
        let bytes = try Data(contentsOf: store)

        for arguments in [
            ["history", "--store", store.path],
            ["explain", Self.deprived, "--store", store.path],
            ["run", "pipelines/demo.yaml", "--out", store.deletingLastPathComponent().appendingPathComponent("out").path,
             "--store", store.path, "--quiet"],
        ] {
            let result = try VoterRollProcess.run(arguments)
            #expect(result.status == 2, "\(arguments[0]): \(result.stderr)")
            #expect(result.stderr.contains("newer VoterRoll (schema \(newer);"), "\(arguments[0]): \(result.stderr)")
            #expect(result.stderr.contains("upgrade voterroll"), "\(arguments[0]): \(result.stderr)")
        }
        #expect(try Data(contentsOf: store) == bytes, "the newer store is left as it was")
    }
}
