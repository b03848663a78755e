import Foundation
import Testing
import VoterRollKit
import VoterRollPostgres

/// The server's audit log (store migration v4), on both stores: entries come back newest first,
/// one township's or every township's.
@Suite struct AuditLogTests {
    enum Backend: String, CaseIterable { case sqlite, postgres }

    @Test(arguments: Backend.allCases)
    func entriesComeBackNewestFirstPerTownship(backend: Backend) throws {
        try #require(backend == .sqlite || TestPostgres.isAvailable, "no PostgreSQL server")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("voterroll-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log: any AuditLog =
            switch backend {
            case .sqlite: try SQLiteRunStore(path: folder.appendingPathComponent("store.sqlite").path)
            case .postgres: try PostgresRunStore(url: try TestPostgres.freshDatabase())
            }
        try log.appendAudit(AuditEntry(at: "2026-05-01T08:00:00Z", username: "clerk-a", township: "城关镇", action: "login", detail: ""))
        try log.appendAudit(AuditEntry(at: "2026-05-01T08:01:00Z", username: "clerk-b", township: "河东乡", action: "run", detail: "run 1"))
        try log.appendAudit(AuditEntry(at: "2026-05-01T08:02:00Z", username: "clerk-a", township: "城关镇", action: "download", detail: "run 1: roll.csv"))
        let all = try log.auditEntries(township: nil, limit: 10)
        #expect(all.map(\.action) == ["download", "run", "login"])
        let one = try log.auditEntries(township: "城关镇", limit: 10)
        #expect(one.map(\.detail) == ["run 1: roll.csv", ""])
        #expect(try log.auditEntries(township: nil, limit: 1).count == 1)
    }

    @Test func theMigrationIsTheFourthAndLast() {
        #expect(StoreSchema.migrations.map(\.name).suffix(2) == ["v3: document numbers", "v4: the server's audit log"])
    }
}
