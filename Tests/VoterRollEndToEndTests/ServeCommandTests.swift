import Foundation
import Testing

/// `voterroll serve add-user` and `serve`'s usage, through the built binary.
@Suite struct ServeCommandTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("voterroll-serve-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func addUserKeepsABcryptHashInAPrivateFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let password = folder.appendingPathComponent("password")
        try Data("clerk-password-1\n".utf8).write(to: password)
        let data = folder.appendingPathComponent("data").path
        let result = try VoterRollProcess.run(
            ["serve", "add-user", "clerk", "--township", "城关镇", "--data", data, "--password-stdin"],
            prelude: "exec 0< '\(password.path)'")
        #expect(result.status == 0, "\(result.stderr)")
        let users = try String(contentsOfFile: data + "/users.json", encoding: .utf8)
        #expect(users.contains("\"township\" : \"城关镇\""))
        #expect(users.contains("$2b$"))
        #expect(!users.contains("clerk-password-1"))
        let mode = try FileManager.default.attributesOfItem(atPath: data + "/users.json")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test(arguments: [
        (["serve", "add-user", "clerk", "--password-stdin"], "--township"),
        (["serve", "add-user", "clerk", "--township", "a", "--admin", "--password-stdin"], "--township"),
        (["serve", "add-user", "clerk", "--township", "a"], "--password-stdin"),
        (["serve", "add-user", "clerk", "--township", "../etc", "--password-stdin"], "township name"),
        (["serve", "add-user", "clerk", "--admin", "--password-stdin"], "8 characters"),
        (["serve"], "--data"),
        (["serve", "--data", "x", "--port", "0"], "--port"),
    ])
    func badUsageExitsTwo(arguments: [String], mention: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let password = folder.appendingPathComponent("password")
        try Data("short\n".utf8).write(to: password)
        // add-user writes into a folder of the test's own; serve's usage errors start nothing.
        let data = arguments.starts(with: ["serve", "add-user"]) ? ["--data", folder.appendingPathComponent("data").path] : []
        let result = try VoterRollProcess.run(arguments + data, in: folder, timeout: 60, prelude: "exec 0< '\(password.path)'")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(mention), "\(result.stderr)")
    }
}
