/// Reads the ID number (GB 11643-1999) and excludes a row whose number is missing or wrong.
///
/// A numeric cell is passed on as such: Excel keeps 15 significant digits, so an ID stored
/// as a number has lost its last digits for good (`id.excel-mangled`).
final class IDRule: RowRule {
    func check(_ person: inout PersonRecord, in context: CheckContext) {
        let raw = person.rawID
        switch ResidentID.parse(raw.text, cellIsNumeric: raw.kind == .number, referenceDay: context.electionDay) {
        case .valid(let id, let notes):
            person.id = id
            for code in notes.findingCodes {
                person.report(code, at: raw)
            }
        case .invalid(let code):
            person.report(code, at: raw)
        }
    }
}
