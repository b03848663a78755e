import Foundation

/// A store's executor used from the run's thread while the statements run on the store's own
/// thread: the run checks the register on one core while the database takes its rows on the
/// other.
///
/// Recorded on the run's thread, a million decisions and a quarter of a million findings
/// doubled the run (each row bound, stepped and indexed between two rows of the register).
/// Here `append` only adds the row to a batch; full batches go to the store's thread, which
/// inserts them in order. Everything else (`execute`, `insert`, `fetch`, `fill`, `flush`)
/// waits for the batches before it and then runs there too, so the store sees exactly the
/// sequence it would have seen, in one transaction, on the thread that opened it.
///
/// A failure on the store's thread (a full disk) is thrown to the run at its next call; the
/// rows after it are dropped, and the transaction is rolled back by the caller.
final class PipelinedExecutor: StoreExecutor, @unchecked Sendable {
    /// Rows handed over at once.
    static let batchSize = 4096
    /// Batches waiting at most: the run waits for the store beyond this (about 65,000 rows; on
    /// the 1M check 16 gave 12.9–14.3 s against 13.5–14.8 s for 4, and 64 was slower).
    static let maxQueued = 16

    private enum Job {
        case rows(StoreSQL.Table, [[StoreValue]])
        case call(() -> Void)
    }

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var closed = false
    private var failure: (any Error)?
    /// The batch being filled on the run's thread (run's thread only).
    private var batch: [[StoreValue]] = []
    private var batchTable: StoreSQL.Table?

    init() {
        batch.reserveCapacity(Self.batchSize)
    }

    // MARK: The run's side

    func append(_ row: [StoreValue], to table: StoreSQL.Table) throws {
        if let current = batchTable, current.name != table.name { try handOver() }
        batchTable = table
        batch.append(row)
        if batch.count >= Self.batchSize { try handOver() }
    }

    func flush() throws {
        try call { target in try target.flush() }
    }

    func execute(_ sql: String, _ arguments: [StoreValue]) throws {
        try call { target in try target.execute(sql, arguments) }
    }

    func insert(_ sql: String, _ arguments: [StoreValue]) throws -> Int64 {
        var id: Int64 = 0
        try call { target in id = try target.insert(sql, arguments) }
        return id
    }

    func fetch(_ sql: String, _ arguments: [StoreValue], _ body: ([StoreValue]) throws -> Void) throws {
        // The rows come back to the run's thread (the store's answers are short: holders and
        // exclusions of one township's candidates, the counts of a summary).
        var rows: [[StoreValue]] = []
        try call { target in try target.fetch(sql, arguments) { rows.append($0) } }
        for row in rows { try body(row) }
    }

    func fill(_ table: StoreSQL.Table, columns: [[String]]) throws {
        try call { target in try target.fill(table, columns: columns) }
    }

    /// Ends the run's side: the store's thread finishes what is queued and `serve` returns.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues the batch being filled, waiting while the store is `maxQueued` batches behind.
    private func handOver() throws {
        guard let table = batchTable, !batch.isEmpty else { return }
        let rows = batch
        batch = []
        batch.reserveCapacity(Self.batchSize)
        condition.lock()
        defer { condition.unlock() }
        while jobs.count >= Self.maxQueued && failure == nil { condition.wait() }
        if let failure { throw failure }
        jobs.append(.rows(table, rows))
        condition.broadcast()
    }

    /// Runs `work` on the store's thread after everything queued before it, and waits for it.
    private func call(_ work: @escaping (any StoreExecutor) throws -> Void) throws {
        try handOver()
        var thrown: (any Error)?
        var done = false
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        jobs.append(
            .call { [self] in
                // After a failed batch nothing more runs: the caller throws that failure.
                condition.lock()
                let failed = failure != nil
                condition.unlock()
                do {
                    guard let target else { throw StoreError(message: "the store's thread is not serving") }
                    if !failed { try work(target) }
                } catch {
                    thrown = error
                }
                condition.lock()
                done = true
                condition.broadcast()
                condition.unlock()
            })
        condition.broadcast()
        while !done { condition.wait() }
        if let thrown { throw thrown }
        if let failure { throw failure }
    }

    // MARK: The store's side

    /// The executor `serve` runs jobs on (set for the time of `serve`).
    private var target: (any StoreExecutor)?

    /// Runs every job on `executor`, on the calling thread (the one holding the transaction),
    /// until `close` and the queue is empty.
    func serve(on executor: any StoreExecutor) {
        target = executor
        defer { target = nil }
        while true {
            condition.lock()
            while jobs.isEmpty && !closed { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.broadcast()
            let failed = failure != nil
            condition.unlock()
            switch job {
            case .rows(let table, let rows):
                guard !failed else { continue }
                do {
                    for row in rows { try executor.append(row, to: table) }
                } catch {
                    condition.lock()
                    failure = error
                    condition.broadcast()
                    condition.unlock()
                }
            case .call(let work):
                work()
            }
        }
    }

}

/// A value handed between the run's thread and the store's while one waits for the other.
final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

extension PipelinedExecutor {
    /// Runs `body` (the run) on a thread of its own with a pipe to `executor`, while the calling
    /// thread, which holds the store's transaction, executes the pipe's statements on
    /// `executor`. Returns or throws what `body` did, once every statement has run.
    static func run<T>(on executor: any StoreExecutor, _ body: (PipelinedExecutor) throws -> T) throws -> T {
        let pipe = PipelinedExecutor()
        return try withoutActuallyEscaping(body) { body in
            let work = UncheckedBox<((PipelinedExecutor) throws -> T)?>(body)
            let outcome = UncheckedBox<Result<T, any Error>?>(nil)
            let thread = Thread {
                do {
                    // Taken out of the box, and gone when this scope ends: `body` must not
                    // outlive the call that lent it.
                    let run = work.value
                    work.value = nil
                    if let run { outcome.value = Result { try run(pipe) } }
                }
                pipe.close()
            }
            // The run's thread gets the stack the main thread has.
            thread.stackSize = 8 << 20
            thread.start()
            pipe.serve(on: executor)
            // `close` came after the outcome was set, and `serve` saw it under the pipe's lock.
            pipe.condition.lock()
            let result = outcome.value
            work.value = nil
            pipe.condition.unlock()
            guard let result else { throw StoreError(message: "the run ended without an outcome") }
            return try result.get()
        }
    }
}
