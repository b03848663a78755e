/// The clean roll by age band on election day and by gender (from the ID number), for the
/// report's pyramid.
struct AgePyramid: Sendable, Equatable {
    /// Lower bounds of the bands: 18–19, 20–24, …, 85–89, 90 and over.
    static let lowerBounds = [18] + Array(stride(from: 20, through: 90, by: 5))

    var male = [Int](repeating: 0, count: lowerBounds.count)
    var female = [Int](repeating: 0, count: lowerBounds.count)
    /// Rows whose birth date or gender is not on the roll (none should be: the ID gives both).
    var unknown = 0

    static func label(_ band: Int) -> String {
        let lower = lowerBounds[band]
        if band == lowerBounds.count - 1 { return "\(lower)+" }
        return "\(lower)–\(lowerBounds[band + 1] - 1)"
    }

    static func band(age: Int) -> Int? {
        guard age >= lowerBounds[0] else { return nil }
        return (lowerBounds.lastIndex { $0 <= age }) ?? 0
    }

    mutating func add(birthDate: String, gender: String, electionDay: CivilDate, rule: LeapDayRule) {
        guard let birth = CivilDate(birthDate), let band = AgePyramid.band(age: birth.age(on: electionDay, rule: rule))
        else {
            unknown += 1
            return
        }
        switch gender {
        case "男": male[band] += 1
        case "女": female[band] += 1
        default: unknown += 1
        }
    }

    var total: Int { male.reduce(0, +) + female.reduce(0, +) + unknown }
}
