/// How registers write a gender, and how the roll writes one: the one vocabulary, used by the
/// stated-facts rule, the roll, the published lists and the changes.
extension ResidentID.Gender {
    /// The gender a cell states, in the ways registers write it (男/女, 男性/女性, M/F,
    /// male/female, 1/2); nil for anything else. `text` is already trimmed.
    public init?(stated text: String) {
        // 男 and 女 first, by their bytes: the switch compares with `String ==`, which
        // normalises both sides of each Chinese case that does not match, on every row.
        if NameCacheKey.sameBytes(text, "男") {
            self = .male
            return
        }
        if NameCacheKey.sameBytes(text, "女") {
            self = .female
            return
        }
        switch text.lowercased() {
        case "男", "男性", "m", "male", "1": self = .male
        case "女", "女性", "f", "female", "2": self = .female
        default: return nil
        }
    }

    /// How the roll writes a gender: 男 or 女.
    public var label: String { self == .male ? "男" : "女" }
}
