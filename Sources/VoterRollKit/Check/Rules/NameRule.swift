/// Canonicalises the name for the roll and reports a missing, odd or rare-character name.
final class NameRule: RowRule {
    func check(_ person: inout PersonRecord, in context: CheckContext) {
        let raw = person.rawName
        let name = context.names.normalize(raw.text)
        person.name = name
        guard !name.issues.isEmpty else { return }
        person.findings += context.names.findings(
            for: raw.text, normalized: name, at: person.address(of: raw), columnName: raw.header, idNumber: person.displayID)
    }
}
