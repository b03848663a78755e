import Foundation
import Hummingbird
import VoterRollKit

/// The township's pages: home (the latest run's banner and the history), a new run, one run.
extension VoterRollServer {
    func base(_ township: String) -> String { "/townships/\(Page.segment(township))" }

    /// `GET /townships/{t}`: the latest run's banner (errors to fix, warnings to look at) and
    /// every run.
    func townshipPage(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let caller = try requireCaller(request, page: true)
        let township = try township(context, for: caller)
        let page = page(request, caller)
        let runs = board.statuses(township)
        var body = "<p><a class=\"button\" href=\"\(base(township))/runs/new\">\(page.t("新建核查", "New run"))</a> "
        body += " <a href=\"\(base(township))/explain\">\(page.t("按身份证号查询", "Look up a person"))</a></p>"
        if let latest = runs.first {
            body += banner(latest, page: page)
        } else {
            body += "<p class=\"banner ok\">\(page.t("还没有核查记录。点击“新建核查”上传选民登记表和各类名单。", "No run yet. Choose “New run” to upload the register and the lists."))</p>"
        }
        body += "<h2>\(page.t("历次核查", "History"))</h2>"
        body += Page.table(
            [page.t("编号", "Run"), page.t("提交时间", "Submitted"), page.t("提交人", "By"), page.t("选举日", "Election day"),
             page.t("状态", "State"), page.t("选民名单（人）", "On the roll"), page.t("错误", "Errors"), page.t("警告", "Warnings")],
            runs.map { run in
                ["<a href=\"\(base(township))/runs/\(run.id)\">#\(run.id)</a>", Page.escape(run.createdAt), Page.escape(run.user),
                 Page.escape(run.electionDay), stateText(run, page: page), run.registered.map(String.init) ?? "",
                 run.errors.map(String.init) ?? "", run.warnings.map(String.init) ?? ""]
            }, id: "history")
        return pageResponse(request, page.render(title: "\(township) · \(page.t("选民名单核查", "voter roll"))", body: body))
    }

    func stateText(_ run: RunBoard.Status, page: Page) -> String {
        let text = switch run.state {
        case .queued: page.t("排队中", "queued")
        case .running: page.t("运行中", "running")
        case .done: page.t("已完成", "done")
        case .failed: page.t("失败", "failed")
        }
        return "<span class=\"state-\(run.state.rawValue)\">\(text)</span>"
    }

    /// The latest run in one line: what to do next.
    func banner(_ run: RunBoard.Status, page: Page) -> String {
        let link = "<a href=\"\(base(run.township))/runs/\(run.id)\">#\(run.id)</a>"
        switch run.state {
        case .queued, .running:
            return "<p class=\"banner warning\">\(page.t("核查", "Run")) \(link) \(page.t("正在进行……", "is in progress…"))</p>"
        case .failed:
            return "<p class=\"banner error\">\(page.t("核查", "Run")) \(link) \(page.t("未能完成：", "did not finish: "))\(Page.escape(LogRedaction.mask(run.message ?? "")))</p>"
        case .done:
            let errors = run.errors ?? 0
            let warnings = run.warnings ?? 0
            if errors > 0 {
                return "<p class=\"banner error\">\(page.t("最近一次核查", "The latest run")) \(link)\(page.t("：", ": "))\(page.t("有 \(errors) 个错误需要改正，\(warnings) 个警告需要查看。", "\(errors) errors to fix, \(warnings) warnings to look at."))</p>"
            }
            if warnings > 0 {
                return "<p class=\"banner warning\">\(page.t("最近一次核查", "The latest run")) \(link)\(page.t("：", ": "))\(page.t("没有错误，\(warnings) 个警告需要查看。", "no errors, \(warnings) warnings to look at."))</p>"
            }
            return "<p class=\"banner ok\">\(page.t("最近一次核查", "The latest run")) \(link)\(page.t("：", ": "))\(page.t("没有错误和警告。", "no errors or warnings."))</p>"
        }
    }

    /// `GET /townships/{t}/runs/new`: the dates and a drop zone per input, with the limits.
    func newRunPage(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let caller = try requireCaller(request, page: true)
        let township = try township(context, for: caller)
        let page = page(request, caller)
        let limits = configuration.limits
        func drop(_ field: String, _ title: String, multiple: Bool = false) -> String {
            """
            <div class="drop"><label for="f-\(field)">\(Page.escape(title))</label>
            <input type="file" id="f-\(field)" name="\(field)" accept=".csv,.tsv,.txt,.xlsx,.xml,.xls,.et"\(multiple ? " multiple" : "")></div>
            """
        }
        var zones = drop("roll", page.t("选民登记表（可多个文件）", "Register (several files allowed)"), multiple: true)
        for kind in ListKind.allCases { zones += drop(kind.rawValue, kind.title(page.language)) }
        let body = """
            <form method="post" action="\(base(township))/runs" enctype="multipart/form-data" id="new-run">
            \(page.csrfField)
            <label for="election_day">\(page.t("选举日", "Election day"))</label><input type="date" id="election_day" name="election_day" required>
            <label for="posting_day">\(page.t("选民名单公布日（可不填）", "Posting day (optional)"))</label><input type="date" id="posting_day" name="posting_day">
            <p class="note">\(page.t("把文件拖到下面的框里，或点击选择。支持 CSV、XLSX、XML（Excel 2003）格式；每个文件不超过 \(Page.bytes(Int64(limits.fileBytes)))，一次最多 \(limits.files) 个文件，合计不超过 \(Page.bytes(Int64(limits.requestBytes)))。", "Drop the files on the boxes below, or click to choose. CSV, XLSX and XML (Excel 2003); at most \(Page.bytes(Int64(limits.fileBytes))) a file, \(limits.files) files and \(Page.bytes(Int64(limits.requestBytes))) in all."))</p>
            <div class="drops">\(zones)</div>
            <p><button type="submit" class="primary">\(page.t("开始核查", "Start the run"))</button></p>
            </form>
            """
        return pageResponse(request, page.render(title: "\(township) · \(page.t("新建核查", "New run"))", body: body))
    }

    /// `GET /townships/{t}/runs/{id}`: progress while it runs (the page reloads itself), then the
    /// counts, the report and the downloads.
    func runPage(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let caller = try requireCaller(request, page: true)
        let township = try township(context, for: caller)
        let id = try runID(context, township)
        guard let run = board.status(township, id) else { throw HTTPError(.notFound) }
        let page = page(request, caller)
        var body = "<p><a href=\"\(base(township))\">← \(Page.escape(township))</a></p>"
        body += "<p>\(page.t("状态", "State"))：\(stateText(run, page: page))"
        body += " · \(page.t("选举日", "Election day")) \(Page.escape(run.electionDay)) · \(page.t("提交人", "By")) \(Page.escape(run.user)) · \(Page.escape(run.createdAt))</p>"
        var refresh: Int?
        switch run.state {
        case .queued, .running:
            refresh = 2
            let stage = run.stage.map { Page.escape($0) }
                ?? (run.state == .queued ? page.t("排队等待本乡镇上一次核查结束", "waiting for the township's run before it") : page.t("正在读取和核查", "reading and checking"))
            body += "<p id=\"progress\"><progress></progress> \(stage)\(run.rows.map { " · \($0) \(page.t("行", "rows"))" } ?? "")</p>"
            body += "<p class=\"note\">\(page.t("本页每 2 秒自动刷新。", "This page reloads itself every 2 seconds."))</p>"
        case .failed:
            body += banner(run, page: page)
        case .done:
            body += banner(run, page: page)
            body += "<p><a class=\"button\" id=\"report-link\" href=\"\(base(township))/runs/\(id)/report.html\">\(page.t("查看核查报告", "Open the report"))</a></p>"
            body += Page.table(
                [page.t("选民名单（人）", "On the roll"), page.t("排除", "Excluded"), page.t("错误", "Errors"), page.t("警告", "Warnings")],
                [[run.registered.map(String.init) ?? "", run.excluded.map(String.init) ?? "", run.errors.map(String.init) ?? "", run.warnings.map(String.init) ?? ""]])
            body += "<h2>\(page.t("下载", "Downloads"))</h2>"
            let files = board.outputs(township, id).filter { !$0.path.hasPrefix(".") }
            body += Page.table(
                [page.t("文件", "File"), page.t("大小", "Size")],
                files.map { file in
                    let href = "\(base(township))/runs/\(id)/files/" + file.path.split(separator: "/").map { Page.segment(String($0)) }.joined(separator: "/")
                    return ["<a href=\"\(href)\" download>\(Page.escape(file.path))</a>", Page.bytes(file.bytes)]
                }, id: "downloads")
        }
        body += "<h2>\(page.t("上传的文件", "Files uploaded"))</h2>"
        body += Page.table(
            [page.t("用途", "Role"), page.t("文件名", "File")],
            run.inputs.map { input in
                [input.role == "roll" ? page.t("选民登记表", "register") : (ListKind(rawValue: input.role)?.title(page.language) ?? input.role), Page.escape(input.name)]
            })
        return pageResponse(request, page.render(title: "\(township) · \(page.t("核查", "Run")) #\(id)", body: body, refresh: refresh))
    }
}
