import Foundation
import GRDB
internal import GRDBSQLite

/// The SQLite store's side of `StoreRecorder`: GRDB inside the run's open transaction.
///
/// Appended rows go in at once, each through its table's statement prepared once per run:
/// SQLite runs in-process, so a row costs no round trip, and a million rows do not parse their
/// SQL a million times.
final class SQLiteExecutor: StoreExecutor {
    private let db: Database
    /// Each table's prepared `INSERT`, by table name.
    private var inserts: [String: Statement] = [:]

    init(_ db: Database) {
        self.db = db
    }

    func execute(_ sql: String, _ arguments: [StoreValue]) throws {
        try db.execute(sql: sql, arguments: Self.arguments(arguments))
    }

    func insert(_ sql: String, _ arguments: [StoreValue]) throws -> Int64 {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        return db.lastInsertedRowID
    }

    func fetch(_ sql: String, _ arguments: [StoreValue], _ body: ([StoreValue]) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: Self.arguments(arguments))
        while let row = try rows.next() {
            try body(row.databaseValues.map(StoreValue.init))
        }
    }

    /// Bound and stepped with SQLite's own functions: GRDB's arguments box every value in an
    /// existential and check it against the statement, which cost the store's thread as much
    /// as SQLite's insert itself on a million rows. The statement is GRDB's, inside its
    /// transaction; nothing observes these tables.
    func append(_ row: [StoreValue], to table: StoreSQL.Table) throws {
        let statement: Statement
        if let prepared = inserts[table.name] {
            statement = prepared
        } else {
            statement = try db.makeStatement(sql: table.insert)
            inserts[table.name] = statement
        }
        let handle = statement.sqliteStatement
        for (index, value) in row.enumerated() {
            let column = Int32(index + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, column)
            case .integer(let integer): code = sqlite3_bind_int64(handle, column, integer)
            case .text(var text):
                code = text.withUTF8 { bytes in
                    let start = bytes.baseAddress.map { UnsafeRawPointer($0) } ?? Self.empty
                    return sqlite3_bind_text(handle, column, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
                }
            }
            guard code == SQLITE_OK else { throw try failure(code, table) }
        }
        let stepped = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard stepped == SQLITE_DONE else { throw try failure(stepped, table) }
    }

    /// An empty text's bytes (SQLite wants a pointer for an empty text, NULL being NULL).
    private nonisolated(unsafe) static let empty = UnsafeRawPointer(("" as StaticString).utf8Start)

    /// SQLite copies a text before `sqlite3_bind_text` returns.
    private nonisolated(unsafe) static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// The error SQLite reported, as GRDB reports its own.
    private func failure(_ code: Int32, _ table: StoreSQL.Table) throws -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) },
            sql: table.insert)
    }

    /// Nothing is held back.
    func flush() {}

    /// SQLite keeps a temporary table for the connection, across runs: it is emptied first.
    func fill(_ table: StoreSQL.Table, columns: [[String]]) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS \(table.name) (\(table.keyDefinition))")
        try db.execute(sql: "DELETE FROM \(table.name)")
        let insert = try db.makeStatement(sql: table.insert.replacing("INSERT INTO", with: "INSERT OR IGNORE INTO", maxReplacements: 1))
        for index in columns.first?.indices ?? 0..<0 {
            try insert.execute(arguments: StatementArguments(columns.map { $0[index] }))
        }
    }

    /// GRDB's arguments, for the few statements that are not a table's rows (`append` binds
    /// those itself).
    private static func arguments(_ row: [StoreValue]) -> StatementArguments {
        StatementArguments(row.map(\.binding))
    }
}

extension StoreValue {
    fileprivate var binding: (any DatabaseValueConvertible)? {
        switch self {
        case .null: nil
        case .integer(let integer): integer
        case .text(let text): text
        }
    }

    /// The store's columns hold text, whole numbers and NULL; anything else is read as text.
    fileprivate init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let integer): self = .integer(integer)
        case .string(let text): self = .text(text)
        case .double(let double): self = Int64(exactly: double).map { .integer($0) } ?? .text(String(double))
        case .blob(let data): self = .text(String(decoding: data, as: UTF8.self))
        }
    }
}
