/// The same name match key and birth date under different ID numbers (`dup.probable`): one
/// person with a mistyped number, or two people. Both stay and both are flagged for a person
/// to decide. The flag never changes a decision, so it is worked out once the run closes, from
/// one compact entry per person noted as people are decided, instead of a large index held
/// during the run.
final class ProbableDuplicateRule: DecisionRule, ClosingRule {
    private var probable = ProbableDuplicates()
    /// Constituencies, numbered: an entry keeps 4 bytes instead of the text.
    private var constituencies = TextInterner()

    func decided(_ person: PersonRecord, _ decision: Decision, in context: CheckContext, sink: any FindingSink) throws {
        guard decision.isFirstOccurrence, let id = person.id, let name = person.name, !name.matchKey.isEmpty else { return }
        probable.add(
            matchKey: name.matchKey, id: id, rowIndex: Int32(decision.rollRow ?? -1), source: context.sources.intern(person),
            row: Int32(person.source.row), rawName: person.rawName.text,
            constituency: Int32(constituencies.number(person.constituency)))
    }

    func close(in context: CheckContext, sink: any FindingSink) throws {
        for flagged in probable.findings(in: context) {
            try sink.report(
                flagged.finding,
                on: .person(
                    constituency: constituencies[Int(flagged.constituency)],
                    rollRow: flagged.rowIndex >= 0 ? flagged.rowIndex : nil))
        }
    }
}

/// The entries `ProbableDuplicateRule` keeps: people with the same name match key and birth
/// date under different ID numbers, found at the end of a run from one compact entry per person.
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
        var constituency: Int32
        var rawName: String

        /// Input order: sheets are numbered in the order they are read, rows count up within
        /// one (kept implicit: a field would cost 8 bytes a person with the padding).
        var order: Int64 { Int64(source) << 32 | Int64(row) }
    }

    private var entries: [Entry] = []

    mutating func add(matchKey: String, id: ResidentID, rowIndex: Int32, source: Int32, row: Int32, rawName: String, constituency: Int32) {
        entries.append(
            Entry(
                key: ProbableDuplicates.key(matchKey, id.birthDate), id: id, rowIndex: rowIndex, source: source,
                row: row, constituency: constituency, rawName: rawName))
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
    mutating func findings(in context: CheckContext) -> [(rowIndex: Int, constituency: Int32, finding: Finding)] {
        entries.sort { ($0.key, $0.order) < ($1.key, $1.order) }
        var flagged: [(order: Int64, rowIndex: Int, constituency: Int32, finding: Finding)] = []
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
        return flagged.sorted { $0.order < $1.order }.map { ($0.rowIndex, $0.constituency, $0.finding) }
    }

    /// Within one hash group, people whose exact key matches someone with another ID.
    private func flag(
        _ group: ArraySlice<Entry>, context: CheckContext, into flagged: inout [(order: Int64, rowIndex: Int, constituency: Int32, finding: Finding)]
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
                flagged.append((entry.order, Int(entry.rowIndex), entry.constituency, finding))
            }
        }
    }

    private struct ProbableKey: Hashable {
        var matchKey: String
        var birthDate: CivilDate
    }
}
