/// What the report shows of the changes against the previous roll: counts, reasons and the
/// first changes of each kind, gathered as the changes are reported.
struct ChangeDigest: Sendable {
    var previousFile: String
    var previousCounts: RowCounts
    var previousPeople: Int
    var previousRowsWithoutID: Int
    var previousRepeatedRows: Int
    var previousElectionDay: CivilDate
    var counts: [FindingCode: Int] = [:]
    /// Reason code → (text, count), for additions and removals.
    var reasons: [FindingCode: [String: (text: String, count: Int)]] = [:]
    /// The first `sampleLimit` changes of each kind, in file order.
    var samples: [FindingCode: [RollChange]] = [:]

    static let sampleLimit = 5_000

    init(previous: PreviousRoll, previousElectionDay: CivilDate) {
        previousFile = previous.file
        previousCounts = previous.counts
        previousPeople = previous.people.count
        previousRowsWithoutID = previous.rowsWithoutID
        previousRepeatedRows = previous.repeatedRows
        self.previousElectionDay = previousElectionDay
    }

    mutating func add(_ change: RollChange, language: Language) {
        counts[change.code, default: 0] += 1
        if let reason = change.reason {
            let key = reason.code
            let known = reasons[change.code]?[key]
            reasons[change.code, default: [:]][key] = (
                known?.text ?? ChangeDigest.reasonLabel(reason, language), (known?.count ?? 0) + 1
            )
        }
        if samples[change.code, default: []].count < ChangeDigest.sampleLimit {
            samples[change.code, default: []].append(change)
        }
    }

    /// The reason without the per-person detail (the birthday), for counting.
    private static func reasonLabel(_ reason: ChangeReason, _ language: Language) -> String {
        switch reason {
        case .turnedEighteen: language == .zh ? "年满十八周岁" : "turned 18"
        default: reason.text(language)
        }
    }
}
