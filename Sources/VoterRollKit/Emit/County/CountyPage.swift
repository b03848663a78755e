import Foundation

/// county.html: the county election committee's page for one election day. Which townships
/// have not run, which are failing, and each township's roll and statistics totals; charts
/// drawn as inline SVG (no script, nothing fetched), and it prints on A4 landscape.
struct CountyPage {
    let report: CountyReport
    let language: Language
    let generated: Date

    private func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    func render() -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="\(t("zh-CN", "en"))">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta name="generator" content="VoterRoll \(VoterRollVersion.current)"/>
            <title>\(t("全县选民登记汇总", "County registration summary")) · \(HTMLText.escape(report.electionDay))</title>
            <style>
            :root { --error: #b42318; --warning: #b54708; --kept: #2e7d4f; --excluded: #b9b9b9; --line: #d0d5dd; --soft: #f5f6f8; --none: #98a2b3; }
            * { box-sizing: border-box; }
            body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
              margin: 0 auto; max-width: 1400px; padding: 20px 28px 40px; color: #1d2433; font-size: 14px; line-height: 1.5; }
            h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #1d2433; }
            .sub, .note { color: #475467; } .note { font-size: 13px; }
            .cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0; }
            .card { flex: 1 1 120px; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
            .card .label { color: #475467; font-size: 13px; } .card .num { display: block; font-size: 24px; font-weight: 600; }
            .card.error .num { color: var(--error); } .card.none .num { color: var(--none); }
            table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
            th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; }
            th { background: var(--soft); font-weight: 600; }
            td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; } td.r { white-space: nowrap; } th { vertical-align: bottom; }
            tr.total td { font-weight: 600; background: var(--soft); }
            tr.not-run td { color: var(--none); font-style: italic; }
            td.name { white-space: nowrap; font-weight: 600; }
            .badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; color: #fff; white-space: nowrap; }
            .badge.ok { background: var(--kept); } .badge.failing { background: var(--error); } .badge.not-run { background: var(--none); }
            .charts { display: flex; flex-wrap: wrap; gap: 12px 36px; }
            svg text { font-family: inherit; fill: #1d2433; } svg { max-width: 100%; height: auto; }
            footer { margin-top: 30px; border-top: 1px solid var(--line); padding-top: 8px; color: #475467; font-size: 12px; }
            @page { size: A4 landscape; margin: 12mm; }
            @media print { body { max-width: none; padding: 0; font-size: 11px; } table { font-size: 10px; } tr { break-inside: avoid; } h2 { break-after: avoid; } }
            </style>
            </head>
            <body>

            """
        html += header()
        html += table()
        html += charts()
        html += "<footer><p>"
        html += t(
            "数据取自共用的运行记录库中各乡镇在该选举日的最近一次运行；本页不含公民身份号码。",
            "Taken from each township's latest run for the election day in the shared run store; this page holds no ID numbers.")
        html += "</p></footer>\n</body>\n</html>\n"
        return html
    }

    private func header() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm (xxx)"
        var html = "<header>\n<h1>\(t("全县选民登记汇总", "County registration summary"))</h1>\n"
        html += "<p class=\"sub\">\(t("选举日", "Election day")) <strong>\(HTMLText.escape(report.electionDay))</strong> · "
        html += "\(t("生成时间", "generated")) \(formatter.string(from: generated))</p>\n"
        let notRun = report.townships.filter { $0.status == .notRun }.map { HTMLText.escape($0.name) }
        let failing = report.townships.filter { $0.status == .failing }.map { HTMLText.escape($0.name) }
        let separator = t("、", ", ")
        if !notRun.isEmpty {
            html += "<p><span class=\"badge not-run\">\(t("未运行", "not run"))</span> \(notRun.joined(separator: separator))</p>\n"
        }
        if !failing.isEmpty {
            html += "<p><span class=\"badge failing\">\(t("有错误", "errors"))</span> \(failing.joined(separator: separator))</p>\n"
        }
        html += "<div class=\"cards\">\n"
        let cards: [(String, Int, String)] = [
            (t("乡镇", "Townships"), report.townships.count, ""),
            (t("已运行", "Run"), report.townships.count - report.count(.notRun), ""),
            (t("未运行", "Not run"), report.count(.notRun), report.count(.notRun) > 0 ? "none" : ""),
            (t("有错误", "With errors"), report.count(.failing), report.count(.failing) > 0 ? "error" : ""),
            (t("选民名单人数", "On the rolls"), report.kept, ""),
            (t("错误", "Errors"), report.errors, report.errors > 0 ? "error" : ""),
            (t("跨乡镇重复", "Cross-township duplicates"), report.crossTownship, ""),
        ]
        for (label, value, style) in cards {
            html += "<div class=\"card \(style)\"><span class=\"label\">\(label)</span><span class=\"num\">\(HTMLText.count(value))</span></div>\n"
        }
        return html + "</div>\n</header>\n"
    }

    /// The rows of county.csv shown as two tables that fit a page: the runs (township …
    /// cross-township duplicates), then the statistics form's totals.
    private func table() -> String {
        let header = CountyReportFiles.header(language)
        let rows = CountyReportFiles.rows(report, language: language)
        let split = header.count - StatisticsTable.header(language).count + 1
        var html = "<h2>\(t("各乡镇运行情况", "Townships' runs"))</h2>\n"
        html += part(header: Array(header[0..<split]), rows: rows.map { Array($0[0..<split]) }, id: "county-runs")
        html += "<h2>\(t("各乡镇选民登记统计（合计行）", "Townships' registration statistics (total rows)"))</h2>\n"
        html += part(
            header: [header[0]] + Array(header[split...]), rows: rows.map { [$0[0]] + Array($0[split...]) }, id: "county-statistics")
        html += "<p class=\"note\">" + t(
            "各乡镇的数字取自其最近一次运行的 summary.json 与选民登记统计表（定义见 docs/STATISTICS.md）；合计为已运行乡镇之和。新增、减少须有上次选民名单，少数民族须登记册有“民族”列，否则空白。",
            "Each township's figures are its latest run's summary.json and statistics form (defined in docs/STATISTICS.md); the total sums the townships that ran. Added and Removed need a previous roll, Minority voters a 民族 column; otherwise blank.")
        return html + "</p>\n"
    }

    /// One table of the page; the second column of the runs' table is the status, as a badge.
    private func part(header: [String], rows: [[XLSXWriter.Value]], id: String) -> String {
        var html = "<table id=\"\(id)\">\n<thead><tr>"
        for (index, name) in header.enumerated() { html += "<th\(index == 0 ? "" : " class=\"r\"")>\(HTMLText.escape(name))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for (index, row) in rows.enumerated() {
            let isTotal = index == report.townships.count
            let status = isTotal ? nil : report.townships[index].status
            html += "<tr\(isTotal ? " class=\"total\"" : status == .notRun ? " class=\"not-run\"" : "")>"
            for (column, value) in row.enumerated() {
                switch (column, value) {
                case (0, _): html += "<td class=\"name\">\(HTMLText.escape(isTotal ? StatisticsTable.totalLabel(language) : report.townships[index].name))</td>"
                case (1, _) where id == "county-runs":
                    html += status.map { "<td><span class=\"badge \($0.rawValue)\">\($0.label(language))</span></td>" } ?? "<td></td>"
                case (_, .number(let number)): html += "<td class=\"r\">\(HTMLText.count(number))</td>"
                case (_, .text(let text)): html += "<td class=\"r\">\(HTMLText.escape(text))</td>"
                }
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    private func charts() -> String {
        var html = "<h2>\(t("图表", "Charts"))</h2>\n<div class=\"charts\">\n<div>\n"
        html += "<p><strong>\(t("各乡镇选民名单人数", "On the roll, by township"))</strong></p>\n"
        html += bars(report.townships.map { ($0.name, $0.run == nil ? nil : $0.kept, $0.status) })
        html += "</div>\n<div>\n<p><strong>\(t("各乡镇错误数", "Errors, by township"))</strong></p>\n"
        html += bars(report.townships.map { ($0.name, $0.run == nil ? nil : $0.errors, $0.status) })
        html += "</div>\n</div>\n<p class=\"note\">" + t(
            "红色为最近一次运行有错误的乡镇，绿色为没有错误的乡镇，灰色为未运行。",
            "Red: the latest run has errors; green: no errors; grey: not run.")
        return html + "</p>\n"
    }

    /// One bar per township, coloured by status; a township that has not run shows the words.
    private func bars(_ rows: [(label: String, value: Int?, status: CountyReport.Status)]) -> String {
        let rowHeight = 20.0, barHeight = 14.0, labelWidth = 110.0, barArea = 360.0
        let width = labelWidth + barArea + 80
        let largest = Double(max(rows.compactMap(\.value).max() ?? 0, 1))
        let height = Double(max(rows.count, 1)) * rowHeight + 8
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\">\n"
        for (index, row) in rows.enumerated() {
            let y = 4 + Double(index) * rowHeight
            let label = HTMLText.escape(row.label)
            svg += "<text x=\"\(labelWidth)\" y=\"\(y + barHeight - 3)\" text-anchor=\"end\" font-size=\"12\">\(label)</text>\n"
            guard let value = row.value else {
                svg += "<text x=\"\(labelWidth + 8)\" y=\"\(y + barHeight - 3)\" font-size=\"11\" font-style=\"italic\" style=\"fill: var(--none)\">\(t("未运行", "not run"))</text>\n"
                continue
            }
            let barWidth = max(barArea * Double(value) / largest, value > 0 ? 1 : 0)
            let colour = row.status == .failing ? "--error" : "--kept"
            svg += "<rect x=\"\(labelWidth + 8)\" y=\"\(y)\" width=\"\(String(format: "%.1f", barWidth))\" height=\"\(barHeight)\" style=\"fill: var(\(colour))\">"
            svg += "<title>\(label): \(value)</title></rect>\n"
            svg += "<text x=\"\(String(format: "%.1f", labelWidth + 12 + barWidth))\" y=\"\(y + barHeight - 3)\" font-size=\"11\">\(HTMLText.count(value))</text>\n"
        }
        return svg + "</svg>\n"
    }
}
