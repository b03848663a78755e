/// Writes each file's titles and header in the run's header style, from the wordings in
/// `SynthHeaderWordings`.
///
/// It draws from its own generator, so a style changes the rows above the data and nothing
/// else: the same seed gives the same data rows in every style.
struct SynthHeaderMaker {
    let style: SynthHeaderStyle
    private var random: SynthRandom
    private let township: String
    private let electionDay: CivilDate

    init(style: SynthHeaderStyle, random: SynthRandom, township: String, electionDay: CivilDate) {
        self.style = style
        self.random = random
        self.township = township
        self.electionDay = electionDay
    }

    /// An office's way of writing one file's header.
    private struct Habit {
        /// Every column with the file's subject in front, where it has such a form.
        var prefixed = false
        /// The subject's one wording in this file (外出人员 or 外出选民).
        var subject = ""
        /// One suffix per kind of column, or none.
        var suffixes: [SynthHeaderWordings.Kind: String] = [:]
        /// Between the characters of short headers, or nil.
        var space: String?
        var fullWidth = false
    }

    /// The register's titles and header (nil) or a list's.
    mutating func header(of list: ListKind?) -> SynthHeader {
        let columns = SynthHeaderWordings.columns(of: list)
        switch style {
        case .standard:
            let cells = columns.map { SynthCell.text($0.standard) }
            guard list == nil else { return SynthHeader(titles: [], cells: cells, row: 1) }
            let title = "\(SynthTownship.county)\(township)选民登记花名册（\(electionDay.year)年）"
            return SynthHeader(titles: [(1, [.text(title)])], cells: cells, row: 2)
        case .varied:
            let habit = variedHabit(list)
            let cells = columns.map { SynthCell.text(written($0, habit)) }
            return titled(cells, list)
        case .random:
            let cells = columns.map { SynthCell.text(randomWording($0)) }
            return titled(cells, list)
        }
    }

    // MARK: Wordings

    private mutating func variedHabit(_ list: ListKind?) -> Habit {
        var habit = Habit()
        habit.prefixed = random.chance(0.5)
        if let subjects = SynthHeaderWordings.subjects[list], !subjects.isEmpty { habit.subject = random.pick(subjects) }
        for kind in [SynthHeaderWordings.Kind.date, .id, .yesNo, .gender] where random.chance(0.4) {
            if let options = SynthHeaderWordings.suffixes[kind], !options.isEmpty { habit.suffixes[kind] = random.pick(options) }
        }
        if random.chance(0.35) { habit.space = random.pick(SynthHeaderWordings.spaces) }
        habit.fullWidth = random.chance(0.3)
        return habit
    }

    /// A column in the file's habit: its subject form when the office prefixes and it has
    /// one, else one of its words (the standard one more often than each other).
    private mutating func written(_ column: SynthHeaderWordings.Column, _ habit: Habit) -> String {
        var word: String
        if habit.prefixed, !column.prefixed.isEmpty {
            let own = column.prefixed.filter { $0.hasPrefix(habit.subject) }
            word = random.pick(own.isEmpty ? column.prefixed : own)
        } else {
            word = random.chance(0.3) ? column.standard : random.pick(column.words)
        }
        let suffix = SynthHeaderWordings.suffixes(of: word, column.kind).isEmpty ? "" : habit.suffixes[column.kind] ?? ""
        if let space = habit.space, word.count <= SynthHeaderWordings.spacedLength {
            word = SynthHeaderWordings.spaced(word, by: space)
        }
        word += suffix
        return habit.fullWidth ? SynthHeaderWordings.fullWidth(word) : word
    }

    /// A column's wording drawn on its own: any word, perhaps a suffix, spaces, full width or
    /// a trailing space.
    private mutating func randomWording(_ column: SynthHeaderWordings.Column) -> String {
        var word = random.pick(column.words + column.prefixed)
        let suffixes = SynthHeaderWordings.suffixes(of: word, column.kind)
        if word.count <= SynthHeaderWordings.spacedLength, random.chance(0.25) {
            word = SynthHeaderWordings.spaced(word, by: random.pick(SynthHeaderWordings.spaces))
        }
        if !suffixes.isEmpty, random.chance(0.3) { word += random.pick(suffixes) }
        if random.chance(0.2) { word = SynthHeaderWordings.fullWidth(word) }
        if random.chance(0.1) { word += " " }
        return word
    }

    // MARK: Titles

    /// The header under a block of 0–4 title rows (a title, a blank row, 填报单位, 填表日期),
    /// so that it lands on row 1–5.
    private mutating func titled(_ cells: [SynthCell], _ list: ListKind?) -> SynthHeader {
        let names = list.flatMap { SynthHeaderWordings.listTitles[$0] } ?? SynthHeaderWordings.registerTitles
        let name = random.pick(names)
        let title: SynthCell = .text((random.chance(0.5) ? SynthTownship.county : "") + township + name)
        let filled = electionDay.adding(days: -random.int(in: 10...60)) ?? electionDay
        let date: SynthCell = .text("填表日期：\(filled.year)年\(filled.month)月\(filled.day)日")
        let office = SynthHeaderWordings.offices[list].map { ($0.township ? township : SynthTownship.county) + $0.office } ?? township
        let unit: SynthCell = .text("填报单位：\(office)（盖章）")
        let blocks: [[[SynthCell]?]] = [
            [],
            [[title]],
            [[title], nil],
            [[title], [date]],
            [[title], nil, [date]],
            [[title], [unit, .empty, .empty, date], nil],
            [[title], nil, [unit], [date]],
        ]
        let block = random.pick(blocks)
        var titles: [(row: Int, cells: [SynthCell])] = []
        for (index, row) in block.enumerated() {
            if let row { titles.append((index + 1, row)) }
        }
        return SynthHeader(titles: titles, cells: cells, row: block.count + 1)
    }
}
