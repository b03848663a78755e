/// 流入: in-migrants on the moved_in list with a voter certificate from their hukou place join
/// the roll in their constituency, checked like register rows; those already on it are noted
/// on the list row (`migrant.in-already-listed`); those without a certificate are not added
/// (`migrant.in-no-certificate`, only their ID number read).
final class InMigrantRule: AdmissionRule, ListDetailsReader {
    /// The ID rule, for the one check an in-migrant without a certificate gets.
    private let idRule: IDRule

    init(idRule: IDRule) {
        self.idRule = idRule
    }

    /// The person the list row describes, with their certificate number.
    func details(_ row: MappedRow, in context: CheckContext) -> (ListEntry.Details, [(FindingCode, RawValue)]) {
        let columns = PersonColumns(row.mapping)
        var person = columns.person(row)
        person.otherCells = columns.otherCells(row.row)
        return (.movedIn(certificateNumber: row.rawValue(.certificateNumber).trimmed, person: person), [])
    }

    func admit(in context: CheckContext, path: any PersonPath, sink: any FindingSink) throws {
        for entry in context.lists.entries[.movedIn] ?? [] {
            guard case .movedIn(let certificate, var person) = entry.details else { continue }
            if let id = entry.id, let first = context.people.first(id) {
                try sink.report(
                    entry.finding(
                        .migrantInAlreadyListed, at: entry.rawID,
                        evidence: context.sources.idAddress(first.source, row: first.row).cell),
                    on: .list)
                continue
            }
            if certificate.isEmpty {
                idRule.check(&person, in: context)
                person.report(.migrantInNoCertificate, at: entry.rawID)
                try path.decide(person, origin: .inMigrantWithoutCertificate)
            } else {
                path.check(&person)
                try path.decide(person, origin: .inMigrant)
            }
        }
    }
}
