/// The facts the rules of one run read: the options, the loaded lists, the people decided so
/// far, the other townships' claims, and the normalisers.
///
/// Owned by one run on one thread (the name normaliser holds ICU handles).
final class CheckContext {
    let options: CheckOptions
    let lists: ListIndex
    let names: NameNormalizer
    let dates: DateParser
    /// The sheets read so far, for compact per-person indexes.
    let sources = SourceTable()
    /// The people decided so far, by ID number.
    let people = PeopleIndex()

    /// Other townships' claims on people, when the run shares its store with them.
    var registry: TownshipRegistry?

    /// Digests for hashed lists; nil when no key was given.
    let hasher: IDHasher?
    private var lastDigest: (id: ResidentID, digest: String)?

    init(options: CheckOptions, lists: ListIndex, names: NameNormalizer, dates: DateParser = DateParser(), hasher: IDHasher? = nil) {
        self.options = options
        self.lists = lists
        self.names = names
        self.dates = dates
        self.hasher = hasher
    }

    /// The keyed digest of an ID, computed once per row however many lists ask.
    func digest(_ id: ResidentID) -> String? {
        guard let hasher, lists.hasHashedEntries else { return nil }
        if let last = lastDigest, last.id == id { return last.digest }
        let digest = hasher.digest(id)
        lastDigest = (id, digest)
        return digest
    }

    var electionDay: CivilDate { options.electionDay }

    /// The registration calendar, its as-of day fixed for the whole run.
    private(set) lazy var calendar: ElectionCalendar = options.calendar
}
