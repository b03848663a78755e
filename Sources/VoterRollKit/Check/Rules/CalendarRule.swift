/// The posting day against election day (选举法 第二十九条: the list is posted at least 20
/// days before): `calendar.posting-late` when fewer, `calendar.posting-missing` when the run
/// was not told the posting day (no appeal deadline can be computed, and the posted lists
/// carry the law's general sentence instead of a date).
///
/// A finding about the run's settings, not a cell: it points at the first register file's
/// first row, as the cron guard does, with the setting in `columnName`.
final class CalendarRule: ClosingRule {
    /// The first register file, where the finding points.
    let register: String

    init(register: String) {
        self.register = register
    }

    func close(in context: CheckContext, sink: any FindingSink) throws {
        let calendar = context.calendar
        let address = CellAddress(file: register, row: 1)
        guard let posting = calendar.postingDay else {
            try sink.report(Finding(code: .calendarPostingMissing, address: address, columnName: "posting_day"), on: .list)
            return
        }
        if calendar.isPostingLate {
            let days = calendar.electionDay.dayNumber - posting.dayNumber
            try sink.report(
                Finding(
                    code: .calendarPostingLate, address: address, columnName: "posting_day", value: posting.iso8601,
                    evidence: "公布日 \(posting.iso8601)，选举日 \(calendar.electionDay.iso8601)，相隔 \(days) 日；最迟应于 \(calendar.latestPostingDay.iso8601) 公布"),
                on: .list)
        }
    }
}
