/// Byte-level reading of spreadsheet cell text, folded to ASCII where the difference is only
/// in how the value was typed.
///
/// ID numbers and dates are parsed on a million rows, so they are read straight from a
/// string's UTF-8 bytes with no `Character` grapheme breaking, no regex and no Foundation.
/// People type these values with a Chinese input method, which produces full-width digits,
/// letters and punctuation (`１９９０－０３`); folding those here lets each parser match plain
/// ASCII and still learn that the text was not canonical. White space of every kind (the
/// ideographic space among it) is left as it is and recognised by `CellWhitespace`.
enum CellText {
    /// One Unicode scalar of a cell, after folding.
    struct Scalar {
        /// The scalar, or its ASCII equivalent when `folded`.
        var value: UInt32
        /// Its length in UTF-8 bytes in the source.
        var width: Int
        /// Whether `value` differs from what was written (full-width form or odd dash).
        var folded: Bool
    }

    /// Calls `body` with the text's UTF-8 bytes, contiguous.
    @inline(__always)
    static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = text
        return text.withUTF8(body)
    }

    /// Decodes the scalar starting at `index` and folds it.
    ///
    /// Folding: full-width ASCII (U+FF01–U+FF5E) to ASCII; the Unicode hyphens, dashes and
    /// minus to `-`.
    /// The bytes come from a Swift `String`, so they are valid UTF-8.
    @inline(__always)
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Scalar {
        let b0 = bytes[index]
        if b0 < 0x80 {
            return Scalar(value: UInt32(b0), width: 1, folded: false)
        }
        var value: UInt32
        let width: Int
        if b0 < 0xE0 {
            width = 2
            value = UInt32(b0 & 0x1F)
        } else if b0 < 0xF0 {
            width = 3
            value = UInt32(b0 & 0x0F)
        } else {
            width = 4
            value = UInt32(b0 & 0x07)
        }
        var next = index + 1
        let end = min(index + width, bytes.count)
        while next < end {
            value = value << 6 | UInt32(bytes[next] & 0x3F)
            next += 1
        }
        switch value {
        case 0xFF01...0xFF5E:
            return Scalar(value: value - 0xFEE0, width: width, folded: true)
        case 0x2010...0x2015, 0x2212:
            return Scalar(value: 0x2D, width: width, folded: true)
        default:
            return Scalar(value: value, width: width, folded: false)
        }
    }

    /// Whether a folded scalar is an ASCII digit.
    @inline(__always)
    static func isDigit(_ value: UInt32) -> Bool {
        value &- 0x30 < 10
    }
}
