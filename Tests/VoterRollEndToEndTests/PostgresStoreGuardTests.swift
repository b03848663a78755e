import Foundation
import Testing

/// 9. A PostgreSQL database that is not a VoterRoll store is refused untouched.
@Suite struct PostgresStoreGuardTests {
    @Test func anotherProgramsDatabaseIsRefusedUntouched() throws {
        try #require(TestPostgres.isAvailable, "no PostgreSQL server")
        let url = try TestPostgres.freshDatabase()
        _ = try TestPostgres.column(url, "CREATE TABLE notes (body TEXT)")
        let folder = try RunSurroundingsTests.folderWithRegister()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try RunSurroundingsTests.check(folder, ["--store", url])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("not a VoterRoll run store"), "\(result.stderr)")
        let tables = try TestPostgres.column(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
        #expect(tables == ["notes"])
    }

    @Test func aStoreOfANewerVoterRollIsRefusedSayingToUpgrade() throws {
        try #require(TestPostgres.isAvailable, "no PostgreSQL server")
        let url = try TestPostgres.freshDatabase()
        let folder = try RunSurroundingsTests.folderWithRegister()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try RunSurroundingsTests.check(folder, ["--store", url]).status == 0)
        // As a later version would leave it: one migration more than this build knows.
        _ = try TestPostgres.column(url, "INSERT INTO schema_migrations (identifier) VALUES ('v99: from a newer VoterRoll')")
        let result = try RunSurroundingsTests.check(folder, ["--store", url])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("newer VoterRoll") && result.stderr.contains("upgrade voterroll"), "\(result.stderr)")
        #expect(try TestPostgres.column(url, "SELECT count(*)::text FROM runs") == ["1"], "the refused run recorded nothing")
    }
}
