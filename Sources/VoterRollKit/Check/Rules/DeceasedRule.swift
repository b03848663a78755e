/// 死亡: not registered.
struct DeceasedRule: ListRule {
    var kind: ListKind { .deceased }
    func code(for entry: ListEntry, on electionDay: CivilDate) -> FindingCode? { .statusDeceased }
}
