import Foundation
import Testing

@testable import VoterRollKit

/// The command-line contract as a user meets it: help, version and bad usage.
@Suite struct CommandLineTests {
    @Test func versionPrintsTheLibraryVersion() throws {
        let result = try VoterRollProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == VoterRollVersion.current)
    }

    @Test func helpDescribesTheTool() throws {
        let result = try VoterRollProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("voter roll"))
        #expect(result.stdout.contains("Exit status"))
    }

    @Test func unknownOptionIsBadUsageWithExitTwo() throws {
        let result = try VoterRollProcess.run(["--no-such-option"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--no-such-option"))
    }
}
