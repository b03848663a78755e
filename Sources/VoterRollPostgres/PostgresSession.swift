import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import VoterRollKit

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

    /// Loads many rows with `COPY … FROM STDIN` (text format): the fastest way in, one round trip
    /// for a whole batch.
    ///
    /// postgres-nio offers COPY only as an async function; it runs as a task on a queue of its
    /// own (`CopyExecutor`) while this thread waits, so the wait never starves Swift's task pool,
    /// whichever thread calls (the engine's, or a test's on that pool).
    func copy(into table: String, columns: [String], rows: [[StoreValue]]) throws {
        guard !rows.isEmpty else { return }
        var text: [UInt8] = []
        text.reserveCapacity(rows.count * columns.count * 16)
        for row in rows {
            for (index, value) in row.enumerated() {
                if index > 0 { text.append(UInt8(ascii: "\t")) }
                switch value {
                case .null: text.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
                case .integer(let integer): text.append(contentsOf: String(integer).utf8)
                case .text(let string):
                    for byte in string.utf8 {
                        switch byte {
                        case UInt8(ascii: "\\"): text.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                        case UInt8(ascii: "\t"): text.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                        case UInt8(ascii: "\n"): text.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                        case UInt8(ascii: "\r"): text.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                        // PostgreSQL text cannot hold NUL: kept visible as U+FFFD.
                        case 0: text.append(contentsOf: [0xEF, 0xBF, 0xBD])
                        default: text.append(byte)
                        }
                    }
                }
            }
            text.append(UInt8(ascii: "\n"))
        }
        let buffer = ByteBuffer(bytes: text)
        let connection = self.connection
        let logger = self.logger
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: CopyExecutor.shared) {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    try await writer.write(buffer)
                }
                outcome.set(nil)
            } catch {
                outcome.set(error)
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw PostgresStoreError(error, doing: "loading \(table)") }
    }

    /// Runs the copy tasks on a serial dispatch queue, off Swift's cooperative pool.
    private final class CopyExecutor: TaskExecutor, @unchecked Sendable {
        static let shared = CopyExecutor()
        private let queue = DispatchQueue(label: "voterroll.postgres.copy")

        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
        }
    }

    /// What a copy task ended with, handed to the waiting thread.
    private final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: (any Error)?
        func set(_ error: (any Error)?) { lock.withLock { stored = error } }
        var error: (any Error)? { lock.withLock { stored } }
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
