/// One published list (选民榜) as an HTML page to print on A4 and post.
///
/// Printing is done by the browser: `@page` sets A4 and the margins, and its margin boxes put
/// the title at the top and 第 N 页，共 M 页 at the bottom of every sheet; the table's header
/// row repeats on every page (`thead { display: table-header-group }`) and no row is split
/// across pages. On screen it shows as a sheet of paper. Always in Chinese: it is posted for
/// voters. The page is XHTML-compatible, so an XML parser can check it.
///
/// With the posting day known, the page is dated (公布日期, and the date under the seal) and its
/// appeal sentence names the deadline (posting day + 5); without it, the law's general
/// sentence. A supplementary list (补充名单) has a fifth column, 变动 (增补 or 删除).
struct PublishedListPage {
    var title: String
    var electionDay: CivilDate
    var order: NameOrdering.Order
    var count: Int
    /// The posting day and the appeal deadline, when the run knows them.
    var postingDay: CivilDate? = nil
    var appealDeadline: CivilDate? = nil
    /// Whether rows carry a fifth cell, 变动 (the supplementary list).
    var changeColumn = false

    init(title: String, electionDay: CivilDate, order: NameOrdering.Order, count: Int) {
        self.title = title
        self.electionDay = electionDay
        self.order = order
        self.count = count
    }

    /// A page dated by the run's calendar.
    init(title: String, calendar: ElectionCalendar, order: NameOrdering.Order, count: Int, changeColumn: Bool = false) {
        self.init(title: title, electionDay: calendar.electionDay, order: order, count: count)
        postingDay = calendar.postingDay
        appealDeadline = calendar.appealDeadline
        self.changeColumn = changeColumn
    }

    /// Writes the page to `path` (atomically, or in a `StagedFolder` when `staged`); `rows`
    /// calls `emit(序号, [姓名, 性别, 出生年月, 选民小组])` for each person in order (with 变动
    /// as a fifth cell on a supplementary list).
    func write(
        path: String, staged: Bool = false,
        rows: ((Int, [String]) throws(OutputError) -> Void) throws(OutputError) -> Void
    ) throws(OutputError) {
        let file = try AtomicFile(path: path, isPrivate: false, staged: staged)
        try file.write(head())
        var line: [UInt8] = []
        line.reserveCapacity(256)
        try rows { (number, cells) throws(OutputError) in
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: "<tr><td class=\"n\">".utf8)
            line.append(contentsOf: String(number).utf8)
            line.append(contentsOf: "</td><td class=\"name\">".utf8)
            line.append(contentsOf: HTMLText.escape(cells[0]).utf8)
            line.append(contentsOf: "</td><td class=\"c\">".utf8)
            line.append(contentsOf: HTMLText.escape(cells[1]).utf8)
            line.append(contentsOf: "</td><td class=\"c\">".utf8)
            line.append(contentsOf: HTMLText.escape(cells[2]).utf8)
            line.append(contentsOf: "</td><td>".utf8)
            line.append(contentsOf: HTMLText.escape(cells[3]).utf8)
            if changeColumn {
                line.append(contentsOf: "</td><td class=\"c\">".utf8)
                line.append(contentsOf: HTMLText.escape(cells.count > 4 ? cells[4] : "").utf8)
            }
            line.append(contentsOf: "</td></tr>\n".utf8)
            try file.write(line)
        }
        try file.write(tail())
        try file.commit()
    }

    private var orderText: String {
        order == .strokes ? "按姓氏笔划排列" : "按姓名拼音排列"
    }

    private func head() -> String {
        let escapedTitle = HTMLText.escape(title)
        let cssTitle = title.cssStringContent
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta name="generator" content="VoterRoll \(VoterRollVersion.current)"/>
            <title>\(escapedTitle)</title>
            <style>
            @page {
              size: A4 portrait;
              margin: 20mm 16mm 18mm 16mm;
              @top-center { content: "\(cssTitle)"; font-size: 10pt; color: #333; }
              @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 10pt; }
            }
            html { background: #e8e8e8; }
            body {
              font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun-ExtB", "SimSun-ExtG", "MingLiU-ExtB", "HanaMinB", "BabelStone Han", "Plangothic P1", "Plangothic P2", serif;
              font-size: 12pt; color: #000; background: #fff;
              width: 178mm; margin: 8mm auto; padding: 12mm 16mm;
              box-shadow: 0 1px 6px rgba(0, 0, 0, 0.25);
            }
            h1 { text-align: center; font-size: 20pt; letter-spacing: 0.12em; margin: 0 0 5mm; }
            .meta { display: flex; justify-content: space-between; font-size: 11pt; margin: 0 0 3mm; }
            table { width: 100%; border-collapse: collapse; }
            thead { display: table-header-group; }
            tr { break-inside: avoid; page-break-inside: avoid; }
            th, td { border: 0.6pt solid #000; padding: 0.9mm 2.5mm; line-height: 1.3; }
            th { font-weight: bold; background: #f0f0f0; text-align: center; }
            td.n { text-align: right; width: 12%; font-variant-numeric: tabular-nums; }
            td.name { width: 30%; letter-spacing: 0.05em; }
            td.c { text-align: center; width: 14%; }
            .notice { margin: 6mm 0 0; font-size: 11pt; line-height: 1.6; }
            .sign { margin: 10mm 0 0; text-align: right; font-size: 12pt; line-height: 2; }
            @media print {
              html { background: none; }
              body { width: auto; margin: 0; padding: 0; box-shadow: none; }
              th { background: none; }
            }
            </style>
            </head>
            <body>
            <h1>\(escapedTitle)</h1>
            <div class="meta"><span>选举日：\(ElectionCalendar.chinese(electionDay))</span>\
            \(postingDay.map { "<span>公布日期：\(ElectionCalendar.chinese($0))</span>" } ?? "")\
            <span>共 \(count) 人</span><span>\(orderText)</span></div>
            <table>
            <thead><tr><th>序号</th><th>姓名</th><th>性别</th><th>出生年月</th><th>选民小组</th>\(changeColumn ? "<th>变动</th>" : "")</tr></thead>
            <tbody>

            """
    }

    /// The appeal sentence: with the deadline when the posting day is known.
    var notice: String {
        if let appealDeadline {
            return "对本名单有不同意见的，可于 \(ElectionCalendar.chinese(appealDeadline)) 前向选举委员会提出申诉"
        }
        return "对公布的选民名单有不同意见的，可以在选民名单公布之日起五日内向选举委员会提出申诉"
    }

    private func tail() -> String {
        """
        </tbody>
        </table>
        <p class="notice">\(notice)（《中华人民共和国全国人民代表大会和地方各级人民代表大会选举法》第二十九条）。</p>
        <p class="sign">选举委员会（盖章）<br/>\(postingDay.map(ElectionCalendar.chinese) ?? "年　　月　　日")</p>
        </body>
        </html>

        """
    }
}

extension String {
    /// The text inside a double-quoted CSS string literal, escaped by Unicode scalar.
    ///
    /// By scalar, not by `Character`: `"` followed by a combining mark is one Character, and
    /// a check on Characters let it close the string and restyle the page. Quotes,
    /// backslashes, `& < >` (the page is also read as XML) and every control, separator or
    /// format character become CSS escapes (`\22 `), which the browser shows as the scalar.
    var cssStringContent: String {
        var output = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            let value = scalar.value
            let escaped: Bool
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: escaped = true
            default: escaped = "\"\\'&<>".unicodeScalars.contains(scalar)
            }
            guard escaped else {
                output.append(scalar)
                continue
            }
            // U+0000 and surrogates cannot be written in CSS at all (they become U+FFFD).
            guard value != 0, value < 0xFFFE || value > 0xFFFF else { continue }
            // A hex escape ends at the space after it, which CSS consumes.
            output.append(contentsOf: "\\\(String(value, radix: 16, uppercase: true)) ".unicodeScalars)
        }
        return String(output)
    }
}
