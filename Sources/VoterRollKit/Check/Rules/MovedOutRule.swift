/// 外出: with a voter certificate the person registers where they live and is excluded here;
/// without one they stay here, flagged absent (they need a proxy or the mobile ballot box).
///
/// A certificate cell that says neither yes nor no decides nothing silently: the person stays
/// on this roll (absent) and the list row gets `list.value-unreadable` for review. Excluding
/// on an unreadable cell could leave them on no roll at all, a vote taken away that only an
/// appeal restores; kept, the worst case is a double registration the warning (and, in a
/// county store, `dup.same-id`) puts in front of a person before the roll is published.
struct MovedOutRule: ListRule, ListDetailsReader, ReadsColumns {
    var kind: ListKind { .movedOut }
    static let role = HeaderRole.list(.movedOut)
    static let neededColumns = NeededColumns([[.idNumber], [.certificateIssued]])

    func code(for entry: ListEntry, on electionDay: CivilDate) -> FindingCode? {
        guard case .movedOut(let hasCertificate, _, _, _) = entry.details else { return nil }
        return hasCertificate ? .migrantRegisteredElsewhere : .migrantAbsent
    }

    /// Where a voter away lives and their phone go with them: for the letter to a voter away
    /// without a certificate (`AbsentVoters`), and for the certificate of one the list says is
    /// to have one (`VoterCertificates`), with its number when already issued.
    func note(_ entry: ListEntry, on person: inout PersonRecord) {
        guard case .movedOut(let hasCertificate, let residence, let phone, let number) = entry.details else { return }
        person.away = PersonRecord.AwayFacts(
            residence: residence, phone: phone, certificate: hasCertificate ? .issued(number: number) : .none)
    }

    /// Whether the list row says a certificate was issued; an unreadable cell is no
    /// certificate, with a warning.
    func details(_ row: MappedRow, in context: CheckContext) -> (ListEntry.Details, [(FindingCode, RawValue)]) {
        let value = row.rawValue(.certificateIssued)
        let residence = row.rawValue(.currentResidence).trimmed
        let phone = row.rawValue(.phone).trimmed
        let number = row.rawValue(.certificateNumber).trimmed
        switch MovedOutRule.answer(value.trimmed) {
        case true?: return (.movedOut(hasCertificate: true, residence: residence, phone: phone, certificateNumber: number), [])
        case false?: return (.movedOut(hasCertificate: false, residence: residence, phone: phone), [])
        case nil: return (.movedOut(hasCertificate: false, residence: residence, phone: phone), [(.listValueUnreadable, value)])
        }
    }

    /// What a yes/no cell says: true, false, or nil when it is neither (an empty cell is no).
    static func answer(_ text: String) -> Bool? {
        let key = HeaderAliases.key(text)
        if key.isEmpty || noWords.contains(key) { return false }
        if yesWords.contains(key) { return true }
        return nil
    }

    /// Compared after `HeaderAliases.key` (spaces gone, full width folded, lower case).
    static let yesWords: Set<String> = [
        "是", "有", "已", "已开", "已开具", "已开证明", "已开具证明", "已出具", "已办理", "已领取", "开具", "已发", "持有", "是的", "有证明",
        "待开具", "需开具", "拟开具", "应开具",
        "y", "yes", "true", "1", "√", "✓", "✔", "☑", "对",
    ]
    static let noWords: Set<String> = [
        "否", "无", "没有", "未", "未开", "未开具", "未开证明", "未开具证明", "未出具", "未办理", "未领取", "不开具", "无证明", "没有证明",
        "n", "no", "false", "0", "×", "✗", "✘", "x", "☐", "-", "—", "/", "不是",
    ]
}
