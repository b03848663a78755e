/// Townships of one county sharing a store: **the earlier registration stays.** A person this
/// run would keep whom another township already holds is excluded (`dup.same-id`, evidence
/// naming that township and its row); once the roll is complete, the rows other townships
/// excluded because this township holds the person are reported here too, so both offices
/// see them. The store decides who was earlier (`TownshipRegistry`).
final class TownshipRule: RowRule, ClosingRule {
    func check(_ person: inout PersonRecord, in context: CheckContext) {
        // Only a first occurrence still kept: a repeat is this run's own `dup.same-id`.
        guard let registry = context.registry, let id = person.id, person.isKept, context.people.first(id) == nil
        else { return }
        registry.decide(&person, id: id)
    }

    func close(in context: CheckContext, sink: any FindingSink) throws {
        for finding in context.registry?.findingsForKeptPeople() ?? [] {
            try sink.report(finding, on: .list)
        }
    }
}
