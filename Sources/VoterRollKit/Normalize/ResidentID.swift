/// A valid citizen ID number (公民身份号码, GB 11643-1999): 18 characters whose check digit,
/// birth date and format are right.
///
/// Only valid numbers exist as values; `parse(_:cellIsNumeric:referenceDay:)` turns what a
/// cell holds into one, or into the finding code that says why it cannot. The number is
/// authoritative for birth date and gender (居民身份证法), so both are read from it.
///
/// `description` is masked (`371102********123X`) so that string interpolation into a log
/// never prints a full number; use `canonical` where the full number belongs (the roll).
public struct ResidentID: Sendable, Hashable, Comparable {
    /// The first 17 digits as one integer. The check digit follows from them, so 8 bytes
    /// identify a person: the ID index of a million rows stays small and hashes fast.
    let body: UInt64

    /// A number whose body the caller has validated.
    init(body: UInt64) {
        self.body = body
    }

    /// The number exactly as VoterRoll writes it (18 characters, upper-case X), or nil for
    /// anything else, including text that only normalisation would make valid.
    public init?(canonical text: String) {
        guard case .valid(let id, let notes) = Self.parse(text),
            notes.isDisjoint(with: [.normalized, .legacy15]),
            id.canonical == text
        else { return nil }
        self = id
    }

    public static func < (lhs: ResidentID, rhs: ResidentID) -> Bool { lhs.body < rhs.body }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(body)
    }

    /// What `Dictionary` and `Set` hash by. Their default runs SipHash over the 8 bytes, which
    /// the profile of a million-row check showed at 5% of the run (the duplicate index, the
    /// lists, the township registry look up every ID); splitmix64's finaliser over the body and
    /// the table's per-process seed spreads an ID body's bits as well, for a fraction of it.
    public func _rawHashValue(seed: Int) -> Int {
        var mixed = body ^ UInt64(truncatingIfNeeded: seed)
        mixed = (mixed ^ (mixed &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed &>> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: mixed ^ (mixed &>> 31))
    }

    /// The 18 characters: 17 digits and a check digit or X.
    public var canonical: String {
        String(decoding: utf8Bytes, as: UTF8.self)
    }

    private var utf8Bytes: [UInt8] {
        var bytes: [UInt8] = Array(repeating: 0x30, count: 18)
        var rest = body
        for index in (0..<17).reversed() {
            bytes[index] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
            rest /= 10
        }
        bytes[17] = Self.checkCharacters[Self.checkIndex(body)]
        return bytes
    }

    /// The birth date, digits 7–14.
    public var birthDate: CivilDate {
        let date = Int(body / 1_000 % 100_000_000)
        return CivilDate(unchecked: date / 10_000, date / 100 % 100, date % 100)
    }

    /// The sex the number was issued for: the 17th digit is odd for men, even for women.
    public enum Gender: String, Sendable, Hashable, Codable {
        case male
        case female
    }

    public var gender: Gender { body % 2 == 1 ? .male : .female }

    /// The region of first registration, digits 1–6 (not necessarily where the person lives).
    public var region: RegionCode {
        RegionCode(uncheckedValue: Int(body / 100_000_000_000))
    }

    /// The number with its middle hidden, for logs and messages: the first 6 and last 4
    /// characters with 8 asterisks between them.
    public var masked: String { Self.mask(canonical) }

    /// Hides the middle of anything that may be an ID number, valid or not, so that logs
    /// and findings about broken numbers do not leak them either.
    ///
    /// Keeps the first 6 and last 4 characters when there are more than 10; hides all of a
    /// shorter text, which could be most of a number.
    public static func mask(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 10 else {
            return String(repeating: "*", count: characters.count)
        }
        return String(characters[..<6]) + String(repeating: "*", count: characters.count - 10)
            + String(characters[(characters.count - 4)...])
    }

    // MARK: Check digit

    /// GB 11643-1999 weights of digits 1–17 (2^(17-i) mod 11).
    static let weights: [UInt64] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

    /// The check character for each weighted sum mod 11.
    static let checkCharacters: [UInt8] = Array("10X98765432".utf8)

    /// The check value (0–9, 10 for X) for each weighted sum mod 11.
    static let checkValues: [UInt8] = [1, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2]

    /// The weighted digit sum mod 11 of a 17-digit body: the index into `checkCharacters`.
    static func checkIndex(_ body: UInt64) -> Int {
        var rest = body
        var sum: UInt64 = 0
        for weight in weights.reversed() {
            sum += rest % 10 * weight
            rest /= 10
        }
        return Int(sum % 11)
    }
}

extension ResidentID: CustomStringConvertible {
    /// The masked number: an ID in a log or an error message must never be readable.
    public var description: String { masked }
}

extension ResidentID: Codable {
    /// Encoded as the canonical 18 characters: the store and the outputs need the number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ResidentID(canonical: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a valid ID number: \(Self.mask(text))")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(canonical)
    }
}
