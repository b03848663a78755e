import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One connection, used synchronously: the engine is a synchronous loop, so each statement
/// waits for its answer on NIO's own threads (never on Swift's cooperative pool, which a wait
/// could starve).
final class PostgresSession {
    private let connection: PostgresConnection
    private let logger: Logger

    init(_ url: PostgresConnectionURL) throws {
        logger = Logger(label: "voterroll.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        do {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: url.configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw PostgresStoreError(error, doing: "cannot connect to \(url.redacted)")
        }
    }

    func close() {
        _ = try? connection.close().wait()
    }

    /// Runs one statement written with `?` parameters (as `StoreSQL` has them); nil binds NULL.
    @discardableResult
    func query(_ sql: String, _ values: [(any PostgresEncodable)?] = []) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            if let value { try binds.append(value) } else { binds.appendNull() }
        }
        do {
            return try connection.query(PostgresQuery(unsafeSQL: Self.numbered(sql), binds: binds), logger: logger).wait()
        } catch {
            throw PostgresStoreError(error, doing: Self.summary(of: sql))
        }
    }

    /// Runs statements without parameters separated by `;` (the schema's migrations, which hold
    /// no `;` inside a statement): PostgreSQL prepares one statement at a time.
    func execute(_ sql: String) throws {
        for statement in sql.split(separator: ";") where !statement.allSatisfy(\.isWhitespace) {
            try query(String(statement))
        }
    }

    /// The statement's first words, to say what failed without its data.
    private static func summary(of sql: String) -> String {
        let words = sql.split(whereSeparator: \.isWhitespace).prefix(4).joined(separator: " ")
        return "a statement (\(words) …)"
    }

    /// The first column of the first row.
    func scalar<T: PostgresDecodable>(_ type: T.Type, _ sql: String, _ values: [(any PostgresEncodable)?] = []) throws -> T?
    where T._DecodableType == T {
        guard let row = try query(sql, values).first else { return nil }
        return try row.decode(T?.self) ?? nil
    }

    /// The first column of every row, as text.
    func texts(_ sql: String, _ values: [(any PostgresEncodable)?] = []) throws -> [String] {
        try query(sql, values).map { try $0.decode(String.self) }
    }

    /// Inserts many rows with as few statements as PostgreSQL's 65,535 parameters allow.
    func insert(into table: String, columns: [String], rows: [[(any PostgresEncodable)?]]) throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, 60_000 / columns.count)
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(rows.count, start + perStatement)]
            var sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            var values: [(any PostgresEncodable)?] = []
            values.reserveCapacity(batch.count * columns.count)
            for (index, row) in batch.enumerated() {
                sql += index == 0 ? "(" : ", ("
                sql += Array(repeating: "?", count: columns.count).joined(separator: ", ")
                sql += ")"
                values.append(contentsOf: row)
            }
            try query(sql, values)
            start += batch.count
        }
    }

    /// `?` → `$1`, `$2`…; the statements here hold no `?` inside quotes.
    static func numbered(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        for character in sql {
            if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// The PostgreSQL store failing (a tool failure), said without the data involved: the server's
/// message and SQLSTATE, never its detail (which can quote an ID number from a key).
struct PostgresStoreError: Error, CustomStringConvertible {
    var message: String
    /// The server's SQLSTATE, e.g. `40P01` for a deadlock.
    var sqlState: String?

    init(message: String, sqlState: String? = nil) {
        self.message = message
        self.sqlState = sqlState
    }

    init(_ error: any Error, doing what: String) {
        guard let error = error as? PSQLError else {
            self.init(message: "\(what): \(error)")
            return
        }
        if let info = error.serverInfo {
            var text = "\(what): \(info[.message] ?? "the server refused it")"
            if let hint = info[.hint] { text += " (\(hint))" }
            self.init(message: text, sqlState: info[.sqlState])
        } else if let underlying = error.underlying {
            self.init(message: "\(what): \(error.code) (\(underlying))")
        } else {
            self.init(message: "\(what): \(error.code)")
        }
    }

    var description: String {
        sqlState.map { "\(message) [SQLSTATE \($0)]" } ?? message
    }
}
