/// Ages of a township's population: five-year bands shaped like China's 2020 census, with
/// about 20% under 18.
enum SynthAgePyramid {
    /// People per mille in each five-year band, 0–4 up to 95–99.
    static let bands: SynthWeighted<Int> = SynthWeighted(
        [55, 63, 60, 52, 53, 66, 86, 70, 67, 80, 87, 71, 52, 54, 37, 23, 15, 8, 3, 1].enumerated().map { ($0.offset, $0.element) })

    /// A birth date: a band by weight, then a day uniformly within it, before `day`.
    static func birthDate(before day: CivilDate, random: inout SynthRandom) -> CivilDate {
        let band = bands.draw(&random)
        let low = Int(Double(band * 5) * 365.2425) + 1
        let high = Int(Double(band * 5 + 5) * 365.2425)
        return day.adding(days: -random.int(in: low...high)) ?? day
    }

    /// Age in whole years on `day` (周岁): the birthdays on or before it, a 29 February
    /// birthday falling on 28 February in a common year (the `check` default).
    ///
    /// Written out here rather than taken from `CivilDate.age(on:)`, so that the expected
    /// outcomes are a second reading of the rule.
    static func age(of birth: CivilDate, on day: CivilDate) -> Int {
        var years = day.year - birth.year
        let birthdayMonth = birth.month
        var birthdayDay = birth.day
        let leap = day.year % 4 == 0 && (day.year % 100 != 0 || day.year % 400 == 0)
        if birthdayMonth == 2, birthdayDay == 29, !leap {
            birthdayDay = 28
        }
        if (day.month, day.day) < (birthdayMonth, birthdayDay) {
            years -= 1
        }
        return years
    }
}
