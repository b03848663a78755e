/// One cell as the file gave it: its text, its type as the file says, and its column.
///
/// Types matter: a numeric cell holding `1.10101199003071E+17` is a damaged ID number, and a
/// numeric cell holding `32939` under a date header is an Excel date serial.
public struct Cell: Hashable, Sendable {
    /// The type the file declares for the cell.
    public enum Kind: String, Hashable, Sendable, Codable {
        case string
        case number
        /// A date or date-time; `text` is ISO `YYYY-MM-DD` (with `THH:MM:SS` when the time is not midnight).
        case date
        case boolean
        case empty
    }

    /// 1-based column.
    public var column: Int
    /// The text as read (numbers as the file wrote them; CSV cells are always `.string`).
    public var text: String
    public var kind: Kind

    public init(column: Int, text: String, kind: Kind) {
        self.column = column
        self.text = text
        self.kind = kind
    }

    /// Whether the cell holds nothing but white space (`CellWhitespace`).
    public var isBlank: Bool {
        kind == .empty || CellWhitespace.isBlank(text)
    }
}
