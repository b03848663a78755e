/// 剥夺政治权利 (刑法 54–58): excluded while deprived on election day; registered again after.
///
/// Deprived when start ≤ election day ≤ end; 终身 has no end. A deprivation that ended
/// before election day gives `rights.restored`. A period that cannot be read excludes (the
/// list row gets a warning for review): wrongly letting a deprived person vote cannot be
/// undone on the day, while a wrongly excluded person appears in the report and can appeal.
struct DeprivedRule: ListRule {
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
}
