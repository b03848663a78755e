/// Finds people registered twice.
///
/// The same ID twice: the first occurrence in file order stays and later ones are excluded
/// (`dup.same-id`, evidence naming the kept row). The same name match key and birth date
/// under different IDs may be one person with a mistyped number, or two people: both stay,
/// both are flagged (`dup.probable`) for a person to decide. Memory grows with the number of
/// distinct people, not with the file: a few dozen bytes each (8-byte IDs, numbered sheets).
struct DuplicateCheck: RowCheck {
    /// Where a person was first seen.
    struct FirstSeen: Sendable {
        /// Position on the roll, or -1 when the row was excluded.
        var rowIndex: Int32
        var source: Int32
        var row: Int32
        var isKept: Bool
    }

    private struct ProbableKey: Hashable {
        var matchKey: String
        var birthDate: CivilDate
    }

    private struct ProbableFirst {
        var id: ResidentID
        var rowIndex: Int32
        var source: Int32
        var row: Int32
        var isFlagged: Bool
        /// The name as written, for the finding about this row when a later one matches.
        var rawName: String
    }

    private(set) var seen: [ResidentID: FirstSeen] = [:]
    private var probable: [ProbableKey: ProbableFirst] = [:]

    mutating func check(_ person: inout PersonRecord, in context: CheckContext) {
        guard let id = person.id else { return }
        if let first = seen[id] {
            person.report(.dupSameId, at: person.rawID, evidence: context.sources.idAddress(first.source, row: first.row).cell)
            return
        }
        let source = context.sources.intern(person)
        let rowIndex = Int32(context.currentRowIndex)
        seen[id] = FirstSeen(rowIndex: rowIndex, source: source, row: Int32(person.source.row), isKept: person.isKept)
        checkProbable(&person, id: id, source: source, rowIndex: rowIndex, context: context)
    }

    private mutating func checkProbable(
        _ person: inout PersonRecord, id: ResidentID, source: Int32, rowIndex: Int32, context: CheckContext
    ) {
        guard let name = person.name, !name.matchKey.isEmpty else { return }
        let key = ProbableKey(matchKey: name.matchKey, birthDate: id.birthDate)
        guard var first = probable[key] else {
            probable[key] = ProbableFirst(
                id: id, rowIndex: rowIndex, source: source, row: Int32(person.source.row), isFlagged: false,
                rawName: person.rawName.text)
            return
        }
        guard first.id != id else { return }
        let firstAddress = context.sources.nameAddress(first.source, row: first.row)
        person.report(.dupProbable, at: person.rawName, evidence: firstAddress.cell)
        if !first.isFlagged {
            first.isFlagged = true
            probable[key] = first
            let finding = Finding(
                code: .dupProbable, address: firstAddress, columnName: context.sources[first.source].nameHeader,
                value: first.rawName, name: context.names.normalize(first.rawName).canonical,
                idNumber: first.id.canonical, evidence: person.address(of: person.rawName).cell)
            context.lateFindings.append((Int(first.rowIndex), finding))
        }
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
