/// Compares the stated birth date and gender with the ID number, which is authoritative.
///
/// A disagreement is a warning for a person to look at, never a reason to exclude: the roll
/// uses what the ID number says (居民身份证法: 以身份证为准).
final class StatedFactsRule: RowRule {
    func check(_ person: inout PersonRecord, in context: CheckContext) {
        guard let id = person.id else { return }
        checkBirthDate(&person, id: id, context: context)
        checkGender(&person, id: id)
    }

    private func checkBirthDate(_ person: inout PersonRecord, id: ResidentID, context: CheckContext) {
        let raw = person.rawBirthDate
        guard !raw.trimmed.isEmpty else { return }
        guard let stated = context.dates.parse(raw.text, cellIsNumeric: raw.kind == .number) else {
            person.report(.dateUnparseable, at: raw, evidence: "ID: \(id.birthDate.iso8601)")
            return
        }
        if !stated.matches(id.birthDate) {
            person.report(.idBirthdateMismatch, at: raw, evidence: "ID: \(id.birthDate.iso8601)")
        }
    }

    private func checkGender(_ person: inout PersonRecord, id: ResidentID) {
        let raw = person.rawGender
        let text = raw.trimmed
        guard !text.isEmpty else { return }
        guard let stated = ResidentID.Gender(stated: text) else {
            person.report(.genderInvalid, at: raw, evidence: "ID: \(id.gender.label)")
            return
        }
        if stated != id.gender {
            person.report(.idGenderMismatch, at: raw, evidence: "ID: \(id.gender.label)")
        }
    }
}
