/// Why someone joined the roll since the previous one, or left it.
enum ChangeReason: Sendable, Equatable {
    /// Their 18th birthday fell after the previous election day.
    case turnedEighteen(on: CivilDate)
    /// An in-migrant with a voter certificate (流入), added from the moved_in list.
    case movedIn
    /// Their deprivation of political rights has ended (`rights.restored`).
    case restored
    /// None of the above: registered for the first time here, or a correction.
    case new
    /// Excluded this time, by these codes (from rejected.csv).
    case excluded(codes: String, at: String)
    /// In neither the roll nor the rejected rows: the register no longer lists them.
    case notInRegister

    /// The stable name written to changes.csv.
    var code: String {
        switch self {
        case .turnedEighteen: "turned-18"
        case .movedIn: "moved-in"
        case .restored: "restored"
        case .new: "new"
        case .excluded(let codes, _): codes
        case .notInRegister: "not-in-register"
        }
    }

    /// What the report and changes.csv say.
    func text(_ language: Language) -> String {
        switch (self, language) {
        case (.turnedEighteen(let day), .zh): "年满十八周岁（\(day.year)年\(day.month)月\(day.day)日）"
        case (.turnedEighteen(let day), .en): "turned 18 (\(day.iso8601))"
        case (.movedIn, .zh): "流入登记（持选民资格证明）"
        case (.movedIn, .en): "moved in with a voter certificate"
        case (.restored, .zh): "恢复政治权利"
        case (.restored, .en): "political rights restored"
        case (.new, .zh): "新登记"
        case (.new, .en): "newly registered"
        case (.excluded(let codes, _), _):
            codes.split(separator: ";").compactMap { FindingCode(rawValue: String($0))?.message(language) }
                .joined(separator: language == .zh ? "；" : "; ")
        case (.notInRegister, .zh): "本次登记册中没有此人"
        case (.notInRegister, .en): "not in this register"
        }
    }

    /// Supporting facts for the finding's evidence column.
    var evidence: String {
        switch self {
        case .turnedEighteen(let day): "turned-18: 18 on \(day.iso8601)"
        case .excluded(let codes, let source): "excluded: \(codes) (\(source))"
        default: code
        }
    }
}
