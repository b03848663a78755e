import Foundation
import HummingbirdBcrypt

#if canImport(Glibc)
    import Glibc
#endif

/// The server's accounts: `DIR/users.json` (0600), one object per user with a bcrypt hash of
/// the password. A township account sees only its township; an admin sees every township.
///
/// A file rather than the run store: accounts belong to one server's data folder, while the
/// store may be a county's PostgreSQL that other servers and cron jobs share.
public final class Accounts: @unchecked Sendable {
    public struct User: Codable, Sendable, Equatable {
        public var name: String
        /// The township (乡镇) a township account belongs to; nil for the county admin.
        public var township: String?
        public var admin: Bool
        /// bcrypt (`$2b$…`).
        public var passwordHash: String

        enum CodingKeys: String, CodingKey {
            case name, township, admin
            case passwordHash = "password_hash"
        }
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public let path: String
    private let lock = NSLock()
    private var users: [User]
    /// The file's modification time when read: `voterroll serve add-user` on a running
    /// server's folder takes effect at the next request.
    private var readAt: Date?

    /// Reads `DIR/users.json`; no file is no users.
    public init(dataDirectory: String) throws {
        path = dataDirectory + "/users.json"
        (users, readAt) = try Self.read(path)
    }

    private static func read(_ path: String) throws -> ([User], Date?) {
        let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        guard let data = FileManager.default.contents(atPath: path) else { return ([], nil) }
        do {
            return (try JSONDecoder().decode([User].self, from: data), modified)
        } catch {
            throw Failure(description: "\(path): not a users file: \(error)")
        }
    }

    public var all: [User] {
        lock.withLock {
            let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            // A file that cannot be read now keeps the accounts last read.
            if modified != readAt, let (read, at) = try? Self.read(path) { (users, readAt) = (read, at) }
            return users
        }
    }

    public func user(named name: String) -> User? { all.first { $0.name == name } }

    /// The townships that have an account, sorted.
    public var townships: [String] { Array(Set(all.compactMap(\.township))).sorted() }

    /// Adds a user or replaces the password and township of one with that name, and saves.
    public func add(name: String, township: String?, password: String, cost: UInt8 = 12) throws {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64, !name.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw Failure(description: "a user name is 1 to 64 characters on one line")
        }
        if let township, TownshipName.validated(township) != township {
            throw Failure(description: "'\(township)' is not a township name (no '/', '..', NUL or surrounding spaces)")
        }
        guard password.count >= 8 else { throw Failure(description: "a password needs at least 8 characters") }
        let user = User(name: name, township: township, admin: township == nil, passwordHash: Bcrypt.hash(password, cost: cost))
        let current = all
        try lock.withLock {
            var updated = current.filter { $0.name != name }
            updated.append(user)
            try Self.save(updated, to: path)
            users = updated
            readAt = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        }
    }

    /// The user when the password is theirs; nil otherwise. Always spends one bcrypt check, so
    /// an unknown name takes as long as a wrong password.
    public func verify(name: String, password: String) -> User? {
        let found = user(named: name)
        let hash = found?.passwordHash ?? Self.unknownUserHash
        let matches = Bcrypt.verify(password, hash: hash)
        return matches ? found : nil
    }

    private static let unknownUserHash = Bcrypt.hash("no such user, a hash to spend the time", cost: 4)

    /// Written aside with 0600 and renamed over the old file: a crash leaves one or the other.
    private static func save(_ users: [User], to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(users)
        try PrivateFile.write(data, to: path)
    }
}

/// A township's name as it is used in a path (`DIR/<township>/…`) and a URL.
public enum TownshipName: Sendable {
    /// The name trimmed, or nil when it could leave its folder or is empty: no '/', '\\', no
    /// NUL, not `.` or `..`, no control characters, at most 64 characters.
    public static func validated(_ text: String) -> String? {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 64, name != ".", name != "..", !name.contains("..") else { return nil }
        guard !name.unicodeScalars.contains(where: { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }) else {
            return nil
        }
        return name
    }
}

/// Files only their owner reads: user lists, uploads, run status.
enum PrivateFile {
    /// Writes `data` to a temporary 0600 file beside `path` and renames it into place.
    static func write(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary]) }
        var written = 0
        let ok = data.withUnsafeBytes { bytes -> Bool in
            guard let base = bytes.baseAddress else { return fsync(descriptor) == 0 }
            while written < bytes.count {
                let count = Glibc.write(descriptor, base + written, bytes.count - written)
                if count <= 0 { return false }
                written += count
            }
            return fsync(descriptor) == 0
        }
        close(descriptor)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// Creates a folder (and its parents) readable by its owner only.
    static func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}
