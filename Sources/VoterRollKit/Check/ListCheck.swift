/// Matches a roll row against one list by ID number and applies that list's rule.
///
/// One place for what all lists share: a match is by ID; when the names' match keys differ
/// the row is kept with `list.name-mismatch` and nothing is excluded on that entry, because
/// a register must never exclude a voter on one weak signal.
struct ListCheck: RowCheck {
    let kind: ListKind
    let rule: any ListRule

    func check(_ person: inout PersonRecord, in context: CheckContext) {
        guard let id = person.id else { return }
        for entry in context.lists.match(kind, id: id, digest: context.digest(id)) {
            guard entry.nameAgrees(with: person.name, hasher: context.hasher) else {
                person.report(
                    .listNameMismatch, at: person.rawName,
                    evidence: "\(entry.evidence): \(entry.hashedName != nil ? "name_hmac" : entry.name?.canonical ?? entry.rawName.text)")
                continue
            }
            if let code = rule.code(for: entry, on: context.electionDay) {
                person.report(code, at: person.rawID, evidence: entry.evidence)
            }
        }
    }
}

/// What one list does to a matched person.
protocol ListRule: Sendable {
    /// The finding for a person the entry names, or nil when the entry changes nothing.
    func code(for entry: ListEntry, on electionDay: CivilDate) -> FindingCode?
}
