import Foundation

/// The report's section for the statistics form (选民登记统计表) and the constituencies'
/// balance: the form as statistics.csv has it, and a chart of voters per constituency — per
/// seat, against the township's average and the allowed band, when the pipeline names the
/// seats (`constituencies:`).
///
/// Every number of the form carries `data-summary` with its path in summary.json
/// (`statistics.rows.0.registered`), as the rest of the page does.
struct StatisticsSection {
    let form: StatisticsForm
    let options: CheckOptions
    private var language: Language { options.language }

    private func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    static let anchor = "statistics"

    static func navigationLabel(_ language: Language) -> String { language == .zh ? "统计表" : "Statistics" }

    func render() -> String {
        var html = "<section id=\"\(Self.anchor)\">\n<h2>\(t("选民登记统计表", "Registration statistics"))</h2>\n"
        html += "<p class=\"note\">"
        html += t(
            "与 statistics.csv、statistics.xlsx 相同，供向上级报送；各栏的定义见 docs/STATISTICS.md。",
            "The same as statistics.csv and statistics.xlsx, for reporting upward; each column is defined in docs/STATISTICS.md.")
        if form.total.additions == nil {
            html += t("未给出上次选民名单，新增、减少两栏空白。", " No previous roll was given: Added and Removed are blank.")
        }
        if form.total.minorities == nil {
            html += t("登记册没有“民族”列，少数民族选民数空白。", " The register has no 民族 column: Minority voters is blank.")
        }
        html += "</p>\n"
        html += table()
        html += balance()
        return html + "</section>\n"
    }

    private func table() -> String {
        let groups = StatisticsTable.details.map(\.group)
        // The form's 23 columns fit the page only if their headers wrap (the page's own headers do not).
        var html = "<style>#statistics-table th { white-space: normal; vertical-align: bottom; } #statistics-table td:first-child { white-space: nowrap; }</style>\n"
        html += "<div style=\"overflow-x: auto\"><table id=\"statistics-table\">\n<thead>\n<tr>"
        html += "<th rowspan=\"2\">\(StatisticsTable.constituencyHeader(language))</th>"
        for column in StatisticsTable.counts { html += "<th rowspan=\"2\" class=\"r\">\(column.header(language))</th>" }
        html += "<th rowspan=\"2\" class=\"r\">\(StatisticsTable.shareHeader(language))</th>"
        var index = 0
        while index < groups.count {
            if let group = groups[index] {
                var span = 1
                while index + span < groups.count, groups[index + span]?.zh == group.zh { span += 1 }
                html += "<th colspan=\"\(span)\" style=\"text-align: center\">\(language == .zh ? group.zh : group.en)</th>"
                index += span
            } else {
                html += "<th rowspan=\"2\" class=\"r\">\(StatisticsTable.details[index].header(language))</th>"
                index += 1
            }
        }
        html += "</tr>\n<tr>"
        for column in StatisticsTable.details where column.group != nil {
            html += "<th class=\"r\">\(language == .zh ? column.zh : column.en)</th>"
        }
        html += "</tr>\n</thead>\n<tbody>\n"
        for (position, row) in form.rows.enumerated() {
            html += line(row, label: row.constituency.isEmpty ? t("（未填选区）", "(no constituency)") : HTMLText.escape(row.constituency),
                key: "statistics.rows.\(position)", style: "")
        }
        html += line(form.total, label: StatisticsTable.totalLabel(language), key: "statistics.total", style: " class=\"total\"")
        return html + "</tbody>\n</table></div>\n"
    }

    private func line(_ row: StatisticsForm.Row, label: String, key: String, style: String) -> String {
        var html = "<tr\(style)><td data-summary=\"\(key).constituency\" data-value=\"\(HTMLText.escape(row.constituency))\">\(label)</td>"
        let paths = ["voter_groups", "register_rows", "adults", "registered"]
        for (column, path) in zip(StatisticsTable.counts, paths) { html += cell(column.value(row), key + "." + path) }
        html += "<td class=\"r\">\(StatisticsTable.share(row))</td>"
        let detailPaths = [
            "additions.turned_18", "additions.moved_in", "additions.restored", "additions.appeal", "additions.other",
            "removals.deceased", "removals.moved_out", "removals.deprived", "removals.suspended", "removals.incapacitated",
            "removals.other", "away.proxied", "away.certified", "away.unhandled", "proxies", "women", "minorities",
        ]
        for (column, path) in zip(StatisticsTable.details, detailPaths) { html += cell(column.value(row), key + "." + path) }
        return html + "</tr>\n"
    }

    private func cell(_ value: Int?, _ key: String) -> String {
        guard let value else { return "<td class=\"r dim\"></td>" }
        return "<td class=\"r\" data-summary=\"\(HTMLText.escape(key))\" data-value=\"\(value)\">\(HTMLText.count(value))</td>"
    }

    // MARK: Balance

    private func balance() -> String {
        let balance = ConstituencyBalance(
            voters: form.rows.map { (constituency: $0.constituency, voters: $0.registered) }, table: options.constituencySeats,
            shareBasisPoints: options.balanceShareBasisPoints)
        let hasTable = !options.constituencySeats.isEmpty
        var html = "<h3 id=\"constituencies\">\(t("各选区选民数", "Voters per constituency"))</h3>\n"
        guard hasTable else {
            html += "<p class=\"note\">"
            html += t(
                "流水线文件未给出各选区的代表名额（constituencies），未检查选区大小是否均衡；下图为各选区登记选民数。",
                "The pipeline names no seats per constituency (constituencies): balance was not checked; the chart shows voters per constituency.")
            html += "</p>\n"
            return html + Self.chart(balance.lines.map { ($0.constituency, Double($0.voters), false) }, average: nil, band: nil, language: language)
        }
        let allowed = ConstituencyBalanceRule.percent(options.balanceShareBasisPoints)
        html += "<p class=\"note\">"
        if let average = balance.average {
            html += t(
                "全乡镇每名代表平均代表 \(String(format: "%.1f", average)) 名选民；与平均数相差超过 \(allowed) 的选区标为不均衡（constituency.unbalanced）。",
                "Township average: \(String(format: "%.1f", average)) voters per seat; a constituency more than \(allowed) away is unbalanced (constituency.unbalanced).")
        } else {
            html += t("没有代表名额有效的选区。", "No constituency has valid seats.")
        }
        html += "</p>\n<table class=\"narrow\" id=\"balance-table\">\n<thead><tr><th>\(t("选区", "Constituency"))</th>"
        html += "<th class=\"r\">\(t("登记选民数", "Voters"))</th><th class=\"r\">\(t("代表名额", "Seats"))</th>"
        html += "<th class=\"r\">\(t("每名代表选民数", "Voters per seat"))</th><th class=\"r\">\(t("与平均数相差", "From average"))</th>"
        html += "<th>\(t("结论", "Verdict"))</th></tr></thead>\n<tbody>\n"
        for line in balance.lines {
            let name = line.constituency.isEmpty ? t("（未填选区）", "(no constituency)") : HTMLText.escape(line.constituency)
            html += "<tr><td>\(name)</td><td class=\"r\">\(HTMLText.count(line.voters))</td>"
            html += "<td class=\"r\">\(line.seats.map(String.init) ?? "")</td>"
            html += "<td class=\"r\">\(line.votersPerSeat.map { String(format: "%.1f", $0) } ?? "")</td>"
            html += "<td class=\"r\">\(balance.deviation(line).map { String(format: "%+.1f%%", $0 * 100) } ?? "")</td>"
            let verdict: String
            if !line.seatsValid {
                verdict = "<span class=\"badge error\">\(t("代表名额无效", "seats invalid"))</span>"
            } else if balance.isUnbalanced(line) {
                verdict = "<span class=\"badge warning\">\(t("不均衡", "unbalanced"))</span>"
            } else {
                verdict = t("均衡", "balanced")
            }
            html += "<td>\(verdict)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        let lines = balance.lines.compactMap { line in line.votersPerSeat.map { (line.constituency, $0, balance.isUnbalanced(line)) } }
        html += "<p class=\"note\">\(t("每名代表选民数（竖线为平均数，浅色带为允许范围）", "Voters per seat (the line is the average, the band the allowed range)"))</p>\n"
        return html + Self.chart(lines, average: balance.average, band: Double(options.balanceShareBasisPoints) / 10_000, language: language)
    }

    /// Horizontal bars, one per constituency, in the given order; with an average, a vertical
    /// line at it and a band of ± `band` around it, and bars outside the band in the warning
    /// colour. Inline SVG: no script, prints.
    static func chart(_ rows: [(label: String, value: Double, outside: Bool)], average: Double?, band: Double?, language: Language) -> String {
        let rowHeight = 22.0, barHeight = 15.0, top = 8.0, labelWidth = 130.0, barArea = 420.0
        let width = labelWidth + barArea + 90
        let largest = max(rows.map(\.value).max() ?? 0, (average ?? 0) * (1 + (band ?? 0)), 1)
        let height = top + Double(max(rows.count, 1)) * rowHeight + 8
        let scale = { (value: Double) in labelWidth + 8 + barArea * value / largest }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" class=\"chart-svg\" role=\"img\""
        svg += " aria-label=\"\(language == .zh ? "各选区选民数" : "Voters per constituency")\">\n"
        if let average, let band {
            let low = scale(average * (1 - band)), high = scale(average * (1 + band))
            svg += "<rect x=\"\(format(low))\" y=\"\(top - 4)\" width=\"\(format(high - low))\" height=\"\(format(height - top))\" fill=\"#2e7d4f\" opacity=\"0.12\"/>\n"
            svg += "<line x1=\"\(format(scale(average)))\" x2=\"\(format(scale(average)))\" y1=\"\(top - 4)\" y2=\"\(format(height - 4))\" stroke=\"#1d2433\" stroke-dasharray=\"4 3\"/>\n"
        }
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            let label = HTMLText.escape(row.label.isEmpty ? (language == .zh ? "（未填选区）" : "(none)") : row.label)
            let end = scale(row.value)
            let shown = average == nil ? HTMLText.count(Int(row.value)) : String(format: "%.1f", row.value)
            svg += "<text x=\"\(labelWidth)\" y=\"\(format(y + barHeight - 3))\" text-anchor=\"end\" font-size=\"12\">\(label)</text>\n"
            svg += "<rect x=\"\(labelWidth + 8)\" y=\"\(format(y))\" width=\"\(format(max(end - labelWidth - 8, 1)))\" height=\"\(barHeight)\""
            svg += " style=\"fill: var(\(row.outside ? "--warning" : "--kept"))\"><title>\(label): \(shown)</title></rect>\n"
            svg += "<text x=\"\(format(end + 4))\" y=\"\(format(y + barHeight - 3))\" font-size=\"11\">\(shown)</text>\n"
        }
        return svg + "</svg>\n"
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
