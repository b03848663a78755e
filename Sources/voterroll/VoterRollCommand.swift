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
        subcommands: [Run.self, Check.self, Inspect.self, History.self, Explain.self, Synth.self, HashList.self, CountyReport.self, Serve.self]
    )

    /// Runs the command; bad usage exits 2 (DESIGN.md's contract) instead of ArgumentParser's 64.
    /// Every message goes through `StandardError`: IDs masked, one JSON object per line under
    /// `--log-format json`.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                let message = fullMessage(for: error)
                if StandardError.format == .json {
                    StandardError.fail(message)
                } else {
                    let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.inert(String($0)) }
                    FileHandle.standardError.write(Data((lines + ["Run 'voterroll help' for usage.\n"]).joined(separator: "\n").utf8))
                }
                Foundation.exit(2)
            }
            // Help and version go to standard output as ArgumentParser writes them; an exit
            // status says nothing more; anything else is a message for standard error.
            if error is ExitCode || code == .success {
                exit(withError: error)
            }
            StandardError.fail(fullMessage(for: error))
            Foundation.exit(code.rawValue)
        }
    }
}
