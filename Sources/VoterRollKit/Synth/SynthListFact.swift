/// What a list says about someone, and what DESIGN.md's rules make of it.
enum SynthListFact {
    /// The ways a deprivation of political rights (剥夺政治权利) can read on election day.
    enum Deprivation {
        case now, forLife, endsOnElectionDay, ended, endedTheDayBefore, endUnreadable, startUnreadable, startsLater
    }

    case deprived(Deprivation)
    case incapacitated
    case suspended
    case deceased
    case movedOut(certificate: Bool)

    var kind: ListKind {
        switch self {
        case .deprived: .deprived
        case .incapacitated: .incapacitated
        case .suspended: .suspended
        case .deceased: .deceased
        case .movedOut: .movedOut
        }
    }

    /// The code the matched register row gets: excluded while deprived (start ≤ election day ≤
    /// end, 终身 without end, an unreadable date erring on the side of exclusion), restored
    /// after; nothing for a deprivation that starts later.
    var rollCode: FindingCode? {
        switch self {
        case .deprived(let deprivation):
            switch deprivation {
            case .now, .forLife, .endsOnElectionDay, .endUnreadable, .startUnreadable: .rightsDeprived
            case .ended, .endedTheDayBefore: .rightsRestored
            case .startsLater: nil
            }
        case .incapacitated: .rightsIncapacitated
        case .suspended: .rightsSuspended
        case .deceased: .statusDeceased
        case .movedOut(let certificate): certificate ? .migrantRegisteredElsewhere : .migrantAbsent
        }
    }

    /// Codes of the list row itself: an unreadable date is a warning for review.
    var listCodes: [FindingCode] {
        switch self {
        case .deprived(.endUnreadable), .deprived(.startUnreadable): [.listDateUnparseable]
        default: []
        }
    }

    /// The fact a defect or background role stands for.
    init?(_ defect: SynthDefect) {
        switch defect {
        case .deprivedNow: self = .deprived(.now)
        case .deprivedForLife: self = .deprived(.forLife)
        case .deprivedEndsOnElectionDay: self = .deprived(.endsOnElectionDay)
        case .deprivedEnded: self = .deprived(.ended)
        case .deprivedEndedTheDayBefore: self = .deprived(.endedTheDayBefore)
        case .deprivedEndUnreadable: self = .deprived(.endUnreadable)
        case .deprivedStartUnreadable: self = .deprived(.startUnreadable)
        case .deprivedStartsLater: self = .deprived(.startsLater)
        case .incapacitated: self = .incapacitated
        case .suspended: self = .suspended
        case .deceased: self = .deceased
        case .movedOutWithCertificate: self = .movedOut(certificate: true)
        case .movedOutWithoutCertificate: self = .movedOut(certificate: false)
        default: return nil
        }
    }

    /// Plain facts of each list, for defects about the list rather than the fact.
    static let plain: [SynthListFact] = [
        .deprived(.now), .incapacitated, .suspended, .deceased, .deceased, .movedOut(certificate: true), .movedOut(certificate: false),
    ]
}
