/// Reads one list file into the `ListIndex`, normalising IDs, names and dates like roll rows.
///
/// Problems in a list row (a bad ID, an unreadable date) become findings on that row: a list
/// entry that cannot be matched cannot exclude anyone, and the officer must see why.
struct ListLoader {
    let context: CheckContext
    let encoding: String?
    let aliases: HeaderAliases
    /// The rules that read more of a list row than who it names, by list.
    let readers: [ListKind: any ListDetailsReader]

    /// Lists that can be exchanged hashed: they only need to find people, not name them.
    static let hashable: Set<ListKind> = [.deprived, .incapacitated, .suspended, .deceased, .movedOut]

    /// Loads a list file of `kind` (plain, or hashed by `voterroll hash-list`); returns the
    /// row counts.
    func load(_ kind: ListKind, source: InputSource, into index: ListIndex) throws(IngestError) -> RowCounts {
        let needed = RuleRegistry.neededColumns(for: .list(kind))
        var reader = try open(source, kind: kind, needed: needed)
        var pending: MappedRow?
        var hashed = false
        do {
            pending = try reader.next()
        } catch let error where error.kind == .missingColumns {
            // No ID column: a hashed list has id_hmac instead.
            let hashedReader = try open(source, kind: kind, needed: needed.replacing(.idNumber, with: .idHMAC))
            guard let first = try? hashedReader.next() else { throw error }
            guard context.hasher != nil else {
                throw IngestError(.missingColumns, file: source.path, message: "this \(kind.rawValue) list is hashed (it has id_hmac, not ID numbers); pass --hashed-key-file with the key it was hashed with")
            }
            guard ListLoader.hashable.contains(kind) else {
                throw IngestError(.missingColumns, file: source.path, message: "a hashed \(kind.rawValue) list cannot be used: in-migrants and proxies must be named to be registered or counted")
            }
            reader = hashedReader
            pending = first
            hashed = true
        }
        // Once per file: the columns it has that nothing reads.
        var reported = 0
        while let row = pending {
            index.findings += reader.headerFindings[reported...]
            reported = reader.headerFindings.count
            // An in-migrant's read problems travel with them onto the roll (or rejected.csv).
            if kind != .movedIn { index.findings += row.findings }
            if kind == .proxies {
                index.proxies.append(proxy(row, index: index))
            } else if hashed {
                index.add(hashedEntry(kind, row, index: index))
            } else {
                index.add(entry(kind, row, index: index))
            }
            pending = try reader.next()
        }
        index.findings += reader.headerFindings[reported...]
        return reader.counts
    }

    /// A reader that refuses the file without the columns its rule needs: a list is never
    /// applied in part.
    private func open(_ source: InputSource, kind: ListKind, needed: NeededColumns) throws(IngestError) -> MappedRowReader {
        MappedRowReader(
            reader: try SpreadsheetInput.open(path: source.path, encoding: source.encoding ?? encoding, sheet: source.sheet),
            needed: needed, role: .list(kind), aliases: aliases, language: context.options.language)
    }

    /// A list row's cell that could not be read, naming the list and the column.
    private func unreadable(_ code: FindingCode, _ value: RawValue, in entry: ListEntry) -> Finding {
        let language = context.options.language
        let column = value.header ?? ""
        return entry.finding(code, at: value, evidence: language == .zh ? "\(entry.kind.title(.zh))：\(column)" : "\(entry.kind.title(.en)) list: \(column)")
    }

    /// A row of a hashed list: digests instead of the ID number and name.
    private func hashedEntry(_ kind: ListKind, _ row: MappedRow, index: ListIndex) -> ListEntry {
        let rawDigest = row.rawValue(.idHMAC)
        let digest = rawDigest.trimmed.lowercased()
        let isDigest = digest.utf8.count == 64 && digest.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        let nameDigest = row.rawValue(.nameHMAC).trimmed.lowercased()
        let (details, dateFindings) = details(kind, row)
        var entry = ListEntry(
            kind: kind, source: row.row.address(), rawID: rawDigest, rawName: row.rawValue(.nameHMAC), id: nil, name: nil,
            details: details)
        entry.hashedID = isDigest ? digest : nil
        entry.hashedName = nameDigest.isEmpty ? nil : nameDigest
        for (code, value) in dateFindings { index.findings.append(unreadable(code, value, in: entry)) }
        if !isDigest {
            index.findings.append(entry.finding(rawDigest.trimmed.isEmpty ? .idMissing : .idFormat, at: rawDigest, evidence: "id_hmac"))
        }
        return entry
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
        let (details, dateFindings) = details(kind, row)
        let entry = ListEntry(kind: kind, source: source, rawID: rawID, rawName: rawName, id: id, name: name, details: details)
        for (code, value) in dateFindings { index.findings.append(unreadable(code, value, in: entry)) }
        return entry
    }

    /// What a list row says beyond who the person is (asked of the list's rule), and the
    /// cells that could not be read.
    private func details(_ kind: ListKind, _ row: MappedRow) -> (ListEntry.Details, [(FindingCode, RawValue)]) {
        readers[kind]?.details(row, in: context) ?? (.none, [])
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
            agent: parseID(agentID, at: source, name: agentName.trimmed, index: index), date: row.rawValue(.proxyDate))
    }
}
