/// The loaded lists, indexed by ID number, and which entries matched a roll row.
///
/// Lists are small next to the register (thousands of rows), so they are held in memory
/// while the register streams past.
final class ListIndex {
    private(set) var entries: [ListKind: [ListEntry]] = [:]
    private var byID: [ListKind: [ResidentID: [Int]]] = [:]
    private var matched: [ListKind: [Bool]] = [:]
    /// Findings about list rows themselves (bad ID, unreadable date).
    var findings: [Finding] = []
    /// The proxies list, which names two people per row.
    var proxies: [ProxyEntry] = []
    /// The proxies list's principals (委托人) with a valid ID number; asked for once the lists
    /// are read.
    private(set) lazy var principals: Set<ResidentID> = Set(proxies.compactMap(\.principal))
    /// Rows read per list file (for the accounting).
    var rowsRead: [ListKind: Int] = [:]

    init() {}

    func add(_ entry: ListEntry) {
        // Appended in place: copying the list out and back would copy it on every entry.
        let index = entries[entry.kind]?.count ?? 0
        entries[entry.kind, default: []].append(entry)
        matched[entry.kind, default: []].append(false)
        if let digest = entry.hashedID {
            byDigest[entry.kind, default: [:]][digest, default: []].append(index)
        }
        if let id = entry.id {
            anyID.insert(id)
            byID[entry.kind, default: [:]][id, default: []].append(index)
        }
    }

    /// Whether any list names this ID: one look-up per row spares the five list stages theirs.
    private var anyID: Set<ResidentID> = []
    /// Hashed lists' entries by ID digest.
    private var byDigest: [ListKind: [String: [Int]]] = [:]

    /// Whether some list is hashed (then roll IDs are digested to match it).
    var hasHashedEntries: Bool { !byDigest.isEmpty }

    /// The entries of a list for an ID (or its digest, for hashed lists), marking them matched.
    func match(_ kind: ListKind, id: ResidentID, digest: String? = nil) -> [ListEntry] {
        var indices: [Int] = []
        if anyID.contains(id), let byKind = byID[kind]?[id] { indices += byKind }
        if let digest, let byKind = byDigest[kind]?[digest] { indices += byKind }
        guard !indices.isEmpty, let list = entries[kind] else { return [] }
        for index in indices { matched[kind]?[index] = true }
        return indices.map { list[$0] }
    }

    /// Entries that matched no roll row, in list order.
    func unmatched(_ kind: ListKind) -> [ListEntry] {
        guard let list = entries[kind], let flags = matched[kind] else { return [] }
        return zip(list, flags).filter { !$0.1 }.map(\.0)
    }

    func isMatched(_ kind: ListKind, index: Int) -> Bool {
        matched[kind]?[index] ?? false
    }
}
