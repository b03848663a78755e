import Foundation
import Testing
@testable import VoterRollKit
import VoterRollPostgres

/// The PostgreSQL store in-process: what goes in through COPY comes back out as written (tabs,
/// newlines, backslashes, NUL), and a failed run leaves nothing. These run on Swift's task pool
/// on purpose: COPY's wait must not starve it.
@Suite struct PostgresRecorderTests {
    private let id = "370102198001010111"
    private let day = CivilDate(year: 2026, month: 12, day: 1)!

    @Test(arguments: ["plain 张伟", "tab\there", "line\nbreak\r\nand CR", #"back\slash \N \\"#, "nul\u{0}byte"])
    func valuesComeBackAsWritten(_ value: String) throws {
        try #require(TestPostgres.isAvailable, "no PostgreSQL server")
        let store = try PostgresRunStore(url: try TestPostgres.freshDatabase())
        try store.record { recorder in
            let roll = FileDigest(path: "roll.csv", size: 1, sha256: String(repeating: "0", count: 64))
            try recorder.begin(RunFacts(pipeline: "test", electionDay: day, startedAt: "2026-11-29T00:00:00Z", inputs: [("roll", roll)], options: [:]))
            try recorder.record(DecisionRecord(
                idNumber: id, name: value, outcome: .excluded, source: CellAddress(file: "roll.csv", row: 3),
                constituency: value, codes: [.statusDeceased]))
            try recorder.record(Finding(
                code: .statusDeceased, address: CellAddress(file: "roll.csv", row: 3, column: 8), value: value, name: value,
                idNumber: id, evidence: value))
            _ = try recorder.finish(RunSummary(electionDay: day.iso8601))
        }
        let explained = try #require(try store.explain(idNumber: id).first)
        let expected = value.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
        #expect(explained.name == expected)
        #expect(explained.constituency == expected)
        #expect(explained.findings.first?.value == expected)
        #expect(explained.findings.first?.evidence == expected)
    }

    @Test func aFailedRunLeavesNoTrace() throws {
        try #require(TestPostgres.isAvailable, "no PostgreSQL server")
        let store = try PostgresRunStore(url: try TestPostgres.freshDatabase())
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.record { recorder in
                try recorder.begin(RunFacts(pipeline: "test", electionDay: day, startedAt: "x", inputs: [], options: [:]))
                throw Boom()
            }
        }
        #expect(try store.history().isEmpty)
    }
}
