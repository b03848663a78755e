/// The server's audit log (`voterroll serve`): who logged in, ran, downloaded or looked up
/// what, and when. Kept in the run store (migration v4) by both stores.
public protocol AuditLog: AnyObject, Sendable {
    /// Appends one entry.
    func appendAudit(_ entry: AuditEntry) throws
    /// The latest entries, newest first: one township's, or every township's when nil.
    func auditEntries(township: String?, limit: Int) throws -> [AuditEntry]
}

/// One act of a server user.
public struct AuditEntry: Sendable, Equatable, Codable {
    /// UTC, ISO 8601.
    public var at: String
    public var username: String
    /// The township acted on; empty for acts on none (a log-in of the county admin).
    public var township: String
    /// `login`, `login-failed`, `logout`, `run`, `download`, `explain`, `add-user`…
    public var action: String
    /// What was acted on (a run, a file name, a masked ID number).
    public var detail: String

    public init(at: String, username: String, township: String, action: String, detail: String) {
        self.at = at
        self.username = username
        self.township = township
        self.action = action
        self.detail = detail
    }
}

extension StoreSQL {
    public static let appendAudit = "INSERT INTO audit_log (at, username, township, action, detail) VALUES (?, ?, ?, ?, ?)"

    /// Newest first; `?` twice for the township (NULL: every township), then the limit.
    public static let auditEntries = """
        SELECT at, username, township, action, detail FROM audit_log
        WHERE (CAST(? AS TEXT) IS NULL OR township = ?) ORDER BY id DESC LIMIT ?
        """
}
