import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// Decides whether an existing file may be used as the SQLite run store: only one VoterRoll
/// wrote.
///
/// `--store` pointing at another program's database (or any file) must not gain eight tables,
/// switch to WAL and change its mode: the file is refused untouched. A store carries
/// VoterRoll's `application_id` and the count of its migrations as `user_version`; a store
/// written before the marks existed is recognised by its migrations table and marked when
/// opened.
enum StoreFileCheck {
    /// `PRAGMA application_id` of every VoterRoll store: "VRol".
    static let applicationID: Int32 = 0x5652_6F6C

    /// A file refused as a run store, with the reason in words.
    struct NotAStore: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String {
            "\(path) \(reason); VoterRoll leaves it untouched: name a new file or a VoterRoll store (--store)"
        }
    }

    /// A store a newer VoterRoll migrated: this binary does not know its tables, so it neither
    /// reads nor writes it. Going back a version is not possible; the way on is to upgrade.
    struct NewerStore: Error, CustomStringConvertible {
        var path: String
        var schema: Int
        var description: String {
            "\(path) is a store of a newer VoterRoll (schema \(schema); this voterroll \(VoterRollVersion.current) knows up to \(StoreSchema.migrations.count)): upgrade voterroll to open it; this version leaves it untouched"
        }
    }

    /// Throws `NotAStore` unless the existing file at `path` is a VoterRoll store (or one of an
    /// earlier version, which migrating then marks).
    static func requireVoterRollStore(at path: String) throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw NotAStore(path: path, reason: "is not a regular file")
        }
        // An empty file was not written by VoterRoll, which marks a store in the moment it
        // creates it; it may be a file the user meant for something else.
        guard let size = attributes[.size] as? NSNumber, size.intValue > 0 else {
            throw NotAStore(path: path, reason: "is empty (0 bytes), not a VoterRoll run store; if an interrupted run left it, delete it")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw NotAStore(path: path, reason: "cannot be read")
        }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        guard header == Data("SQLite format 3\0".utf8) else {
            throw NotAStore(path: path, reason: "is not an SQLite database")
        }
        var configuration = Configuration()
        configuration.readonly = true
        // Another connection closing (its checkpoint) or writing holds the lock for a moment:
        // wait for it, as the store's own connection does, instead of calling the store unreadable.
        configuration.busyMode = .timeout(60)
        let facts: (application: Int32, version: Int, migrations: [String])
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            facts = try queue.read { db in
                let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                let migrations = try db.tableExists("grdb_migrations")
                    ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
                return (application, version, migrations)
            }
            try queue.close()
        } catch {
            throw NotAStore(path: path, reason: "is not a readable SQLite database (\(error))")
        }
        let known = StoreSchema.migrations.map(\.name)
        switch facts.application {
        case applicationID:
            guard facts.version <= known.count else {
                throw NewerStore(path: path, schema: facts.version)
            }
        case 0 where facts.migrations.first == known.first && Set(facts.migrations).isSubset(of: known):
            break  // written before the marks: migrating marks it
        default:
            throw NotAStore(path: path, reason: "is another program's SQLite database, not a VoterRoll run store")
        }
    }

    /// Keeps the store 0600: it holds full ID numbers, and SQLite gives its -wal and -shm
    /// files the store's mode. A store from before this rule may have been 0644.
    static func keepPrivate(_ path: String) {
        _ = chmod(path, 0o600)
    }
}
