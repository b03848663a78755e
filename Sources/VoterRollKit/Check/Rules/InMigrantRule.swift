/// 流入: in-migrants on the moved_in list with a voter certificate from their hukou place join
/// the roll in their constituency, checked like register rows; those already on it are noted
/// on the list row (`migrant.in-already-listed`); those without a certificate are not added
/// (`migrant.in-no-certificate`, only their ID number read).
final class InMigrantRule: AdmissionRule, ListDetailsReader, ReadsColumns {
    static let role = HeaderRole.list(.movedIn)
    /// The certificate (its number, or whether one was issued) decides who is added; the
    /// constituency, where.
    static let neededColumns = NeededColumns([[.idNumber], [.certificateNumber, .certificateIssued], [.constituency]])
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
        person.inMigrant = PersonRecord.InMigrantFacts(
            hukouPlace: row.rawValue(.hukouPlace).trimmed, certificateNumber: row.rawValue(.certificateNumber).trimmed)
        // A list with only a certificate flag: yes stands for the number it does not give.
        guard row.mapping.column(for: .certificateNumber) == nil else {
            return (.movedIn(certificateNumber: row.rawValue(.certificateNumber).trimmed, person: person), [])
        }
        let flag = row.rawValue(.certificateIssued)
        switch MovedOutRule.answer(flag.trimmed) {
        case true?: return (.movedIn(certificateNumber: flag.trimmed, person: person), [])
        case false?: return (.movedIn(certificateNumber: "", person: person), [])
        // Not added on an unreadable cell: they stay on their hukou place's roll, and a person reviews it.
        case nil: return (.movedIn(certificateNumber: "", person: person), [(.listValueUnreadable, flag)])
        }
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
