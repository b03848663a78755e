import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import VoterRollKit

@testable import VoterRollServer

/// A server on a temporary data folder with two townships (城关镇: `clerk-a`, 河东乡: `clerk-b`)
/// and a county admin (`admin`), every password `password-1`; log lines kept to be read.
final class TestServer: @unchecked Sendable {
    static let password = "password-1"
    let folder: String
    let server: VoterRollServer
    let logLines = LogLines()

    init(limits: VoterRollServer.UploadLimits = .init()) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("voterroll-serve-\(UUID().uuidString)").path
        let lines = logLines
        let logger = Logger(label: "voterroll") { label in LineLogHandler(label: label, format: .text, write: { lines.append($0) }) }
        server = try VoterRollServer(configuration: .init(dataDirectory: folder, limits: limits), logger: logger)
        // A low bcrypt cost: the tests log in often.
        try server.accounts.add(name: "clerk-a", township: "城关镇", password: Self.password, cost: 4)
        try server.accounts.add(name: "clerk-b", township: "河东乡", password: Self.password, cost: 4)
        try server.accounts.add(name: "admin", township: nil, password: Self.password, cost: 4)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Runs `body` against the router.
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: server.router())
        return try await app.test(.router, body)
    }

    /// The repository's root (fixtures, pipelines).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}

/// Log lines written while a test runs.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// A logged-in client's cookie and CSRF token.
struct Login: Sendable {
    var cookie: String
    var csrfToken: String

    var headers: HTTPFields { [.cookie: cookie] }
    var headersWithToken: HTTPFields {
        var headers = headers
        headers[HTTPField.Name("X-CSRF-Token")!] = csrfToken
        return headers
    }
}

extension TestClientProtocol {
    /// Logs in through `POST /login` (JSON answer) and returns the session.
    func logIn(_ user: String, password: String = TestServer.password) async throws -> Login {
        let body = "username=\(user)&password=\(password)"
        let response = try await execute(
            uri: "/login", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .accept: "application/json"],
            body: ByteBuffer(string: body))
        try #require(response.status == .ok, "log-in of \(user): \(response.status)")
        let setCookie = try #require(response.headers[.setCookie])
        let cookie = try #require(setCookie.split(separator: ";").first.map(String.init))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
        return Login(cookie: cookie, csrfToken: try #require(json["csrf_token"] as? String))
    }
}

/// A multipart/form-data body.
struct MultipartBody {
    let boundary = "----voterroll-test-\(UUID().uuidString)"
    var bytes: [UInt8] = []

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func field(_ name: String, _ value: String) {
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }

    mutating func file(_ name: String, filename: String, _ content: [UInt8]) {
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        bytes += content
        bytes += Array("\r\n".utf8)
    }

    func finished() -> ByteBuffer {
        ByteBuffer(bytes: bytes + Array("--\(boundary)--\r\n".utf8))
    }

    /// The demo township's files (fixtures/demo), each under its field.
    static func demo(electionDay: String = "2026-05-20", postingDay: String? = "2026-04-30") throws -> MultipartBody {
        var body = MultipartBody()
        body.field("election_day", electionDay)
        if let postingDay { body.field("posting_day", postingDay) }
        let folder = TestServer.repositoryRoot.appendingPathComponent("fixtures/demo")
        let files: [(String, String)] = [
            ("roll", "roll.csv"), ("roll", "roll-2.xlsx"), ("deprived", "deprived.xlsx"), ("incapacitated", "incapacitated.csv"),
            ("suspended", "suspended.csv"), ("deceased", "deceased.xml"), ("moved_out", "moved_out.xml"),
            ("moved_in", "moved_in.xlsx"), ("proxies", "proxies.csv"), ("appeals", "appeals.csv"),
        ]
        for (field, name) in files {
            body.file(field, filename: name, Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
        return body
    }
}
