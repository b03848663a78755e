import Foundation

/// The statistics form as a table: its columns (the one list, for statistics.csv,
/// statistics.xlsx and the report), and the writer of the two files.
enum StatisticsTable {
    /// A column: its group (新增, 减少, 外出人员, or none), its name, and its value in a row.
    struct Column: Sendable {
        var group: (zh: String, en: String)?
        var zh: String
        var en: String
        var value: @Sendable (StatisticsForm.Row) -> Int?

        func header(_ language: Language) -> String {
            let name = language == .zh ? zh : en
            guard let group else { return name }
            return (language == .zh ? group.zh : group.en) + "-" + name
        }
    }

    private static let added = (zh: "新增", en: "Added")
    private static let removed = (zh: "减少", en: "Removed")
    private static let away = (zh: "外出人员", en: "Away")

    /// The columns after 选区 and before the share (选民小组数 … 登记选民数).
    static let counts: [Column] = [
        Column(zh: "选民小组数", en: "Voter groups") { $0.voterGroups },
        Column(zh: "登记册人数", en: "Register rows") { $0.registerRows },
        Column(zh: "年满十八周岁人数", en: "Aged 18 or over") { $0.adults },
        Column(zh: "登记选民数", en: "Registered voters") { $0.registered },
    ]

    /// The columns after the share (新增 … 少数民族选民数).
    static let details: [Column] = [
        Column(group: added, zh: "年满十八周岁", en: "turned 18") { $0.additions?.turnedEighteen },
        Column(group: added, zh: "迁入", en: "moved in") { $0.additions?.movedIn },
        Column(group: added, zh: "恢复政治权利", en: "rights restored") { $0.additions?.restored },
        Column(group: added, zh: "申诉增补", en: "appeal") { $0.additions?.appeal },
        Column(group: added, zh: "其他", en: "other") { $0.additions?.other },
        Column(group: removed, zh: "死亡", en: "deceased") { $0.removals?.deceased },
        Column(group: removed, zh: "迁出", en: "moved out") { $0.removals?.movedOut },
        Column(group: removed, zh: "剥夺政治权利", en: "deprived") { $0.removals?.deprived },
        Column(group: removed, zh: "停止行使选举权利", en: "suspended") { $0.removals?.suspended },
        Column(group: removed, zh: "精神病患者", en: "incapacitated") { $0.removals?.incapacitated },
        Column(group: removed, zh: "其他", en: "other") { $0.removals?.other },
        Column(group: away, zh: "已委托", en: "proxy given") { $0.away.proxied },
        Column(group: away, zh: "已开证明", en: "certificate") { $0.away.certified },
        Column(group: away, zh: "未处理", en: "not handled") { $0.away.unhandled },
        Column(zh: "委托投票人数", en: "Proxy votes") { $0.proxies },
        Column(zh: "女性选民数", en: "Women voters") { $0.women },
        Column(zh: "少数民族选民数", en: "Minority voters") { $0.minorities },
    ]

    static func constituencyHeader(_ language: Language) -> String { language == .zh ? "选区" : "Constituency" }
    static func shareHeader(_ language: Language) -> String { language == .zh ? "占登记册人数比例" : "Share of register" }
    static func totalLabel(_ language: Language) -> String { language == .zh ? "合计" : "Total" }

    /// The header row of statistics.csv and .xlsx.
    static func header(_ language: Language) -> [String] {
        [constituencyHeader(language)] + counts.map { $0.header(language) } + [shareHeader(language)]
            + details.map { $0.header(language) }
    }

    /// 占登记册人数比例 as written: one decimal place, "" without register rows.
    static func share(_ row: StatisticsForm.Row) -> String {
        row.registeredShare.map { String(format: "%.1f%%", $0 * 100) } ?? ""
    }

    /// A row's cells, the constituency as given (the total row's label, or "" for rows without one).
    static func cells(_ row: StatisticsForm.Row, label: String) -> [XLSXWriter.Value] {
        var cells: [XLSXWriter.Value] = [.text(label)]
        for column in counts { cells.append(column.value(row).map { .number($0) } ?? .text("")) }
        cells.append(.text(share(row)))
        for column in details { cells.append(column.value(row).map { .number($0) } ?? .text("")) }
        return cells
    }

    /// The rows of the table: each constituency, then the total.
    static func rows(_ form: StatisticsForm, language: Language) -> [[XLSXWriter.Value]] {
        form.rows.map { cells($0, label: $0.constituency) } + [cells(form.total, label: totalLabel(language))]
    }

    /// Writes statistics.csv (and statistics.xlsx when asked) into `folder`; returns the names written.
    static func write(
        _ form: StatisticsForm, folder: String, language: Language, encoding: OutputEncoding, xlsx: Bool
    ) throws(OutputError) -> [String] {
        let csv = try CSVWriter(path: folder + "/statistics.csv", encoding: encoding, isPrivate: false, header: header(language))
        for row in rows(form, language: language) {
            try csv.writeRow(row.map(\.csvText))
        }
        try csv.commit()
        guard xlsx else { return ["statistics.csv"] }
        let workbook = try XLSXWriter(
            path: folder + "/statistics.xlsx", sheetName: language == .zh ? "选民登记统计表" : "statistics", isPrivate: false,
            columnWidths: [14] + [Double](repeating: 10, count: counts.count + 1 + details.count))
        try workbook.writeRow(header(language).map { .text($0) }, style: .header)
        for row in rows(form, language: language) { try workbook.writeRow(row) }
        try workbook.commit()
        return ["statistics.csv", "statistics.xlsx"]
    }
}

extension XLSXWriter.Value {
    /// The cell as a CSV file writes it: the text, or the number in decimal.
    var csvText: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        }
    }
}
