import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import VoterRollKit

@testable import VoterRollServer

/// Log-in, sessions, townships kept apart, CSRF, limits and headers, through the router.
@Suite struct ServerSecurityTests {
    @Test func withoutASessionTheAPIIs401AndPagesGoToTheLogIn() async throws {
        let server = try TestServer()
        try await server.test { client in
            for uri in ["/api/session", "/api/townships/城关镇/runs", "/api/townships/城关镇/runs/1"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .unauthorized, "\(uri)")
            }
            for uri in ["/", "/townships/城关镇", "/townships/城关镇/runs/new", "/admin"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .seeOther, "\(uri)")
                #expect(response.headers[.location] == "/login", "\(uri)")
            }
            let login = try await client.execute(uri: "/login", method: .get)
            #expect(login.status == .ok)
            #expect(String(buffer: login.body).contains("登录"))
            let english = try await client.execute(uri: "/login?lang=en", method: .get)
            #expect(String(buffer: english.body).contains("Log in"))
        }
    }

    @Test func theSessionCookieIsHttpOnlyAndStrictAndTheSessionSaysWho() async throws {
        let server = try TestServer()
        try await server.test { client in
            let response = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=clerk-a&password=\(TestServer.password)"))
            #expect(response.status == .seeOther)
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains("Secure"))
            let login = try await client.logIn("clerk-a")
            let session = try await client.execute(uri: "/api/session", method: .get, headers: login.headers)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: session.body).utf8)) as? [String: Any])
            #expect(json["user"] as? String == "clerk-a")
            #expect(json["township"] as? String == "城关镇")
            #expect(json["csrf_token"] as? String == login.csrfToken)
        }
    }

    @Test func wrongPasswordsAreThrottledAfterFive() async throws {
        let server = try TestServer()
        try await server.test { client in
            func attempt(_ password: String) async throws -> HTTPResponse.Status {
                try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "username=clerk-a&password=\(password)")
                ).status
            }
            for _ in 1...5 { #expect(try await attempt("wrong-one") == .unauthorized) }
            // Locked: even the right password waits.
            #expect(try await attempt(TestServer.password) == .tooManyRequests)
            // Another user is not locked.
            _ = try await client.logIn("clerk-b")
        }
        let entries = try #require(server.server.openStore() as? any AuditLog).auditEntries(township: nil, limit: 20)
        #expect(entries.filter { $0.action == "login-failed" }.count == 5)
        #expect(entries.contains { $0.action == "login-throttled" && $0.username == "clerk-a" })
        #expect(entries.contains { $0.action == "login" && $0.username == "clerk-b" })
    }

    @Test func anotherTownshipsRunsFilesAndAPIAre404() async throws {
        let server = try TestServer()
        try await server.test { client in
            let a = try await client.logIn("clerk-a")
            let b = try await client.logIn("clerk-b")
            var body = try MultipartBody.demo()
            body.field("csrf_token", b.csrfToken)
            let created = try await client.execute(
                uri: "/api/townships/河东乡/runs", method: .post,
                headers: [.cookie: b.cookie, .contentType: body.contentType], body: body.finished())
            #expect(created.status == .accepted)
            // 河东乡's run 1 exists; to 城关镇's clerk it is as absent as a township that does not exist.
            for uri in [
                "/api/townships/河东乡/runs", "/api/townships/河东乡/runs/1", "/townships/河东乡", "/townships/河东乡/runs/1",
                "/townships/河东乡/runs/1/report.html", "/townships/河东乡/runs/1/files/roll.csv", "/townships/河东乡/explain",
                "/townships/无此镇", "/api/townships/无此镇/runs", "/api/townships/城关镇/runs/1", "/admin",
            ] {
                let response = try await client.execute(uri: uri.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? uri, method: .get, headers: a.headers)
                #expect(response.status == .notFound, "\(uri)")
            }
            let post = try await client.execute(
                uri: "/api/townships/河东乡/runs".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "", method: .post,
                headers: a.headersWithToken, body: ByteBuffer(string: ""))
            #expect(post.status == .notFound)
            // The county admin sees both.
            let admin = try await client.logIn("admin")
            for uri in ["/api/townships/河东乡/runs/1", "/api/townships/城关镇/runs", "/admin"] {
                let response = try await client.execute(uri: uri.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? uri, method: .get, headers: admin.headers)
                #expect(response.status == .ok, "\(uri)")
            }
            _ = try await client.waitForRun(b, township: "河东乡", id: 1)
        }
    }

    @Test func statesChangeOnlyWithTheCSRFToken() async throws {
        let server = try TestServer()
        try await server.test { client in
            let a = try await client.logIn("clerk-a")
            let body = try MultipartBody.demo()
            let township = "/townships/城关镇".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ""
            // No token, a wrong token (header or field): 403, and no run is made.
            var wrongField = try MultipartBody.demo()
            wrongField.field("csrf_token", "0" + a.csrfToken.dropFirst())
            for (headers, bytes) in [
                (a.headers, body.finished()),
                (a.headers, wrongField.finished()),
                ([.cookie: a.cookie, HTTPField.Name("X-CSRF-Token")!: "nope"] as HTTPFields, body.finished()),
            ] {
                var headers = headers
                headers[.contentType] = body.contentType
                for uri in ["/api\(township)/runs", "\(township)/runs"] {
                    let response = try await client.execute(uri: uri, method: .post, headers: headers, body: bytes)
                    #expect(response.status == .forbidden, "\(uri)")
                }
            }
            #expect(!FileManager.default.fileExists(atPath: server.folder + "/城关镇/runs/1"))
            let form: HTTPFields = [.cookie: a.cookie, .contentType: "application/x-www-form-urlencoded"]
            let explain = try await client.execute(uri: "\(township)/explain", method: .post, headers: form, body: ByteBuffer(string: "id=11010519491231002X"))
            #expect(explain.status == .forbidden)
            let logout = try await client.execute(uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: ""))
            #expect(logout.status == .forbidden)
            let admin = try await client.logIn("admin")
            let addUser = try await client.execute(
                uri: "/admin/users", method: .post, headers: [.cookie: admin.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "name=x&password=password-2"))
            #expect(addUser.status == .forbidden)
            #expect(server.server.accounts.user(named: "x") == nil)
            // With the token, log-out ends the session.
            let out = try await client.execute(
                uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: "csrf_token=\(a.csrfToken)"))
            #expect(out.status == .seeOther)
            let after = try await client.execute(uri: "/api/session", method: .get, headers: a.headers)
            #expect(after.status == .unauthorized)
        }
    }

    @Test func uploadsOverTheLimitAre413BeforeAnythingIsStored() async throws {
        let server = try TestServer(limits: .init(requestBytes: 200_000, fileBytes: 50_000, files: 3))
        try await server.test { client in
            let a = try await client.logIn("clerk-a")
            let uri = "/api/townships/城关镇/runs".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ""
            // Too large in all: refused while reading.
            var big = MultipartBody()
            big.field("election_day", "2026-05-20")
            big.file("roll", filename: "roll.csv", Array(repeating: UInt8(ascii: "a"), count: 300_000))
            // One file too large; too many files.
            var oneBig = MultipartBody()
            oneBig.field("election_day", "2026-05-20")
            oneBig.file("roll", filename: "roll.csv", Array(repeating: UInt8(ascii: "a"), count: 60_000))
            var many = MultipartBody()
            many.field("election_day", "2026-05-20")
            for index in 1...4 { many.file("roll", filename: "roll-\(index).csv", Array("姓名\r\n".utf8)) }
            for body in [big, oneBig, many] {
                var headers = a.headersWithToken
                headers[.contentType] = body.contentType
                let response = try await client.execute(uri: uri, method: .post, headers: headers, body: body.finished())
                #expect(response.status == .contentTooLarge)
            }
            #expect(!FileManager.default.fileExists(atPath: server.folder + "/城关镇/runs"))
            // The limits are stated on the page.
            let page = try await client.execute(uri: "/townships/城关镇/runs/new".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "", method: .get, headers: a.headers)
            let html = String(buffer: page.body)
            #expect(html.contains("48.8 KB") && html.contains("最多 3 个文件") && html.contains("195.3 KB"))
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let server = try TestServer()
        try await server.test { client in
            let a = try await client.logIn("clerk-a")
            for (uri, headers) in [("/login", HTTPFields()), ("/townships/城关镇", a.headers), ("/api/session", a.headers), ("/no-such-page", HTTPFields()), ("/api/townships/河东乡/runs", a.headers)] {
                let response = try await client.execute(uri: uri.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? uri, method: .get, headers: headers)
                #expect(response.headers[.contentSecurityPolicy] == "default-src 'self'", "\(uri)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
            }
        }
    }

    @Test(arguments: [
        "../../../users.json", "..%2F..%2F..%2Fusers.json", "%2e%2e/%2e%2e/%2e%2e/users.json", "../inputs/1-roll.csv",
        "..%2Finputs%2F1-roll.csv", ".voterroll-manifest.json", "../status.json", "published/../../status.json", "/etc/passwd",
        "%2Fetc%2Fpasswd", "roll.csv%00.txt", "voterroll.sqlite",
    ])
    func fileNamesNeverLeaveTheRunsFolder(name: String) async throws {
        let server = try TestServer()
        try await server.test { client in
            let a = try await client.logIn("clerk-a")
            // A finished run whose outputs are listed, so that only the name decides.
            let id = try server.server.board.reserve("城关镇")
            let outputs = server.server.board.outputFolder("城关镇", id)
            try FileManager.default.createDirectory(atPath: outputs + "/published", withIntermediateDirectories: true)
            try Data("ok".utf8).write(to: URL(fileURLWithPath: outputs + "/roll.csv"))
            try Data(#"{"tool":"voterroll","files":[{"path":"roll.csv","bytes":2}]}"#.utf8).write(to: URL(fileURLWithPath: outputs + "/.voterroll-manifest.json"))
            try Data(#"{"id":1,"township":"城关镇","user":"clerk-a","state":"done","created_at":"x","election_day":"2026-05-20","inputs":[]}"#.utf8)
                .write(to: URL(fileURLWithPath: server.server.board.runFolder("城关镇", id) + "/status.json"))
            let base = "/townships/城关镇/runs/\(id)/files/".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ""
            let good = try await client.execute(uri: base + "roll.csv", method: .get, headers: a.headers)
            #expect(good.status == .ok)
            #expect(String(buffer: good.body) == "ok")
            // Through files/ and through the report's relative links alike.
            for prefix in [base, String(base.dropLast("files/".count))] {
                let response = try await client.execute(uri: prefix + name, method: .get, headers: a.headers)
                #expect(response.status == .notFound, "\(prefix + name)")
            }
            let relative = try await client.execute(uri: String(base.dropLast("files/".count)) + "roll.csv", method: .get, headers: a.headers)
            #expect(relative.status == .ok)
        }
    }

    @Test(arguments: [
        ("roll.csv", "roll.csv"), ("../../etc/passwd", "passwd"), ("C:\\Users\\clerk\\登记表.xlsx", "登记表.xlsx"),
        ("..", "roll.csv"), (".hidden.csv", "hidden.csv"), ("a\u{0}b\nc.csv", "abc.csv"), ("", "roll.csv"),
        (String(repeating: "名", count: 150) + ".csv", String(repeating: "名", count: 96) + ".csv"),
    ])
    func uploadedNamesAreKeptWithoutPathsOrControls(sent: String, kept: String) {
        #expect(VoterRollServer.storedName(sent, role: "roll") == kept)
    }
}

/// The routes besides runs: the style sheet, users added by the admin, a form's error page.
@Suite struct ServerPagesTests {
    @Test func theAdminAddsUsersWhoCanThenLogIn() async throws {
        let server = try TestServer()
        try await server.test { client in
            let css = try await client.execute(uri: "/static/app.css", method: .get)
            #expect(css.status == .ok && css.headers[.contentType]?.hasPrefix("text/css") == true)
            let admin = try await client.logIn("admin")
            let form: HTTPFields = [.cookie: admin.cookie, .contentType: "application/x-www-form-urlencoded"]
            let added = try await client.execute(
                uri: "/admin/users", method: .post, headers: form,
                body: ByteBuffer(string: "name=clerk-c&township=%E5%8D%97%E5%B1%B1%E9%95%87&password=password-3&csrf_token=\(admin.csrfToken)"))
            #expect(added.status == .ok)
            #expect(server.server.accounts.user(named: "clerk-c")?.township == "南山镇")
            let c = try await client.logIn("clerk-c", password: "password-3")
            let runs = try await client.execute(uri: "/api/townships/%E5%8D%97%E5%B1%B1%E9%95%87/runs", method: .get, headers: c.headers)
            #expect(runs.status == .ok)
            // A township name that would leave its folder is refused.
            let bad = try await client.execute(
                uri: "/admin/users", method: .post, headers: form,
                body: ByteBuffer(string: "name=x&township=..%2Fetc&password=password-3&csrf_token=\(admin.csrfToken)"))
            #expect(bad.status == .badRequest)
            #expect(server.server.accounts.user(named: "x") == nil)
            let entries = try #require(server.server.openStore() as? any AuditLog).auditEntries(township: "南山镇", limit: 5)
            #expect(entries.contains { $0.action == "add-user" && $0.detail == "clerk-c" })
        }
    }

    @Test func aFormThatCannotRunGetsAPageSayingWhy() async throws {
        let server = try TestServer()
        try await server.test { client in
            let a = try await client.logIn("clerk-a")
            var body = MultipartBody()
            body.field("election_day", "2026-05-20")
            body.field("csrf_token", a.csrfToken)
            let response = try await client.execute(
                uri: "/townships/%E5%9F%8E%E5%85%B3%E9%95%87/runs", method: .post,
                headers: [.cookie: a.cookie, .contentType: body.contentType], body: body.finished())
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(String(buffer: response.body).contains("无法开始核查"))
        }
    }
}
