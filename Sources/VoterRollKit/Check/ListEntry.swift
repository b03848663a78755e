/// One row of a list (deprived, deceased, moved out…), normalised like a roll row.
///
/// Entries match roll rows by ID number only; the name is compared to catch a wrong number,
/// never to exclude someone on a name alone.
struct ListEntry: Sendable {
    /// When a deprivation of political rights ends.
    enum DeprivationEnd: Sendable, Equatable {
        /// 终身: for life.
        case lifelong
        case date(ParsedDate)
        /// The list's end date could not be read: exclude and ask a person to review.
        case unreadable
    }

    /// What the list says beyond who the person is.
    enum Details: Sendable {
        case none
        /// A start that could not be read is nil and, like an unreadable end, excludes.
        case deprivation(start: ParsedDate?, startReadable: Bool, end: DeprivationEnd)
        /// `certificateNumber`: the voter certificate's number when the list gives one (a
        /// certificate already issued), else "".
        case movedOut(hasCertificate: Bool, residence: String = "", phone: String = "", certificateNumber: String = "")
        case movedIn(certificateNumber: String, person: PersonRecord)
        case appeal(Appeal)
    }

    let kind: ListKind
    /// The list row (no column).
    let source: CellAddress
    let rawID: RawValue
    let rawName: RawValue
    let id: ResidentID?
    let name: PersonName?
    let details: Details
    /// For a hashed list: the keyed digests of the ID number and the name's match key.
    var hashedID: String? = nil
    var hashedName: String? = nil

    /// Where the list row is, for evidence on the roll row's finding.
    var evidence: String { "\(kind.rawValue) \(source.rowReference)" }

    /// Whether the list's name and the roll's name are the same person's by match key.
    ///
    /// A list row without a name cannot disagree.
    func nameAgrees(with roll: PersonName?, hasher: IDHasher? = nil) -> Bool {
        if let hashedName, !hashedName.isEmpty {
            guard let key = roll?.matchKey, !key.isEmpty, let hasher else { return true }
            return hasher.digest(nameKey: key) == hashedName
        }
        guard let listKey = name?.matchKey, !listKey.isEmpty, let rollKey = roll?.matchKey, !rollKey.isEmpty else {
            return true
        }
        return listKey == rollKey
    }

    func address(of value: RawValue) -> CellAddress {
        CellAddress(file: source.file, sheet: source.sheet, row: source.row, column: value.column)
    }

    /// A finding about this list row itself (not about a roll row).
    func finding(_ code: FindingCode, at value: RawValue, evidence: String? = nil) -> Finding {
        Finding(
            code: code, address: address(of: value), columnName: value.header, value: value.text,
            name: name.map(\.canonical).flatMap { $0.isEmpty ? nil : $0 } ?? (rawName.trimmed.isEmpty ? nil : rawName.trimmed),
            idNumber: id?.canonical ?? (hashedID == nil && !rawID.trimmed.isEmpty ? rawID.trimmed : nil), evidence: evidence)
    }
}
