/// A person's name in the forms VoterRoll uses: canonical for the roll, keys for comparing and
/// ordering, and what the checks found.
///
/// Made by `NameNormalizer`. A value type holding short strings (most fit Swift's inline small
/// strings), so the normaliser's cache returns it without allocating.
public struct PersonName: Hashable, Sendable {
    /// What the roll prints: NFC, half-width Latin and digits, no spaces inside Han, U+00B7 as the
    /// only middle dot, traditional characters simplified except the reviewed exceptions.
    public var canonical: String
    /// The surname in canonical form (a compound surname such as 欧阳 whole); empty when the
    /// name has no surname to split off: names with a middle dot (买买提·艾力), Latin names, and
    /// names with digits or symbols.
    public var surname: String
    /// The canonical form after the surname (the whole canonical form when `surname` is empty).
    public var givenName: String
    /// The key all comparisons use: every traditional or variant character simplified (於 and 于
    /// meet), middle dots and spaces removed, ASCII letters lowercased.
    public var matchKey: String
    /// Toneless lowercase pinyin with surname readings: the surname's syllables joined, then a
    /// space, then the given name's syllables joined (`ouyang xiaoming`, `shan tianfang`); ü is
    /// `v`. Parts separated by a middle dot or space become separate words. Empty when the
    /// normaliser was made without pinyin (only ordering by pinyin reads it).
    public var pinyinKey: String
    /// What the checks found.
    public var issues: NameIssues

    public init(
        canonical: String, surname: String, givenName: String, matchKey: String, pinyinKey: String,
        issues: NameIssues
    ) {
        self.canonical = canonical
        self.surname = surname
        self.givenName = givenName
        self.matchKey = matchKey
        self.pinyinKey = pinyinKey
        self.issues = issues
    }

    /// The finding codes for this name, in catalogue order.
    public var codes: [FindingCode] { issues.codes }
}
