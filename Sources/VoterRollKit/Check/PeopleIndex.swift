/// The people the run has decided so far, by ID number: where each was first seen and whether
/// they are on the clean roll. Filled by `RunSink` as people are decided; read by the rules
/// (same ID, township, in-migrants, proxies).
///
/// Memory grows with the number of distinct people, not with the file: 12 bytes a person
/// besides the ID, with the sheet as a number (`SourceTable`).
final class PeopleIndex {
    /// Where a person was first seen.
    struct FirstSeen: Sendable {
        /// Position on the roll, or -1 when the row was excluded.
        var rollRow: Int32
        var source: Int32
        var row: Int32

        var isKept: Bool { rollRow >= 0 }
    }

    private var seen: [ResidentID: FirstSeen] = [:]

    /// Where the person with `id` was first seen; nil when no row with that ID was decided yet.
    func first(_ id: ResidentID) -> FirstSeen? { seen[id] }

    /// Whether an ID is on the clean roll (its first occurrence kept).
    func isOnCleanRoll(_ id: ResidentID) -> Bool { seen[id]?.isKept ?? false }

    /// Notes a decided person; returns whether this was the first row with their ID.
    func note(_ person: PersonRecord, id: ResidentID, rollRow: Int?, sources: SourceTable) -> Bool {
        guard seen[id] == nil else { return false }
        seen[id] = FirstSeen(
            rollRow: Int32(rollRow ?? -1), source: sources.intern(person), row: Int32(person.source.row))
        return true
    }
}
