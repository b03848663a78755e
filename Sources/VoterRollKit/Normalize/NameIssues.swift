/// What the name checks found in one raw name, as a small set.
///
/// A set rather than an array of codes so that a cached name costs one byte for its issues;
/// `codes` turns it into catalogue codes for findings.
public struct NameIssues: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Empty or blank (`name.missing`).
    public static let missing = NameIssues(rawValue: 1 << 0)
    /// The canonical form differs from what was written (`name.normalized`).
    public static let normalized = NameIssues(rawValue: 1 << 1)
    /// Digits, Latin letters in a Han name, symbols, too long or too short (`name.suspicious`).
    public static let suspicious = NameIssues(rawValue: 1 << 2)
    /// A character GBK cannot encode (`name.rare-char`).
    public static let rareCharacter = NameIssues(rawValue: 1 << 3)
    /// A GB 18030-2005 Private Use code point replaced with its standard character
    /// (`name.pua-mapped`).
    public static let privateUseMapped = NameIssues(rawValue: 1 << 4)
    /// A Private Use code point no table maps, left as written (`name.private-use`).
    public static let privateUse = NameIssues(rawValue: 1 << 5)

    /// The finding codes, in catalogue order.
    public var codes: [FindingCode] {
        var codes: [FindingCode] = []
        if contains(.missing) { codes.append(.nameMissing) }
        if contains(.normalized) { codes.append(.nameNormalized) }
        if contains(.suspicious) { codes.append(.nameSuspicious) }
        if contains(.rareCharacter) { codes.append(.nameRareChar) }
        if contains(.privateUseMapped) { codes.append(.namePuaMapped) }
        if contains(.privateUse) { codes.append(.namePrivateUse) }
        return codes
    }
}
