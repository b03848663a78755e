import Foundation

/// report.html: one self-contained page for the officer (inline CSS, SVG and a few lines of
/// script; nothing fetched), in Chinese or English.
///
/// What needs doing comes first (errors, then warnings, each with its cell, the raw value
/// and the catalogue's message), then the counts, charts, the supplementary list and the
/// facts of the run. Every number taken from summary.json carries `data-summary` with its
/// path there (`by_code.id.checksum`) and `data-value` with the plain number, so a test can
/// hold the page to the file. The markup is XHTML-compatible (the tests parse it as XML).
struct ReportPage {
    let content: ReportContent
    private let language: Language

    init(_ content: ReportContent) {
        self.content = content
        language = content.options.language
    }

    private func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    private var summary: RunSummary { content.summary }

    func render() -> String {
        var html = head()
        html += "<body>\n"
        html += header()
        html += totals()
        html += CalendarSection(calendar: content.options.calendar, summary: summary, language: language).html
        html += actionTable()
        html += findingsSummary()
        html += charts()
        if let statistics = summary.statistics { html += StatisticsSection(form: statistics, options: content.options).render() }
        if let changes = content.changes { html += changesSection(changes) }
        html += publishedSection()
        html += runFacts()
        html += "<footer><p>"
        html += t(
            "本报告含公民身份号码等个人信息，仅供选举工作人员使用，请妥善保管，不要公开张贴；公开张贴请用 published/ 中的选民榜。",
            "This report holds ID numbers and other personal data: for election staff only, keep it safe and do not post it; post the lists in published/.")
        html += "</p></footer>\n"
        html += script()
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: Pieces

    /// A number from summary.json, tagged with its path there.
    private func number(_ value: Int, _ key: String) -> String {
        "<span class=\"num\" data-summary=\"\(HTMLText.escape(key))\" data-value=\"\(value)\">\(HTMLText.count(value))</span>"
    }

    private func cell(_ value: Int, _ key: String? = nil, zeroDim: Bool = false) -> String {
        let dim = zeroDim && value == 0 ? " dim" : ""
        guard let key else { return "<td class=\"r\(dim)\">\(HTMLText.count(value))</td>" }
        return "<td class=\"r\(dim)\" data-summary=\"\(HTMLText.escape(key))\" data-value=\"\(value)\">\(HTMLText.count(value))</td>"
    }

    private func severityLabel(_ severity: Severity) -> String { severity.label(language) }

    private func badge(_ severity: Severity) -> String {
        "<span class=\"badge \(severity.rawValue)\">\(severityLabel(severity))</span>"
    }

    private func actionLabel(_ action: FindingAction) -> String {
        action == .exclude ? t("排除", "excluded") : t("保留", "kept")
    }

    /// What the officer does about a finding with this code.
    private func whatToDo(_ code: FindingCode) -> String { code.whatToDo(language) }

    /// What an input file is, for people: a list by its title (`ListKind.title`, the one
    /// wording), and the two inputs that are no list, the register and the previous roll.
    private func roleLabel(_ role: String) -> String {
        if let list = ListKind(rawValue: role) { return list.title(language) }
        switch role {
        case "roll": return t("登记册", "register")
        case "previous": return t("上次选民名单", "previous roll")
        default: return HTMLText.escape(role)
        }
    }

    private func constituencyLabel(_ name: String) -> String {
        name.isEmpty ? t("（未填选区）", "(no constituency)") : HTMLText.escape(name)
    }

    private func date(_ day: CivilDate) -> String {
        language == .zh ? "\(day.year)年\(day.month)月\(day.day)日" : day.iso8601
    }

    private func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss (xxx)"
        return formatter.string(from: date)
    }

    private func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KB", Double(bytes) / 1024) }
        return String(format: "%.1f MB", Double(bytes) / (1024 * 1024))
    }

    /// The message up to its first clause break, for chart labels.
    private func shortMessage(_ code: FindingCode) -> String {
        let message = code.message(language)
        let breaks: Set<Character> = language == .zh ? ["，", "；", "（"] : [";", "(", ","]
        guard let end = message.firstIndex(where: breaks.contains) else { return message }
        return CellWhitespace.trimmed(String(message[..<end]))
    }

    // MARK: Sections

    private func head() -> String {
        """
        <!DOCTYPE html>
        <html lang="\(t("zh-CN", "en"))">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="VoterRoll \(VoterRollVersion.current)"/>
        <title>\(t("选民登记审核报告", "Voter registration report")) · \(date(content.options.electionDay))</title>
        <style>
        :root { --error: #b42318; --warning: #b54708; --info: #475467; --kept: #2e7d4f; --excluded: #b9b9b9;
          --male: #3b6fb6; --female: #c4553d; --line: #d0d5dd; --soft: #f5f6f8; }
        * { box-sizing: border-box; }
        body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "SimSun-ExtB", "SimSun-ExtG", "MingLiU-ExtB", "Noto Serif CJK SC", "Source Han Serif SC", "HanaMinB", "BabelStone Han", "Plangothic P1", "Plangothic P2", sans-serif;
          margin: 0 auto; max-width: 1180px; padding: 20px 28px 40px; color: #1d2433; font-size: 15px; line-height: 1.55; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 34px 0 10px; padding-bottom: 6px; border-bottom: 2px solid #1d2433; }
        h3 { font-size: 16px; margin: 22px 0 8px; }
        .sub { color: #475467; margin: 0 0 12px; }
        nav { margin: 10px 0 18px; font-size: 14px; }
        nav a { margin-right: 14px; color: #1f4e96; text-decoration: none; }
        .banner { padding: 12px 16px; border-radius: 6px; font-size: 16px; margin: 10px 0; }
        .banner.error { background: #fef3f2; border: 1px solid #fda29b; color: var(--error); }
        .banner.warning { background: #fffaeb; border: 1px solid #fec84b; color: var(--warning); }
        .banner.ok { background: #ecfdf3; border: 1px solid #6ce9a6; color: var(--kept); }
        .cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0; }
        .card { flex: 1 1 130px; border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; background: #fff; }
        .card .label { color: #475467; font-size: 13px; }
        .card .num { display: block; font-size: 26px; font-weight: 600; }
        .card.error .num { color: var(--error); } .card.warning .num { color: var(--warning); }
        .equation { background: var(--soft); border-radius: 6px; padding: 10px 14px; margin: 8px 0; }
        .equation .num { font-weight: 600; }
        .ok { color: var(--kept); font-weight: 600; } .bad { color: var(--error); font-weight: 600; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 14px; }
        th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
        th { background: var(--soft); font-weight: 600; white-space: nowrap; }
        td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.dim { color: #98a2b3; }
        #action-table td:nth-child(-n+5) { white-space: nowrap; }
        #action-table td.value { min-width: 13.5em; }
        tr.total td { font-weight: 600; background: var(--soft); }
        tr.today td { font-weight: 600; background: #fff7e6; }
        code, .mono { font-family: "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: 13px; }
        .value { font-family: "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: 13px; word-break: break-all; background: #fff7e6; }
        .hash { font-family: monospace; font-size: 12px; word-break: break-all; }
        .badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; color: #fff; white-space: nowrap; }
        .badge.error { background: var(--error); } .badge.warning { background: var(--warning); } .badge.info { background: var(--info); }
        tr.error td:first-child { border-left: 4px solid var(--error); } tr.warning td:first-child { border-left: 4px solid var(--warning); }
        .filter { display: flex; gap: 10px; align-items: center; margin: 8px 0; flex-wrap: wrap; }
        .filter input { flex: 1 1 320px; font-size: 15px; padding: 6px 10px; border: 1px solid #98a2b3; border-radius: 4px; }
        .filter select { font-size: 15px; padding: 5px; }
        .note { color: #475467; font-size: 13px; }
        .charts { display: flex; flex-wrap: wrap; gap: 12px 36px; align-items: flex-start; }
        .chart { flex: 0 1 auto; max-width: 100%; }
        svg text { font-family: inherit; fill: #1d2433; }
        svg.chart-svg { max-width: 100%; height: auto; }
        footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--line); color: #475467; font-size: 13px; }
        @media print { nav, .filter { display: none; } body { max-width: none; padding: 0; } tr { break-inside: avoid; } h2 { break-after: avoid; } }
        </style>
        </head>

        """
    }

    private func header() -> String {
        let errors = summary.bySeverity["error", default: 0]
        let warnings = summary.bySeverity["warning", default: 0]
        var html = "<header>\n<h1>\(t("选民登记审核报告", "Voter registration report"))</h1>\n"
        html += "<p class=\"sub\">\(t("选举日", "Election day")) <strong data-summary=\"election_day\">"
        html += "\(date(content.options.electionDay))</strong> · \(t("运行时间", "run at")) \(time(content.runTime))"
        html += " · VoterRoll <span data-summary=\"version\">\(HTMLText.escape(summary.version))</span></p>\n"
        if errors > 0 {
            html += "<p class=\"banner error\">"
            html += t(
                "有 \(HTMLText.count(errors)) 个错误需要修正：见下方“需要处理的行”，按单元格修正源表后重新运行。",
                "\(HTMLText.count(errors)) errors need fixing: see “Rows needing action” below, fix the cells in the source files and run again.")
            if warnings > 0 {
                html += t("另有 \(HTMLText.count(warnings)) 个警告需要人工核实。", " \(HTMLText.count(warnings)) warnings need a person to check.")
            }
            html += "</p>\n"
        } else if warnings > 0 {
            html += "<p class=\"banner warning\">"
            html += t(
                "没有错误；有 \(HTMLText.count(warnings)) 个警告需要人工核实（见“需要处理的行”）。",
                "No errors; \(HTMLText.count(warnings)) warnings need a person to check (see “Rows needing action”).")
            html += "</p>\n"
        } else {
            html += "<p class=\"banner ok\">\(t("没有错误，也没有需要核实的警告。", "No errors and no warnings to check."))</p>\n"
        }
        if let since = summary.sinceLastRun {
            html += "<p class=\"sub\">" + t("与上次运行（第 ", "Since the last run (run ")
            html += number(Int(since.previousRun), "since_last_run.previous_run")
            html += t(" 次）相比：新问题 ", "): new findings ") + number(since.newFindings, "since_last_run.new_findings")
            html += t("，已解决 ", ", resolved ") + number(since.resolvedFindings, "since_last_run.resolved_findings")
            html += t("，新排除 ", ", newly excluded ") + number(since.newExclusions, "since_last_run.new_exclusions")
            html += t(" 人。", ".") + "</p>\n"
        }
        html += "<nav>"
        html += "<a href=\"#totals\">\(t("总数", "Totals"))</a>"
        html += "<a href=\"#actions\">\(t("需要处理的行", "Rows needing action"))</a>"
        html += "<a href=\"#findings\">\(t("问题汇总", "Findings"))</a>"
        html += "<a href=\"#calendar\">\(t("选举日程", "Calendar"))</a>"
        html += "<a href=\"#charts\">\(t("图表", "Charts"))</a>"
        if summary.statistics != nil { html += "<a href=\"#\(StatisticsSection.anchor)\">\(StatisticsSection.navigationLabel(language))</a>" }
        if content.changes != nil { html += "<a href=\"#changes\">\(t("补充名单", "Supplementary list"))</a>" }
        html += "<a href=\"#published\">\(t("选民榜", "Published lists"))</a>"
        html += "<a href=\"#run\">\(t("运行信息", "Run facts"))</a>"
        html += "</nav>\n"
        html += "<div class=\"cards\">\n"
        let cards: [(String, Int, String, String)] = [
            (t("选民名单人数", "On the clean roll"), summary.registered, "registered", ""),
            (t("登记册保留", "Register rows kept"), summary.kept, "kept", ""),
            (t("登记册排除", "Register rows excluded"), summary.excluded, "excluded", ""),
            (t("补登（流入、申诉）", "Added (in-migrants, appeals)"), summary.added, "added", ""),
            (t("错误", "Errors"), errors, "by_severity.error", "error"),
            (t("警告", "Warnings"), warnings, "by_severity.warning", "warning"),
            (t("提示", "Notes"), summary.bySeverity["info", default: 0], "by_severity.info", ""),
        ]
        for (label, value, key, style) in cards {
            html += "<div class=\"card \(style)\"><span class=\"label\">\(label)</span>\(number(value, key))</div>\n"
        }
        html += "</div>\n</header>\n"
        return html
    }

    private func totals() -> String {
        let rows = summary.rows
        var html = "<section id=\"totals\">\n<h2>\(t("总数与核对", "Totals and accounting"))</h2>\n"
        html += "<p class=\"equation\">\(t("登记册读取", "Register rows read")) \(number(rows.rowsRead, "rows.rows_read")) "
        html += "= \(t("保留", "kept")) \(number(summary.kept, "kept")) + \(t("排除", "excluded")) \(number(summary.excluded, "excluded"))"
        html += " + \(t("空行", "blank")) \(number(rows.blankRows, "rows.blank_rows"))"
        html += " + \(t("表头", "header")) \(number(rows.headerRows, "rows.header_rows"))"
        html += " + \(t("标题行", "title")) \(number(rows.titleRows, "rows.title_rows"))"
        html += " + \(t("未识别工作表的行", "rows of sheets without a header")) \(number(rows.skippedRows, "rows.skipped_rows"))"
        let closes = summary.accountingCloses
        html += " <span data-summary=\"accounting_closes\" data-value=\"\(closes)\" class=\"\(closes ? "ok" : "bad")\">"
        html += closes ? t("✓ 核对一致", "✓ every row accounted for") : t("✗ 核对不一致，请报告此问题", "✗ does not close; please report this")
        html += "</span></p>\n"
        html += "<p class=\"equation\">\(t("选民名单", "Clean roll")) \(number(summary.registered, "registered"))"
        html += " = \(t("登记册保留", "register rows kept")) \(number(summary.kept, "kept"))"
        html += " + \(t("补登（流入人员、申诉成立的漏登）", "added (in-migrants, upheld appeals)")) \(number(summary.added, "added"))"
        html += t("；未补登 ", "; not added ") + number(summary.notAdded, "not_added")
        if let appeals = summary.appeals {
            html += t("（其中申诉补入 ", " (by appeal: added ") + number(appeals.added, "appeals.added")
            html += t("，申诉未补入 ", ", not added ") + number(appeals.notAdded, "appeals.not_added") + t("）", ")")
        }
        html += t("；登记册与补登人员合计 ", "; people in the register and added ")
        html += number(summary.population, "population") + "</p>\n"
        html += "<p class=\"note\">\(t("登记册数据行", "Register data rows")) \(number(rows.dataRows, "rows.data_rows"))"
        html += t("（每行或保留或排除，没有丢弃的行）。", " (each one kept or excluded; no row is dropped).") + "</p>\n"
        html += "<table>\n<thead><tr><th>\(t("用途", "Role"))</th><th>\(t("文件", "File"))</th>"
        html += "<th class=\"r\">\(t("读取行", "Rows read"))</th><th class=\"r\">\(t("数据行", "Data rows"))</th>"
        html += "<th>\(t("结果", "Outcome"))</th></tr></thead>\n<tbody>\n"
        // The register first, then the lists (summary.json has the lists first: they are read first).
        let order = summary.inputs.indices.sorted { lhs, rhs in
            let left = summary.inputs[lhs].role == "roll" ? 0 : 1, right = summary.inputs[rhs].role == "roll" ? 0 : 1
            return left != right ? left < right : lhs < rhs
        }
        for index in order {
            let input = summary.inputs[index]
            let key = "inputs.\(index)"
            html += "<tr><td>\(roleLabel(input.role))</td><td class=\"mono\">\(HTMLText.escape(input.file))</td>"
            html += cell(input.rows.rowsRead, key + ".rows.rows_read") + cell(input.rows.dataRows, key + ".rows.data_rows")
            let kept = number(input.kept, key + ".kept")
            let excluded = number(input.excluded, key + ".excluded")
            let outcome: String
            switch input.role {
            case "roll": outcome = t("保留 \(kept)，排除 \(excluded)", "kept \(kept), excluded \(excluded)")
            case "moved_in": outcome = t("登记 \(kept)，未登记 \(excluded)", "added \(kept), not added \(excluded)")
            case "proxies": outcome = t("委托 \(kept) 条", "\(kept) proxies")
            case "appeals": outcome = t("涉及本次人员 \(kept)，未涉及 \(excluded)", "about people of the run \(kept), about no one \(excluded)")
            default: outcome = t("与登记册匹配 \(kept)，未匹配 \(excluded)", "matched \(kept), unmatched \(excluded)")
            }
            html += "<td>\(outcome)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</section>\n"
        return html
    }

    private func actionTable() -> String {
        let actions = content.actions
        let shown = actions.shown
        var html = "<section id=\"actions\">\n<h2>\(t("需要处理的行", "Rows needing action"))</h2>\n"
        html += "<p>"
        html += t(
            "错误 \(number(actions.errorCount, "by_severity.error")) 个、警告 \(number(actions.warningCount, "by_severity.warning")) 个，错误在前。每行给出源表中的单元格、原值和处理办法；按单元格找到源表中的位置修正后重新运行。",
            "\(number(actions.errorCount, "by_severity.error")) errors and \(number(actions.warningCount, "by_severity.warning")) warnings, errors first. Each gives the cell in the source file, the value found there and what to do; fix the cell and run again.")
        html += "</p>\n"
        if actions.isTruncated {
            html += "<p class=\"banner warning\">"
            html += t(
                "此处只列出前 \(HTMLText.count(ActionRows.limit)) 条（共 \(HTMLText.count(actions.errorCount + actions.warningCount)) 条）；全部问题见 findings.csv（可用 Excel 或 WPS 打开并筛选）。",
                "Only the first \(HTMLText.count(ActionRows.limit)) of \(HTMLText.count(actions.errorCount + actions.warningCount)) are listed here; findings.csv has them all (open it in Excel or WPS and filter).")
            html += "</p>\n"
        }
        guard !shown.isEmpty else {
            return html + "<p class=\"ok\">\(t("没有需要处理的行。", "Nothing needs action."))</p>\n</section>\n"
        }
        html += "<div class=\"filter\"><input id=\"filter\" type=\"search\" placeholder=\""
        html += t("筛选：输入姓名、单元格、代码或任何文字", "Filter: type a name, a cell, a code or any text") + "\"/>"
        html += "<select id=\"severity\"><option value=\"\">\(t("全部", "all"))</option>"
        html += "<option value=\"error\">\(t("只看错误", "errors only"))</option>"
        html += "<option value=\"warning\">\(t("只看警告", "warnings only"))</option></select>"
        html += "<span class=\"note\">\(t("显示", "showing")) <span id=\"shown\">\(shown.count)</span> / \(shown.count)</span></div>\n"
        html += "<table id=\"action-table\">\n<thead><tr><th>\(t("级别", "Severity"))</th><th>\(t("单元格", "Cell"))</th>"
        html += "<th>\(t("选区", "Constituency"))</th><th>\(t("姓名", "Name"))</th><th>\(t("列", "Column"))</th>"
        html += "<th>\(t("原值", "Value"))</th><th>\(t("问题与处理", "Problem and fix"))</th><th>\(t("依据", "Evidence"))</th>"
        html += "</tr></thead>\n<tbody>\n"
        let ownFiles = Set(summary.inputs.map(\.file))
        for (line, constituency) in zip(shown, content.actionConstituencies) {
            // A row of another township sharing the store (the cross-township check): its file
            // is none of this run's inputs, and the person is on this township's roll.
            let elsewhere = line.code == .dupSameId && !ownFiles.contains(line.file)
            html += "<tr class=\"\(line.severity.rawValue)\" data-severity=\"\(line.severity.rawValue)\">"
            html += "<td>\(badge(line.severity))</td>"
            html += "<td class=\"mono\">\(HTMLText.escape(elsewhere ? "\(line.file) \(line.cell)" : line.cell))</td>"
            html += "<td>\(constituency.map(constituencyLabel) ?? "")</td>"
            html += "<td>\(HTMLText.escape(line.name ?? ""))</td>"
            html += "<td>\(HTMLText.escape(line.column ?? ""))</td>"
            html += "<td class=\"value\">\(HTMLText.escape(line.value))</td>"
            let todo =
                elsewhere
                ? t(
                    "此人在本乡镇的选民名单上；依据所列乡镇的这一行已排除。请与该乡镇核实此人的居住地，只保留一处登记",
                    "The person is on this township's roll; the row named in the evidence, in another township, was excluded. Settle with that township where the person lives, and keep one registration")
                : whatToDo(line.code)
            html += "<td>\(HTMLText.escape(line.code.message(language)))<br/><span class=\"note\">\(todo) · "
            html += "<code>\(line.code.rawValue)</code></span></td>"
            html += "<td class=\"note\">\(HTMLText.escape(line.evidence ?? ""))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</section>\n"
        return html
    }

    private func findingsSummary() -> String {
        var html = "<section id=\"findings\">\n<h2>\(t("问题汇总", "Findings"))</h2>\n"
        html += "<h3>\(t("按级别", "By severity"))</h3>\n<table class=\"narrow\"><thead><tr><th>\(t("级别", "Severity"))</th>"
        html += "<th class=\"r\">\(t("数量", "Count"))</th><th>\(t("含义", "Meaning"))</th></tr></thead>\n<tbody>\n"
        for severity in [Severity.error, .warning, .info] {
            let meaning: String
            switch severity {
            case .error: meaning = t("数据有误，必须修正", "the data is wrong and must be fixed")
            case .warning: meaning = t("需要人工核实", "a person must look")
            case .info: meaning = t("记录或正常变动", "a note or a normal change")
            }
            html += "<tr><td>\(badge(severity))</td>\(cell(summary.bySeverity[severity.rawValue, default: 0], "by_severity.\(severity.rawValue)"))"
            html += "<td>\(meaning)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"

        html += "<h3>\(t("按问题代码", "By code"))</h3>\n<table>\n<thead><tr><th>\(t("代码", "Code"))</th>"
        html += "<th>\(t("级别", "Severity"))</th><th>\(t("对该行", "Row"))</th><th class=\"r\">\(t("数量", "Count"))</th>"
        html += "<th>\(t("说明", "Message"))</th><th>\(t("怎么办", "What to do"))</th></tr></thead>\n<tbody>\n"
        let codes = summary.byCode.keys.sorted { lhs, rhs in
            let left = FindingCode(rawValue: lhs), right = FindingCode(rawValue: rhs)
            let leftSeverity = left?.severity ?? .info, rightSeverity = right?.severity ?? .info
            if leftSeverity != rightSeverity { return leftSeverity > rightSeverity }
            let leftCount = summary.byCode[lhs, default: 0], rightCount = summary.byCode[rhs, default: 0]
            if leftCount != rightCount { return leftCount > rightCount }
            return lhs < rhs
        }
        for key in codes {
            let count = summary.byCode[key, default: 0]
            guard let code = FindingCode(rawValue: key) else {
                html += "<tr><td><code>\(HTMLText.escape(key))</code></td><td></td><td></td>\(cell(count, "by_code.\(key)"))<td></td><td></td></tr>\n"
                continue
            }
            html += "<tr><td><code>\(key)</code></td><td>\(badge(code.severity))</td><td>\(actionLabel(code.action))</td>"
            html += cell(count, "by_code.\(key)")
            html += "<td>\(HTMLText.escape(code.message(language)))</td><td>\(whatToDo(code))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"

        html += "<h3>\(t("按选区", "By constituency"))</h3>\n<table>\n<thead><tr><th>\(t("选区", "Constituency"))</th>"
        html += "<th class=\"r\">\(t("保留", "Kept"))</th><th class=\"r\">\(t("排除", "Excluded"))</th>"
        html += "<th class=\"r\">\(t("错误", "Errors"))</th><th class=\"r\">\(t("警告", "Warnings"))</th><th class=\"r\">\(t("提示", "Notes"))</th>"
        html += "</tr></thead>\n<tbody>\n"
        let names = Set(summary.byConstituency.keys).union(content.findingsByConstituency.keys).sorted()
        var total = SeverityCounts()
        for name in names {
            let counts = summary.byConstituency[name]
            let findings = content.findingsByConstituency[name] ?? SeverityCounts()
            total.add(findings)
            html += "<tr><td>\(constituencyLabel(name))</td>"
            if let counts {
                html += cell(counts.kept, "by_constituency.\(name).kept") + cell(counts.excluded, "by_constituency.\(name).excluded")
            } else {
                html += "<td class=\"r dim\">–</td><td class=\"r dim\">–</td>"
            }
            html += cell(findings.errors, zeroDim: true) + cell(findings.warnings, zeroDim: true) + cell(findings.notes, zeroDim: true)
            html += "</tr>\n"
        }
        let lists = content.listFindings
        if lists.total > 0 {
            total.add(lists)
            html += "<tr><td>\(t("名单中的条目（不属于选区）", "List entries (no constituency)"))</td><td class=\"r dim\">–</td><td class=\"r dim\">–</td>"
            html += cell(lists.errors, zeroDim: true) + cell(lists.warnings, zeroDim: true) + cell(lists.notes, zeroDim: true) + "</tr>\n"
        }
        // The totals are summary.json's: tagged, so the test holds the per-constituency counts to them.
        html += "<tr class=\"total\"><td>\(t("合计", "Total"))</td>\(cell(summary.kept + summary.added, "registered"))"
        html += cell(summary.excluded + summary.notAdded)
        html += cell(total.errors, "by_severity.error") + cell(total.warnings, "by_severity.warning")
        html += cell(total.notes, "by_severity.info") + "</tr>\n"
        html += "</tbody>\n</table>\n"
        html += "<p class=\"note\">\(t("保留与排除含流入人员；“提示”含选民名单变动。", "Kept and excluded include in-migrants; notes include the changes since the previous roll."))</p>\n"
        html += "</section>\n"
        return html
    }

    private func charts() -> String {
        var html = "<section id=\"charts\">\n<h2>\(t("图表", "Charts"))</h2>\n<div class=\"charts\">\n"
        html += "<div class=\"chart\"><h3>\(t("选民名单年龄结构（按性别）", "Clean roll by age and gender"))</h3>\n"
        html += ReportCharts.pyramid(content.pyramid, language: language) + "</div>\n"
        let constituencies = summary.byConstituency.keys.sorted().map { name in
            (label: name.isEmpty ? t("（未填选区）", "(none)") : name, kept: summary.byConstituency[name]?.kept ?? 0,
             excluded: summary.byConstituency[name]?.excluded ?? 0)
        }
        html += "<div class=\"chart\"><h3>\(t("各选区保留与排除", "Kept and excluded by constituency"))</h3>\n"
        html += ReportCharts.stacked(
            constituencies, keptLabel: t("保留", "kept"), excludedLabel: t("排除", "excluded")) + "</div>\n"
        let reasons = summary.byCode.compactMap { key, count -> (label: String, title: String, value: Int)? in
            guard let code = FindingCode(rawValue: key), code.action == .exclude, count > 0 else { return nil }
            return (shortMessage(code), code.rawValue + " · " + code.message(language), count)
        }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.title < $1.title }
        html += "<div class=\"chart\"><h3>\(t("排除原因", "Why rows were excluded"))</h3>\n"
        if reasons.isEmpty {
            html += "<p class=\"note\">\(t("没有排除的行。", "No row was excluded."))</p>"
        } else {
            html += ReportCharts.bars(reasons)
            html += "<p class=\"note\">\(t("一行可能有多个原因。", "A row can have more than one reason."))</p>"
        }
        html += "</div>\n</div>\n</section>\n"
        return html
    }

    private func changesSection(_ changes: ChangeDigest) -> String {
        var html = "<section id=\"changes\">\n<h2>\(t("补充名单（与上次选民名单相比）", "Supplementary list (changes since the previous roll)"))</h2>\n"
        html += "<p>\(t("上次选民名单", "Previous roll")) <span class=\"mono\">\(HTMLText.escape(changes.previousFile))</span>："
        html += t("\(HTMLText.count(changes.previousPeople)) 人", "\(HTMLText.count(changes.previousPeople)) people")
        if changes.previousRowsWithoutID > 0 {
            html += t("（另有 \(changes.previousRowsWithoutID) 行身份号码无效，无法比对）", " (and \(changes.previousRowsWithoutID) rows without a valid ID number, which cannot be compared)")
        }
        html += t("；上次选举日按 \(date(changes.previousElectionDay)) 计算“年满十八周岁”。", "; “turned 18” counts from the previous election day, \(date(changes.previousElectionDay)).")
        html += t("完整变动见 changes.csv。", " changes.csv has every change.") + "</p>\n"
        html += "<table class=\"narrow\"><thead><tr><th>\(t("变动", "Change"))</th><th class=\"r\">\(t("人数", "People"))</th><th>\(t("原因", "Why"))</th></tr></thead>\n<tbody>\n"
        for code in [FindingCode.changeAdded, .changeRemoved, .changeMoved, .changeRenamed] {
            let count = changes.counts[code, default: 0]
            let reasons = (changes.reasons[code] ?? [:]).sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
                .map { "\(HTMLText.escape($0.value.text)) \(HTMLText.count($0.value.count))" }.joined(separator: t("；", "; "))
            html += "<tr><td>\(HTMLText.escape(code.message(language)))</td>\(cell(count, "by_code.\(code.rawValue)"))<td>\(reasons)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        let limitNote = t(
            "只列出前 \(HTMLText.count(ChangeDigest.sampleLimit)) 人，完整名单见 changes.csv。",
            "Only the first \(HTMLText.count(ChangeDigest.sampleLimit)) are listed; changes.csv has them all.")
        let added = changes.samples[.changeAdded] ?? []
        html += "<h3>\(t("新增选民（补充名单，可张贴）", "Added voters (the supplementary list to post)"))</h3>\n"
        if added.isEmpty {
            html += "<p class=\"note\">\(t("没有新增选民。", "No one was added."))</p>\n"
        } else {
            if changes.counts[.changeAdded, default: 0] > added.count { html += "<p class=\"note\">\(limitNote)</p>\n" }
            html += "<table>\n<thead><tr><th class=\"r\">\(t("序号", "No."))</th><th>\(t("姓名", "Name"))</th><th>\(t("性别", "Gender"))</th>"
            html += "<th>\(t("出生年月", "Born"))</th><th>\(t("选区", "Constituency"))</th><th>\(t("选民小组", "Voter group"))</th><th>\(t("原因", "Why"))</th></tr></thead>\n<tbody>\n"
            for (index, change) in added.enumerated() {
                html += "<tr><td class=\"r\">\(index + 1)</td><td>\(HTMLText.escape(change.name))</td><td>\(HTMLText.escape(change.gender))</td>"
                html += "<td>\(PublishedLists.birthMonthText(PublishedLists.birthMonth(change.birthDate)))</td>"
                html += "<td>\(constituencyLabel(change.constituency))</td><td>\(HTMLText.escape(change.voterGroup))</td>"
                html += "<td>\(HTMLText.escape(change.reason?.text(language) ?? ""))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        let removed = changes.samples[.changeRemoved] ?? []
        html += "<h3>\(t("除名", "Removed"))</h3>\n"
        if removed.isEmpty {
            html += "<p class=\"note\">\(t("没有除名。", "No one was removed."))</p>\n"
        } else {
            if changes.counts[.changeRemoved, default: 0] > removed.count { html += "<p class=\"note\">\(limitNote)</p>\n" }
            html += "<table>\n<thead><tr><th class=\"r\">\(t("序号", "No."))</th><th>\(t("姓名", "Name"))</th><th>\(t("性别", "Gender"))</th>"
            html += "<th>\(t("出生年月", "Born"))</th><th>\(t("上次选区", "Previous constituency"))</th><th>\(t("原因", "Why"))</th>"
            html += "<th>\(t("上次名单中的行", "Row on the previous roll"))</th></tr></thead>\n<tbody>\n"
            for (index, change) in removed.enumerated() {
                html += "<tr><td class=\"r\">\(index + 1)</td><td>\(HTMLText.escape(change.name))</td><td>\(HTMLText.escape(change.gender))</td>"
                html += "<td>\(PublishedLists.birthMonthText(PublishedLists.birthMonth(change.birthDate)))</td>"
                html += "<td>\(constituencyLabel(change.previousConstituency))</td>"
                html += "<td>\(HTMLText.escape(change.reason?.text(language) ?? ""))</td><td class=\"mono\">\(HTMLText.escape(change.previousSource))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        let altered = (changes.samples[.changeMoved] ?? []) + (changes.samples[.changeRenamed] ?? [])
        if !altered.isEmpty {
            html += "<h3>\(t("选区或姓名变更", "Moved or renamed"))</h3>\n"
            html += "<table>\n<thead><tr><th>\(t("变动", "Change"))</th><th>\(t("姓名", "Name"))</th><th>\(t("上次", "Before"))</th>"
            html += "<th>\(t("本次", "Now"))</th><th>\(t("源表中的行", "Source row"))</th></tr></thead>\n<tbody>\n"
            for change in altered {
                let isMove = change.code == .changeMoved
                html += "<tr><td>\(HTMLText.escape(change.code.message(language)))</td><td>\(HTMLText.escape(change.name))</td>"
                html += "<td>\(isMove ? constituencyLabel(change.previousConstituency) : HTMLText.escape(change.previousName))</td>"
                html += "<td>\(isMove ? constituencyLabel(change.constituency) : HTMLText.escape(change.name))</td>"
                html += "<td class=\"mono\">\(HTMLText.escape(change.source))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html += "</section>\n"
        return html
    }

    private func publishedSection() -> String {
        var html = "<section id=\"published\">\n<h2>\(t("选民榜（公开张贴的选民名单）", "Published lists (to post)"))</h2>\n"
        let order = content.options.publishedOrder == .strokes ? t("按姓氏笔划排列", "ordered by surname strokes") : t("按姓名拼音排列", "ordered by pinyin")
        html += "<p>\(t("每个选区一份，", "One per constituency, "))\(order)\(t("，不含公民身份号码；用浏览器打开后打印（A4）。", ", without ID numbers; open in a browser and print on A4."))</p>\n"
        if content.published.isEmpty {
            return html + "<p class=\"note\">\(t("选民名单为空。", "The clean roll is empty."))</p>\n</section>\n"
        }
        html += "<table>\n<thead><tr><th>\(t("选区", "Constituency"))</th><th class=\"r\">\(t("人数", "People"))</th><th>\(t("文件", "Files"))</th></tr></thead>\n<tbody>\n"
        for list in content.published {
            html += "<tr><td>\(HTMLText.escape(list.title))</td>\(cell(list.count))<td>"
            html += list.files.map { name in
                let path = PublishedLists.folder + "/" + name
                let href = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
                return "<a href=\"\(HTMLText.escape(href))\">\(HTMLText.escape(name))</a>"
            }.joined(separator: " · ")
            html += "</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        for (written, title, note) in [
            (content.absentVoters, t("外出选民（未委托、未开证明）", "Voters away (no proxy, no certificate)"), t("（致外出选民的一封信，每人一页，A4 打印）", " (one letter a person, A4)")),
            (content.notices, t("告知户籍地（外县流入人员）", "Notices to in-migrants' home offices"), t("（每个户籍地一页，含公民身份号码，仅送对方选举委员会）", " (one page per home office, with ID numbers: for that office only)")),
            (content.cards, t("选民证", "Voter cards"), t("（每个选区一个文件，每页 8 张，沿虚线裁开；编号在运行记录库中保持不变）", " (a file per constituency, eight to an A4 sheet, cut along the dashed lines; numbers kept in the run store)")),
            (content.certificates, t("选民资格证明（外出选民在现居住地登记）", "Voter certificates (voters away registering where they live)"), t("（每人一页，A4 打印，盖章后交本人；编号在运行记录库中保持不变）", " (one page a person, A4; seal and hand over; numbers kept in the run store)")),
        ] {
            guard let written else { continue }
            html += "<h3>\(title)</h3>\n<p>" + t("共 ", "") + "<span class=\"num\">\(written.people)</span>" + t(" 人：", " people: ")
            html += written.files.map { path in
                let href = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
                return "<a href=\"\(HTMLText.escape(href))\">\(HTMLText.escape(path))</a>"
            }.joined(separator: " · ")
            html += note + "</p>\n"
        }
        if content.certificatesUnnumbered > 0 {
            html += "<h3>\(t("选民资格证明", "Voter certificates"))</h3>\n<p class=\"note\">"
            html += t(
                "<span class=\"num\">\(content.certificatesUnnumbered)</span> 人应开具选民资格证明，但本次运行未使用运行记录库（--no-store），证明编号无法保持不变，因此未开具。请去掉 --no-store 再运行。",
                "<span class=\"num\">\(content.certificatesUnnumbered)</span> people are due a voter certificate, but this run used no run store (--no-store), so their numbers could not be kept: none was issued. Run again without --no-store.")
            html += "</p>\n"
        }
        html += "</section>\n"
        return html
    }

    private func runFacts() -> String {
        let options = content.options
        var html = "<section id=\"run\">\n<h2>\(t("运行信息", "Run facts"))</h2>\n<table class=\"narrow\">\n<tbody>\n"
        func row(_ label: String, _ value: String) {
            html += "<tr><th>\(label)</th><td>\(value)</td></tr>\n"
        }
        row(t("选举日", "Election day"), date(options.electionDay))
        row(t("运行时间", "Run at"), time(content.runTime))
        row(t("程序版本", "Version"), "VoterRoll " + HTMLText.escape(summary.version))
        row(
            t("2月29日出生者", "Born on 29 February"),
            options.leapDayRule == .february28 ? t("平年2月28日满周岁", "a year older on 28 February in common years") : t("平年3月1日满周岁", "a year older on 1 March in common years"))
        row(t("输出编码", "Output encoding"), options.outputEncoding.rawValue)
        row(t("输出格式", "Formats"), (["csv"] + options.formats.map(\.rawValue).filter { $0 != "csv" }.sorted()).joined(separator: ", "))
        row(t("选民榜排列", "Published order"), options.publishedOrder == .strokes ? t("姓氏笔划", "surname strokes") : t("拼音", "pinyin"))
        let failOn = options.failOn.map(severityLabel) ?? t("从不", "never")
        row(
            t("退出状态", "Exit status"),
            "<span data-summary=\"exit_status\" data-value=\"\(summary.exitStatus)\">\(summary.exitStatus)</span>"
                + t("（--fail-on：\(failOn)）", " (--fail-on: \(failOn))"))
        html += "</tbody>\n</table>\n"
        html += "<h3>\(t("输入文件", "Input files"))</h3>\n<table>\n<thead><tr><th>\(t("用途", "Role"))</th><th>\(t("文件", "File"))</th>"
        html += "<th class=\"r\">\(t("大小", "Size"))</th><th>SHA-256</th></tr></thead>\n<tbody>\n"
        for input in content.inputs {
            html += "<tr><td>\(roleLabel(input.role))</td><td class=\"mono\">\(HTMLText.escape(input.digest.path))</td>"
            html += "<td class=\"r\" title=\"\(input.digest.size) bytes\">\(size(input.digest.size))</td>"
            html += "<td class=\"hash\">\(input.digest.sha256)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        html += "<h3>\(t("输出文件", "Output files"))</h3>\n<ul>\n"
        var outputs: [(String, String)] = [
            ("roll.csv", t("选民名单（含身份号码）", "the clean roll (with ID numbers)")),
            ("rejected.csv", t("排除的行及原因", "excluded rows and why")),
            ("findings.csv", t("全部问题，一条一行", "every finding, one per line")),
            ("findings.jsonl", t("同上，供程序读取", "the same, for programs")),
            ("summary.json", t("计数", "the counts")),
        ]
        if options.formats.contains(.xlsx) { outputs.append(("roll.xlsx", t("选民名单（Excel）", "the clean roll (Excel)"))) }
        if options.formats.contains(.annotated) {
            outputs.append(("annotated/", t("登记册和各名单的原表，问题单元格已标色并加批注", "the register and lists as sent, each problem cell marked and explained")))
        }
        if content.changes != nil { outputs.append(("changes.csv", t("与上次选民名单相比的变动", "changes since the previous roll"))) }
        for (name, description) in outputs {
            html += "<li><a href=\"\(name)\">\(name)</a> — \(description)</li>\n"
        }
        html += "</ul>\n</section>\n"
        return html
    }

    private func script() -> String {
        // Inside CDATA so the page stays well-formed XML; `//` hides the markers from script.
        """
        <script>
        //<![CDATA[
        (function () {
          var box = document.getElementById("filter");
          var severity = document.getElementById("severity");
          var shown = document.getElementById("shown");
          if (!box || !severity) { return; }
          var rows = document.querySelectorAll("#action-table tbody tr");
          function apply() {
            var words = box.value.toLowerCase().split(/\\s+/).filter(function (w) { return w.length > 0; });
            var wanted = severity.value;
            var count = 0;
            for (var i = 0; i < rows.length; i++) {
              var row = rows[i];
              var text = row.textContent.toLowerCase();
              var ok = (wanted === "" || row.getAttribute("data-severity") === wanted) &&
                words.every(function (w) { return text.indexOf(w) !== -1; });
              row.style.display = ok ? "" : "none";
              if (ok) { count++; }
            }
            shown.textContent = String(count);
          }
          box.addEventListener("input", apply);
          severity.addEventListener("change", apply);
        })();
        //]]>
        </script>

        """
    }
}
