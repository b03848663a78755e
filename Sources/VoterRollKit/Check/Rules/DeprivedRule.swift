/// 剥夺政治权利 (刑法 54–58): excluded while deprived on election day; registered again after.
///
/// Deprived when start ≤ election day ≤ end; 终身 has no end. A deprivation that ended
/// before election day gives `rights.restored`. A period that cannot be read excludes (the
/// list row gets a warning for review): wrongly letting a deprived person vote cannot be
/// undone on the day, while a wrongly excluded person appears in the report and can appeal.
struct DeprivedRule: ListRule, ListDetailsReader, ReadsColumns {
    var kind: ListKind { .deprived }
    static let role = HeaderRole.list(.deprived)
    /// Without the start or the end the period cannot be read for anyone.
    static let neededColumns = NeededColumns([[.idNumber], [.start], [.end]])

    func code(for entry: ListEntry, on electionDay: CivilDate) -> FindingCode? {
        guard case .deprivation(let start, let startReadable, let end) = entry.details else { return nil }
        guard startReadable else { return .rightsDeprived }
        if let start, start.isAfter(electionDay) { return nil }
        switch end {
        case .lifelong, .unreadable:
            return .rightsDeprived
        case .date(let last):
            return last.isBefore(electionDay) ? .rightsRestored : .rightsDeprived
        }
    }

    /// The period as the list row writes it: a start (optional) and an end (a date or 终身).
    func details(_ row: MappedRow, in context: CheckContext) -> (ListEntry.Details, [(FindingCode, RawValue)]) {
        var unreadable: [(FindingCode, RawValue)] = []
        let startValue = row.rawValue(.start)
        let endValue = row.rawValue(.end)
        var start: ParsedDate?
        var startReadable = true
        if !startValue.trimmed.isEmpty {
            start = context.dates.parse(startValue.text, cellIsNumeric: startValue.kind == .number)
            if start == nil {
                startReadable = false
                unreadable.append((.listDateUnparseable, startValue))
            }
        }
        let end: ListEntry.DeprivationEnd
        let endText = endValue.trimmed
        if DeprivedRule.lifelongWords.contains(endText) {
            end = .lifelong
        } else if let date = context.dates.parse(endValue.text, cellIsNumeric: endValue.kind == .number) {
            end = .date(date)
        } else {
            end = .unreadable
            unreadable.append((.listDateUnparseable, endValue))
        }
        return (.deprivation(start: start, startReadable: startReadable, end: end), unreadable)
    }

    /// How lists write a deprivation for life.
    static let lifelongWords: Set<String> = ["终身", "终生", "无期", "lifelong", "life"]
}
