/// 外出: with a voter certificate the person registers where they live and is excluded here;
/// without one they stay here, flagged absent (they need a proxy or the mobile ballot box).
struct MovedOutRule: ListRule, ListDetailsReader {
    var kind: ListKind { .movedOut }

    func code(for entry: ListEntry, on electionDay: CivilDate) -> FindingCode? {
        guard case .movedOut(let hasCertificate) = entry.details else { return nil }
        return hasCertificate ? .migrantRegisteredElsewhere : .migrantAbsent
    }

    /// Whether the list row says a certificate was issued.
    func details(_ row: MappedRow, in context: CheckContext) -> (ListEntry.Details, [(FindingCode, RawValue)]) {
        (.movedOut(hasCertificate: MovedOutRule.isYes(row.rawValue(.certificateIssued).trimmed)), [])
    }

    /// Whether a certificate column says yes.
    static func isYes(_ text: String) -> Bool {
        ["是", "有", "已开", "已开具", "已开证明", "y", "yes", "true", "1", "√", "✓"].contains(text.lowercased())
    }
}
