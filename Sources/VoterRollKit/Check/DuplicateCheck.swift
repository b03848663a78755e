/// Finds people registered twice.
///
/// The same ID twice: the first occurrence in file order stays and later ones are excluded
/// (`dup.same-id`, evidence naming the kept row). The same name match key and birth date
/// under different IDs may be one person with a mistyped number, or two people: both stay,
/// both are flagged (`dup.probable`) for a person to decide. Memory grows with the number of
/// distinct people (8-byte IDs), not with the file.
struct DuplicateCheck: RowCheck {
    /// Where a person was first seen.
    struct FirstSeen: Sendable {
        var rowIndex: Int
        var address: CellAddress
        var isKept: Bool
    }

    private struct ProbableKey: Hashable {
        var matchKey: String
        var birthDate: CivilDate
    }

    private struct ProbableFirst {
        var rowIndex: Int
        var id: ResidentID
        var nameAddress: CellAddress
        var nameHeader: String?
        var rawName: String
        var name: String
        var isFlagged: Bool
    }

    private(set) var seen: [ResidentID: FirstSeen] = [:]
    private var probable: [ProbableKey: ProbableFirst] = [:]

    mutating func check(_ person: inout PersonRecord, in context: CheckContext) {
        guard let id = person.id else { return }
        let rowIndex = context.currentRowIndex
        if let first = seen[id] {
            person.report(.dupSameId, at: person.rawID, evidence: first.address.cell)
            return
        }
        seen[id] = FirstSeen(rowIndex: rowIndex, address: person.address(of: person.rawID), isKept: person.isKept)
        checkProbable(&person, id: id, rowIndex: rowIndex, context: context)
    }

    private mutating func checkProbable(_ person: inout PersonRecord, id: ResidentID, rowIndex: Int, context: CheckContext) {
        guard let name = person.name, !name.matchKey.isEmpty else { return }
        let key = ProbableKey(matchKey: name.matchKey, birthDate: id.birthDate)
        guard var first = probable[key] else {
            probable[key] = ProbableFirst(
                rowIndex: rowIndex, id: id, nameAddress: person.address(of: person.rawName),
                nameHeader: person.rawName.header, rawName: person.rawName.text, name: name.canonical, isFlagged: false)
            return
        }
        guard first.id != id else { return }
        person.report(.dupProbable, at: person.rawName, evidence: first.nameAddress.cell)
        if !first.isFlagged {
            first.isFlagged = true
            probable[key] = first
            let finding = Finding(
                code: .dupProbable, address: first.nameAddress, columnName: first.nameHeader, value: first.rawName,
                name: first.name, idNumber: first.id.canonical, evidence: person.address(of: person.rawName).cell)
            context.lateFindings.append((first.rowIndex, finding))
        }
    }

    /// Whether an ID is on the clean roll (first occurrence kept).
    func isOnCleanRoll(_ id: ResidentID) -> Bool {
        seen[id]?.isKept ?? false
    }

    /// Records a person added after the register (an in-migrant), so proxies can find them.
    mutating func recordAddition(_ id: ResidentID, rowIndex: Int, address: CellAddress) {
        seen[id] = FirstSeen(rowIndex: rowIndex, address: address, isKept: true)
    }
}
