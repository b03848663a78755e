/// Finds people registered twice.
///
/// The same ID twice: the first occurrence in file order stays and later ones are excluded
/// (`dup.same-id`, evidence naming the kept row) — decided as the register streams, since
/// it excludes. The same name match key and birth date under different IDs may be one person
/// with a mistyped number, or two people: both stay, both are flagged (`dup.probable`) for a
/// person to decide. That flag never changes a decision, so it is worked out once at the end
/// (`ProbableDuplicates`) from a compact list, instead of a large index held during the run.
/// Memory grows with the number of distinct people, not with the file.
struct DuplicateCheck: RowCheck {
    /// Where a person was first seen.
    struct FirstSeen: Sendable {
        /// Position on the roll, or -1 when the row was excluded.
        var rowIndex: Int32
        var source: Int32
        var row: Int32
        var isKept: Bool
    }

    private(set) var seen: [ResidentID: FirstSeen] = [:]
    private var probable = ProbableDuplicates()

    mutating func check(_ person: inout PersonRecord, in context: CheckContext) {
        guard let id = person.id else { return }
        if let first = seen[id] {
            person.report(.dupSameId, at: person.rawID, evidence: context.sources.idAddress(first.source, row: first.row).cell)
            return
        }
        // Kept so far: another township may hold them already (the earlier registration stays).
        if person.isKept, let registry = context.registry { registry.decide(&person, id: id) }
        let source = context.sources.intern(person)
        let rowIndex = Int32(context.currentRowIndex)
        let row = Int32(person.source.row)
        seen[id] = FirstSeen(rowIndex: rowIndex, source: source, row: row, isKept: person.isKept)
        if let name = person.name, !name.matchKey.isEmpty {
            probable.add(matchKey: name.matchKey, id: id, rowIndex: rowIndex, source: source, row: row, rawName: person.rawName.text)
        }
    }

    /// The `dup.probable` findings, once every person has been seen.
    mutating func probableFindings(in context: CheckContext) -> [(rowIndex: Int, finding: Finding)] {
        probable.findings(in: context)
    }

    /// Whether an ID is on the clean roll (first occurrence kept).
    func isOnCleanRoll(_ id: ResidentID) -> Bool {
        seen[id]?.isKept ?? false
    }

    /// Where an ID was first seen, for evidence.
    func firstAddress(of id: ResidentID, in context: CheckContext) -> CellAddress? {
        seen[id].map { context.sources.idAddress($0.source, row: $0.row) }
    }
}
