/// What a file is to the run: the register, or one of the lists. Headers are read with the
/// role as context: 日期 in a deceased list is the date of death, 证明 in a moved-out list is
/// whether a certificate was issued, and a list's fields are never looked for in a register.
public enum HeaderRole: Hashable, Sendable, CustomStringConvertible {
    case register
    case list(ListKind)

    /// `register` or a list's name (`deprived`, `moved_out`, `moved-out`).
    public init?(name: String) {
        if name == "register" || name == "roll" {
            self = .register
        } else if let kind = ListKind(rawValue: name) ?? ListKind.allCases.first(where: { $0.optionName == name }) {
            self = .list(kind)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .register: "register"
        case .list(let kind): kind.rawValue
        }
    }

    /// The file's name for people, in the report's language.
    public func title(_ language: Language) -> String {
        switch self {
        case .register: language == .zh ? "选民登记册" : "register"
        case .list(let kind): kind.title(language)
        }
    }
}
