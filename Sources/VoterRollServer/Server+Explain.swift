import Foundation
import Hummingbird
import VoterRollKit

/// Looking a person up: the `explain` trail of the township's runs.
extension VoterRollServer {
    /// `GET /townships/{t}/explain`: the form; the ID is sent by POST, so it is in no URL, no
    /// history and no log.
    func explainPage(_ request: Request, _ context: BasicRequestContext, id: String?, trail: String = "") throws -> Response {
        let caller = try requireCaller(request, page: true)
        let township = try township(context, for: caller)
        let page = page(request, caller)
        let body = """
            <p><a href="\(base(township))">← \(Page.escape(township))</a></p>
            <form method="post" action="\(base(township))/explain" id="explain">\(page.csrfField)
            <label for="id">\(page.t("公民身份号码", "ID number"))</label><input type="text" id="id" name="id" value="\(Page.escape(id ?? ""))" autocomplete="off" required>
            <button type="submit" class="primary">\(page.t("查询", "Look up"))</button></form>
            <p class="note">\(page.t("显示本乡镇历次核查对此人的每项决定、来源单元格和名单行。除所查号码外，页面上的身份证号均已遮盖。", "Every decision this township's runs made about the person, with the source cells and list rows. ID numbers other than the one searched are masked."))</p>
            \(trail)
            """
        return pageResponse(request, page.render(title: "\(township) · \(page.t("查询个人", "Look up a person"))", body: body))
    }

    /// `POST /townships/{t}/explain` (`id`, `csrf_token`): the trail of the township's runs.
    func explain(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let caller = try requireCaller(request, page: true)
        let township = try township(context, for: caller)
        let fields = try await Self.formFields(request)
        try requireCSRF(request, caller, formToken: fields["csrf_token"])
        let page = page(request, caller)
        let text = fields["id"] ?? ""
        guard let id = ResidentID.parse(text).id, case .valid = ResidentID.parse(text) else {
            return try explainPage(request, context, id: nil, trail: "<p class=\"banner error\">\(page.t("不是有效的公民身份号码。", "Not a valid ID number."))</p>")
        }
        audit(caller.user.name, township, "explain", id.masked)
        // Only this township's runs: the store may hold the county's.
        let store = try openStore()
        let runs = Set(try store.history().filter { ($0.township ?? "") == township }.map(\.id))
        let decisions = try store.explain(idNumber: id.canonical).filter { runs.contains($0.run) }
        let lists = try store.listFindings(idNumber: id.canonical).filter { runs.contains($0.run) }
        // Everything shown came from data; ID numbers in it are masked (the one searched is
        // in the form above, as typed).
        func shown(_ text: String) -> String { Page.escape(LogRedaction.mask(text)) }
        var trail = "<h2>\(Page.escape(id.masked))</h2>"
        if decisions.isEmpty && lists.isEmpty {
            trail += "<p class=\"banner warning\">\(page.t("本乡镇的核查中没有此人的记录。", "No decision about this person in this township's runs."))</p>"
        }
        for decision in decisions {
            trail += "<h3>\(page.t("核查", "Run")) \(decision.run) · \(shown(decision.startedAt)) · \(shown(decision.outcome))</h3>"
            trail += "<p>\(shown(decision.name ?? "-")) · \(shown(decision.constituency)) · \(shown(decision.source))</p>"
            trail += Page.table(
                [page.t("级别", "Severity"), page.t("代码", "Code"), page.t("单元格", "Cell"), page.t("值", "Value"), page.t("依据", "Evidence")],
                decision.findings.map { [shown($0.severity), "<code>\(shown($0.code))</code>", shown($0.cell), shown($0.value), shown($0.evidence ?? "")] })
            for list in lists where list.run == decision.run {
                trail += "<p>\(page.t("名单行", "List row"))：<code>\(shown(list.code))</code> \(shown(list.cell)) \(shown(list.evidence ?? ""))</p>"
            }
        }
        let decided = Set(decisions.map(\.run))
        for list in lists where !decided.contains(list.run) {
            trail += "<p>\(page.t("核查", "Run")) \(list.run)：\(page.t("不在登记表上；名单行", "not on the register; list row"))：<code>\(shown(list.code))</code> \(shown(list.cell)) \(shown(list.evidence ?? ""))</p>"
        }
        return try explainPage(request, context, id: text, trail: trail)
    }
}
