/// A character encoding a CSV/TSV file can be read in.
///
/// GB2312 and GBK are read as GB18030, their superset: a GB2312 decoder would turn every
/// character added since 1980 (many of them used in names) into an error.
public enum TextEncoding: String, CaseIterable, Sendable, Codable {
    case utf8 = "UTF-8"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case gb18030 = "GB18030"

    /// The encoding a user named (`--encoding`, `encoding:` in a pipeline); nil when unknown.
    ///
    /// Case, `-` and `_` do not matter; `gbk`, `gb2312`, `cp936` and `euc-cn` mean GB18030.
    public init?(name: String) {
        var key = ""
        for scalar in name.unicodeScalars where scalar != "-" && scalar != "_" && scalar != " " {
            key.unicodeScalars.append(scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar)
        }
        switch key {
        case "utf8", "utf8bom", "utf8sig": self = .utf8
        case "utf16le", "utf16", "ucs2", "unicode": self = .utf16LE
        case "utf16be": self = .utf16BE
        case "gb18030", "gbk", "gb2312", "cp936", "euccn", "windows936", "ms936": self = .gb18030
        default: return nil
        }
    }

    /// The names `init(name:)` accepts, for a usage message.
    public static let acceptedNames = "utf-8, utf-16le, utf-16be, gb18030 (gbk and gb2312 are read as gb18030)"

    /// ICU's converter name.
    var icuName: String { rawValue }

    /// Bytes per code unit; a NUL character is this many zero bytes.
    var codeUnitWidth: Int {
        switch self {
        case .utf16LE, .utf16BE: 2
        case .utf8, .gb18030: 1
        }
    }
}
