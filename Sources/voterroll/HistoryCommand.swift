import ArgumentParser
import Foundation
import VoterRollKit

extension VoterRollCommand {
    /// `voterroll history --store S`: the runs recorded in a store.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the runs recorded in a run store: when, which job, counts and exit status.")

        @Option(help: "The run store: an SQLite file (e.g. out/demo/voterroll.sqlite) or a postgres:// URL.")
        var store: String

        func validate() throws {
            try JobRunner.checkStoreExists(store)
        }

        func run() throws {
            let runs = try JobRunner.openStore(store).history()
            print("run  started                job                            election day  kept  excluded  findings  exit  seconds")
            for run in runs {
                let seconds = run.durationMilliseconds.map { String(format: "%.1f", Double($0) / 1000) } ?? "-"
                // The job's and township's names are data (a pipeline's file name, a township key).
                let job = TerminalText.inert(run.township.map { "\(run.pipeline) (\($0))" } ?? run.pipeline)
                print(String(
                    format: "%-4lld %-22@ %-30@ %-13@ %5d %9d %9d %5@ %8@", run.id, TerminalText.inert(run.startedAt), job,
                    TerminalText.inert(run.electionDay), run.kept, run.excluded, run.findings, run.exitStatus.map(String.init) ?? "-", seconds))
            }
        }
    }
}
