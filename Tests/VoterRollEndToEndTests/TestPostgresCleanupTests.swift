import Foundation
import Testing

/// 14. The tests leave nothing running: a PostgreSQL server the test support starts stops when
/// the process that started it ends, however it ends.
@Suite struct TestPostgresCleanupTests {
    /// Whether a postmaster runs with its data in `folder`.
    static func serverRuns(in folder: String) -> Bool {
        guard let text = try? String(contentsOfFile: folder + "/data/postmaster.pid", encoding: .utf8),
            let pid = text.split(separator: "\n").first.flatMap({ pid_t($0) })
        else { return false }
        return kill(pid, 0) == 0
    }

    @Test func aServerStartedForAKilledOwnerIsStopped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("voterroll-pg-owner-\(UUID().uuidString)").path
        // The owner stands for a test process: it is killed, as a crashed or timed-out run is.
        let owner = Process()
        owner.executableURL = URL(fileURLWithPath: "/bin/sleep")
        owner.arguments = ["600"]
        try owner.run()
        let url = TestPostgres.start(in: folder, owner: owner.processIdentifier)
        try #require(url != nil, "no PostgreSQL server could start")
        #expect(Self.serverRuns(in: folder))
        kill(owner.processIdentifier, SIGKILL)
        owner.waitUntilExit()
        let deadline = Date().addingTimeInterval(30)
        while Self.serverRuns(in: folder) || FileManager.default.fileExists(atPath: folder), Date() < deadline {
            usleep(100_000)
        }
        #expect(!Self.serverRuns(in: folder))
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}
