extension StoreSQL {
    /// (election_day, kind, township): every number of one kind this township has given for
    /// the election, retired ones too.
    static let documentNumbers = """
        SELECT grouping, sequence, number, id_number, retired_run_id FROM document_numbers
        WHERE election_day = ? AND kind = ? AND township = ?
        """

    /// (retired_run_id or NULL, election_day, kind, township, grouping, sequence): retires a
    /// number, or gives it back to the person who held it.
    static let retireDocumentNumber = """
        UPDATE document_numbers SET retired_run_id = ?
        WHERE election_day = ? AND kind = ? AND township = ? AND grouping = ? AND sequence = ?
        """
}

extension StoreSQL.Table {
    /// A number given for the first time (`StoreRecorder.documentNumbers`).
    public static let documentNumbers = StoreSQL.Table(
        "document_numbers", ["election_day", "kind", "township", "grouping", "sequence", "number", "id_number", "run_id"])
}

extension StoreRecorder {
    /// One number as the store holds it.
    private struct Held {
        var group: String
        var sequence: Int
        var number: String
        var idNumber: String
        var retired: Bool
    }

    /// Numbers `holders` as `RunRecorder.documentNumbers` says, in the run's transaction: a
    /// person keeps the number they hold in the same group; one who held a number there before
    /// (retired) gets it back; anyone else the group's highest number ever given plus one.
    /// Every number held that is not given in this run is retired. Holders come in the roll's
    /// order, so a run killed before its commit and run again gives the same new numbers.
    func assignDocumentNumbers(
        _ kind: DocumentKind, township: String, holders: [DocumentHolder], run: Int64, electionDay: CivilDate
    ) throws -> [String] {
        let day = electionDay.iso8601
        let scope: [StoreValue] = [.text(day), .text(kind.rawValue), .text(township)]
        var heldBy: [String: [Held]] = [:]
        var highest: [String: Int] = [:]
        try executor.fetch(StoreSQL.documentNumbers, scope) { row in
            guard let group = row[0].text, let sequence = row[1].integer, let number = row[2].text, let id = row[3].text else {
                throw StoreError(message: "a document number read back is incomplete")
            }
            let held = Held(group: group, sequence: Int(sequence), number: number, idNumber: id, retired: row[4] != .null)
            heldBy[id, default: []].append(held)
            highest[group] = max(highest[group] ?? 0, held.sequence)
        }
        func mark(_ held: Held, retiredBy value: StoreValue) throws {
            try executor.execute(
                StoreSQL.retireDocumentNumber, [value] + scope + [.text(held.group), .integer(Int64(held.sequence))])
        }
        var given: [String: (group: String, sequence: Int, number: String)] = [:]
        var numbers: [String] = []
        numbers.reserveCapacity(holders.count)
        for holder in holders {
            if let earlier = given[holder.idNumber] {
                numbers.append(earlier.number)
                continue
            }
            let held = (heldBy[holder.idNumber] ?? []).filter { $0.group == holder.group }
            let number: (group: String, sequence: Int, number: String)
            if let current = held.first(where: { !$0.retired }) {
                number = (current.group, current.sequence, current.number)
            } else if let returning = held.max(by: { $0.sequence < $1.sequence }) {
                try mark(returning, retiredBy: .null)
                number = (returning.group, returning.sequence, returning.number)
            } else {
                let sequence = (highest[holder.group] ?? 0) + 1
                highest[holder.group] = sequence
                let text = kind.number(sequence: sequence, electionDay: electionDay)
                try executor.append(
                    [
                        .text(day), .text(kind.rawValue), .text(township), .text(holder.group), .integer(Int64(sequence)), .text(text),
                        .text(holder.idNumber), .integer(run),
                    ], to: .documentNumbers)
                number = (holder.group, sequence, text)
            }
            given[holder.idNumber] = number
            numbers.append(number.number)
        }
        for held in heldBy.values.joined() where !held.retired {
            let kept = given[held.idNumber]
            if kept?.group != held.group || kept?.sequence != held.sequence { try mark(held, retiredBy: .integer(run)) }
        }
        try executor.flush()
        return numbers
    }
}
