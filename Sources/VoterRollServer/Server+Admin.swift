import Foundation
import Hummingbird
import VoterRollJob
import VoterRollKit

/// The county admin's pages: townships, users, the audit log, the county report.
extension VoterRollServer {
    /// `GET /admin`: every township, the users (with a form to add one) and the audit log.
    func adminPage(_ request: Request, message: String? = nil) throws -> Response {
        let caller = try requireCaller(request, page: true)
        guard caller.user.admin else { throw HTTPError(.notFound) }
        let page = page(request, caller)
        var body = message.map { "<p class=\"banner ok\">\(Page.escape($0))</p>" } ?? ""
        body += "<h2>\(page.t("乡镇", "Townships"))</h2>"
        body += Page.table(
            [page.t("乡镇", "Township"), page.t("最近一次核查", "Latest run")],
            accounts.townships.map { township in
                let latest = board.statuses(township).first
                return ["<a href=\"\(base(township))\">\(Page.escape(township))</a>", latest.map { banner($0, page: page) } ?? "-"]
            })
        body += """
            <form method="get" action="/admin/county" id="county"><label for="county-day">\(page.t("全县汇总（选举日）", "The county report (election day)"))</label>
            <input type="date" id="county-day" name="election_day" required> <button type="submit" class="primary">\(page.t("生成", "Make it"))</button></form>
            """
        body += "<h2>\(page.t("用户", "Users"))</h2>"
        body += Page.table(
            [page.t("用户名", "User"), page.t("乡镇", "Township")],
            accounts.all.sorted { $0.name < $1.name }.map { [Page.escape($0.name), $0.admin ? page.t("（县管理员）", "(county admin)") : Page.escape($0.township ?? "")] })
        body += """
            <form method="post" action="/admin/users" id="add-user">\(page.csrfField)
            <label for="name">\(page.t("用户名", "User name"))</label><input type="text" id="name" name="name" required>
            <label for="township">\(page.t("乡镇（不填则为县管理员）", "Township (empty: a county admin)"))</label><input type="text" id="township" name="township">
            <label for="password">\(page.t("密码（至少 8 位）", "Password (8 characters or more)"))</label><input type="password" id="password" name="password" autocomplete="new-password" required>
            <p><button type="submit" class="primary">\(page.t("添加或修改用户", "Add or change the user"))</button></p></form>
            """
        body += "<h2>\(page.t("操作日志", "Audit log"))</h2>"
        let entries = (try? (openStore() as? any AuditLog)?.auditEntries(township: nil, limit: 100)) ?? []
        body += Page.table(
            [page.t("时间", "When"), page.t("用户", "User"), page.t("乡镇", "Township"), page.t("操作", "Action"), page.t("内容", "Detail")],
            entries.map { [Page.escape($0.at), Page.escape($0.username), Page.escape($0.township), Page.escape($0.action), Page.escape(LogRedaction.mask($0.detail))] },
            id: "audit")
        return pageResponse(request, page.render(title: page.t("县级管理", "County administration"), body: body))
    }

    /// `POST /admin/users` (`name`, `township`, `password`, `csrf_token`): adds a user or sets
    /// their password and township. Admins only.
    func addUser(_ request: Request) async throws -> Response {
        let caller = try requireCaller(request, page: true)
        guard caller.user.admin else { throw HTTPError(.notFound) }
        let fields = try await Self.formFields(request)
        try requireCSRF(request, caller, formToken: fields["csrf_token"])
        let name = fields["name"] ?? ""
        let township = (fields["township"] ?? "").trimmingCharacters(in: .whitespaces)
        do {
            try accounts.add(name: name, township: township.isEmpty ? nil : township, password: fields["password"] ?? "")
        } catch {
            throw HTTPError(.badRequest, message: "\(error)")
        }
        audit(caller.user.name, township, "add-user", name)
        return try adminPage(request, message: "\(name) ✓")
    }

    /// `GET /admin/county?election_day=D`: the county report (`voterroll county-report`) of the
    /// store for that day, the county being the townships with an account; written under
    /// `DIR/county/<day>/` and shown here. `GET /admin/county/<day>/<file>`: its CSV and XLSX.
    func countyReport(_ request: Request) throws -> Response {
        let caller = try requireCaller(request, page: true)
        guard caller.user.admin else { throw HTTPError(.notFound) }
        guard let text = request.uri.queryParameters.get("election_day").map({ String($0) }), let day = CivilDate(text) else {
            throw HTTPError(.badRequest, message: "election_day is needed, as YYYY-MM-DD")
        }
        let folder = configuration.dataDirectory + "/county/\(day)"
        try PrivateFile.makeFolder(folder)
        let report = CountyReport(
            electionDay: "\(day)", runs: try Job.openCountyStore(configuration.storeLocation).latestRuns(electionDay: "\(day)"),
            county: accounts.townships)
        try CountyReportFiles.write(report, directory: folder, language: Self.language(request), generated: Date())
        audit(caller.user.name, "", "county-report", "\(day)")
        guard let data = FileManager.default.contents(atPath: folder + "/county.html") else { throw HTTPError(.internalServerError) }
        let (html, policy) = Self.reportWithNonce(String(decoding: data, as: UTF8.self), nonce: Sessions.token())
        let links = CountyReportFiles.names.filter { $0 != "county.html" }
            .map { "<a href=\"/admin/county/\(day)/\($0)\" download>\($0)</a>" }.joined(separator: " · ")
        let page = html.replacingOccurrences(of: "<body>", with: "<body><p>\(links) · <a href=\"/admin\">←</a></p>")
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: policy],
            body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    func countyFile(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let caller = try requireCaller(request, page: true)
        guard caller.user.admin, let day = context.parameters.get("day").flatMap(CivilDate.init), let name = context.parameters.get("name"),
            CountyReportFiles.names.contains(name), name != "county.html",
            let data = FileManager.default.contents(atPath: configuration.dataDirectory + "/county/\(day)/" + name)
        else { throw HTTPError(.notFound) }
        audit(caller.user.name, "", "download", "county \(day): \(name)")
        return Response(
            status: .ok,
            headers: [.contentType: name.hasSuffix(".csv") ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
