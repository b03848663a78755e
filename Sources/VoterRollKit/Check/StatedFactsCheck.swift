/// Compares the stated birth date and gender with the ID number, which is authoritative.
///
/// A disagreement is a warning for a person to look at, never a reason to exclude: the roll
/// uses what the ID number says (居民身份证法: 以身份证为准).
struct StatedFactsCheck: RowCheck {
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
        guard let stated = StatedFactsCheck.gender(text) else {
            person.report(.genderInvalid, at: raw, evidence: "ID: \(StatedFactsCheck.label(id.gender))")
            return
        }
        if stated != id.gender {
            person.report(.idGenderMismatch, at: raw, evidence: "ID: \(StatedFactsCheck.label(id.gender))")
        }
    }

    /// The gender a cell states, in the ways registers write it.
    static func gender(_ text: String) -> ResidentID.Gender? {
        // 男 and 女 first, by their bytes: the switch compares with `String ==`, which
        // normalises both sides of each Chinese case that does not match, on every row.
        if NameCacheKey.sameBytes(text, "男") { return .male }
        if NameCacheKey.sameBytes(text, "女") { return .female }
        return switch text.lowercased() {
        case "男", "男性", "m", "male", "1": .male
        case "女", "女性", "f", "female", "2": .female
        default: nil
        }
    }

    /// How the roll writes a gender.
    static func label(_ gender: ResidentID.Gender) -> String {
        gender == .male ? "男" : "女"
    }
}
