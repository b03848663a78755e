import Foundation

/// Logged-in users, in memory: a random token in an HttpOnly, SameSite=Strict cookie names a
/// session, which ends after 30 minutes without a request (`idleTimeout`) or at log-out. Each
/// session has its own CSRF token, which every state-changing request must carry.
///
/// In memory on purpose: a restarted server logs everyone out, and no session can be read from
/// the disk. Log-ins are throttled per user name: 5 failures lock the name for a minute.
final class Sessions: @unchecked Sendable {
    struct Session: Sendable {
        var user: Accounts.User
        var csrfToken: String
        var lastSeen: Date
    }

    let idleTimeout: TimeInterval
    let failuresAllowed: Int
    let lockout: TimeInterval
    /// The clock (tests move it).
    var now: @Sendable () -> Date

    private let lock = NSLock()
    private var sessions: [String: Session] = [:]
    private var failures: [String: (count: Int, lockedUntil: Date?)] = [:]

    init(idleTimeout: TimeInterval = 30 * 60, failuresAllowed: Int = 5, lockout: TimeInterval = 60, now: @escaping @Sendable () -> Date = Date.init) {
        self.idleTimeout = idleTimeout
        self.failuresAllowed = failuresAllowed
        self.lockout = lockout
        self.now = now
    }

    /// 32 random bytes as hex: a session token or a CSRF token.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Starts a session; returns its token.
    func start(_ user: Accounts.User) -> String {
        let token = Self.token()
        lock.withLock {
            sessions[token] = Session(user: user, csrfToken: Self.token(), lastSeen: now())
            failures[user.name] = nil
        }
        return token
    }

    /// The session a cookie names, refreshed; nil when unknown or idle too long (then ended).
    func session(_ token: String) -> Session? {
        lock.withLock {
            guard var session = sessions[token] else { return nil }
            let time = now()
            guard time.timeIntervalSince(session.lastSeen) <= idleTimeout else {
                sessions[token] = nil
                return nil
            }
            session.lastSeen = time
            sessions[token] = session
            return session
        }
    }

    func end(_ token: String) {
        _ = lock.withLock { sessions.removeValue(forKey: token) }
    }

    /// Whether the name may try to log in now (not locked after too many failures).
    func mayTry(_ name: String) -> Bool {
        lock.withLock {
            guard let until = failures[name]?.lockedUntil else { return true }
            if now() >= until {
                failures[name] = nil
                return true
            }
            return false
        }
    }

    /// Counts a failed log-in; the `failuresAllowed`-th locks the name for `lockout`.
    func failed(_ name: String) {
        lock.withLock {
            var entry = failures[name] ?? (0, nil)
            entry.count += 1
            if entry.count >= failuresAllowed { entry.lockedUntil = now().addingTimeInterval(lockout) }
            failures[name] = entry
        }
    }

    /// Two tokens compared in constant time.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
