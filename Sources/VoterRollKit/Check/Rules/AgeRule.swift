/// Excludes people under 18 on election day and flags implausible ages.
///
/// Eligible when the 18th birthday is on or before election day (选举法 art. 4); a 29 February
/// birthday follows the run's leap-day rule.
final class AgeRule: RowRule {
    static let implausibleAge = 120

    func check(_ person: inout PersonRecord, in context: CheckContext) {
        guard let id = person.id else { return }
        let birth = id.birthDate
        let age = birth.age(on: context.electionDay, rule: context.options.leapDayRule)
        if age < CivilDate.votingAge {
            let eighteenth = birth.anniversary(CivilDate.votingAge, rule: context.options.leapDayRule)
            person.report(.ageUnder18, at: person.rawID, evidence: "18: \(eighteenth?.iso8601 ?? "-")")
        } else if age > AgeRule.implausibleAge {
            person.report(.ageImplausible, at: person.rawID, evidence: "\(age)")
        }
    }
}
