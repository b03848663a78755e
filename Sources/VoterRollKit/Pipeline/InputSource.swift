/// One input file and how to read it: an optional worksheet and an encoding that overrides
/// detection (CSV/TSV only).
public struct InputSource: Sendable, Hashable, Codable {
    public var path: String
    public var sheet: String?
    public var encoding: String?

    public init(path: String, sheet: String? = nil, encoding: String? = nil) {
        self.path = path
        self.sheet = sheet
        self.encoding = encoding
    }
}
