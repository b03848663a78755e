import Foundation

@testable import VoterRollPostgres

/// The PostgreSQL server the store's tests use: `$VOTERROLL_TEST_POSTGRES` (`.ci/run` starts a
/// throw-away server and sets it, and stops it), else one started here with
/// `scripts/pg-test-server.sh` in a folder of this test process's own, which a watchdog stops
/// when the process ends — passed, failed, crashed or killed. Each test gets a database of its
/// own.
enum TestPostgres {
    static let serverURL: String? = {
        if let url = ProcessInfo.processInfo.environment["VOTERROLL_TEST_POSTGRES"], !url.isEmpty { return url }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("voterroll-pg-test-\(getpid())").path
        return start(in: folder, owner: getpid())
    }()

    /// Starts a server with its data in `folder` (a folder of its own: the script empties it)
    /// and a watchdog that stops it and deletes `folder` once process `owner` is gone; returns
    /// its URL, or nil when no server could start.
    ///
    /// A watchdog rather than `atexit`: a test process that crashes or is killed runs no exit
    /// handler, and a server left behind holds a port and memory until the machine restarts.
    static func start(in folder: String, owner: pid_t) -> String? {
        let script = VoterRollProcess.repositoryRoot.appendingPathComponent("scripts/pg-test-server.sh").path
        var environment = ProcessInfo.processInfo.environment
        environment["VOTERROLL_PG_DIR"] = folder
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, "start"]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        // The script prints the URL only when the server is up. Its output is read to the end
        // and its exit not waited for: Foundation's `waitUntilExit()` was seen to hang here,
        // missing the exit of a script whose server it had just started, with the tests
        // waiting behind it.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        // The watchdog is started even if the start failed half-way: it stops what did start.
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/bash")
        watchdog.arguments = [
            "-c", "while kill -0 \"$1\" 2>/dev/null; do sleep 0.5; done; exec \"$2\" stop", "watchdog", String(owner), script,
        ]
        watchdog.environment = environment
        watchdog.standardInput = FileHandle.nullDevice
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        try? watchdog.run()
        let url = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return url.hasPrefix("postgres://") ? url : nil
    }

    /// Whether the PostgreSQL tests can run; under CI they must (`CountyStoreTests` checks).
    static var isAvailable: Bool { serverURL != nil }

    /// A new, empty database on the server; returns its URL.
    static func freshDatabase() throws -> String {
        guard let server = serverURL else { throw Unavailable() }
        let name = "voterroll_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try PostgresRunStore.createDatabase(name, server: server)
        guard var components = URLComponents(string: server) else { throw Unavailable() }
        components.path = "/" + name
        return components.string ?? server
    }

    /// Runs one query on a store's database and returns the first column of every row as text.
    static func column(_ url: String, _ sql: String) throws -> [String] {
        let session = try PostgresSession(try PostgresConnectionURL(url))
        defer { session.close() }
        return try session.texts(sql)
    }

    struct Unavailable: Error {}
}
