/// The few lines a run prints at the end: where every row went, and the findings by severity.
public enum SummaryText: Sendable {
    public static func describe(_ summary: RunSummary, language: Language, outputDirectory: String) -> String {
        let rows = summary.rows
        let heading = rows.headerRows + rows.titleRows
        var text = ""
        switch language {
        case .zh:
            text += "读取 \(rows.rowsRead) 行 = 保留 \(summary.kept) + 排除 \(summary.excluded) + 空行 \(rows.blankRows) + 表头/标题 \(heading) + 未识别工作表 \(rows.skippedRows)\n"
            if summary.inMigrantsAdded + summary.inMigrantsNotAdded > 0 {
                text += "流入人员：登记 \(summary.inMigrantsAdded) 人，未登记 \(summary.inMigrantsNotAdded) 人\n"
            }
            if let appeals = summary.appeals, appeals.added + appeals.notAdded > 0 {
                text += "申诉补登：补入 \(appeals.added) 人，未补入 \(appeals.notAdded) 人\n"
            }
            text += "选民名单 \(summary.registered) 人；问题：错误 \(summary.bySeverity["error", default: 0])，警告 \(summary.bySeverity["warning", default: 0])，提示 \(summary.bySeverity["info", default: 0])\n"
            text += "结果已写入 \(outputDirectory)\n"
        case .en:
            text += "read \(rows.rowsRead) rows = kept \(summary.kept) + excluded \(summary.excluded) + blank \(rows.blankRows) + header/title \(heading) + sheets without a header \(rows.skippedRows)\n"
            if summary.inMigrantsAdded + summary.inMigrantsNotAdded > 0 {
                text += "in-migrants: \(summary.inMigrantsAdded) added, \(summary.inMigrantsNotAdded) not added\n"
            }
            if let appeals = summary.appeals, appeals.added + appeals.notAdded > 0 {
                text += "appeals (left off): \(appeals.added) added, \(appeals.notAdded) not added\n"
            }
            text += "clean roll: \(summary.registered) people; findings: \(summary.bySeverity["error", default: 0]) errors, \(summary.bySeverity["warning", default: 0]) warnings, \(summary.bySeverity["info", default: 0]) notes\n"
            text += "outputs written to \(outputDirectory)\n"
        }
        return text
    }

}
