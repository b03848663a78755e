import ArgumentParser
import Foundation
import VoterRollJob
import VoterRollKit
import VoterRollPostgres

extension VoterRollCommand {
    /// `voterroll county-report --store URL --election-day D --out DIR`: the county's view of
    /// its townships for one election day, read from the shared store without changing it.
    struct CountyReport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "county-report",
            abstract: "Summarise a county's townships for one election day from the shared run store: county.html, county.csv, county.xlsx.",
            discussion: """
                One row per township from its latest run for the election day (when it ran, exit status, \
                on the roll, excluded, errors, warnings, cross-township duplicates, the statistics form's \
                totals), the townships of --townships that have not run, and the county's totals. The \
                store is opened read-only: it is never created, migrated or written.
                """)

        @Option(help: "The county's shared run store: an SQLite file or a postgres:// URL.")
        var store: String

        @Option(help: "The election day, YYYY-MM-DD.")
        var electionDay: String

        @Option(help: "The output folder for county.html, county.csv and county.xlsx.")
        var out: String

        @Option(help: "The county's townships, one a line (a one-column CSV or text file): those that have not run are listed.")
        var townships: String?

        @Option(help: "The language of the report: zh or en.")
        var lang: String = "zh"

        func validate() throws {
            guard CivilDate(electionDay) != nil else { throw ValidationError("--election-day '\(electionDay)' is not a date written YYYY-MM-DD") }
            guard Language(rawValue: lang) != nil else { throw ValidationError("--lang '\(lang)': use zh or en") }
            if let townships, !FileManager.default.isReadableFile(atPath: townships) {
                throw ValidationError("--townships: no readable file at \(townships)")
            }
            try JobRunner.checkStoreExists(store)
        }

        func run() throws {
            let language = Language(rawValue: lang) ?? .zh
            let county: [String]?
            do {
                county = try townships.map(VoterRollKit.CountyReport.readTownships(path:))
            } catch {
                StandardError.fail("cannot read the county list \(townships ?? ""): \(error.localizedDescription)")
                throw ExitCode(3)
            }
            let runs: [CountyRun]
            do {
                runs = try Job.openCountyStore(store).latestRuns(electionDay: electionDay)
            } catch {
                let shown = PostgresRunStore.isPostgres(store) ? PostgresRunStore.redact(store) : store
                StandardError.fail("cannot read the run store \(shown): \(error)")
                throw ExitCode(2)
            }
            let report = VoterRollKit.CountyReport(electionDay: electionDay, runs: runs, county: county)
            do {
                try CountyReportFiles.write(report, directory: out, language: language, generated: Date())
            } catch {
                StandardError.fail("\(error)")
                throw ExitCode(3)
            }
            let notRun = report.count(.notRun), failing = report.count(.failing)
            print(TerminalText.inert(
                "\(report.townships.count) townships: \(report.townships.count - notRun) run, \(notRun) not run, \(failing) with errors; "
                    + "\(report.kept) on the rolls. Wrote \(CountyReportFiles.names.map { out + "/" + $0 }.joined(separator: ", "))"))
        }
    }
}
