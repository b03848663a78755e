/// Reads one list file into the `ListIndex`, normalising IDs, names and dates like roll rows.
///
/// Problems in a list row (a bad ID, an unreadable date) become findings on that row: a list
/// entry that cannot be matched cannot exclude anyone, and the officer must see why.
struct ListLoader {
    let context: CheckContext
    let encoding: String?
    let aliases: HeaderAliases

    /// Loads a list file of `kind`; returns the row counts.
    func load(_ kind: ListKind, source: InputSource, into index: ListIndex) throws(IngestError) -> RowCounts {
        let required: Set<CanonicalField> = kind == .proxies ? [.principalID, .agentID] : [.idNumber]
        let reader = MappedRowReader(
            reader: try SpreadsheetInput.open(path: source.path, encoding: source.encoding ?? encoding, sheet: source.sheet),
            required: required, aliases: aliases)
        while let row = try reader.next() {
            // An in-migrant's read problems travel with them onto the roll (or rejected.csv).
            if kind != .movedIn { index.findings += row.findings }
            if kind == .proxies {
                index.proxies.append(proxy(row, index: index))
            } else {
                index.add(entry(kind, row, index: index))
            }
        }
        return reader.counts
    }

    private func parseID(_ value: RawValue, at source: CellAddress, name: String?, index: ListIndex) -> ResidentID? {
        switch ResidentID.parse(value.text, cellIsNumeric: value.kind == .number, referenceDay: context.electionDay) {
        case .valid(let id, _):
            return id
        case .invalid(let code):
            index.findings.append(
                Finding(
                    code: code, address: CellAddress(file: source.file, sheet: source.sheet, row: source.row, column: value.column),
                    columnName: value.header, value: value.text, name: name,
                    idNumber: value.trimmed.isEmpty ? nil : value.trimmed))
            return nil
        }
    }

    private func entry(_ kind: ListKind, _ row: MappedRow, index: ListIndex) -> ListEntry {
        let source = row.row.address()
        let rawID = row.rawValue(.idNumber)
        let rawName = row.rawValue(.name)
        let name = rawName.trimmed.isEmpty ? nil : context.names.normalize(rawName.text)
        // An in-migrant's ID is checked with the rest of their row when they are considered for
        // the roll, so it is reported there, once.
        let id = kind == .movedIn
            ? ResidentID.parse(rawID.text, cellIsNumeric: rawID.kind == .number, referenceDay: context.electionDay).id
            : parseID(rawID, at: source, name: name?.canonical, index: index)
        var details = ListEntry.Details.none
        var dateFindings: [(FindingCode, RawValue)] = []
        switch kind {
        case .deprived:
            let startValue = row.rawValue(.start)
            let endValue = row.rawValue(.end)
            var start: ParsedDate?
            var startReadable = true
            if !startValue.trimmed.isEmpty {
                start = context.dates.parse(startValue.text, cellIsNumeric: startValue.kind == .number)
                if start == nil {
                    startReadable = false
                    dateFindings.append((.dateUnparseable, startValue))
                }
            }
            let end: ListEntry.DeprivationEnd
            let endText = endValue.trimmed
            if ListLoader.lifelongWords.contains(endText) {
                end = .lifelong
            } else if let date = context.dates.parse(endValue.text, cellIsNumeric: endValue.kind == .number) {
                end = .date(date)
            } else {
                end = .unreadable
                dateFindings.append((.dateUnparseable, endValue))
            }
            details = .deprivation(start: start, startReadable: startReadable, end: end)
        case .movedOut:
            details = .movedOut(hasCertificate: ListLoader.isYes(row.rawValue(.certificateIssued).trimmed))
        case .movedIn:
            let person = PersonColumns(row.mapping).person(row)
            details = .movedIn(certificateNumber: row.rawValue(.certificateNumber).trimmed, person: person)
        case .incapacitated, .suspended, .deceased, .proxies:
            break
        }
        let entry = ListEntry(kind: kind, source: source, rawID: rawID, rawName: rawName, id: id, name: name, details: details)
        for (code, value) in dateFindings {
            index.findings.append(entry.finding(code, at: value, evidence: kind.rawValue))
        }
        return entry
    }

    private func proxy(_ row: MappedRow, index: ListIndex) -> ProxyEntry {
        let source = row.row.address()
        let principalID = row.rawValue(.principalID)
        let principalName = row.rawValue(.principalName)
        let agentID = row.rawValue(.agentID)
        let agentName = row.rawValue(.agentName)
        return ProxyEntry(
            source: source, principalID: principalID, principalName: principalName, agentID: agentID,
            agentName: agentName,
            principal: parseID(principalID, at: source, name: principalName.trimmed, index: index),
            agent: parseID(agentID, at: source, name: agentName.trimmed, index: index))
    }

    /// How lists write a deprivation for life.
    static let lifelongWords: Set<String> = ["终身", "终生", "无期", "lifelong", "life"]

    /// Whether a certificate column says yes.
    static func isYes(_ text: String) -> Bool {
        ["是", "有", "已开", "已开具", "已开证明", "y", "yes", "true", "1", "√", "✓"].contains(text.lowercased())
    }
}
