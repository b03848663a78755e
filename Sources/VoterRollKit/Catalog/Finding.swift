/// One problem or note about one row (or one list entry), with everything an officer needs to act.
///
/// Findings are data, not errors: stages report them and go on. Severity, action and message
/// come from the catalogue through `code`, so they cannot disagree with it.
public struct Finding: Hashable, Sendable, Codable {
    public var code: FindingCode
    /// The source cell (or row when `column` is nil).
    public var address: CellAddress
    /// The column's header as written in the source (e.g. 公民身份号码).
    public var columnName: String?
    /// The raw value as read from the source, before any normalisation.
    public var value: String
    /// The person's name and ID as best known (canonical when they could be normalised).
    public var name: String?
    public var idNumber: String?
    /// Supporting facts: the list file and row that matched, the kept duplicate, a byte offset.
    public var evidence: String?

    public init(
        code: FindingCode,
        address: CellAddress,
        columnName: String? = nil,
        value: String = "",
        name: String? = nil,
        idNumber: String? = nil,
        evidence: String? = nil
    ) {
        self.code = code
        self.address = address
        self.columnName = columnName
        self.value = value
        self.name = name
        self.idNumber = idNumber
        self.evidence = evidence
    }

    public var severity: Severity { code.severity }
    public var action: FindingAction { code.action }
    public func message(_ language: Language) -> String { code.message(language) }
}
