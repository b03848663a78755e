/// Per-character facts for names, filled from ICU the first time each character is seen.
///
/// ICU transliterators cost microseconds a call; a register of a million rows uses a few
/// thousand distinct characters. So each character is sent to ICU once (simplified form, pinyin,
/// whether GBK can encode it) and every later row reads the answer from an array (BMP) or a
/// dictionary (supplementary planes). Owns ICU handles: one thread at a time.
final class NameCharacterTable {
    /// What the canonical form and the match key write for one character.
    struct Info {
        /// The character in the canonical form: simplified unless it is a reviewed exception.
        var canonical: Unicode.Scalar
        /// The character in the match key: every traditional or variant form simplified.
        var key: Unicode.Scalar
        /// Whether GBK can encode the character (the canonical one).
        var inGBK: Bool
        /// Whether this entry has been filled.
        var known: Bool
    }

    private static let unknown = Info(canonical: "\u{0}", key: "\u{0}", inGBK: false, known: false)

    private var bmp: [Info]
    private var supplementary: [UInt32: Info] = [:]
    private var pinyinCache: [UInt32: String] = [:]
    private var surnamePinyinCache: [String: String] = [:]
    private var singleSurnamePinyinCache: [UInt32: String] = [:]
    private var gbkCache: [UInt32: Bool] = [:]

    private let simplifier: Transliterator
    /// `Han-Latin` and `Han-Latin/Names`, nil when no pinyin is asked for: compiling their
    /// rules is most of ICU's start-up cost (about a billion instructions).
    private let romanizer: Transliterator?
    private let surnameRomanizer: Transliterator?
    private let latinFolder: Transliterator
    private let gbk: CharsetConverter

    /// - Parameter pinyin: whether `pinyin` and `surnamePinyin` will be asked for.
    init(pinyin: Bool = true) throws(ICUError) {
        bmp = Array(repeating: NameCharacterTable.unknown, count: 0x10000)
        simplifier = try Transliterator(id: "Traditional-Simplified")
        romanizer = pinyin ? try Transliterator(id: "Han-Latin") : nil
        surnameRomanizer = pinyin ? try Transliterator(id: "Han-Latin/Names") : nil
        latinFolder = try Transliterator(id: "Latin-ASCII")
        gbk = try CharsetConverter(charset: "GBK")
    }

    /// The facts for a Han character.
    @inline(__always)
    func han(_ value: UInt32) -> Info {
        if value < 0x10000 {
            let info = bmp[Int(value)]
            if info.known { return info }
        } else if let info = supplementary[value] {
            return info
        }
        let info = fill(value)
        if value < 0x10000 {
            bmp[Int(value)] = info
        } else {
            supplementary[value] = info
        }
        return info
    }

    /// Whether GBK can encode `value`; ASCII always can.
    @inline(__always)
    func isInGBK(_ value: UInt32) -> Bool {
        if value < 0x80 { return true }
        if NameCharacters.isHan(value) { return han(value).inGBK }
        if let known = gbkCache[value] { return known }
        let encodable = encodableInGBK(value)
        gbkCache[value] = encodable
        return encodable
    }

    /// Toneless pinyin of one Han character with ICU's `Han-Latin` (its most common reading);
    /// the character itself when ICU has no reading for it.
    func pinyin(_ value: UInt32) -> String {
        if let known = pinyinCache[value] { return known }
        let result: String
        if let scalar = Unicode.Scalar(value) {
            let text = String(Character(scalar))
            let latin = (try? romanizer?.transform(text)) ?? text
            let folded = NameCharacterTable.toneless(latin)
            result = folded.isEmpty ? text : folded
        } else {
            result = ""
        }
        pinyinCache[value] = result
        return result
    }

    /// Toneless pinyin of a surname: the surname table first, then ICU's `Han-Latin/Names`,
    /// which reads single surnames with their surname readings (单 shàn, 区 ōu…).
    ///
    /// - Parameters:
    ///   - surname: the surname's canonical characters.
    ///   - key: its match-key code points (simplified), which the surname table is keyed by.
    func surnamePinyin(_ surname: String, key: [UInt32]) -> String {
        if key.count == 1 {
            if let reading = SurnameTable.singleReadings[key[0]] { return reading }
            let value = surname.unicodeScalars.first?.value ?? key[0]
            if let known = singleSurnamePinyinCache[value] { return known }
            let reading = romanizeSurname(surname)
            singleSurnamePinyinCache[value] = reading
            return reading
        }
        if let reading = SurnameTable.compoundReadings[key] { return reading }
        if let known = surnamePinyinCache[surname] { return known }
        let reading = romanizeSurname(surname)
        surnamePinyinCache[surname] = reading
        return reading
    }

    private func romanizeSurname(_ surname: String) -> String {
        let latin = (try? surnameRomanizer?.transform(surname)) ?? surname
        let folded = NameCharacterTable.toneless(latin)
        return folded.isEmpty ? surname.unicodeScalars.map { pinyin($0.value) }.joined() : folded
    }

    /// A Latin letter in ASCII lowercase (é → e, ß → ss) for the pinyin key.
    func asciiLowercase(_ value: UInt32) -> String {
        if value < 0x80 {
            let lower = (0x41...0x5A).contains(value) ? value + 0x20 : value
            return String(Character(Unicode.Scalar(UInt8(lower))))
        }
        guard let scalar = Unicode.Scalar(value) else { return "" }
        let folded = (try? latinFolder.transform(String(Character(scalar)))) ?? ""
        return String(folded.unicodeScalars.filter(\.isASCII)).lowercased()
    }

    private func fill(_ value: UInt32) -> Info {
        guard let scalar = Unicode.Scalar(value) else { return NameCharacterTable.unknown }
        let simplified = simplify(scalar)
        let canonical: Unicode.Scalar
        let key: Unicode.Scalar
        if let exception = NameExceptions.byValue[value] {
            canonical = scalar
            key = exception.key
        } else {
            canonical = simplified
            // ICU's mapping is idempotent except where an exception is involved (苧 → 苎).
            key = NameExceptions.byValue[simplified.value]?.key ?? simplified
        }
        return Info(canonical: canonical, key: key, inGBK: encodableInGBK(canonical.value), known: true)
    }

    /// ICU's simplified form of one character; the character itself when ICU writes anything
    /// but exactly one character.
    private func simplify(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard let output = try? simplifier.transform(String(Character(scalar))) else { return scalar }
        var scalars = output.unicodeScalars.makeIterator()
        guard let first = scalars.next(), scalars.next() == nil else { return scalar }
        return first
    }

    private func encodableInGBK(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        return gbk.canEncode(String(Character(scalar)))
    }

    /// Pinyin without tone marks or spaces, lowercase, ü written `v` (as input methods do,
    /// so 吕 lv and 卢 lu stay apart).
    static func toneless(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x61...0x7A:
                result.append(scalar)
            case 0x41...0x5A:
                result.append(Unicode.Scalar(UInt8(value + 0x20)))
            case 0x0308 where result.last == "u":
                // A decomposed ü: u followed by a combining diaeresis.
                result.removeLast()
                result.append("v")
            default:
                if let folded = tonelessVowels[value] {
                    result.append(folded)
                }
            // Spaces between syllables, combining tone marks and anything else are dropped.
            }
        }
        return String(result)
    }

    /// Pinyin letters with tone marks (and ü) in their toneless form.
    private static let tonelessVowels: [UInt32: Unicode.Scalar] = {
        var table: [UInt32: Unicode.Scalar] = [:]
        let groups: [(String, Unicode.Scalar)] = [
            ("āáǎàĀÁǍÀ", "a"), ("ēéěèêếềĒÉĚÈÊ", "e"), ("īíǐìĪÍǏÌ", "i"), ("ōóǒòŌÓǑÒ", "o"),
            ("ūúǔùŪÚǓÙ", "u"), ("üǖǘǚǜÜǕǗǙǛ", "v"), ("ńňǹŃŇǸ", "n"), ("ḿḾ", "m"),
        ]
        for (letters, plain) in groups {
            for letter in letters.unicodeScalars {
                table[letter.value] = plain
            }
        }
        return table
    }()
}
