/// A store's database inside the open transaction of one run: all `StoreRecorder` asks of it.
///
/// The recorder is the one sequence that records a run (`StoreSQL` holds its statements, its
/// tables' columns and its rows); an executor supplies only what differs between SQLite and
/// PostgreSQL: how parameters are bound, how a new row's id comes back, how many rows go in at
/// once and how a temporary table is made. Statements are written with `?` parameters.
public protocol StoreExecutor: AnyObject {
    /// Runs one statement that returns no rows.
    func execute(_ sql: String, _ arguments: [StoreValue]) throws
    /// Runs one `INSERT` into a table keyed by `id` and returns the new row's `id`.
    func insert(_ sql: String, _ arguments: [StoreValue]) throws -> Int64
    /// Runs a query and hands `body` each row's values, in the order of its columns.
    func fetch(_ sql: String, _ arguments: [StoreValue], _ body: ([StoreValue]) throws -> Void) throws
    /// Adds one row to `table`, its values in the order of the table's columns. The row may be
    /// held back until the next `flush`, so that many go in at once.
    func append(_ row: [StoreValue], to table: StoreSQL.Table) throws
    /// Writes every row `append` holds back.
    func flush() throws
    /// Fills the temporary key table `table` (the first column its key, a duplicate key kept
    /// once) with `columns`, given column by column, for the rest of the transaction.
    func fill(_ table: StoreSQL.Table, columns: [[String]]) throws
}

extension StoreExecutor {
    /// The first column of the first row as a whole number: nil when there is no row or it is NULL.
    public func scalar(_ sql: String, _ arguments: [StoreValue]) throws -> Int64? {
        var first: StoreValue?
        try fetch(sql, arguments) { row in
            if first == nil { first = row.first ?? .null }
        }
        return first?.integer
    }
}
