import ArgumentParser
import Foundation
import VoterRollKit

extension VoterRollCommand {
    /// `voterroll check ROLL... --election-day D --out DIR [lists]`: the whole job from flags.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a register and the lists; write the clean roll, the rejected rows, the findings and a summary.",
            discussion: """
                Outputs in --out: roll.csv, rejected.csv, findings.csv, findings.jsonl, summary.json, report.html, \
                published/<选区>.html and .csv (the lists to post), roll.xlsx and published/<选区>.xlsx with \
                --formats csv,xlsx, cards.csv and cards/<选区>.html (voter cards) with --formats csv,cards, \
                annotated/<input>.xlsx (each input, its findings' cells marked) with --formats csv,annotated, changes.csv \
                with --previous, and the run store voterroll.sqlite (unless --no-store).
                report.html shows the run time; set SOURCE_DATE_EPOCH (seconds since 1970) to fix it, so that two \
                runs on the same inputs give byte-identical outputs.
                Every output is written aside and swapped in together at the end: a run that fails leaves the \
                previous outputs as they were. In --out the tool replaces only its own outputs and removes only \
                files its last run's manifest (.voterroll-manifest.json) names.
                Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad usage (an --out that \
                is a system folder or would overwrite an input included); 3 an input could not be read at all, or an \
                output could not be written; 4 another run holds the lock.
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
        @Option(help: "Appeals against the posted list (申诉): 涉及人员身份号码, 申诉事项 (漏登/错登/重登/不应登记/信息有误), 收到日期, 处理结果 (成立/不成立/待处理), 处理日期.")
        var appeals: String?

        @Option(help: "The day the voter list is posted (选民名单公布日), YYYY-MM-DD: appeals are due within 5 days of it; at least 20 days before election day.")
        var postingDay: String?

        @Option(help: "The day deadlines are judged by, YYYY-MM-DD (default: today): an appeal undecided 3 days after receipt is overdue on it.")
        var asOf: String?

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

        @Option(help: "The last published roll (any format, with ID numbers): write changes.csv and the supplementary list (补充名单).")
        var previous: String?

        @Option(help: "Election day of the previous roll, YYYY-MM-DD, to tell who turned 18 since (default: five years before --election-day).")
        var previousElectionDay: String?

        @Option(help: "Order of the published lists (选民榜): strokes (姓氏笔划) or pinyin.")
        var publishedOrder: String = "strokes"

        @Option(help: "Output formats, comma-separated: csv, xlsx (roll.xlsx and the lists as .xlsx), cards (voter cards; needs the store), annotated (annotated/<input>.xlsx: each register and list file with its findings' cells marked). roll.csv is always written.")
        var formats: String = "csv"

        @Option(help: "Key file of hashed lists (made by 'voterroll hash-list'): lists with id_hmac match by keyed digest.")
        var hashedKeyFile: String?

        @OptionGroup var job: JobOptions

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
            if let postingDay, CivilDate(postingDay) == nil {
                throw ValidationError("--posting-day '\(postingDay)' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-10")
            }
            if let asOf, CivilDate(asOf) == nil {
                throw ValidationError("--as-of '\(asOf)' is not a date; write it as YYYY-MM-DD")
            }
            if let previousElectionDay, CivilDate(previousElectionDay) == nil {
                throw ValidationError("--previous-election-day '\(previousElectionDay)' is not a date; write it as YYYY-MM-DD")
            }
            guard NameOrdering.Order(rawValue: publishedOrder) != nil else {
                throw ValidationError("--published-order '\(publishedOrder)' is not known; use strokes or pinyin")
            }
            if case .failure(let unknown) = OutputFormat.parseList(formats) {
                throw ValidationError("--formats: '\(unknown.name)' is not known; use \(OutputFormat.known), comma-separated")
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
            lists[.appeals] = appeals
            guard let day = CivilDate(electionDay), let language = Language(rawValue: lang),
                let output = OutputEncoding(rawValue: outputEncoding), let rule = LeapDayRule(rawValue: leapDay)
            else { throw ExitCode(2) }
            var options = CheckOptions(
                electionDay: day, leapDayRule: rule, inputEncoding: encoding, language: language,
                outputEncoding: output, failOn: Severity(rawValue: failOn))
            if let previous {
                // Checked before the run: the diff is written after the core outputs, too late
                // to find that the file is missing.
                guard FileManager.default.isReadableFile(atPath: previous) else {
                    StandardError.fail("\(previous): cannot be read (--previous)")
                    throw ExitCode(3)
                }
                options.previous = previous
            }
            options.previousElectionDay = previousElectionDay.flatMap(CivilDate.init)
            options.publishedOrder = NameOrdering.Order(rawValue: publishedOrder) ?? .strokes
            if case .success(let chosen) = OutputFormat.parseList(formats) { options.formats = chosen }
            options.hashedKeyFile = hashedKeyFile
            options.postingDay = postingDay.flatMap(CivilDate.init)
            options.asOf = asOf.flatMap(CivilDate.init)
            options.township = job.township
            try JobRunner.run(
                name: "check", inputs: CheckInputs(rolls: rolls, lists: lists), options: options,
                outputDirectory: out, storePath: job.store, job: job)
        }
    }
}
