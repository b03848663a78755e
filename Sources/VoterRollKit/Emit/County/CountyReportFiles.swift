public import Foundation

/// Writes the county report: county.csv and county.xlsx (one row per township, then the
/// county's total) and county.html (the same table with charts, self-contained: inline CSS and
/// SVG, no script, prints). None holds an ID number.
public enum CountyReportFiles {
    public static let names = ["county.csv", "county.xlsx", "county.html"]

    /// The columns before the statistics form's.
    static func header(_ language: Language) -> [String] {
        let run =
            language == .zh
            ? ["乡镇", "状态", "运行编号", "运行时间", "退出状态", "选民名单人数", "排除人数", "错误", "警告", "跨乡镇重复（本乡镇排除）", "跨乡镇重复（他乡镇排除）"]
            : ["Township", "Status", "Run", "Run at", "Exit status", "On the roll", "Excluded", "Errors", "Warnings",
               "Cross-township (excluded here)", "Cross-township (excluded elsewhere)"]
        return run + Array(StatisticsTable.header(language).dropFirst())
    }

    static func rows(_ report: CountyReport, language: Language) -> [[XLSXWriter.Value]] {
        var rows: [[XLSXWriter.Value]] = []
        for township in report.townships {
            var cells: [XLSXWriter.Value] = [.text(township.name), .text(township.status.label(language))]
            if let run = township.run {
                cells += [
                    .number(Int(run.run)), .text(run.startedAt), run.exitStatus.map { .number($0) } ?? .text(""),
                    .number(township.kept), .number(township.excluded), .number(township.errors), .number(township.warnings),
                    .number(run.excludedHeldElsewhere), .number(run.heldExcludedElsewhere),
                ]
            } else {
                cells += [XLSXWriter.Value](repeating: .text(""), count: 9)
            }
            if let statistics = township.statistics {
                cells += StatisticsTable.cells(statistics, label: "").dropFirst()
            } else {
                cells += [XLSXWriter.Value](repeating: .text(""), count: header(language).count - cells.count)
            }
            rows.append(cells)
        }
        let crossElsewhere = report.townships.reduce(0) { $0 + ($1.run?.heldExcludedElsewhere ?? 0) }
        var total: [XLSXWriter.Value] = [
            .text(StatisticsTable.totalLabel(language)),
            .text(language == .zh
                ? "已运行 \(report.townships.count - report.count(.notRun))，未运行 \(report.count(.notRun))，有错误 \(report.count(.failing))"
                : "\(report.townships.count - report.count(.notRun)) run, \(report.count(.notRun)) not run, \(report.count(.failing)) with errors"),
            .text(""), .text(""), .text(""), .number(report.kept), .number(report.excluded), .number(report.errors), .number(report.warnings),
            .number(report.crossTownship), .number(crossElsewhere),
        ]
        total += StatisticsTable.cells(report.total, label: "").dropFirst()
        rows.append(total)
        return rows
    }

    /// Writes the three files into `directory` (created if need be), each replaced whole.
    public static func write(_ report: CountyReport, directory: String, language: Language, generated: Date) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: directory, message: "cannot create the output folder: \(error.localizedDescription)")
        }
        let header = header(language)
        let rows = rows(report, language: language)
        let csv = try CSVWriter(path: directory + "/county.csv", encoding: .utf8BOM, isPrivate: false, header: header)
        for row in rows { try csv.writeRow(row.map(\.csvText)) }
        try csv.commit()
        let workbook = try XLSXWriter(
            path: directory + "/county.xlsx", sheetName: language == .zh ? "全县选民登记汇总" : "county", isPrivate: false,
            columnWidths: [12, 10, 8, 20] + [Double](repeating: 10, count: header.count - 4), autoFilter: true)
        try workbook.writeRow(header.map { .text($0) }, style: .header)
        for row in rows { try workbook.writeRow(row) }
        try workbook.commit()
        let page = try AtomicFile(path: directory + "/county.html", isPrivate: false)
        try page.write(CountyPage(report: report, language: language, generated: generated).render())
        try page.commit()
    }
}
