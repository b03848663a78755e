import PostgresNIO
import VoterRollKit

/// The PostgreSQL store's side of `StoreRecorder`: one `PostgresSession` inside the run's open
/// transaction.
///
/// Appended rows (decisions, findings, township conflicts) are held back and loaded with COPY
/// in batches of 20,000: one statement per row would cost a round trip each.
final class PostgresExecutor: StoreExecutor {
    /// The rows held back for one table.
    private final class Batch {
        let table: StoreSQL.Table
        var rows: [[StoreValue]] = []

        init(_ table: StoreSQL.Table) {
            self.table = table
        }
    }

    private let session: PostgresSession
    /// In the order first appended to; a run appends to three tables at most.
    private var batches: [Batch] = []
    private static let batchSize = 20_000
    /// Rows in one statement filling a temporary table, sent as one array per column.
    private static let fillSize = 50_000

    init(_ session: PostgresSession) {
        self.session = session
    }

    func execute(_ sql: String, _ arguments: [StoreValue]) throws {
        try session.query(sql, arguments.map(\.bind))
    }

    func insert(_ sql: String, _ arguments: [StoreValue]) throws -> Int64 {
        guard let id = try session.scalar(Int64.self, sql + " RETURNING id", arguments.map(\.bind)) else {
            throw PostgresStoreError(message: "run store: an insert returned no id")
        }
        return id
    }

    func fetch(_ sql: String, _ arguments: [StoreValue], _ body: ([StoreValue]) throws -> Void) throws {
        for row in try session.query(sql, arguments.map(\.bind)) {
            try body(row.map(StoreValue.init))
        }
    }

    func append(_ row: [StoreValue], to table: StoreSQL.Table) throws {
        let batch: Batch
        if let held = batches.first(where: { $0.table.name == table.name }) {
            batch = held
        } else {
            batch = Batch(table)
            batches.append(batch)
        }
        batch.rows.append(row)
        if batch.rows.count >= Self.batchSize { try load(batch) }
    }

    func flush() throws {
        for batch in batches { try load(batch) }
    }

    private func load(_ batch: Batch) throws {
        try session.copy(into: batch.table.name, columns: batch.table.columns, rows: batch.rows)
        batch.rows.removeAll(keepingCapacity: true)
    }

    /// The table is dropped when the transaction ends. One statement per 50,000 rows, the
    /// columns sent as arrays.
    func fill(_ table: StoreSQL.Table, columns: [[String]]) throws {
        try session.query("CREATE TEMP TABLE IF NOT EXISTS \(table.name) (\(table.keyDefinition)) ON COMMIT DROP")
        let insert = """
            INSERT INTO \(table.name) (\(table.columns.joined(separator: ", ")))
            SELECT * FROM unnest(\(table.columns.map { _ in "?::text[]" }.joined(separator: ", "))) ON CONFLICT DO NOTHING
            """
        let count = columns.first?.count ?? 0
        var start = 0
        while start < count {
            let end = min(count, start + Self.fillSize)
            try session.query(insert, columns.map { Array($0[start..<end]) })
            start = end
        }
    }
}

extension StoreValue {
    /// The value as a parameter; nil binds NULL.
    fileprivate var bind: (any PostgresEncodable)? {
        switch self {
        case .null: nil
        case .integer(let integer): integer
        case .text(let text): text
        }
    }

    /// The store's columns hold text, whole numbers and NULL.
    fileprivate init(_ cell: PostgresCell) throws {
        if cell.bytes == nil {
            self = .null
        } else if [.int2, .int4, .int8].contains(cell.dataType) {
            self = .integer(try cell.decode(Int64.self))
        } else {
            self = .text(try cell.decode(String.self))
        }
    }
}
