import Foundation
import Testing

@testable import VoterRollKit

/// The cron guard: `input.rows-dropped` when a run decides over a fifth fewer people than the
/// job's last recorded run (`CheckRun.lastRun`), at the boundary and around it.
@Suite struct RowsDroppedTests {
    /// A register of `people` adults with valid ID numbers.
    static func register(_ people: Int) -> String {
        var text = "序号,选区,姓名,公民身份号码\n"
        for number in 1...people {
            let body = "370102" + String(1950 + number % 50) + "0101" + String(format: "%03d", number)
            let id = body + String(ResidentIDPropertyTests.check(body.map { Int(String($0)) ?? 0 }))
            text += "\(number),第一选区,张\(number)明,\(id)\n"
        }
        return text
    }

    @Test(arguments: [
        (last: nil, now: 6, flagged: false), (last: 0, now: 6, flagged: false), (last: 10, now: 10, flagged: false),
        (last: 10, now: 8, flagged: false), (last: 10, now: 7, flagged: true), (last: 100, now: 79, flagged: true),
        (last: 100, now: 80, flagged: false), (last: 5, now: 9, flagged: false),
    ] as [(last: Int?, now: Int, flagged: Bool)])
    func aRegisterThatShrankByMoreThanAFifth(last: Int?, now: Int, flagged: Bool) throws {
        let directory = try SpreadsheetTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("roll.csv").path
        try Self.register(now).write(toFile: path, atomically: false, encoding: .utf8)
        let run = CheckRun(
            inputs: CheckInputs(rolls: [path]), options: CheckOptions(electionDay: CivilDate(unchecked: 2026, 12, 1)),
            outputDirectory: directory.appendingPathComponent("out").path,
            lastRun: last.map { CheckRun.LastRun(run: 7, startedAt: "2026-11-30T02:00:00Z", people: $0) })
        let summary = try run.run()
        let codes = summary.byCode.keys.compactMap(FindingCode.init(rawValue:))
        if flagged {
            expectProduces(.inputRowsDropped, codes)
            let findings = try String(contentsOfFile: directory.appendingPathComponent("out/findings.csv").path, encoding: .utf8)
            #expect(findings.contains("上次运行（#7，2026-11-30T02:00:00Z）\(last ?? 0) 人，本次 \(now) 人"), "\(findings)")
        } else {
            #expect(!codes.contains(.inputRowsDropped))
        }
    }
}
