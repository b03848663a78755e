/// Every rule of a run, in the order it runs. The one list: a rule not named here does not run.
///
/// Adding a rule: one file in `Check/Rules/` (a final class conforming to the kinds it needs,
/// see `Rule.swift`), one line here, one test file in `Tests/VoterRollKitTests/Check/Rules/`.
struct RuleRegistry {
    /// Rules on each person before they are decided, in order (register rows, then
    /// in-migrants). A later rule may read what an earlier one set: the ID rule sets
    /// `person.id`, the name rule `person.name`; the township rule asks whether the row is
    /// still kept after every rule before it.
    let row: [any RowRule]
    /// Rules that see each person once decided.
    let decision: [any DecisionRule]
    /// Rules bringing people besides the register to the roll, after the register.
    let admission: [any AdmissionRule]
    /// Rules run once every person is decided, in order (their findings are written in this
    /// order).
    let closing: [any ClosingRule]
    /// Rules that read more of a list row than the ID number, by list.
    let listDetails: [ListKind: any ListDetailsReader]

    /// The rules of a run; `previous` is the previous published roll, when the run compares
    /// against one; `register` the first register file (where run-level findings point).
    init(options: CheckOptions, previous: PreviousRoll?, register: String? = nil) {
        let id = IDRule()
        let township = TownshipRule()
        let probable = ProbableDuplicateRule()
        let inMigrants = InMigrantRule(idRule: id)
        let changes = previous.map { ChangeRule(previous: $0, options: options) }
        let deprived = DeprivedRule()
        let movedOut = MovedOutRule()
        let appeals = AppealRule()
        let proxies = ProxyRule()
        let balance = ConstituencyBalanceRule(options: options)

        row = [
            id,
            NameRule(),
            StatedFactsRule(),
            AgeRule(),
            ListMatchRule(deprived),
            ListMatchRule(IncapacitatedRule()),
            ListMatchRule(SuspendedRule()),
            ListMatchRule(DeceasedRule()),
            ListMatchRule(movedOut),
            appeals,
            SameIDRule(),
            // After every rule that can exclude: only a person still kept is claimed.
            township,
        ]
        decision = [probable, proxies] + (changes.map { [$0] } ?? []) + [balance]
        admission = [inMigrants, appeals]
        closing = (register.map { [CalendarRule(register: $0)] } ?? []) + [township, probable, UnmatchedListRule(), proxies]
            + (changes.map { [$0] } ?? []) + [balance]
        listDetails = [.deprived: deprived, .movedOut: movedOut, .movedIn: inMigrants, .appeals: appeals]
    }
}

extension RuleRegistry {
    /// What the register cannot be used without: who (ID, name) and where they vote.
    static let registerColumns = NeededColumns([[.idNumber], [.name], [.constituency]])

    /// The rules that read a list, each declaring its columns.
    static let listReaders: [any ReadsColumns.Type] = [
        DeprivedRule.self, IncapacitatedRule.self, SuspendedRule.self, DeceasedRule.self, MovedOutRule.self, InMigrantRule.self,
        ProxyRule.self, AppealRule.self,
    ]

    /// The columns a file of `role` needs, as its rule declares them.
    static func neededColumns(for role: HeaderRole) -> NeededColumns {
        guard role != .register else { return registerColumns }
        return listReaders.first { $0.role == role }?.neededColumns ?? NeededColumns([[.idNumber]])
    }
}

extension NeededColumns {
    /// The columns a run needs in a file of `role` (for `inspect`).
    public static func of(_ role: HeaderRole) -> NeededColumns { RuleRegistry.neededColumns(for: role) }
}
