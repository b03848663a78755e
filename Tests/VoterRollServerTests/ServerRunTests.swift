import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import VoterRollKit

@testable import VoterRollServer

extension TestClientProtocol {
    /// Polls `GET /api/townships/{t}/runs/{id}` until the run is done or failed (at most 5 minutes).
    func waitForRun(_ login: Login, township: String, id: Int) async throws -> [String: Any] {
        let uri = "/api/townships/\(township)/runs/\(id)".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ""
        for _ in 0..<1500 {
            let response = try await execute(uri: uri, method: .get, headers: login.headers)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
            if let state = json["state"] as? String, state == "done" || state == "failed" { return json }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("run \(id) did not finish")
        return [:]
    }
}

/// A whole run through the API on the demo files: upload, progress, summary, report, files,
/// the person look-up, the audit log, and no ID number in the server's log.
@Suite struct ServerRunTests {
    @Test func theDemoRunsThroughTheAPI() async throws {
        let server = try TestServer()
        try await server.test { client in
            let a = try await client.logIn("clerk-a")
            let township = "/townships/城关镇".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ""
            let body = try MultipartBody.demo()
            var headers = a.headersWithToken
            headers[.contentType] = body.contentType
            let started = Date()
            let created = try await client.execute(uri: "/api\(township)/runs", method: .post, headers: headers, body: body.finished())
            #expect(created.status == .accepted)
            let reply = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: created.body).utf8)) as? [String: Any])
            #expect(reply["id"] as? Int == 1)
            #expect(reply["status"] as? String == "queued")

            let run = try await client.waitForRun(a, township: "城关镇", id: 1)
            print("the demo run through the API took \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            #expect(run["state"] as? String == "done", "\(run["message"] ?? "")")
            #expect(run["status"] as? String == "done")
            // The demo holds errors on purpose: exit status 1, as `voterroll run pipelines/demo.yaml`.
            #expect(run["exit_status"] as? Int == 1)
            let summary = try #require(run["summary"] as? [String: Any])
            #expect(summary["election_day"] as? String == "2026-05-20")
            #expect((summary["registered"] as? Int ?? 0) > 0)
            let files = try #require(run["files"] as? [[String: Any]]).compactMap { $0["name"] as? String }
            #expect(files.contains("roll.csv") && files.contains("rejected.csv") && files.contains("findings.csv") && files.contains("report.html"))
            #expect(files.contains { $0.hasPrefix("published/") })

            // The list of runs, and the run recorded in the store under the township.
            let list = try await client.execute(uri: "/api\(township)/runs", method: .get, headers: a.headers)
            let runs = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: list.body).utf8)) as? [[String: Any]])
            #expect(runs.map { $0["id"] as? Int } == [1])
            // The pages count the roll as the CLI does (the demo: 26 rows kept, an in-migrant and a
            // person an appeal added), not the register rows kept.
            #expect(runs.first?["registered"] as? Int == summary["registered"] as? Int)
            #expect((summary["registered"] as? Int ?? 0) > (summary["kept"] as? Int ?? 0))
            #expect(try server.server.openStore().history().map(\.township) == ["城关镇"])

            // Files: by their names in the run's list; stored 0600 (uploads) under DIR/<township>.
            let roll = try await client.execute(uri: "\(township)/runs/1/files/roll.csv", method: .get, headers: a.headers)
            #expect(roll.status == .ok)
            #expect(roll.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(String(buffer: roll.body).contains("id_number"))
            let published = try #require(files.first { $0.hasPrefix("published/") && $0.hasSuffix(".csv") })
            let encoded = published.split(separator: "/").map { String($0).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }.joined(separator: "/")
            let list2 = try await client.execute(uri: "\(township)/runs/1/files/\(encoded)", method: .get, headers: a.headers)
            #expect(list2.status == .ok)
            // The clerk's own register back, its findings' cells marked (on by default here).
            let annotated = try #require(files.first { $0.hasPrefix("annotated/") && $0.hasSuffix("roll.xlsx") })
            let workbook = try await client.execute(uri: "\(township)/runs/1/files/\(annotated)", method: .get, headers: a.headers)
            #expect(workbook.status == .ok && String(buffer: workbook.body).hasPrefix("PK"))
            let upload = try FileManager.default.attributesOfItem(atPath: server.folder + "/城关镇/runs/1/inputs/1-roll.csv")
            #expect((upload[.posixPermissions] as? Int) == 0o600)

            // The report, inside the app: its inline style and script carry the response's nonce.
            let report = try await client.execute(uri: "\(township)/runs/1/report.html", method: .get, headers: a.headers)
            #expect(report.status == .ok)
            let policy = try #require(report.headers[.contentSecurityPolicy])
            #expect(policy.hasPrefix("default-src 'self'"))
            let nonce = try #require(policy.split(separator: " ").first { $0.hasPrefix("'nonce-") }).dropFirst(7).dropLast()
            let html = String(buffer: report.body)
            #expect(html.contains("<style nonce=\"\(nonce)\">"))
            #expect(!html.contains("<style>") && !html.contains("<script>"))
            // Its links, relative to its folder, lead to the run's files.
            let relative = try #require(html.firstMatch(of: /href="(published\/[^"]+\.csv)"/)).output.1
            let linked = try await client.execute(uri: "\(township)/runs/1/\(relative)", method: .get, headers: a.headers)
            #expect(linked.status == .ok)
            #expect(try await client.execute(uri: "\(township)/runs/1/findings.csv", method: .get, headers: a.headers).status == .ok)
            #expect(try await client.execute(uri: "\(township)/runs/1/status.json", method: .get, headers: a.headers).status == .notFound)

            // The pages: home's banner names the errors; the run's page lists the downloads.
            let home = String(buffer: try await client.execute(uri: township, method: .get, headers: a.headers).body)
            #expect(home.contains("banner error") && home.contains("个错误需要改正"))
            let runPage = String(buffer: try await client.execute(uri: "\(township)/runs/1", method: .get, headers: a.headers).body)
            #expect(runPage.contains("report.html") && runPage.contains("files/roll.csv"))
            #expect(runPage.contains("<td>\(summary["registered"] as? Int ?? -1)</td>"))

            // A person looked up: their trail, the searched ID shown only as typed; the other
            // IDs on the page masked.
            let id = try Self.someIDOnTheRoll(server, run: 1)
            let explain = try await client.execute(
                uri: "\(township)/explain", method: .post, headers: [.cookie: a.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "id=\(id)&csrf_token=\(a.csrfToken)"))
            let trail = String(buffer: explain.body)
            #expect(explain.status == .ok)
            #expect(trail.contains("核查 1"))
            #expect(trail.components(separatedBy: id).count == 2, "the searched ID appears once (the form's value)")
            #expect(Self.fullIDs(in: trail).allSatisfy { $0 == id })
            // 河东乡 sees nothing of it.
            let b = try await client.logIn("clerk-b")
            let other = try await client.execute(
                uri: "/townships/河东乡/explain".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "", method: .post,
                headers: [.cookie: b.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "id=\(id)&csrf_token=\(b.csrfToken)"))
            #expect(String(buffer: other.body).contains("没有此人的记录"))

            // The county admin's county report: 城关镇 ran, 河东乡 (an account, no run) did not.
            let admin = try await client.logIn("admin")
            let county = try await client.execute(uri: "/admin/county?election_day=2026-05-20", method: .get, headers: admin.headers)
            #expect(county.status == .ok)
            let countyPage = String(buffer: county.body)
            #expect(countyPage.contains("城关镇") && countyPage.contains("河东乡"))
            #expect(county.headers[.contentSecurityPolicy]?.contains("'nonce-") == true)
            let csv = try await client.execute(uri: "/admin/county/2026-05-20/county.csv", method: .get, headers: admin.headers)
            #expect(csv.status == .ok && String(buffer: csv.body).contains("河东乡"))
            for uri in ["/admin/county?election_day=2026-05-20", "/admin/county/2026-05-20/county.csv"] {
                #expect(try await client.execute(uri: uri, method: .get, headers: a.headers).status == .notFound)
            }
            let outside = try await client.execute(uri: "/admin/county/2026-05-20/..%2F..%2Fusers.json", method: .get, headers: admin.headers)
            #expect(outside.status == .notFound)
        }
        // The audit log: who logged in, ran, downloaded and looked up what.
        let entries = try #require(server.server.openStore() as? any AuditLog).auditEntries(township: "城关镇", limit: 50)
        let actions = Set(entries.map(\.action))
        #expect(actions.isSuperset(of: ["login", "run", "download", "report", "explain"]))
        #expect(entries.allSatisfy { Self.fullIDs(in: $0.detail).isEmpty })
        // No ID number in the server's log.
        #expect(!server.logLines.all.isEmpty)
        for line in server.logLines.all { #expect(Self.fullIDs(in: line).isEmpty, "\(line)") }
    }

    /// An ID number the run kept, read from its roll.csv.
    static func someIDOnTheRoll(_ server: TestServer, run: Int) throws -> String {
        let text = try String(contentsOfFile: server.server.board.outputFolder("城关镇", run) + "/roll.csv", encoding: .utf8)
        return try #require(fullIDs(in: text).first)
    }

    /// Every 18-character ID number in a text.
    static func fullIDs(in text: String) -> [String] {
        // Runs of digits (with a final X) of exactly 18 characters.
        var found: [String] = []
        var run = ""
        for character in text + " " {
            if character.isASCII && (character.isNumber || ((character == "X" || character == "x") && run.count == 17)) {
                run.append(character)
                if character == "X" || character == "x" {
                    found.append(run)
                    run = ""
                }
            } else {
                if run.count == 18 { found.append(run) }
                run = ""
            }
        }
        return found
    }

    @Test func aRunPostedFromThePageRedirectsToItsProgress() async throws {
        let server = try TestServer()
        try await server.test { client in
            let a = try await client.logIn("clerk-a")
            var body = try MultipartBody.demo(postingDay: "")
            body.field("csrf_token", a.csrfToken)
            let township = "/townships/城关镇".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ""
            let response = try await client.execute(
                uri: "\(township)/runs", method: .post, headers: [.cookie: a.cookie, .contentType: body.contentType], body: body.finished())
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "\(township)/runs/1")
            let page = String(buffer: try await client.execute(uri: "\(township)/runs/1", method: .get, headers: a.headers).body)
            #expect(page.contains("http-equiv=\"refresh\"") || page.contains("state-done"))
            _ = try await client.waitForRun(a, township: "城关镇", id: 1)
            // Bad input is refused before anything is stored: no register; not a date.
            var noRoll = MultipartBody()
            noRoll.field("election_day", "2026-05-20")
            noRoll.field("csrf_token", a.csrfToken)
            var badDay = try MultipartBody.demo(electionDay: "2026-13-40")
            badDay.field("csrf_token", a.csrfToken)
            for body in [noRoll, badDay] {
                let refused = try await client.execute(
                    uri: "\(township)/runs", method: .post, headers: [.cookie: a.cookie, .contentType: body.contentType], body: body.finished())
                #expect(refused.status == .badRequest)
            }
            #expect(server.server.board.runIDs("城关镇") == [1])
        }
    }
}

/// Runs of one township take turns; another township's run does not wait for them.
@Suite struct ServerQueueTests {
    @Test func aTownshipsRunsRunOneAtATime() async throws {
        let server = try TestServer()
        try await server.test { client in
            let a = try await client.logIn("clerk-a")
            for _ in 1...3 {
                let body = try MultipartBody.demo()
                var headers = a.headersWithToken
                headers[.contentType] = body.contentType
                let created = try await client.execute(
                    uri: "/api/townships/%E5%9F%8E%E5%85%B3%E9%95%87/runs", method: .post, headers: headers, body: body.finished())
                #expect(created.status == .accepted)
            }
            var runs: [[String: Any]] = []
            for id in 1...3 { runs.append(try await client.waitForRun(a, township: "城关镇", id: id)) }
            #expect(runs.map { $0["state"] as? String } == ["done", "done", "done"])
            // Each started after the one before had finished (ISO 8601 with milliseconds sorts as text).
            for (earlier, later) in zip(runs, runs.dropFirst()) {
                let finished = try #require(earlier["finished_at"] as? String)
                let started = try #require(later["started_at"] as? String)
                #expect(finished <= started)
            }
            // The store holds the three, under the township.
            #expect(try server.server.openStore().history().map(\.township) == ["城关镇", "城关镇", "城关镇"])
        }
    }
}

/// A server started again: runs the last one left unfinished are failed, not shown running forever;
/// with --secure-cookies the session cookie is Secure.
@Suite struct ServerRestartTests {
    @Test func runsLeftRunningByAStoppedServerAreFailed() throws {
        let first = try TestServer()
        let id = try first.server.board.reserve("城关镇")
        let status = RunBoard.Status(
            id: id, township: "城关镇", user: "clerk-a", state: .running, createdAt: "x", electionDay: "2026-05-20", inputs: [])
        try PrivateFile.write(try JSONEncoder().encode(status), to: first.server.board.runFolder("城关镇", id) + "/status.json")
        let again = try VoterRollServer(configuration: .init(dataDirectory: first.folder), logger: .init(label: "test"))
        let after = try #require(again.board.status("城关镇", id))
        #expect(after.state == .failed)
        #expect(after.message?.contains("server stopped") == true)
    }

    @Test func secureCookiesAreMarkedSecure() async throws {
        let plain = try TestServer()
        let server = try VoterRollServer(configuration: .init(dataDirectory: plain.folder, secureCookies: true), logger: .init(label: "test"))
        let app = Application(router: server.router())
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=clerk-a&password=\(TestServer.password)"))
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        }
    }
}
