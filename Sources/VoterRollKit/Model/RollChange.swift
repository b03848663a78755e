/// One difference between the previous roll and this one, as changes.csv writes it.
struct RollChange: Sendable, Equatable {
    /// `changeAdded`, `changeRemoved`, `changeMoved` or `changeRenamed`.
    var code: FindingCode
    var reason: ChangeReason?
    var name: String
    var previousName: String
    var gender: String
    var birthDate: String
    var idNumber: String
    var constituency: String
    var previousConstituency: String
    var voterGroup: String
    /// The row on this roll's source (`roll.csv:12`), empty for a removal.
    var source: String
    /// The row on the previous roll, empty for an addition.
    var previousSource: String

    static let header = [
        "change", "reason", "name", "previous_name", "gender", "birth_date", "id_number", "constituency",
        "previous_constituency", "voter_group", "source", "previous_source", "message",
    ]

    func cells(_ language: Language) -> [String] {
        var message = code.message(language)
        if let reason { message += (language == .zh ? "：" : ": ") + reason.text(language) }
        return [
            code.rawValue, reason?.code ?? "", name, previousName, gender, birthDate, idNumber, constituency,
            previousConstituency, voterGroup, source, previousSource, message,
        ]
    }
}
