import Foundation
import HTTPTypes
public import Hummingbird
public import Logging
import VoterRollJob
import VoterRollKit

/// `voterroll serve`: the pages and the JSON API township clerks use (docs/API.md).
///
/// Every route checks, in this order: the session (else 401, or the log-in page), the township
/// (another township's, or one without an account: 404, the same as a run that does not
/// exist), the CSRF token of a state-changing request (403), then the request itself.
public final class VoterRollServer: Sendable {
    public struct Configuration: Sendable {
        public var dataDirectory: String
        /// An SQLite file or a postgres:// URL; default `DIR/voterroll.sqlite`, shared by every
        /// township so the cross-township check sees them all.
        public var storeLocation: String
        /// Sets `Secure` on the session cookie: when served over TLS behind a proxy.
        public var secureCookies: Bool
        public var limits: UploadLimits

        public init(dataDirectory: String, storeLocation: String? = nil, secureCookies: Bool = false, limits: UploadLimits = UploadLimits()) {
            self.dataDirectory = dataDirectory
            self.storeLocation = storeLocation ?? dataDirectory + "/voterroll.sqlite"
            self.secureCookies = secureCookies
            self.limits = limits
        }
    }

    /// What an upload may be: stated on the new-run page, refused with 413 past it.
    public struct UploadLimits: Sendable {
        public var requestBytes: Int
        public var fileBytes: Int
        public var files: Int

        public init(requestBytes: Int = 64 << 20, fileBytes: Int = 32 << 20, files: Int = 24) {
            self.requestBytes = requestBytes
            self.fileBytes = fileBytes
            self.files = files
        }
    }

    public let configuration: Configuration
    public let accounts: Accounts
    let sessions: Sessions
    let board: RunBoard
    /// The store, when it is one that may be kept open (not SQLite: see `openStore`).
    private let sharedStore: (any RunStore)?
    let logger: Logger
    /// Called when a background run ends (tests wait on it).
    let runFinished: (@Sendable () -> Void)?

    public init(configuration: Configuration, logger: Logger, runFinished: (@Sendable () -> Void)? = nil) throws {
        self.configuration = configuration
        self.logger = logger
        self.runFinished = runFinished
        try PrivateFile.makeFolder(configuration.dataDirectory)
        accounts = try Accounts(dataDirectory: configuration.dataDirectory)
        sessions = Sessions()
        board = RunBoard(dataDirectory: configuration.dataDirectory, storeLocation: configuration.storeLocation, logger: logger)
        // Opened here so that a bad --store stops the server at its start. A PostgreSQL store
        // is kept (it connects per query anyway; opening it again would run its migration check).
        let store = try Job.openStore(configuration.storeLocation)
        sharedStore = store is SQLiteRunStore ? nil : store
        board.failInterrupted()
    }

    // MARK: - The router

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: SecurityHeaders())
        router.get("/") { request, _ in try self.home(request) }
        router.get("/static/app.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: Page.styleSheet)))
        }
        // Browsers ask for it on every page; there is none.
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/login") { request, _ in self.loginPage(request, message: nil) }
        router.post("/login") { request, _ in try await self.login(request) }
        router.post("/logout") { request, _ in try await self.logout(request) }
        router.get("/api/session") { request, _ in try self.sessionInfo(request) }
        router.get("/api/townships/:t/runs") { request, context in try self.apiRuns(request, context) }
        router.post("/api/townships/:t/runs") { request, context in try await self.newRun(request, context, page: false) }
        router.get("/api/townships/:t/runs/:id") { request, context in try self.apiRun(request, context) }
        router.get("/townships/:t") { request, context in try self.townshipPage(request, context) }
        router.get("/townships/:t/runs/new") { request, context in try self.newRunPage(request, context) }
        router.post("/townships/:t/runs") { request, context in
            // A clerk's form that cannot be run gets a page saying why, not JSON.
            do {
                return try await self.newRun(request, context, page: true)
            } catch let error as HTTPError where error.status == .badRequest || error.status == .contentTooLarge {
                let page = self.page(request, self.caller(request))
                let body = "<p class=\"banner error\">\(Page.escape(error.body ?? ""))</p><p><a href=\"new\">\(page.t("返回重新上传", "Back to the upload"))</a></p>"
                return Self.html(page.render(title: page.t("无法开始核查", "The run could not start"), body: body), status: error.status)
            }
        }
        router.get("/townships/:t/runs/:id") { request, context in try self.runPage(request, context) }
        router.get("/townships/:t/runs/:id/report.html") { request, context in try self.report(request, context) }
        router.get("/townships/:t/runs/:id/files/**") { request, context in try self.file(request, context) }
        // The report's own links are relative to its folder (`published/第一选区.csv`): the same files.
        router.get("/townships/:t/runs/:id/**") { request, context in try self.file(request, context) }
        router.get("/townships/:t/explain") { request, context in try self.explainPage(request, context, id: nil) }
        router.post("/townships/:t/explain") { request, context in try await self.explain(request, context) }
        router.get("/admin") { request, _ in try self.adminPage(request) }
        router.post("/admin/users") { request, _ in try await self.addUser(request) }
        router.get("/admin/county") { request, _ in try self.countyReport(request) }
        router.get("/admin/county/:day/:name") { request, context in try self.countyFile(request, context) }
        return router
    }

    /// Runs the server until it is stopped (SIGINT, SIGTERM).
    public func run(host: String, port: Int) async throws {
        let app = Application(
            router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "voterroll"), logger: logger)
        try await app.runService()
    }

    /// `serve --demo`: the account `demo` of the demo township (某某镇, as pipelines/demo.yaml),
    /// with a new random password, returned to be printed.
    public func addDemoAccount() throws -> String {
        let password = String(Sessions.token().prefix(12))
        try accounts.add(name: "demo", township: "某某镇", password: password)
        return password
    }

    // MARK: - Who is asking

    struct Caller {
        var user: Accounts.User
        var token: String
        var csrfToken: String
    }

    static let cookieName = "voterroll_session"

    func caller(_ request: Request) -> Caller? {
        guard let token = request.cookies[Self.cookieName]?.value, let session = sessions.session(token) else { return nil }
        // The account may have been changed or removed since the log-in.
        guard let user = accounts.user(named: session.user.name), user.township == session.user.township else {
            sessions.end(token)
            return nil
        }
        return Caller(user: user, token: token, csrfToken: session.csrfToken)
    }

    /// The caller, or 401 (the API) / the log-in page (a page).
    func requireCaller(_ request: Request, page: Bool) throws -> Caller {
        if let caller = caller(request) { return caller }
        if page { throw Redirect(location: "/login") }
        throw HTTPError(.unauthorized, message: "log in first")
    }

    /// The township of the URL when the caller may see it; 404 otherwise, exactly as for a
    /// township that does not exist, so nothing tells another township's runs exist.
    func township(_ context: BasicRequestContext, for caller: Caller) throws -> String {
        // The path's segment as sent (percent-encoded), decoded once.
        guard let raw = context.parameters.get("t")?.removingPercentEncoding, let name = TownshipName.validated(raw), name == raw else {
            throw HTTPError(.notFound)
        }
        if caller.user.admin {
            guard accounts.townships.contains(name) else { throw HTTPError(.notFound) }
        } else {
            guard caller.user.township == name else { throw HTTPError(.notFound) }
        }
        return name
    }

    /// The run of the URL in the township; 404 when there is none.
    func runID(_ context: BasicRequestContext, _ township: String) throws -> Int {
        guard let text = context.parameters.get("id"), let id = Int(text), id > 0, String(id) == text,
            board.status(township, id) != nil
        else { throw HTTPError(.notFound) }
        return id
    }

    /// 403 unless the request carries the session's CSRF token (header `X-CSRF-Token`, or
    /// the form field `csrf_token`).
    func requireCSRF(_ request: Request, _ caller: Caller, formToken: String? = nil) throws {
        let sent = Self.csrfHeader.flatMap { request.headers[$0] } ?? formToken
        guard let sent, Sessions.same(sent, caller.csrfToken) else {
            throw HTTPError(.forbidden, message: "missing or wrong CSRF token")
        }
    }

    func page(_ request: Request, _ caller: Caller?) -> Page {
        Page(language: Self.language(request), user: caller?.user.name, csrfToken: caller?.csrfToken)
    }

    /// `?lang=en` or `?lang=zh`, else the `voterroll_lang` cookie `?lang` set, else Chinese.
    static func language(_ request: Request) -> Language {
        if let query = request.uri.queryParameters.get("lang"), let language = Language(rawValue: query) { return language }
        if let cookie = request.cookies["voterroll_lang"]?.value, let language = Language(rawValue: cookie) { return language }
        return .zh
    }

    /// The run store, opened for one request and closed after it. Not held open: an SQLite
    /// store checkpoints its WAL only when its last connection closes (`SQLiteRunStore`), and a
    /// connection the server kept would let the WAL of every run grow for as long as it runs.
    func openStore() throws -> any RunStore {
        if let sharedStore { return sharedStore }
        return try Job.openStore(configuration.storeLocation)
    }

    func audit(_ user: String, _ township: String, _ action: String, _ detail: String) {
        do {
            guard let log = try openStore() as? any AuditLog else { return }
            try log.appendAudit(AuditEntry(at: RunBoard.timestamp(), username: user, township: township, action: action, detail: LogRedaction.mask(detail)))
        } catch {
            logger.error("cannot write the audit log", metadata: ["error": "\(error)"])
        }
    }

    // MARK: - Responses

    static func html(_ text: String, status: HTTPResponse.Status = .ok, language: Language? = nil) -> Response {
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
        if let language { response.setCookie(Cookie(name: "voterroll_lang", value: language.rawValue, path: "/", httpOnly: true, sameSite: .strict)) }
        return response
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// A page response that keeps a `?lang=` choice in a cookie.
    func pageResponse(_ request: Request, _ text: String, status: HTTPResponse.Status = .ok) -> Response {
        let chosen = request.uri.queryParameters.get("lang").flatMap { Language(rawValue: String($0)) }
        return Self.html(text, status: status, language: chosen)
    }
}

/// A redirect thrown from deep in a handler (not logged in: to the log-in page).
struct Redirect: HTTPResponseError {
    var location: String
    var status: HTTPResponse.Status { .seeOther }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response.redirect(to: location, type: .normal)
    }
}

/// The headers on every response: `Content-Security-Policy: default-src 'self'` (a report
/// sets its own, with its nonce and style hashes), `X-Content-Type-Options: nosniff`,
/// `Referrer-Policy: no-referrer`, no caching (pages hold names and ID numbers), no framing.
/// Errors become responses here, so they carry the headers too.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = BasicRequestContext
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")
    static let frameOptions = HTTPField.Name("X-Frame-Options")

    @concurrent func handle(_ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = "default-src 'self'"
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        if let name = Self.referrerPolicy { response.headers[name] = "no-referrer" }
        if let name = Self.frameOptions { response.headers[name] = "DENY" }
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
