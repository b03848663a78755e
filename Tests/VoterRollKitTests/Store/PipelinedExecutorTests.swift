import Foundation
import Testing

@testable import VoterRollKit

/// The store's statements run on the thread holding the transaction, in the order the run
/// made them, and a failure there reaches the run.
@Suite struct PipelinedExecutorTests {
    /// Notes every statement and the thread it ran on; fails the `failAt`th appended row.
    final class Recording: StoreExecutor, @unchecked Sendable {
        var log: [String] = []
        var threads = Set<ObjectIdentifier>()
        var appended = 0
        let failAt: Int?

        init(failAt: Int? = nil) {
            self.failAt = failAt
        }

        private func note(_ entry: String) {
            log.append(entry)
            threads.insert(ObjectIdentifier(Thread.current))
        }

        func execute(_ sql: String, _ arguments: [StoreValue]) throws { note("execute \(sql)") }
        func insert(_ sql: String, _ arguments: [StoreValue]) throws -> Int64 {
            note("insert \(sql)")
            return Int64(log.count)
        }
        func fetch(_ sql: String, _ arguments: [StoreValue], _ body: ([StoreValue]) throws -> Void) throws {
            note("fetch \(sql)")
            for value in 1...3 { try body([.integer(Int64(value))]) }
        }
        func append(_ row: [StoreValue], to table: StoreSQL.Table) throws {
            appended += 1
            if appended == failAt { throw StoreError(message: "disk full at row \(appended)") }
            note("\(table.name) \(row.first?.integer ?? -1)")
        }
        func flush() throws { note("flush") }
        func fill(_ table: StoreSQL.Table, columns: [[String]]) throws { note("fill \(table.name)") }
    }

    /// The run's sequence, through the pipe: rows across several batches and two tables,
    /// with statements between them.
    static func run(_ store: any StoreExecutor) throws -> [Int64] {
        var fetched: [Int64] = []
        for row in 0..<10_000 { try store.append([.integer(Int64(row))], to: .decisions) }
        _ = try store.insert("A", [])
        for row in 0..<5 { try store.append([.integer(Int64(row))], to: .findings) }
        try store.fetch("B", []) { fetched.append($0[0].integer ?? 0) }
        try store.append([.integer(7)], to: .decisions)
        try store.flush()
        return fetched
    }

    @Test func statementsRunInOrderOnTheTransactionsThread() throws {
        let direct = Recording()
        let expectedFetch = try Self.run(direct)
        let piped = Recording()
        let here = ObjectIdentifier(Thread.current)
        var runThread: ObjectIdentifier?
        let fetched = try PipelinedExecutor.run(on: piped) { pipe in
            runThread = ObjectIdentifier(Thread.current)
            return try Self.run(pipe)
        }
        #expect(fetched == expectedFetch)
        let same = piped.log == direct.log
        #expect(same, "\(piped.log.count) statements against \(direct.log.count)")
        #expect(piped.threads == [here])
        #expect(runThread != here)
    }

    @Test(arguments: [1, 4096, 4097, 10_003, 10_006])
    func aFailureOnTheStoresThreadReachesTheRun(failAt: Int) throws {
        let piped = Recording(failAt: failAt)
        #expect(throws: StoreError.self) {
            _ = try PipelinedExecutor.run(on: piped) { pipe in try Self.run(pipe) }
        }
        // What ran is what a direct run did before that row: nothing after it, row or statement.
        let direct = Recording()
        _ = try Self.run(direct)
        var rowsSeen = 0
        let end = direct.log.firstIndex { entry in
            guard entry.hasPrefix("decisions") || entry.hasPrefix("findings") else { return false }
            rowsSeen += 1
            return rowsSeen == failAt
        }
        let same = piped.log == Array(direct.log[..<(end ?? direct.log.count)])
        #expect(same, "\(piped.log.count) entries; \(piped.log.suffix(3))")
    }
}
