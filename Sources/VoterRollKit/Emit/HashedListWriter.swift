/// Writes a list with keyed digests in place of identifiers, for `voterroll hash-list`.
///
/// Each row keeps only what matching needs: the digest of its ID number (`id_hmac`), the
/// digest of its name's match key (`name_hmac`, so the receiver can still see a wrong number),
/// and the list's own facts (dates, deciding authority, certificate 是/否). Names, addresses,
/// residences and every other column are dropped. The receiver matches with `voterroll check
/// --hashed-key-file` and the same key.
public enum HashedListWriter: Sendable {
    /// The list columns that are facts about the entry, not about who the person is.
    static let keptFields: [CanonicalField] = [
        .start, .end, .confirmedDate, .authority, .decidedDate, .deathDate, .certificateIssued,
    ]

    /// What was written.
    public struct Result: Sendable {
        public var hashed = 0
        /// Rows whose ID number could not be read, so they could not be hashed: fix and hash again.
        public var refused: [Finding] = []
        public var rows = RowCounts()
    }

    public static func write(source: InputSource, hasher: IDHasher, to path: String, encoding: OutputEncoding = .utf8BOM) throws -> Result {
        let reader = MappedRowReader(
            reader: try SpreadsheetInput.open(path: source.path, encoding: source.encoding, sheet: source.sheet),
            required: [.idNumber])
        let names = try NameNormalizer(cacheLimit: 1 << 12, pinyin: false)
        var result = Result()
        var writer: CSVWriter?
        var kept: [CanonicalField] = []
        while let row = try reader.next() {
            if writer == nil {
                kept = keptFields.filter { row.mapping.column(for: $0) != nil }
                writer = try CSVWriter(
                    path: path, encoding: encoding, isPrivate: false,
                    header: ["id_hmac", "name_hmac"] + kept.map(HeaderAliases.displayName(of:)))
            }
            let raw = row.rawValue(.idNumber)
            switch ResidentID.parse(raw.text, cellIsNumeric: raw.kind == .number) {
            case .valid(let id, _):
                let name = names.normalize(row.text(.name) ?? "")
                let nameDigest = name.matchKey.isEmpty ? "" : hasher.digest(nameKey: name.matchKey)
                try writer?.writeRow([hasher.digest(id), nameDigest] + kept.map { row.text($0) ?? "" })
                result.hashed += 1
            case .invalid(let code):
                result.refused.append(
                    Finding(
                        code: code, address: row.address(.idNumber), columnName: row.columnName(.idNumber),
                        value: ResidentID.mask(raw.text)))
            }
        }
        if writer == nil {
            writer = try CSVWriter(path: path, encoding: encoding, isPrivate: false, header: ["id_hmac", "name_hmac"])
        }
        try writer?.commit()
        result.rows = reader.counts
        return result
    }
}
