/// 死亡: not registered.
struct DeceasedRule: ListRule {
    func code(for entry: ListEntry, on electionDay: CivilDate) -> FindingCode? { .statusDeceased }
}
