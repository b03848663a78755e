/// Turns names as written in a register into `PersonName`s: canonical form, match key, pinyin
/// key, and the `name.*` checks.
///
/// Rules (DESIGN.md, "Domain rules → Names"):
/// - NFC; full-width Latin letters and digits become half-width.
/// - White space of every kind (`CellWhitespace.isWhitespace`: ASCII, U+3000, no-break,
///   tabs…) next to a Han character or a middle dot is removed (张 三 → 张三); between Latin
///   words a run of it becomes one space. Invisible characters
///   (`CellWhitespace.isInvisible`: zero-width space, BOM, joiners…) are removed everywhere.
/// - Every middle-dot look-alike (`NameCharacters.isDotLookAlike`) becomes U+00B7, and so does
///   `.` or `。` between two Han runs (买买提.艾力 → 买买提·艾力).
/// - Traditional characters are simplified with ICU's `Traditional-Simplified`, except the
///   standard characters in `NameExceptions` (乾 stays 乾, 於 stays 於).
/// - Checks: `name.missing` (nothing left), `name.normalized` (the canonical form differs from
///   the raw text in any byte), `name.suspicious` (see `NameShape`), `name.rare-char` (a
///   character GBK cannot encode, such as 𠮷 U+20BB7 outside the BMP).
/// - Private Use code points that GB 18030-2005 decoders write for 24 characters (U+E816 for
///   𠂇 U+20087…) become the standard characters (`GB18030PrivateUse`), whatever the input's
///   encoding, so the same person's name is one name however it was exported:
///   `name.pua-mapped` (instead of `name.normalized` when that was the only change). Any other
///   Private Use character stays as written: `name.private-use`, with the code point.
///
/// Speed: names repeat, so results are cached per distinct raw string (compared byte for byte,
/// not by Swift's canonical equivalence, so `é` typed decomposed still reports
/// `name.normalized`); a new string is handled scalar by scalar from `NameCharacterTable`,
/// which asks ICU about each character once. The cache is dropped when it reaches
/// `cacheLimit` entries, so memory stays bounded on a register of many distinct names.
///
/// Thread safety: not thread-safe and not `Sendable`. It owns ICU transliterators and a
/// converter, which must not be used from two threads at once, and mutable caches. Make one
/// per thread (or per task that stays on one thread).
public final class NameNormalizer {
    /// More Han characters than this make a name suspicious.
    public static let maximumHanCharacters = 25
    /// Fewer letters (Han characters plus Latin letters) than this make a name suspicious.
    public static let minimumCharacters = 2

    private let table: NameCharacterTable
    private let cacheLimit: Int
    private let withPinyin: Bool
    private var cache: [NameCacheKey: PersonName] = [:]
    private var pieces: [Piece] = []
    private var kept: [Piece] = []
    private var canonical: [UInt8] = []
    private var matchKey: [UInt8] = []
    /// Whether `split` replaced a Private Use code point with its standard character.
    private var mappedPrivateUse = false
    /// Whether `split` kept a Private Use code point no table maps.
    private var keptPrivateUse = false

    /// Opens the ICU transliterators and the GBK converter the rules need.
    ///
    /// - Parameters:
    ///   - cacheLimit: distinct raw names remembered before the cache is emptied
    ///     (about 100 bytes each; the default covers a county's register without a refill).
    ///   - pinyin: whether names get their `pinyinKey`. Only ordering by pinyin reads it; without
    ///     it the key is empty and ICU's Han-Latin rules, the slowest part to load, are never
    ///     loaded.
    /// - Throws: `ICUError` when ICU lacks a transliterator or converter (a broken ICU install).
    public init(cacheLimit: Int = 1 << 18, pinyin: Bool = true) throws {
        self.table = try NameCharacterTable(pinyin: pinyin)
        self.cacheLimit = max(cacheLimit, 1)
        self.withPinyin = pinyin
    }

    /// The canonical form, keys and issues of a name as written in a cell.
    public func normalize(_ raw: String) -> PersonName {
        let cacheKey = NameCacheKey(raw)
        if let cached = cache[cacheKey] {
            return cached
        }
        let name = compute(raw)
        if cache.count >= cacheLimit {
            cache.removeAll(keepingCapacity: true)
        }
        cache[cacheKey] = name
        return name
    }

    /// The findings for a name cell: one per issue, with the raw value, the canonical name,
    /// and evidence naming the offending characters.
    public func findings(
        for raw: String, at address: CellAddress, columnName: String? = nil, idNumber: String? = nil
    ) -> [Finding] {
        findings(for: raw, normalized: normalize(raw), at: address, columnName: columnName, idNumber: idNumber)
    }

    /// The same for a name already normalised (`normalize(raw)`), which spares a second look-up.
    func findings(
        for raw: String, normalized name: PersonName, at address: CellAddress, columnName: String?, idNumber: String?
    ) -> [Finding] {
        guard !name.issues.isEmpty else { return [] }
        return name.issues.codes.map { code in
            Finding(
                code: code, address: address, columnName: columnName, value: raw,
                name: name.canonical.isEmpty ? nil : name.canonical, idNumber: idNumber,
                evidence: evidence(for: code, name, raw: raw))
        }
    }

    private func evidence(for code: FindingCode, _ name: PersonName, raw: String) -> String? {
        switch code {
        case .nameSuspicious:
            return NameShape(name.canonical).suspicionReasons.joined(separator: "; ")
        case .nameRareChar:
            var seen = Set<Unicode.Scalar>()
            return name.canonical.unicodeScalars
                .filter { !table.isInGBK($0.value) && seen.insert($0).inserted }
                .map { "\(Character($0)) U+\(String($0.value, radix: 16, uppercase: true))" }
                .joined(separator: ", ")
        case .namePuaMapped:
            var seen = Set<Unicode.Scalar>()
            return raw.unicodeScalars.compactMap { scalar -> String? in
                guard let standard = GB18030PrivateUse.standard(for: scalar.value), seen.insert(scalar).inserted,
                    let mapped = Unicode.Scalar(standard)
                else { return nil }
                return "\(Self.codePoint(scalar.value)) → \(Character(mapped)) \(Self.codePoint(standard))"
            }.joined(separator: ", ")
        case .namePrivateUse:
            var seen = Set<Unicode.Scalar>()
            return name.canonical.unicodeScalars
                .filter { NameCharacters.isPrivateUse($0.value) && seen.insert($0).inserted }
                .map { Self.codePoint($0.value) }
                .joined(separator: ", ")
        default:
            return nil
        }
    }

    /// `U+E816`: how a code point is named to a clerk.
    private static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `raw` with each mapped Private Use code point replaced, to tell whether that replacement
    /// was the only change (then `name.pua-mapped` says it all, without `name.normalized`).
    private static func replacingPrivateUse(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            if let standard = GB18030PrivateUse.standard(for: scalar.value), let mapped = Unicode.Scalar(standard) {
                scalars.append(mapped)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    // MARK: - One new name

    private enum Kind: UInt8 {
        case han, latin, digit, symbol, space, dot, period

        /// Han characters and middle dots take no space next to them.
        var isTight: Bool { self == .han || self == .dot }
    }

    private struct Piece {
        var kind: Kind
        /// The scalar in the canonical form.
        var value: Unicode.Scalar
        /// The scalar in the match key.
        var key: Unicode.Scalar
        /// Whether GBK can encode `value`.
        var isInGBK = true
    }

    private func compute(_ raw: String) -> PersonName {
        split(nfc(raw))
        resolvePeriods()
        keepSpaces()
        guard !kept.isEmpty else {
            return PersonName(canonical: "", surname: "", givenName: "", matchKey: "", pinyinKey: "", issues: .missing)
        }

        let surnameLength = self.surnameLength()
        canonical.removeAll(keepingCapacity: true)
        matchKey.removeAll(keepingCapacity: true)
        var surnameEnd: Int?
        var isRare = false
        for (index, piece) in kept.enumerated() {
            if index == surnameLength {
                surnameEnd = canonical.count
            }
            Self.appendUTF8(piece.value.value, to: &canonical)
            if piece.kind != .space && piece.kind != .dot {
                Self.appendUTF8(piece.key.value, to: &matchKey)
            }
            isRare = isRare || !piece.isInGBK
        }
        let canonicalText = String(decoding: canonical, as: UTF8.self)
        let surnameBytes = surnameEnd ?? canonical.count
        let surname = surnameLength == 0 ? "" : String(decoding: canonical[..<surnameBytes], as: UTF8.self)
        let givenName = surnameLength == 0 ? canonicalText : String(decoding: canonical[surnameBytes...], as: UTF8.self)

        var issues: NameIssues = []
        var rawText = raw
        let unchanged =
            rawText.withUTF8 { $0.elementsEqual(canonical) }
            || (mappedPrivateUse && Self.replacingPrivateUse(raw).utf8.elementsEqual(canonical))
        if !unchanged {
            issues.insert(.normalized)
        }
        if mappedPrivateUse {
            issues.insert(.privateUseMapped)
        }
        if keptPrivateUse {
            issues.insert(.privateUse)
        }
        if NameShape(scalars: kept.lazy.map(\.value)).isSuspicious {
            issues.insert(.suspicious)
        }
        if isRare {
            issues.insert(.rareCharacter)
        }
        return PersonName(
            canonical: canonicalText, surname: surname, givenName: givenName,
            matchKey: String(decoding: matchKey, as: UTF8.self),
            pinyinKey: withPinyin ? pinyinKey(surname: surname, surnameLength: surnameLength) : "", issues: issues)
    }

    /// Appends the UTF-8 encoding of a scalar value.
    @inline(__always)
    private static func appendUTF8(_ value: UInt32, to bytes: inout [UInt8]) {
        switch value {
        case ..<0x80:
            bytes.append(UInt8(truncatingIfNeeded: value))
        case ..<0x800:
            bytes.append(UInt8(truncatingIfNeeded: 0xC0 | value >> 6))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        case ..<0x10000:
            bytes.append(UInt8(truncatingIfNeeded: 0xE0 | value >> 12))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(truncatingIfNeeded: 0xF0 | value >> 18))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        }
    }

    /// NFC, skipping the ICU call when every scalar is one NFC never changes.
    ///
    /// Invisible characters are dropped and full-width letters folded first, as `split` would
    /// after: an invisible one between a letter and its accent (e, soft hyphen, ◌́) keeps them
    /// from composing, and Ｅ has no composed form with an accent where E has, so the canonical
    /// form would not be NFC and canonicalising it again would change it (found by fuzzing).
    private func nfc(_ raw: String) -> String {
        for scalar in raw.unicodeScalars where !NameCharacters.isNFCStable(scalar.value) {
            var folded = String.UnicodeScalarView()
            for scalar in raw.unicodeScalars where !CellWhitespace.isInvisible(scalar.value) {
                if !NameCharacters.isDotLookAlike(scalar.value), let half = NameCharacters.halfWidth(scalar.value) {
                    folded.append(Unicode.Scalar(UInt8(truncatingIfNeeded: half)))
                } else {
                    folded.append(scalar)
                }
            }
            let text = String(folded)
            return (try? UnicodeNormalizer.nfc(text)) ?? text
        }
        return raw
    }

    /// Classifies each scalar into `pieces`, mapping it to its canonical and key forms.
    private func split(_ text: String) {
        pieces.removeAll(keepingCapacity: true)
        mappedPrivateUse = false
        keptPrivateUse = false
        for written in text.unicodeScalars {
            var scalar = written
            var value = scalar.value
            if NameCharacters.isPrivateUse(value) {
                if let standard = GB18030PrivateUse.standard(for: value), let mapped = Unicode.Scalar(standard) {
                    scalar = mapped
                    value = standard
                    mappedPrivateUse = true
                } else {
                    keptPrivateUse = true
                }
            }
            if CellWhitespace.isInvisible(value) {
                continue
            }
            // After the invisible ones: U+200B and U+FEFF are white space around a value but
            // are dropped inside a name, not turned into a space.
            if CellWhitespace.isWhitespace(value) {
                pieces.append(Piece(kind: .space, value: " ", key: " "))
                continue
            }
            if NameCharacters.isDotLookAlike(value) {
                pieces.append(Piece(kind: .dot, value: "·", key: "·"))
                continue
            }
            if NameCharacters.isPeriod(value) {
                pieces.append(Piece(kind: .period, value: scalar, key: scalar, isInGBK: table.isInGBK(value)))
                continue
            }
            var folded = scalar
            if let half = NameCharacters.halfWidth(value) {
                value = half
                folded = Unicode.Scalar(UInt8(truncatingIfNeeded: half))
            }
            if NameCharacters.isHan(value) {
                let info = table.han(value)
                pieces.append(Piece(kind: .han, value: info.canonical, key: info.key, isInGBK: info.inGBK))
            } else if NameCharacters.isLatinLetter(value) {
                let lower = (0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(truncatingIfNeeded: value + 0x20)) : folded
                pieces.append(Piece(kind: .latin, value: folded, key: lower, isInGBK: table.isInGBK(value)))
            } else if NameCharacters.isDigit(value) {
                pieces.append(Piece(kind: .digit, value: folded, key: folded))
            } else {
                pieces.append(Piece(kind: .symbol, value: folded, key: folded, isInGBK: table.isInGBK(value)))
            }
        }
    }

    /// A `.` or `。` between two Han runs (spaces aside) is a middle dot; elsewhere a symbol.
    private func resolvePeriods() {
        for index in pieces.indices where pieces[index].kind == .period {
            let before = pieces[..<index].last { $0.kind != .space }
            let after = pieces[(index + 1)...].first { $0.kind != .space }
            if before?.kind == .han && after?.kind == .han {
                pieces[index] = Piece(kind: .dot, value: "·", key: "·")
            } else {
                pieces[index].kind = .symbol
            }
        }
    }

    /// Copies `pieces` to `kept`, dropping white space at the ends and next to Han characters
    /// and middle dots, and turning other runs of it into one space.
    private func keepSpaces() {
        kept.removeAll(keepingCapacity: true)
        var index = 0
        while index < pieces.count {
            guard pieces[index].kind == .space else {
                kept.append(pieces[index])
                index += 1
                continue
            }
            var next = index
            while next < pieces.count && pieces[next].kind == .space {
                next += 1
            }
            if let last = kept.last, next < pieces.count, !last.kind.isTight, !pieces[next].kind.isTight {
                kept.append(pieces[index])
            }
            index = next
        }
    }

    /// How many leading characters of `kept` are the surname: none unless the name is made
    /// only of Han characters; then a compound surname when the key starts with one and a
    /// given name follows, else one.
    private func surnameLength() -> Int {
        guard kept.allSatisfy({ $0.kind == .han }) else { return 0 }
        guard kept.count >= 3, let compounds = SurnameTable.compoundsByFirst[kept[0].key.value] else { return 1 }
        for compound in compounds where compound.count < kept.count {
            if compound.indices.allSatisfy({ compound[$0] == kept[$0].key.value }) {
                return compound.count
            }
        }
        return 1
    }

    /// The pinyin key of `kept`: the surname's reading, then one word per run of the rest.
    private func pinyinKey(surname: String, surnameLength: Int) -> String {
        var words: [String] = []
        if surnameLength > 0 {
            words.append(table.surnamePinyin(surname, key: kept.prefix(surnameLength).map(\.key.value)))
        }
        var word = ""
        for piece in kept.dropFirst(surnameLength) {
            switch piece.kind {
            case .han:
                word += table.pinyin(piece.value.value)
            case .latin:
                word += table.asciiLowercase(piece.value.value)
            case .digit:
                word.unicodeScalars.append(piece.value)
            case .space, .dot:
                if !word.isEmpty {
                    words.append(word)
                    word = ""
                }
            case .symbol, .period:
                break
            }
        }
        if !word.isEmpty {
            words.append(word)
        }
        return words.joined(separator: " ")
    }
}

@available(*, unavailable, message: "owns ICU handles; make one per thread")
extension NameNormalizer: Sendable {}
