import ArgumentParser
import Foundation
import VoterRollKit

extension VoterRollCommand {
    /// `voterroll explain ID --store S`: every decision ever made about one person, with the
    /// source cells and the list rows behind it — the officer's answer to an appeal (申诉).
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every decision recorded about one person, run by run, with source cells and list rows.")

        @Argument(help: "The person's ID number (18 digits; 15-digit and full-width forms are accepted).")
        var idNumber: String

        @Option(help: "The run store: an SQLite file (e.g. out/demo/voterroll.sqlite) or a postgres:// URL.")
        var store: String

        func validate() throws {
            guard case .valid = ResidentID.parse(idNumber) else {
                throw ValidationError("'\(ResidentID.mask(idNumber))' is not a valid ID number")
            }
            try JobRunner.checkStoreExists(store)
        }

        func run() throws {
            guard let id = ResidentID.parse(idNumber).id else { throw ExitCode(2) }
            let store = try JobRunner.openStore(store)
            let decisions = try store.explain(idNumber: id.canonical)
            let lists = try store.listFindings(idNumber: id.canonical)
            // Everything printed came from data (cells, file names, pipeline names): escaped, and
            // ID numbers masked, the officer's own included — the terminal may be recorded.
            func say(_ line: String) { print(TerminalText.inert(line)) }
            if decisions.isEmpty && lists.isEmpty {
                say("\(id.masked): no decision recorded in \(store.location)")
                throw ExitCode(1)
            }
            say("\(id.masked)")
            for decision in decisions {
                say("run \(decision.run) (\(decision.startedAt), \(decision.pipeline), election day \(decision.electionDay)): \(decision.outcome)")
                say("  \(decision.name ?? "-") · \(decision.constituency) · \(decision.source)")
                for finding in decision.findings {
                    let evidence = finding.evidence.map { " ← \($0)" } ?? ""
                    say("  \(finding.severity) \(finding.code) at \(finding.cell): \(finding.value.isEmpty ? "(empty)" : finding.value)\(evidence)")
                }
                for list in lists where list.run == decision.run {
                    say("  list row: \(list.code) at \(list.cell)\(list.evidence.map { " (\($0))" } ?? "")")
                }
            }
            // List rows naming someone who is on no roll row of that run (list.unmatched, …).
            let decidedRuns = Set(decisions.map(\.run))
            for list in lists where !decidedRuns.contains(list.run) {
                say("run \(list.run): not on the register; list row: \(list.code) at \(list.cell)\(list.evidence.map { " (\($0))" } ?? "")")
            }
        }
    }
}
