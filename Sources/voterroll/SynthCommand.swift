import ArgumentParser
import Foundation
import VoterRollKit

extension VoterRollCommand {
    /// `voterroll synth --rows N --seed S --out DIR`: realistic messy test data with known answers.
    struct Synth: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a realistic township register and its lists, with the outcome `check` must reach for every row.",
            discussion: """
                Writes roll, deprived, incapacitated, suspended, deceased, moved_out, moved_in and proxies \
                (.csv, .xlsx or .xml) and expected.jsonl: one line per data row of every file, \
                {"file","row","decision","codes"}, decision being kept, excluded, added, not-added or list (a header row: header, with the codes about its columns). \
                The same seed gives the same files. Exit status: 0 written; 2 bad usage; 3 the files could not be written.
                """
        )

        @Option(help: "Data rows of the register.")
        var rows: Int

        @Option(help: "Seed of the generator (an unsigned 64-bit number).")
        var seed: UInt64

        @Option(help: "Output folder (created if missing).")
        var out: String

        @Option(help: "Election day, YYYY-MM-DD: ages and list periods are set around it.")
        var electionDay: String = "2026-12-01"

        @Option(help: "Encoding of CSV files: gb18030 or utf-8 (with a byte order mark).")
        var encoding: String = SynthEncoding.gb18030.rawValue

        @Option(help: "File format: csv, xlsx or xml (Excel 2003 XML).")
        var format: String = SynthFormat.csv.rawValue

        @Option(help: "Share of register rows given a defect, 0–1.")
        var defectRate: Double = 0.05

        @Option(help: "Headers: standard (VoterRoll's names), varied (one office's wording per file) or random (each column's wording drawn on its own); titles above the header in the last two.")
        var headerStyle: String = SynthHeaderStyle.standard.rawValue

        @Flag(help: "Print nothing.")
        var quiet = false

        func validate() throws {
            guard rows >= 1, rows <= 50_000_000 else {
                throw ValidationError("--rows must be between 1 and 50000000")
            }
            guard CivilDate(electionDay) != nil else {
                throw ValidationError("--election-day '\(electionDay)' is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01")
            }
            guard SynthEncoding(rawValue: encoding) != nil else {
                throw ValidationError("--encoding '\(encoding)' is not known; use gb18030 or utf-8")
            }
            guard SynthFormat(rawValue: format) != nil else {
                throw ValidationError("--format '\(format)' is not known; use csv, xlsx or xml")
            }
            guard SynthHeaderStyle(rawValue: headerStyle) != nil else {
                throw ValidationError("--header-style '\(headerStyle)' is not known; use standard, varied or random")
            }
            guard defectRate >= 0, defectRate <= 1 else {
                throw ValidationError("--defect-rate must be between 0 and 1")
            }
        }

        func run() throws {
            guard let day = CivilDate(electionDay), let encoding = SynthEncoding(rawValue: encoding),
                let format = SynthFormat(rawValue: format), let headerStyle = SynthHeaderStyle(rawValue: headerStyle)
            else { throw ExitCode(2) }
            let options = SynthOptions(
                rows: rows, seed: seed, electionDay: day, encoding: encoding, format: format, defectRate: defectRate,
                headerStyle: headerStyle)
            let summary: SynthSummary
            do {
                summary = try Synthesizer(options: options).run(directory: out)
            } catch {
                StandardError.fail("\(error.description)")
                throw ExitCode(3)
            }
            guard !quiet else { return }
            let defects = summary.defects.values.reduce(0, +)
            var text = "\(out): \(summary.rows) register rows, \(defects) with a defect; "
            text += summary.files.dropFirst().map { "\($0) \(summary.listRows[$0] ?? 0)" }.joined(separator: ", ")
            text += "; expected.jsonl\n"
            if let posting = summary.postingDay, let asOf = summary.asOf {
                text += "appeals.csv is dated for: --posting-day \(posting.iso8601) --as-of \(asOf.iso8601)\n"
            }
            print(text, terminator: "")
        }
    }
}
