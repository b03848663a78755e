import Foundation
import NIOSSL
import PostgresNIO

/// A `postgres://user:password@host:port/database?sslmode=…` URL, as libpq and `psql` read it.
///
/// - user: the URL's, else `PGUSER`, else the login name; password: the URL's, else `PGPASSWORD`.
/// - host: the URL's, else `?host=`, else `PGHOST`, else `localhost`; a host starting with `/`
///   is the folder of a Unix socket (`/var/run/postgresql`), as libpq has it.
/// - port: 5432 unless given; database: the URL's path, else the user's name.
/// - `sslmode`: `disable` (the default, for a server on the office's own network or
///   loopback), `prefer` or `require`.
struct PostgresConnectionURL: Sendable {
    var configuration: PostgresConnection.Configuration
    /// The URL without its password, for messages and logs.
    var redacted: String

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme.lowercased())
        else {
            throw Invalid(description: "'\(Self.redact(text))' is not a postgres://user@host:port/database URL")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let allowed: Set = ["host", "port", "user", "password", "dbname", "sslmode", "application_name"]
        if let unknown = query.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw Invalid(description: "the store URL's parameter '\(unknown)' is not understood (known: \(allowed.sorted().joined(separator: ", ")))")
        }
        let user = components.user?.removingPercentEncoding ?? query["user"] ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let password = components.password?.removingPercentEncoding ?? query["password"] ?? environment["PGPASSWORD"]
        var database = String(components.path.drop(while: { $0 == "/" })).removingPercentEncoding ?? ""
        if database.isEmpty { database = query["dbname"] ?? environment["PGDATABASE"] ?? user }
        let host = (components.host?.removingPercentEncoding).flatMap { $0.isEmpty ? nil : $0 }
            ?? query["host"] ?? environment["PGHOST"] ?? "localhost"
        let portText = components.port.map(String.init) ?? query["port"] ?? environment["PGPORT"] ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw Invalid(description: "the store URL's port '\(portText)' is not a port number")
        }
        let tls: PostgresConnection.Configuration.TLS
        switch query["sslmode"] ?? "disable" {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case "require": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case let other:
            throw Invalid(description: "the store URL's sslmode '\(other)' is not one of disable, prefer, require")
        }
        if host.hasPrefix("/") {
            configuration = PostgresConnection.Configuration(
                unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            configuration = PostgresConnection.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: tls)
        }
        redacted = Self.redact(text)
    }

    /// The URL with any password replaced by `***`.
    static func redact(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return "postgres://…" }
        if components.password != nil { components.password = "***" }
        if let items = components.queryItems {
            components.queryItems = items.map { $0.name == "password" ? URLQueryItem(name: "password", value: "***") : $0 }
        }
        return components.string ?? "postgres://…"
    }

    /// Whether a `--store` value names a PostgreSQL store rather than an SQLite file.
    static func isPostgres(_ location: String) -> Bool {
        let lower = location.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }
}
