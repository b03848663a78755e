/// 停止行使选举权利 by the procuratorate or court: not registered.
struct SuspendedRule: ListRule, ReadsColumns {
    var kind: ListKind { .suspended }
    static let role = HeaderRole.list(.suspended)
    static let neededColumns = NeededColumns([[.idNumber]])
    func code(for entry: ListEntry, on electionDay: CivilDate) -> FindingCode? { .rightsSuspended }
}
