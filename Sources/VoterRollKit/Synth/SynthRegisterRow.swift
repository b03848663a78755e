/// One register row as it will be written, and the codes `check` must give it, kept by the
/// stage of the rules that produces them.
///
/// The buckets follow DESIGN.md: the ID number is authoritative, so without a valid one there
/// is nothing to compare a stated birth date or gender with, no age, and nothing to match a
/// list or a duplicate by; such a row gets only its ID code, its name codes and its row codes.
struct SynthRegisterRow {
    var person: SynthPerson
    var name: SynthCell
    var gender: SynthCell
    var ethnicity: String
    var birthDate: SynthCell
    var id: SynthCell
    var remarks: SynthCell = .empty
    /// A cell right of the header's last column (a stray note), or the last cell left out.
    var shape = Shape.regular

    enum Shape {
        case regular
        case extraCell(String)
        case lastCellMissing
    }

    /// Reading problems: `input.*`.
    var rowCodes: [FindingCode] = []
    /// The ID cell's notes, or the one code that makes it invalid.
    var idCodes: [FindingCode] = []
    var idIsValid = true
    var nameCodes: [FindingCode] = []
    /// Stated facts, lists, duplicates: what needs the valid ID.
    var personCodes: [FindingCode] = []
    /// Computed from the birth date and election day.
    var ageCodes: [FindingCode]

    /// The register's own way of writing `person` in `slot`: nothing wrong.
    init(_ person: SynthPerson, dateStyle: SynthDateStyle, electionDay: CivilDate) {
        self.person = person
        name = .text(person.name)
        gender = .text(person.gender)
        ethnicity = person.ethnicity
        birthDate = dateStyle.cell(person.birth)
        id = .text(person.id.canonical)
        let age = SynthAgePyramid.age(of: person.birth, on: electionDay)
        ageCodes = age < 18 ? [.ageUnder18] : age > 120 ? [.ageImplausible] : []
    }

    /// Every code the row must get.
    var codes: [FindingCode] {
        rowCodes + idCodes + nameCodes + (idIsValid ? ageCodes + personCodes : [])
    }

    /// Replaces the ID cell with an invalid one.
    mutating func invalidID(_ cell: SynthCell, _ code: FindingCode) {
        id = cell
        idCodes = [code]
        idIsValid = false
    }
}
