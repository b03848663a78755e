/// The few lines a run prints at the end: where every row went, and the findings by severity.
public enum SummaryText: Sendable {
    public static func describe(_ summary: RunSummary, language: Language, outputDirectory: String) -> String {
        let rows = summary.rows
        let heading = rows.headerRows + rows.titleRows
        var text = ""
        switch language {
        case .zh:
            text += "读取 \(rows.rowsRead) 行 = 保留 \(summary.kept) + 排除 \(summary.excluded) + 空行 \(rows.blankRows) + 表头/标题 \(heading) + 未识别工作表 \(rows.skippedRows)\n"
            if summary.added + summary.notAdded > 0 { text += "流入人员：登记 \(summary.added) 人，未登记 \(summary.notAdded) 人\n" }
            text += "选民名单 \(summary.registered) 人；问题：错误 \(summary.bySeverity["error", default: 0])，警告 \(summary.bySeverity["warning", default: 0])，提示 \(summary.bySeverity["info", default: 0])\n"
            text += "结果已写入 \(outputDirectory)\n"
        case .en:
            text += "read \(rows.rowsRead) rows = kept \(summary.kept) + excluded \(summary.excluded) + blank \(rows.blankRows) + header/title \(heading) + sheets without a header \(rows.skippedRows)\n"
            if summary.added + summary.notAdded > 0 { text += "in-migrants: \(summary.added) added, \(summary.notAdded) not added\n" }
            text += "clean roll: \(summary.registered) people; findings: \(summary.bySeverity["error", default: 0]) errors, \(summary.bySeverity["warning", default: 0]) warnings, \(summary.bySeverity["info", default: 0]) notes\n"
            text += "outputs written to \(outputDirectory)\n"
        }
        return text
    }

}
