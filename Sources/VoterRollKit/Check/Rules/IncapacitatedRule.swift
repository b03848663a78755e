/// 精神病患者, confirmed by the election committee: not registered.
struct IncapacitatedRule: ListRule {
    var kind: ListKind { .incapacitated }
    func code(for entry: ListEntry, on electionDay: CivilDate) -> FindingCode? { .rightsIncapacitated }
}
