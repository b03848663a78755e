/// One generated person as they really are: the facts the register should hold.
struct SynthPerson {
    /// The name as it should be written (canonical: simplified, U+00B7 as the only dot).
    var name: String
    var id: SynthID
    var birth: CivilDate
    var ethnicity: String

    var isMale: Bool { id.isMale }
    var gender: String { isMale ? "男" : "女" }
    var matchKey: String { SynthNames.matchKey(name) }
}
