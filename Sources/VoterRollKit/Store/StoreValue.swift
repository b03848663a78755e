/// One value of a store statement's parameters or rows: what the store's columns hold on both
/// databases (text, whole numbers, NULL), so that `StoreRecorder` states a row once and each
/// database's `StoreExecutor` binds it its own way.
public enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)

    /// Text, or NULL when absent.
    public init(_ text: String?) {
        self = text.map { .text($0) } ?? .null
    }

    /// A whole number, or NULL when absent.
    public init(_ integer: Int64?) {
        self = integer.map { .integer($0) } ?? .null
    }

    /// A whole number, or NULL when absent.
    public init(_ integer: Int?) {
        self.init(integer.map { Int64($0) })
    }

    /// The text, when the value is text.
    public var text: String? {
        if case .text(let text) = self { text } else { nil }
    }

    /// The number, when the value is a whole number.
    public var integer: Int64? {
        if case .integer(let integer) = self { integer } else { nil }
    }
}
