import Foundation
import Hummingbird
import VoterRollKit

/// Log-in, log-out, the session's API and the front page.
extension VoterRollServer {
    /// `/`: the log-in page, the township's home, or the admin's page.
    func home(_ request: Request) throws -> Response {
        guard let caller = caller(request) else { return Response.redirect(to: "/login", type: .normal) }
        if let township = caller.user.township { return Response.redirect(to: "/townships/\(Page.segment(township))", type: .normal) }
        return Response.redirect(to: "/admin", type: .normal)
    }

    func loginPage(_ request: Request, message: String?, status: HTTPResponse.Status = .ok) -> Response {
        let page = page(request, nil)
        var body = ""
        if let message { body += "<p class=\"banner error\">\(Page.escape(message))</p>" }
        body += """
            <form method="post" action="/login" id="login">
            <label for="username">\(page.t("用户名", "User name"))</label><input type="text" id="username" name="username" autocomplete="username" required>
            <label for="password">\(page.t("密码", "Password"))</label><input type="password" id="password" name="password" autocomplete="current-password" required>
            <p><button type="submit" class="primary">\(page.t("登录", "Log in"))</button></p>
            </form>
            <p class="note">\(page.t("连续输错 5 次密码后，该用户需等待 1 分钟再试。闲置 30 分钟后自动退出。", "After 5 wrong passwords the account waits a minute. Sessions end after 30 minutes idle."))</p>
            """
        return pageResponse(request, page.render(title: page.t("登录", "Log in"), body: body), status: status)
    }

    /// `POST /login` (form fields `username`, `password`): starts a session and sets its cookie.
    /// A page's form is sent back to `/`; a script (`Accept: application/json`) gets the session.
    func login(_ request: Request) async throws -> Response {
        let fields = try await Self.formFields(request)
        guard let username = fields["username"], let password = fields["password"] else {
            throw HTTPError(.badRequest, message: "username and password are needed")
        }
        let form = (username: username, password: password)
        let language = Self.language(request)
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        guard sessions.mayTry(form.username) else {
            audit(form.username, "", "login-throttled", "")
            return loginPage(request, message: t("密码错误次数过多，请 1 分钟后再试。", "Too many wrong passwords: try again in a minute."), status: .tooManyRequests)
        }
        guard let user = accounts.verify(name: form.username, password: form.password) else {
            sessions.failed(form.username)
            audit(form.username, "", "login-failed", "")
            return loginPage(request, message: t("用户名或密码不正确。", "Wrong user name or password."), status: .unauthorized)
        }
        let token = sessions.start(user)
        audit(user.name, user.township ?? "", "login", "")
        var response: Response
        if request.headers[.accept]?.contains("application/json") == true {
            response = try Self.json(sessionBody(user: user, csrfToken: sessions.session(token)?.csrfToken ?? ""))
        } else {
            response = Response.redirect(to: "/", type: .normal)
        }
        response.setCookie(
            Cookie(name: Self.cookieName, value: token, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// `POST /logout`: ends the session (CSRF token needed, from the header or the form).
    func logout(_ request: Request) async throws -> Response {
        let caller = try requireCaller(request, page: true)
        let fields = try await Self.formFields(request)
        try requireCSRF(request, caller, formToken: fields["csrf_token"])
        sessions.end(caller.token)
        audit(caller.user.name, caller.user.township ?? "", "logout", "")
        var response = Response.redirect(to: "/login", type: .normal)
        response.setCookie(Cookie(name: Self.cookieName, value: "", maxAge: 0, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    struct SessionBody: Encodable {
        var user: String
        var township: String?
        var admin: Bool
        var csrfToken: String

        enum CodingKeys: String, CodingKey {
            case user, township, admin
            case csrfToken = "csrf_token"
        }
    }

    func sessionBody(user: Accounts.User, csrfToken: String) -> SessionBody {
        SessionBody(user: user.name, township: user.township, admin: user.admin, csrfToken: csrfToken)
    }

    /// `GET /api/session`: the user, their township and the CSRF token.
    func sessionInfo(_ request: Request) throws -> Response {
        let caller = try requireCaller(request, page: false)
        return try Self.json(sessionBody(user: caller.user, csrfToken: caller.csrfToken))
    }

    // MARK: - Bodies

    /// The body, read up to `limit` bytes: 413 at the first byte past it (or at once, when
    /// Content-Length says so), before anything of it is kept anywhere but memory.
    static func readBody(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw HTTPError(.contentTooLarge, message: "the upload is larger than \(limit) bytes")
        }
        var bytes: [UInt8] = []
        for try await buffer in request.body {
            guard bytes.count + buffer.readableBytes <= limit else {
                throw HTTPError(.contentTooLarge, message: "the upload is larger than \(limit) bytes")
            }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }

    /// The fields of a small URL-encoded form (a page's POST); empty for another body.
    static func formFields(_ request: Request) async throws -> [String: String] {
        guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else { return [:] }
        let body = String(decoding: try await readBody(request, limit: 16 << 10), as: UTF8.self)
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if let key = parts.first { fields[key] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }
}
