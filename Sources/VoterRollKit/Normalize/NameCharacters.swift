/// How the name normaliser sees one Unicode scalar: Han, Latin, a separator, or something else.
///
/// Pure functions of the code point, so the hot loop classifies without ICU. The ranges are
/// deliberately wide (all of planes 2 and 3 count as Han): a registry name with a character
/// from a newer CJK extension is still a name, and `name.rare-char` reports it.
enum NameCharacters {
    /// The separator the national standard prescribes inside minority and foreign names
    /// (GB/T 28039, 公安部 姓名登记): U+00B7 MIDDLE DOT.
    static let middleDot: UInt32 = 0x00B7

    /// Whether `value` is a CJK ideograph (or 〇, which is one in names such as 王〇).
    @inline(__always)
    static func isHan(_ value: UInt32) -> Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x3007, 0xF900...0xFAFF, 0x20000...0x3FFFF: true
        default: false
        }
    }

    /// Whether `value` is in the Private Use Area of the BMP (U+E000…U+F8FF), where GB 18030-2005
    /// decoders put 24 characters that have standard code points (`GB18030PrivateUse`).
    @inline(__always)
    static func isPrivateUse(_ value: UInt32) -> Bool {
        value &- 0xE000 < 0x1900
    }

    /// Whether `value` is a Latin letter (ASCII or accented, after NFC).
    @inline(__always)
    static func isLatinLetter(_ value: UInt32) -> Bool {
        switch value {
        case 0x41...0x5A, 0x61...0x7A: true
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x1E00...0x1EFF: true
        default: false
        }
    }

    /// Whether `value` is an ASCII digit (full-width digits are folded before this is asked).
    @inline(__always)
    static func isDigit(_ value: UInt32) -> Bool {
        value &- 0x30 < 10
    }

    /// Whether `value` is U+00B7 or a look-alike that stands for it in a name wherever it is.
    ///
    /// • U+2022 bullet, ・ U+30FB katakana middle dot, ･ U+FF65 its half-width form, ‧ U+2027
    /// hyphenation point, ∙ U+2219 bullet operator, ⋅ U+22C5 dot operator, ． U+FF0E
    /// full-width full stop, · U+0387 Greek ano teleia (NFC turns it into U+00B7 already),
    /// ᛫ U+16EB runic punctuation, ⸱ U+2E31 word separator middle dot, ⸳ U+2E33 raised dot,
    /// ․ U+2024 one-dot leader, ꞏ U+A78F Latin sinological dot, ㆍ U+318D Hangul araea,
    /// ⦁ U+2981 Z notation spot. A plain `.` or `。` is a dot only between two Han runs; see
    /// `isPeriod`.
    @inline(__always)
    static func isDotLookAlike(_ value: UInt32) -> Bool {
        switch value {
        case 0x00B7, 0x2022, 0x30FB, 0xFF65, 0x2027, 0x2219, 0x22C5, 0xFF0E, 0x0387, 0x16EB,
            0x2E31, 0x2E33, 0x2024, 0xA78F, 0x318D, 0x2981:
            true
        default:
            false
        }
    }

    /// Full stops that mean a middle dot when written between two Han runs (`买买提.艾力`),
    /// and a full stop otherwise: `.`, `。` and the half-width `｡`.
    @inline(__always)
    static func isPeriod(_ value: UInt32) -> Bool {
        value == 0x2E || value == 0x3002 || value == 0xFF61
    }

    /// Punctuation that belongs in a name written in Latin letters (`Mary-Jane O'Neil`,
    /// `J. Smith`) and is therefore not suspicious there.
    @inline(__always)
    static func isLatinNamePunctuation(_ value: UInt32) -> Bool {
        value == 0x2D || value == 0x27 || value == 0x2E || value == 0x2019
    }

    /// The half-width ASCII form of a full-width ASCII variant (U+FF01–U+FF5E), or nil.
    @inline(__always)
    static func halfWidth(_ value: UInt32) -> UInt32? {
        (0xFF01...0xFF5E).contains(value) ? value - 0xFEE0 : nil
    }

    /// Whether NFC leaves text made only of such scalars unchanged, so the ICU call can be
    /// skipped: scalars that neither decompose nor combine with their neighbours. Below U+0300
    /// (Latin-1 and Latin Extended, before any combining mark), CJK punctuation up to U+3029,
    /// general punctuation from U+2002, full-width forms, and the unified ideographs. Left to
    /// ICU: combining marks, U+2000/U+2001, the ideographic tone marks U+302A–U+302F, and the
    /// compatibility ideographs (U+F900…, U+2F800…), which do decompose. Checked against
    /// Python's `unicodedata` for Unicode 14 when written.
    @inline(__always)
    static func isNFCStable(_ value: UInt32) -> Bool {
        switch value {
        case 0...0x2FF, 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x3000...0x3029, 0xFF01...0xFF65,
            0x2002...0x206F, 0x20000...0x2A6DF, 0x2A700...0x2EBEF, 0x30000...0x3134F:
            true
        default:
            false
        }
    }
}
