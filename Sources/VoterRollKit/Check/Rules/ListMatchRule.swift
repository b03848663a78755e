/// Matches a person against one list by ID number and applies that list's rule.
///
/// One place for what all lists share: a match is by ID; when the names' match keys differ
/// the row is kept with `list.name-mismatch` and nothing is excluded on that entry, because
/// a register must never exclude a voter on one weak signal.
final class ListMatchRule: RowRule {
    let rule: any ListRule

    init(_ rule: any ListRule) {
        self.rule = rule
    }

    func check(_ person: inout PersonRecord, in context: CheckContext) {
        guard let id = person.id else { return }
        for entry in context.lists.match(rule.kind, id: id, digest: context.digest(id)) {
            guard ListMatchRule.namesAgree(entry, &person, in: context) else { continue }
            if let code = rule.code(for: entry, on: context.electionDay) {
                person.report(code, at: person.rawID, evidence: entry.evidence)
            }
            rule.note(entry, on: &person)
        }
    }
}

extension ListMatchRule {
    /// Whether a list entry and the person it matched by ID have the same name; when not, the
    /// person gets `list.name-mismatch` and the entry must change nothing.
    static func namesAgree(_ entry: ListEntry, _ person: inout PersonRecord, in context: CheckContext) -> Bool {
        guard entry.nameAgrees(with: person.name, hasher: context.hasher) else {
            person.report(
                .listNameMismatch, at: person.rawName,
                evidence: "\(entry.evidence): \(entry.hashedName != nil ? "name_hmac" : entry.name?.canonical ?? entry.rawName.text)")
            return false
        }
        return true
    }
}

/// What one list does to a person it names.
protocol ListRule: Sendable {
    /// The list this rule applies.
    var kind: ListKind { get }
    /// The finding for a person the entry names, or nil when the entry changes nothing.
    func code(for entry: ListEntry, on electionDay: CivilDate) -> FindingCode?
    /// What the entry tells about the person beyond a finding (a voter away's residence).
    func note(_ entry: ListEntry, on person: inout PersonRecord)
}

extension ListRule {
    func note(_ entry: ListEntry, on person: inout PersonRecord) {}
}

/// Reads what a list row says beyond who the person is (a period, a certificate), for the
/// lists whose rule needs more than the ID number. `ListLoader` asks the registry's reader
/// for the list's kind.
protocol ListDetailsReader {
    /// The row's details, and the cells that could not be read (each becomes a finding on the
    /// list row).
    func details(_ row: MappedRow, in context: CheckContext) -> (ListEntry.Details, [(FindingCode, RawValue)])
}
