import Foundation
import Testing

@testable import VoterRollServer

/// Sessions end after 30 minutes idle; 5 failed log-ins lock a name for a minute.
@Suite struct SessionsTests {
    final class Clock: @unchecked Sendable {
        var time = Date(timeIntervalSince1970: 1_800_000_000)
    }

    static let user = Accounts.User(name: "clerk-a", township: "城关镇", admin: false, passwordHash: "")

    @Test func aSessionEndsAfterThirtyMinutesIdle() {
        let clock = Clock()
        let sessions = Sessions(now: { clock.time })
        let token = sessions.start(Self.user)
        clock.time += 29 * 60
        #expect(sessions.session(token) != nil)
        // Each request refreshes it: 29 more minutes are still within.
        clock.time += 29 * 60
        #expect(sessions.session(token) != nil)
        clock.time += 30 * 60 + 1
        #expect(sessions.session(token) == nil)
        // Ended: it does not come back.
        clock.time -= 60 * 60
        #expect(sessions.session(token) == nil)
    }

    @Test func fiveFailuresLockTheNameForAMinute() {
        let clock = Clock()
        let sessions = Sessions(now: { clock.time })
        for _ in 1...4 { sessions.failed("clerk-a") }
        #expect(sessions.mayTry("clerk-a"))
        sessions.failed("clerk-a")
        #expect(!sessions.mayTry("clerk-a"))
        #expect(sessions.mayTry("clerk-b"))
        clock.time += 59
        #expect(!sessions.mayTry("clerk-a"))
        clock.time += 2
        #expect(sessions.mayTry("clerk-a"))
    }

    @Test func tokensAreComparedWhole() {
        #expect(Sessions.same("abc", "abc"))
        #expect(!Sessions.same("abc", "abd"))
        #expect(!Sessions.same("abc", "abcd"))
        #expect(Sessions.token().count == 64)
        #expect(Sessions.token() != Sessions.token())
    }

    @Test(arguments: [
        ("城关镇", "城关镇"), ("  河东乡 ", "河东乡"), ("..", nil), ("a/b", nil), ("a\\b", nil), ("a\0b", nil), ("", nil),
        ("x..y", nil), (".", nil), ("a\nb", nil),
    ] as [(String, String?)])
    func townshipNamesStayInTheirFolder(name: String, expected: String?) {
        #expect(TownshipName.validated(name) == expected)
    }
}
