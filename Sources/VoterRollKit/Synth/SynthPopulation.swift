/// Makes people: each with a unique ID number and, unless asked for a twin, a name and birth
/// date no one else has, so that the only duplicates in the data are the injected ones.
///
/// Natural coincidences (two 王伟 born on one day) would be real `dup.probable` findings that the
/// expected outcomes do not know about, so they are avoided rather than predicted.
struct SynthPopulation {
    /// What a person must be like for the role or defect they are made for.
    struct Constraints {
        enum Age {
            /// Drawn from the pyramid.
            case any
            case adult
            case minor
            /// Born 1926–1999, so the 15-digit form exists, and an adult.
            case bornIn1900s
            /// Older than 120 on election day.
            case implausible
            /// The 18th birthday is election day itself.
            case eighteenOnElectionDay
            /// The 18th birthday is the day after election day.
            case eighteenTheDayAfter
        }

        enum Region {
            case resident
            case elsewhere
            /// A code never in GB/T 2260.
            case unknown
        }

        enum Name {
            case any
            /// A Uyghur name with a middle dot.
            case minority
            /// A Han name with a character that has a traditional form.
            case traditional
        }

        var age = Age.any
        var region = Region.resident
        var name = Name.any
        /// The check character must be X (true) or must not be (false).
        var checkIsX: Bool?

        static let any = Constraints()
        static let adult = Constraints(age: .adult)
    }

    let electionDay: CivilDate
    let regions: SynthRegions
    var random: SynthRandom
    private var usedIDs: SynthSeen
    private var usedNames: SynthSeen

    init(electionDay: CivilDate, random: SynthRandom, expectedPeople: Int) {
        self.electionDay = electionDay
        self.random = random
        regions = SynthRegions()
        usedIDs = SynthSeen(expected: expectedPeople)
        usedNames = SynthSeen(expected: expectedPeople)
    }

    /// A new person meeting `constraints`.
    mutating func make(_ constraints: Constraints = .any) -> SynthPerson {
        while true {
            let birth = birthDate(constraints.age)
            let male = random.chance(0.51)
            guard let name = uniqueName(male: male, birth: birth, kind: constraints.name),
                let id = uniqueID(region: region(constraints.region, birthYear: birth.year), birth: birth, male: male, checkIsX: constraints.checkIsX)
            else { continue }
            return SynthPerson(name: name.name, id: id, birth: birth, ethnicity: name.ethnicity)
        }
    }

    /// Someone with the same name and birth date as `person` and another ID number (a
    /// namesake born the same day, or one person registered under two numbers).
    mutating func twin(of person: SynthPerson) -> SynthPerson {
        var region = person.id.region
        while true {
            if let id = uniqueID(region: region, birth: person.birth, male: person.isMale, checkIsX: nil) {
                return SynthPerson(name: person.name, id: id, birth: person.birth, ethnicity: person.ethnicity)
            }
            region = regions.elsewhere(birthYear: person.birth.year, random: &random)
        }
    }

    /// Reserves a name for a birth date (a name written so oddly that its match key is new);
    /// false when it may be taken.
    mutating func reserve(matchKey: String, birth: CivilDate) -> Bool {
        usedNames.insertIfNew(SynthSeen.key(name: matchKey, birth: birth))
    }

    /// Reserves an ID body; false when it may be taken.
    mutating func reserve(_ id: SynthID) -> Bool {
        usedIDs.insertIfNew(id.body)
    }

    /// The 18 years before election day, for age tests.
    private var eighteenthBirthday: CivilDate {
        CivilDate(year: electionDay.year - 18, month: electionDay.month, day: electionDay.day)
            ?? CivilDate(year: electionDay.year - 18, month: electionDay.month, day: 28) ?? electionDay
    }

    private mutating func birthDate(_ age: Constraints.Age) -> CivilDate {
        switch age {
        case .eighteenOnElectionDay:
            return eighteenthBirthday
        case .eighteenTheDayAfter:
            return eighteenthBirthday.adding(days: 1) ?? eighteenthBirthday
        case .implausible:
            let year = electionDay.year - 121 - random.below(4)
            let month = random.int(in: 1...12)
            return CivilDate(year: year, month: month, day: random.int(in: 1...28)) ?? electionDay
        case .any, .adult, .minor, .bornIn1900s:
            while true {
                let birth = SynthAgePyramid.birthDate(before: electionDay, random: &random)
                let years = SynthAgePyramid.age(of: birth, on: electionDay)
                switch age {
                case .adult where years < 18, .minor where years >= 18: continue
                case .bornIn1900s where years < 18 || !(1926...1999).contains(birth.year): continue
                default: return birth
                }
            }
        }
    }

    private mutating func region(_ kind: Constraints.Region, birthYear: Int) -> Int {
        switch kind {
        case .resident: regions.resident(birthYear: birthYear, random: &random)
        case .elsewhere: regions.elsewhere(birthYear: birthYear, random: &random)
        case .unknown: regions.unknown(random: &random)
        }
    }

    /// A name (and the ethnicity it goes with) whose match key and birth date are new.
    private mutating func uniqueName(male: Bool, birth: CivilDate, kind: Constraints.Name) -> (name: String, ethnicity: String)? {
        for _ in 0..<24 {
            let candidate = name(male: male, birthYear: birth.year, kind: kind)
            if reserve(matchKey: SynthNames.matchKey(candidate.name), birth: birth) { return candidate }
        }
        return nil
    }

    private mutating func name(male: Bool, birthYear: Int, kind: Constraints.Name) -> (name: String, ethnicity: String) {
        switch kind {
        case .minority:
            return (SynthNames.uyghurName(male: male, random: &random), "维吾尔族")
        case .traditional:
            let surname = SynthNames.traditionalSurnames.draw(&random)
            return (SynthNames.hanName(male: male, birthYear: birthYear, random: &random, surname: surname), "汉族")
        case .any:
            let draw = random.below(1000)
            switch draw {
            case 0..<5: return (SynthNames.uyghurName(male: male, random: &random), "维吾尔族")
            case 5..<7: return (SynthNames.mongolianName(male: male, random: &random), "蒙古族")
            case 7..<22: return (SynthNames.hanName(male: male, birthYear: birthYear, random: &random), "回族")
            case 22..<28: return (SynthNames.hanName(male: male, birthYear: birthYear, random: &random), "满族")
            case 28..<31: return (SynthNames.hanName(male: male, birthYear: birthYear, random: &random), "朝鲜族")
            default: return (SynthNames.hanName(male: male, birthYear: birthYear, random: &random), "汉族")
            }
        }
    }

    /// A new ID number: the sequence is drawn with the parity of the sex (odd for men).
    private mutating func uniqueID(region: Int, birth: CivilDate, male: Bool, checkIsX: Bool?) -> SynthID? {
        for _ in 0..<64 {
            let sequence = random.below(500) * 2 + (male ? 1 : 0)
            let id = SynthID(region: region, birth: birth, sequence: sequence)
            if let checkIsX, (id.check == "X") != checkIsX { continue }
            if reserve(id) { return id }
        }
        return nil
    }
}
