/// Whitespace in cell text, decided from scalar values, not `Character` properties.
///
/// Blank-row and header checks run on every row of a million-row register; Unicode property
/// lookups made them a tenth of the reading time. The set is Unicode's White_Space property,
/// which is small and fixed.
enum CellWhitespace {
    @inline(__always)
    static func isWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Whether a UTF-8 sequence starting with `byte` may be whitespace (ASCII whitespace, or
    /// the first byte of U+0085, U+00A0, U+1680, U+2000–U+205F or U+3000).
    @inline(__always)
    static func mayStartWhitespace(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09...0x0D, 0x20, 0xC2, 0xE1, 0xE2, 0xE3: true
        default: false
        }
    }

    /// Whether `text` is empty or only whitespace.
    static func isBlank(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where !isWhitespace(scalar.value) { return false }
        return true
    }

    /// Whether no cell of `row` holds anything but whitespace.
    static func isBlank(_ row: SourceRow) -> Bool {
        row.cells.allSatisfy { $0.kind == .empty || isBlank($0.text) }
    }

    /// `text` without surrounding whitespace (including the ideographic space).
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !isWhitespace(first.value), !isWhitespace(last.value) { return text }
        guard let start = scalars.firstIndex(where: { !isWhitespace($0.value) }),
            let end = scalars.lastIndex(where: { !isWhitespace($0.value) })
        else { return "" }
        return String(scalars[start...end])
    }
}
