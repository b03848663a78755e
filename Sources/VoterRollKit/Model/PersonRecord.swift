/// One person as a roll row (or a moved-in list row) describes them, and what the checks found.
///
/// Raw values stay as read so findings and `rejected.csv` can show what was written; the
/// canonical values are filled in by the stages. The ID number is authoritative for birth
/// date and gender (居民身份证法), so those come from `id` once it is valid.
public struct PersonRecord: Sendable {
    /// Where the row is: file, sheet, row (no column).
    public var source: CellAddress

    public var rawID: RawValue
    public var rawName: RawValue
    public var rawBirthDate: RawValue
    public var rawGender: RawValue
    public var rawEthnicity: RawValue
    public var rawConstituency: RawValue
    public var rawVoterGroup: RawValue
    public var rawAddress: RawValue
    /// 联系电话, when the register has the column.
    public var rawPhone: RawValue = .absent

    /// The valid ID number, once the ID stage accepted it.
    public var id: ResidentID?
    /// The canonical name, once the name stage ran.
    public var name: PersonName?

    public var findings: [Finding] = []
    /// The source's other cells as `header=value`, so rejected.csv loses nothing of the row.
    public var otherCells: [String] = []
    /// What the moved-out list says of a voter away without a certificate (where they live,
    /// their phone), for the letter to them; nil for everyone else.
    public var away: AwayFacts?
    /// For an in-migrant (流入): where their hukou is and their voter certificate, for the
    /// notice to their home office; nil for everyone else.
    public var inMigrant: InMigrantFacts?

    public struct InMigrantFacts: Sendable, Equatable {
        /// 户籍地 as the moved-in list writes it ("" when it has no such column).
        public var hukouPlace: String
        public var certificateNumber: String
    }

    /// Where a voter away lives and how to reach them, as the moved-out list writes it.
    public struct AwayFacts: Sendable, Equatable {
        public var residence: String
        public var phone: String
        /// Whether the moved-out list says the person has (or is to have) a voter certificate.
        public var certificate: Certificate = .none

        public enum Certificate: Sendable, Equatable {
            /// No certificate: the person stays on this roll, away (`migrant.absent`).
            case none
            /// A certificate, its number as the list writes it ("": not yet numbered; the run
            /// issues one, `VoterCertificates`).
            case issued(number: String)
        }
    }

    public init(
        source: CellAddress, rawID: RawValue, rawName: RawValue, rawBirthDate: RawValue = .absent,
        rawGender: RawValue = .absent, rawEthnicity: RawValue = .absent,
        rawConstituency: RawValue = .absent, rawVoterGroup: RawValue = .absent, rawAddress: RawValue = .absent
    ) {
        self.source = source
        self.rawID = rawID
        self.rawName = rawName
        self.rawBirthDate = rawBirthDate
        self.rawGender = rawGender
        self.rawEthnicity = rawEthnicity
        self.rawConstituency = rawConstituency
        self.rawVoterGroup = rawVoterGroup
        self.rawAddress = rawAddress
    }

    /// The strictest action among the findings so far (`FindingAction.of`).
    public var action: FindingAction { FindingAction.of(findings) }

    /// Kept unless a finding so far excludes.
    public var isKept: Bool { action == .keep }

    /// The name for findings: canonical when known, else as written.
    public var displayName: String? {
        if let canonical = name?.canonical, !canonical.isEmpty { return canonical }
        let raw = rawName.trimmed
        return raw.isEmpty ? nil : raw
    }

    /// The name as the roll, the lists and the documents print it: canonical once the name
    /// stage ran, else as written.
    public var rollName: String { name?.canonical ?? rawName.trimmed }

    /// The ID for findings: canonical when valid, else as written.
    public var displayID: String? {
        if let id { return id.canonical }
        let raw = rawID.trimmed
        return raw.isEmpty ? nil : raw
    }

    public var constituency: String { rawConstituency.trimmed }
    public var voterGroup: String { rawVoterGroup.trimmed }

    /// The address of a cell of this row.
    public func address(of value: RawValue) -> CellAddress {
        CellAddress(file: source.file, sheet: source.sheet, row: source.row, column: value.column)
    }

    /// Records a finding about one of this row's cells.
    public mutating func report(_ code: FindingCode, at value: RawValue, evidence: String? = nil) {
        findings.append(
            Finding(
                code: code, address: address(of: value), columnName: value.header, value: value.text,
                name: displayName, idNumber: displayID, evidence: evidence))
    }
}
