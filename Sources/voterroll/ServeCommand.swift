import ArgumentParser
import Foundation
import Logging
import VoterRollKit
import VoterRollServer

#if canImport(Glibc)
    import Glibc
#endif

extension VoterRollCommand {
    /// `voterroll serve --data DIR`: the web pages township clerks use (docs/API.md,
    /// docs/OPERATIONS.md); it only reads its options and starts `VoterRollServer`.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the web pages and JSON API township clerks use: log in, upload, watch the run, read the report, download.",
            discussion: """
                Accounts are in DIR/users.json (bcrypt hashes, 0600): add them with 'voterroll serve add-user'. Uploads and \
                outputs are kept under DIR/<township>/runs/<id>/, readable by the server's user only. Behind a TLS proxy, \
                pass --secure-cookies so the session cookie is marked Secure.
                """,
            subcommands: [AddUser.self]
        )

        @OptionGroup var folder: ServeDataFolder

        @Option(help: "Address to listen on.")
        var host: String = "127.0.0.1"

        @Option(help: "Port to listen on.")
        var port: Int = 8080

        @Option(help: "Run store: an SQLite file (default DIR/voterroll.sqlite) or postgres://user@host:port/database for a county.")
        var store: String?

        @Flag(help: "Mark the session cookie Secure (served over TLS behind a proxy).")
        var secureCookies = false

        @Flag(help: "Start with the demo township (某某镇), a demo account whose password is printed, data in out/serve-demo.")
        var demo = false

        @Option(help: "Log lines on standard error as text or json.")
        var logFormat: String = "text"

        func validate() throws {
            guard folder.data != nil || demo else { throw ValidationError("name the data folder: --data DIR (or --demo)") }
            guard (1...65535).contains(port) else { throw ValidationError("--port \(port) is not a port (1-65535)") }
            guard LogFormat(rawValue: logFormat) != nil else {
                throw ValidationError("--log-format '\(logFormat)' is not known; use text or json")
            }
        }

        func run() throws {
            // Everything the server writes (uploads, outputs, the store) is its users' only.
            umask(0o077)
            let format = LogFormat(rawValue: logFormat) ?? .text
            var logger = Logger(label: "voterroll") { label in LineLogHandler(label: label, format: format) }
            logger.logLevel = .info
            let folder = folder.data ?? "out/serve-demo"
            let server: VoterRollServer
            do {
                server = try VoterRollServer(configuration: .init(dataDirectory: folder, storeLocation: store, secureCookies: secureCookies), logger: logger)
                if demo {
                    let password = try server.addDemoAccount()
                    let fixtures = FileManager.default.currentDirectoryPath + "/fixtures/demo"
                    // Written at once (print's buffer is flushed only at exit when not on a terminal).
                    FileHandle.standardOutput.write(Data("""
                        VoterRoll demo: http://\(host):\(port)/
                          user: demo   password: \(password)   township: 某某镇
                          files to upload: \(fixtures) (register: roll.csv, roll-2.xlsx; each list by its name)
                          election day 2026-05-20, posting day 2026-04-30 (as pipelines/demo.yaml)

                        """.utf8))
                }
            } catch {
                StandardError.fail("\(error)")
                throw ExitCode(2)
            }
            let done = DispatchSemaphore(value: 0)
            let failure = FailureBox()
            Task {
                do {
                    try await server.run(host: host, port: port)
                } catch {
                    failure.set("\(error)")
                }
                done.signal()
            }
            done.wait()
            if let message = failure.message {
                StandardError.fail("the server stopped: \(message)")
                throw ExitCode(3)
            }
        }
    }
}

/// `--data DIR`, shared by `serve` and `serve add-user` (ArgumentParser gives an option both
/// declare to the parent command).
struct ServeDataFolder: ParsableArguments {
    @Option(help: "The server's data folder: accounts, uploads, outputs (and the store, unless --store); add-user's default: voterroll-data.")
    var data: String?
}

/// The error a server task ended with, read once it has.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?
    func set(_ message: String) { lock.withLock { stored = message } }
    var message: String? { lock.withLock { stored } }
}

extension VoterRollCommand.Serve {
    /// `voterroll serve add-user NAME --township T | --admin [--data DIR] --password-stdin`.
    struct AddUser: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-user",
            abstract: "Add a server account (or set its password): a township's clerk, or the county admin.")

        @Argument(help: "The user name.")
        var name: String

        @Option(help: "The township (乡镇) the account sees; it sees no other.")
        var township: String?

        @Flag(help: "A county admin: sees every township and manages users.")
        var admin = false

        @OptionGroup var folder: ServeDataFolder

        @Flag(help: "Read the password from standard input (its first line).")
        var passwordStdin = false

        func validate() throws {
            guard (township != nil) != admin else { throw ValidationError("give either --township T or --admin") }
            guard passwordStdin else { throw ValidationError("pass the password on standard input with --password-stdin") }
        }

        func run() throws {
            umask(0o077)
            let data = folder.data ?? "voterroll-data"
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                StandardError.fail("no password on standard input")
                throw ExitCode(2)
            }
            do {
                try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                try Accounts(dataDirectory: data).add(name: name, township: township, password: line)
            } catch {
                StandardError.fail("\(error)")
                throw ExitCode(2)
            }
            print("\(name): \(township.map { "township \($0)" } ?? "county admin") in \(data)/users.json")
        }
    }
}
