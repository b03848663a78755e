/// A value as the source held it, with the column it came from, for findings and `rejected.csv`.
public struct RawValue: Hashable, Sendable {
    public var text: String
    public var kind: Cell.Kind
    /// 1-based column, nil when the source has no such column.
    public var column: Int?
    /// The column's header as written in the source.
    public var header: String?

    public init(text: String, kind: Cell.Kind, column: Int?, header: String?) {
        self.text = text
        self.kind = kind
        self.column = column
        self.header = header
    }

    /// White space as registers contain it (ASCII, no-break, ideographic, the Unicode spaces).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// The last scalar, decoded from the last UTF-8 bytes (`unicodeScalars.last` walks the
    /// view generically, 180 instructions a cell).
    static func lastScalar(_ text: String) -> Unicode.Scalar? {
        var text = text
        return text.withUTF8 { bytes -> Unicode.Scalar? in
            guard var start = bytes.indices.last else { return nil }
            while start > 0, bytes[start] & 0xC0 == 0x80, bytes.count - start < 4 { start -= 1 }
            var value = UInt32(bytes[start])
            switch bytes.count - start {
            case 1: break
            case 2: value &= 0x1F
            case 3: value &= 0x0F
            default: value &= 0x07
            }
            for index in (start + 1)..<bytes.count { value = value << 6 | UInt32(bytes[index] & 0x3F) }
            return Unicode.Scalar(value)
        }
    }

    /// A value the source does not have.
    public static let absent = RawValue(text: "", kind: .empty, column: nil, header: nil)

    /// The text without surrounding white space (ASCII and ideographic).
    public var trimmed: String {
        // Most cells have nothing around them: check the ends before walking characters.
        if let first = text.unicodeScalars.first, let last = RawValue.lastScalar(text),
            !RawValue.isSpace(first), !RawValue.isSpace(last)
        {
            return text
        }
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
            let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}

extension MappedRow {
    /// A field's value as read, with its column and header; `.absent` when the file has no
    /// such column.
    func rawValue(_ field: CanonicalField) -> RawValue {
        guard let column = mapping.column(for: field) else { return .absent }
        let cell = cell(field)
        return RawValue(text: cell?.text ?? "", kind: cell?.kind ?? .empty, column: column, header: columnName(field))
    }
}
