import Testing

@testable import VoterRollKit

/// The one recording sequence, over an executor that only writes down what it is asked: each
/// row fits its table's columns, and rows held back are written before anything reads them.
@Suite struct StoreRecorderTests {
    /// Remembers every call, answers queries with no rows and inserts with ids 1, 2, 3…
    private final class Script: StoreExecutor {
        var calls: [String] = []
        var appended: [(table: String, row: [StoreValue])] = []
        private var lastID: Int64 = 0

        func execute(_ sql: String, _ arguments: [StoreValue]) throws { calls.append("execute \(Self.verb(sql))") }
        func insert(_ sql: String, _ arguments: [StoreValue]) throws -> Int64 {
            calls.append("insert \(Self.verb(sql))")
            lastID += 1
            return lastID
        }
        func fetch(_ sql: String, _ arguments: [StoreValue], _ body: ([StoreValue]) throws -> Void) throws {
            calls.append("fetch \(Self.verb(sql))")
        }
        func append(_ row: [StoreValue], to table: StoreSQL.Table) throws {
            calls.append("append \(table.name)")
            appended.append((table.name, row))
        }
        func flush() throws { calls.append("flush") }
        func fill(_ table: StoreSQL.Table, columns: [[String]]) throws { calls.append("fill \(table.name)") }

        /// The statement's first words, enough to tell the steps apart.
        private static func verb(_ sql: String) -> String {
            sql.split(whereSeparator: \.isWhitespace).prefix(3).joined(separator: " ")
        }
    }

    private let day = CivilDate(year: 2026, month: 12, day: 1)!
    private let roll = FileDigest(path: "roll.csv", size: 1, sha256: String(repeating: "0", count: 64))

    @Test func rowsFitTheirTablesAndAreWrittenBeforeTheRunCloses() throws {
        let script = Script()
        let recorder = StoreRecorder(script)
        try recorder.begin(RunFacts(pipeline: "test", electionDay: day, startedAt: "x", inputs: [("roll", roll)], options: [:]))
        try recorder.record(DecisionRecord(
            idNumber: nil, name: nil, outcome: .excluded, source: CellAddress(file: "roll.csv", row: 3), constituency: "第一选区",
            codes: [.statusDeceased, .ageUnder18]))
        try recorder.record(Finding(code: .statusDeceased, address: CellAddress(file: "deceased.csv", row: 2, column: 1)))
        _ = try recorder.finish(RunSummary(electionDay: day.iso8601))

        let columns = [StoreSQL.Table.decisions, .findings].reduce(into: [:]) { $0[$1.name] = $1.columns.count }
        #expect(script.appended.map(\.table) == ["decisions", "findings"])
        for (table, row) in script.appended { #expect(row.count == columns[table]) }
        let decision = try #require(script.appended.first?.row)
        #expect(decision == [.integer(1), .null, .null, .text("excluded"), .integer(2), .null, .integer(3), .text("第一选区"), .text("status.deceased;age.under-18")])
        // A finding on a file the run did not declare names the file instead of an input.
        let finding = try #require(script.appended.last?.row)
        #expect(finding[3] == .null && finding[4] == .text("deceased.csv"))
        #expect(finding.last == .text("deceased.csv|\(CellAddress(file: "deceased.csv", row: 2, column: 1).cell)"))
        #expect(script.calls == [
            "insert INSERT INTO runs", "insert INSERT INTO inputs", "append decisions", "append findings", "flush",
            "fetch SELECT max(id) FROM", "execute UPDATE runs SET",
        ])
    }

    @Test func anExclusionRowFitsItsTable() {
        let finding = Finding(code: .dupSameId, address: CellAddress(file: "roll.csv", row: 12, column: 3), value: "x", idNumber: "1")
        let exclusion = TownshipRegistry.Exclusion(holder: .init(township: "城关镇", row: "roll.csv:4"), finding: finding)
        let row = StoreSQL.exclusionRow(exclusion, electionDay: day.iso8601, township: "河口乡", run: 7)
        #expect(row.count == StoreSQL.Table.townshipConflicts.columns.count)
        #expect(row[2] == .text("城关镇") && row[3] == .text("河口乡") && row[7] == .integer(12) && row[8] == .integer(3))
    }

    @Test func aDecisionFromAnUndeclaredFileIsAToolFailure() throws {
        let recorder = StoreRecorder(Script())
        try recorder.begin(RunFacts(pipeline: "test", electionDay: day, startedAt: "x", inputs: [("roll", roll)], options: [:]))
        #expect(throws: StoreError.self) {
            try recorder.record(DecisionRecord(
                idNumber: nil, name: nil, outcome: .kept, source: CellAddress(file: "other.csv", row: 3), constituency: "", codes: []))
        }
    }
}
