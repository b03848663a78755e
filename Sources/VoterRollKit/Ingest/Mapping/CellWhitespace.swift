/// White space in cell text, defined once: what a cell may hold around its value, or instead
/// of one, and still count as empty there.
///
/// The set is Unicode's White_Space property plus U+200B ZERO WIDTH SPACE and U+FEFF ZERO WIDTH
/// NO-BREAK SPACE (the byte order mark). Registers exported from WPS carry stray BOMs and
/// zero-width spaces: a cell holding only them is blank, and a value is read without them
/// around it. Everything that asks about white space in a cell asks this table: blank rows
/// (`Cell.isBlank`, `SourceRow.isBlank`), header cells and keys, `RawValue.trimmed`, the name
/// normaliser, and the ID-number and date parsers.
///
/// Decided from scalar values and bytes, not `Character` properties: blank-row and header
/// checks run on every row of a million-row register, and Unicode property lookups made them a
/// tenth of the reading time. The byte-level helpers (`mayStartWhitespace`, `trimmedRange`)
/// follow from `isWhitespace`; `CellWhitespaceTests` pins them to it for every scalar.
enum CellWhitespace {
    /// Whether `value` is white space in a cell.
    @inline(__always)
    static func isWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// Whether a UTF-8 sequence starting with `byte` may be white space: an ASCII white space
    /// byte, or the first byte of a longer one (0xC2: U+0085, U+00A0; 0xE1: U+1680; 0xE2:
    /// U+2000–U+205F; 0xE3: U+3000; 0xEF: U+FEFF).
    @inline(__always)
    static func mayStartWhitespace(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09...0x0D, 0x20, 0xC2, 0xE1, 0xE2, 0xE3, 0xEF: true
        default: false
        }
    }

    /// Whether `value` is invisible and carries nothing (zero-width space and joiners, word
    /// joiner, BOM, Mongolian vowel separator, soft hyphen): removed wherever it stands in a name
    /// or a header, never turned into a space.
    ///
    /// Not the same question as `isWhitespace`: U+200B and U+FEFF are both (blank around a
    /// value, dropped inside one); the joiners and the soft hyphen are only invisible, so a cell
    /// holding just one is not blank.
    @inline(__always)
    static func isInvisible(_ value: UInt32) -> Bool {
        switch value {
        case 0x200B...0x200D, 0x2060, 0xFEFF, 0x180E, 0x00AD: true
        default: false
        }
    }

    /// Whether `text` is empty or only white space.
    static func isBlank(_ text: String) -> Bool {
        // Most cells start with something else, and their first byte says so.
        guard let first = text.utf8.first else { return true }
        if !mayStartWhitespace(first) { return false }
        var text = text
        return text.withUTF8 { bytes in leadingWhitespaceEnd(bytes) == bytes.count }
    }

    /// `text` without surrounding white space.
    static func trimmed(_ text: String) -> String {
        var text = text
        let trimmed = text.withUTF8 { bytes -> String? in
            let range = trimmedRange(bytes)
            // Most cells have nothing around them: no new string then.
            return range.count == bytes.count ? nil : String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        return trimmed ?? text
    }

    /// The range of `bytes` (UTF-8) left when the white space at both ends is taken off.
    static func trimmedRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let start = leadingWhitespaceEnd(bytes)
        var end = bytes.count
        while end > start {
            let width = whitespaceWidth(bytes, endingAt: end, after: start)
            if width == 0 { break }
            end -= width
        }
        return start..<end
    }

    /// Where the white space at the start of `bytes` ends.
    @inline(__always)
    private static func leadingWhitespaceEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        while index < bytes.count {
            let width = whitespaceWidth(bytes, at: index)
            if width == 0 { break }
            index += width
        }
        return index
    }

    /// The length of the white space scalar starting at `index`; 0 when none starts there.
    @inline(__always)
    private static func whitespaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        guard mayStartWhitespace(lead) else { return 0 }
        if lead < 0x80 { return isWhitespace(UInt32(lead)) ? 1 : 0 }
        // Every member beyond ASCII is two bytes (0xC2 …) or three (0xE1 … 0xEF).
        let width = lead < 0xE0 ? 2 : 3
        guard index + width <= bytes.count else { return 0 }
        var value = UInt32(lead & (width == 2 ? 0x1F : 0x0F))
        for next in index + 1..<index + width {
            guard bytes[next] & 0xC0 == 0x80 else { return 0 }
            value = value << 6 | UInt32(bytes[next] & 0x3F)
        }
        return isWhitespace(value) ? width : 0
    }

    /// The length of the white space scalar ending just before `end` (and not before `start`);
    /// 0 when the scalar there is not white space.
    @inline(__always)
    private static func whitespaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, endingAt end: Int, after start: Int) -> Int {
        let last = bytes[end - 1]
        if last < 0x80 { return isWhitespace(UInt32(last)) ? 1 : 0 }
        guard last & 0xC0 == 0x80, end - start >= 2 else { return 0 }
        // Decode the last scalar only when it is two bytes led by 0xC2 or three led by 0xE_,
        // the only shapes a member beyond ASCII has.
        let second = bytes[end - 2]
        if second == 0xC2 {
            return isWhitespace(UInt32(second & 0x1F) << 6 | UInt32(last & 0x3F)) ? 2 : 0
        }
        guard end - start >= 3, second & 0xC0 == 0x80 else { return 0 }
        let first = bytes[end - 3]
        guard first & 0xF0 == 0xE0 else { return 0 }
        let value = UInt32(first & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(last & 0x3F)
        return isWhitespace(value) ? 3 : 0
    }
}
