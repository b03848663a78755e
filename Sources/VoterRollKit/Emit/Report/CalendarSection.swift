/// report.html's calendar section: the dates the law fixes around election day
/// (`ElectionCalendar`), where the as-of day falls among them, and what is due — appeals
/// overdue, late or decided late, counted from summary.json (`data-summary` as elsewhere).
struct CalendarSection {
    let calendar: ElectionCalendar
    let summary: RunSummary
    let language: Language

    private func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    private func date(_ day: CivilDate?) -> String {
        guard let day else { return t("（未给出）", "(not given)") }
        return language == .zh ? ElectionCalendar.chinese(day) : day.iso8601
    }

    private func count(_ code: FindingCode) -> String {
        let value = summary.byCode[code.rawValue, default: 0]
        return "<span class=\"num\" data-summary=\"by_code.\(code.rawValue)\" data-value=\"\(value)\">\(value)</span>"
    }

    var html: String {
        var html = "<section id=\"calendar\">\n<h2>\(t("选举日程", "Registration calendar"))</h2>\n"
        html += "<table>\n<thead><tr><th>\(t("事项", "Date"))</th><th>\(t("日期", "Day"))</th><th>\(t("依据", "Rule"))</th></tr></thead>\n<tbody>\n"
        let rows: [(String, CivilDate?, String)] = [
            (t("选民名单公布日", "List posted"), calendar.postingDay, t("选举日的二十日以前公布（最迟 \(date(calendar.latestPostingDay))）", "at least 20 days before election day (by \(date(calendar.latestPostingDay)))")),
            (t("申诉截止日", "Appeals due"), calendar.appealDeadline, t("公布之日起五日内", "within 5 days of posting")),
            (t("起诉截止日", "Suits due"), calendar.suitDeadline, t("选举日的五日以前", "at least 5 days before election day")),
            (t("选举日", "Election day"), calendar.electionDay, ""),
        ]
        for (label, day, rule) in rows {
            let isToday = day == calendar.asOf
            html += "<tr\(isToday ? " class=\"today\"" : "")><td>\(label)</td><td>\(date(day))</td><td>\(rule)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        html += "<p>\(t("核对日期", "As of")) <strong>\(date(calendar.asOf))</strong>：\(phase)</p>\n"
        if summary.appeals != nil {
            html += "<p>\(t("申诉：逾期未处理", "Appeals: undecided past 3 days")) \(count(.appealOverdue))"
            html += t("；超过申诉期限收到 ", "; received after the deadline ") + count(.appealLate)
            html += t("；超过三日才处理 ", "; decided after 3 days ") + count(.appealDecidedLate)
            html += t("；补登 ", "; added ") + count(.appealAdded)
            html += t("；删除 ", "; removed ") + count(.appealRemoved)
            html += t("；需更正信息 ", "; details to correct ") + count(.appealCorrection)
            html += t("；补登冲突 ", "; conflicts ") + count(.appealConflict) + t("。", ".") + "</p>\n"
            html += "<p class=\"note\">\(t("选举委员会应在收到申诉后三日内作出处理决定；申诉人对处理决定不服的，可以在选举日的五日以前向人民法院起诉。", "The election committee decides an appeal within 3 days of receiving it; an appellant who disagrees may sue at least 5 days before election day."))</p>\n"
        }
        html += "</section>\n"
        return html
    }

    /// Where the as-of day falls, and what is due next.
    private var phase: String {
        let asOf = calendar.asOf
        switch calendar.phase {
        case .beforePosting:
            let days = (calendar.postingDay?.dayNumber ?? asOf.dayNumber) - asOf.dayNumber
            return t("名单尚未公布，距公布日 \(days) 日。", "the list is not posted yet; \(days) days to the posting day.")
        case .appealPeriod(let left):
            return left == 0
                ? t("申诉期最后一日。", "the last day for appeals.")
                : t("申诉期内，还剩 \(left) 日。", "within the appeal period, \(left) days left.")
        case .decisions:
            return t("申诉期已过；申诉应在收到后三日内处理完毕，起诉截止于 \(date(calendar.suitDeadline))。", "the appeal period is over; appeals are decided within 3 days of receipt; suits are due by \(date(calendar.suitDeadline)).")
        case .closing:
            let days = calendar.electionDay.dayNumber - asOf.dayNumber
            return t("起诉期限已过，距选举日 \(days) 日。", "suits are no longer possible; \(days) days to election day.")
        case .afterElection:
            return t("选举日已过。", "election day has passed.")
        case .unknown:
            return t("未给出选民名单公布日，无法计算申诉期限。", "no posting day given, so the appeal deadlines cannot be computed.")
        }
    }
}
