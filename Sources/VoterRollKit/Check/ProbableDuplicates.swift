/// People with the same name match key and birth date under different ID numbers
/// (`dup.probable`), found at the end of a run from one compact entry per person.
///
/// Entries are grouped by a hash of (match key, birth date) after sorting; within a group
/// the match keys are compared exactly (recomputed from the raw names through the cached
/// normaliser), so a hash collision can never flag anyone. Findings come out in input order,
/// so outputs are the same from run to run.
struct ProbableDuplicates {
    private struct Entry {
        var key: UInt64
        var id: ResidentID
        var rowIndex: Int32
        var source: Int32
        var row: Int32
        var order: Int32
        var rawName: String
    }

    private var entries: [Entry] = []

    mutating func add(matchKey: String, id: ResidentID, rowIndex: Int32, source: Int32, row: Int32, rawName: String) {
        entries.append(
            Entry(
                key: ProbableDuplicates.key(matchKey, id.birthDate), id: id, rowIndex: rowIndex, source: source,
                row: row, order: Int32(entries.count), rawName: rawName))
    }

    /// FNV-1a over the match key's bytes and the birth date: stable across runs and machines.
    private static func key(_ matchKey: String, _ birthDate: CivilDate) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in matchKey.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3
        }
        for value in [birthDate.year, birthDate.month, birthDate.day] {
            hash = (hash ^ UInt64(value)) &* 0x0100_0000_01B3
        }
        return hash
    }

    /// The findings for every flagged person, in input order, with the roll rows to flag.
    mutating func findings(in context: CheckContext) -> [(rowIndex: Int, finding: Finding)] {
        entries.sort { ($0.key, $0.order) < ($1.key, $1.order) }
        var flagged: [(order: Int32, rowIndex: Int, finding: Finding)] = []
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].key == entries[start].key { end += 1 }
            if end - start > 1 {
                flag(entries[start..<end], context: context, into: &flagged)
            }
            start = end
        }
        entries = []
        return flagged.sorted { $0.order < $1.order }.map { ($0.rowIndex, $0.finding) }
    }

    /// Within one hash group, people whose exact key matches someone with another ID.
    private func flag(
        _ group: ArraySlice<Entry>, context: CheckContext, into flagged: inout [(order: Int32, rowIndex: Int, finding: Finding)]
    ) {
        // Exact keys: the hash only narrows the search.
        var byExactKey: [ProbableKey: [Entry]] = [:]
        for entry in group {
            let name = context.names.normalize(entry.rawName)
            byExactKey[ProbableKey(matchKey: name.matchKey, birthDate: entry.id.birthDate), default: []].append(entry)
        }
        for (_, people) in byExactKey where Set(people.map(\.id)).count > 1 {
            let ordered = people.sorted { $0.order < $1.order }
            for (position, entry) in ordered.enumerated() {
                // Evidence: the first other person, so a pair points at each other.
                let other = position == 0 ? ordered[1] : ordered[0]
                let address = context.sources.nameAddress(entry.source, row: entry.row)
                let finding = Finding(
                    code: .dupProbable, address: address, columnName: context.sources[entry.source].nameHeader,
                    value: entry.rawName, name: context.names.normalize(entry.rawName).canonical,
                    idNumber: entry.id.canonical,
                    evidence: context.sources.nameAddress(other.source, row: other.row).cell)
                flagged.append((entry.order, Int(entry.rowIndex), finding))
            }
        }
    }

    private struct ProbableKey: Hashable {
        var matchKey: String
        var birthDate: CivilDate
    }
}
