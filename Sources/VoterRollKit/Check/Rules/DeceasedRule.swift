/// 死亡: not registered.
struct DeceasedRule: ListRule, ReadsColumns {
    var kind: ListKind { .deceased }
    static let role = HeaderRole.list(.deceased)
    static let neededColumns = NeededColumns([[.idNumber]])
    func code(for entry: ListEntry, on electionDay: CivilDate) -> FindingCode? { .statusDeceased }
}
