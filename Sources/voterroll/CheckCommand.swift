import ArgumentParser
import Foundation
import VoterRollKit

extension VoterRollCommand {
    /// `voterroll check ROLL... --election-day D --out DIR [lists]`: the whole job from flags.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a register and the lists; write the clean roll, the rejected rows, the findings and a summary.",
            discussion: """
                Outputs in --out: roll.csv, rejected.csv, findings.csv, findings.jsonl, summary.json.
                Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad usage; \
                3 an input could not be read at all.
                """
        )

        @Argument(help: "Register files (CSV/TSV, Excel 2003 XML or XLSX); several form one roll.")
        var rolls: [String]

        @Option(help: "Election day, YYYY-MM-DD: eligible when the 18th birthday is on or before it.")
        var electionDay: String

        @Option(help: "Output folder (created if missing).")
        var out: String

        @Option(help: "List of people deprived of political rights (剥夺政治权利).")
        var deprived: String?
        @Option(help: "List of people confirmed unable to exercise electoral rights (精神病患者).")
        var incapacitated: String?
        @Option(help: "List of people whose electoral rights are suspended (停止行使选举权利).")
        var suspended: String?
        @Option(help: "List of deceased people (死亡).")
        var deceased: String?
        @Option(help: "List of people who moved out (外出), with 是/否 for a voter certificate.")
        var movedOut: String?
        @Option(help: "List of in-migrants (流入), with their certificate number and constituency.")
        var movedIn: String?
        @Option(help: "List of proxies (委托投票): principal and agent.")
        var proxies: String?

        @Option(help: "Read CSV/TSV inputs in this encoding instead of detecting it (utf-8, gb18030, utf-16le, utf-16be).")
        var encoding: String?

        @Option(help: "Language of messages: zh or en.")
        var lang: String = "zh"

        @Option(help: "Lowest severity that makes the exit status 1: error, warning or never.")
        var failOn: String = "error"

        @Option(help: "Encoding of CSV outputs: utf-8-bom or gb18030.")
        var outputEncoding: String = "utf-8-bom"

        @Option(help: "When a 29 February birthday falls in a common year: feb28 or mar1.")
        var leapDay: String = "feb28"

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func validate() throws {
            guard CivilDate(electionDay) != nil else {
                throw ValidationError("--election-day '\(electionDay)' is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01")
            }
            guard Language(rawValue: lang) != nil else {
                throw ValidationError("--lang '\(lang)' is not known; use zh or en")
            }
            guard failOn == "never" || Severity(rawValue: failOn) != nil else {
                throw ValidationError("--fail-on '\(failOn)' is not known; use error, warning or never")
            }
            guard OutputEncoding(rawValue: outputEncoding) != nil else {
                throw ValidationError("--output-encoding '\(outputEncoding)' is not known; use utf-8-bom or gb18030")
            }
            guard LeapDayRule(rawValue: leapDay) != nil else {
                throw ValidationError("--leap-day '\(leapDay)' is not known; use feb28 or mar1")
            }
            if let encoding, TextEncoding(name: encoding) == nil {
                throw ValidationError("unknown encoding '\(encoding)'; use one of \(TextEncoding.acceptedNames)")
            }
            if rolls.isEmpty {
                throw ValidationError("name at least one register file")
            }
        }

        func run() throws {
            var lists: [ListKind: String] = [:]
            lists[.deprived] = deprived
            lists[.incapacitated] = incapacitated
            lists[.suspended] = suspended
            lists[.deceased] = deceased
            lists[.movedOut] = movedOut
            lists[.movedIn] = movedIn
            lists[.proxies] = proxies
            guard let day = CivilDate(electionDay), let language = Language(rawValue: lang),
                let output = OutputEncoding(rawValue: outputEncoding), let rule = LeapDayRule(rawValue: leapDay)
            else { throw ExitCode(2) }
            let options = CheckOptions(
                electionDay: day, leapDayRule: rule, inputEncoding: encoding, language: language,
                outputEncoding: output, failOn: Severity(rawValue: failOn))
            let run = CheckRun(inputs: CheckInputs(rolls: rolls, lists: lists), options: options, outputDirectory: out)
            let summary: RunSummary
            do {
                summary = try run.run()
            } catch {
                FileHandle.standardError.write(Data("voterroll: \(error.description)\n".utf8))
                if case .input = error { throw ExitCode(3) }
                throw ExitCode(2)
            }
            if !quiet {
                print(SummaryText.describe(summary, language: language, outputDirectory: out), terminator: "")
            }
            if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
        }
    }
}
