import ArgumentParser
import Foundation
import VoterRollKit

/// The `voterroll` command: it only lists the subcommands; each lives in its own file.
@main
struct VoterRollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voterroll",
        abstract: "Turn an election office's spreadsheets into a clean voter roll (选民名单) and a report of every problem, with its source cell.",
        discussion: """
            Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad usage or \
            configuration; 3 an input could not be read; 4 another run holds the lock.
            """,
        version: VoterRollVersion.current,
        subcommands: [Run.self, Check.self, Inspect.self, History.self, Explain.self, Synth.self, HashList.self]
    )

    /// Runs the command; bad usage exits 2 (DESIGN.md's contract) instead of ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                let message = fullMessage(for: error)
                FileHandle.standardError.write(Data("\(message)\nRun 'voterroll help' for usage.\n".utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
