/// The same ID number twice in one run: the first occurrence in file order stays and later
/// ones are excluded (`dup.same-id`, evidence naming the first row). Decided as the register
/// streams, since it excludes.
final class SameIDRule: RowRule {
    func check(_ person: inout PersonRecord, in context: CheckContext) {
        guard let id = person.id, let first = context.people.first(id) else { return }
        person.report(.dupSameId, at: person.rawID, evidence: context.sources.idAddress(first.source, row: first.row).cell)
    }
}
