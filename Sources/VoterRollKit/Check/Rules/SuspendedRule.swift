/// 停止行使选举权利 by the procuratorate or court: not registered.
struct SuspendedRule: ListRule {
    var kind: ListKind { .suspended }
    func code(for entry: ListEntry, on electionDay: CivilDate) -> FindingCode? { .rightsSuspended }
}
