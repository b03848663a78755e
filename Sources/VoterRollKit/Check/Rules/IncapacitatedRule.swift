/// 精神病患者, confirmed by the election committee: not registered.
struct IncapacitatedRule: ListRule, ReadsColumns {
    var kind: ListKind { .incapacitated }
    static let role = HeaderRole.list(.incapacitated)
    static let neededColumns = NeededColumns([[.idNumber]])
    func code(for entry: ListEntry, on electionDay: CivilDate) -> FindingCode? { .rightsIncapacitated }
}
