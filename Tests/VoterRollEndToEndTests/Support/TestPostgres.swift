import Foundation

@testable import VoterRollPostgres

/// The PostgreSQL server the store's tests use: `$VOTERROLL_TEST_POSTGRES` (`.ci/run` starts a
/// throw-away server and sets it), else one started here with `scripts/pg-test-server.sh`
/// (reused while it runs). Each test gets a database of its own.
enum TestPostgres {
    static let serverURL: String? = {
        if let url = ProcessInfo.processInfo.environment["VOTERROLL_TEST_POSTGRES"], !url.isEmpty { return url }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [VoterRollProcess.repositoryRoot.appendingPathComponent("scripts/pg-test-server.sh").path, "start"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        // The script prints the URL only when the server is up. Its output is read to the end
        // and its exit not waited for: Foundation's `waitUntilExit()` was seen to hang here,
        // missing the exit of a script whose server it had just started, with the tests
        // waiting behind it.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let url = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return url.hasPrefix("postgres://") ? url : nil
    }()

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
