/// Where the generated people's ID numbers say they were first registered: mostly the county
/// the township is in (历城区, with the codes it had before 1987), some the rest of 济南, and
/// some anywhere in China, drawn from the GB/T 2260 table the tool ships.
struct SynthRegions {
    /// One code of the table with the years it was listed.
    struct Entry {
        var code: Int
        var name: String
        var firstYear: Int?
        var lastYear: Int?

        func covers(_ year: Int) -> Bool {
            year >= (firstYear ?? Int.min) && year <= (lastYear ?? Int.max)
        }
    }

    /// County-level codes of the whole table (not provinces, prefectures or 市辖区).
    let counties: [Entry]
    /// Those of 山东省, where most people born elsewhere come from.
    let shandong: [Entry]
    /// The latest name of each code, for printing a place.
    private let names: [Int: String]

    init() {
        var counties: [Entry] = []
        var names: [Int: String] = [:]
        for line in RegionCodeTable.data.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 4, fields[0].utf8.count == 6, let code = Int(fields[0]) else { continue }
            let entry = Entry(code: code, name: String(fields[1]), firstYear: Int(fields[2]), lastYear: Int(fields[3]))
            names[code] = entry.name
            if code % 100 > 1 { counties.append(entry) }
        }
        self.counties = counties
        self.shandong = counties.filter { $0.code / 10_000 == 37 }
        self.names = names
    }

    /// The township's own district: 历城区 since 1987, 历城县 and 郊区 before.
    static let home = 370_112
    static let homeBefore1987 = [370_121, 370_111]
    /// The other districts of 济南 (历下, 市中, 槐荫, 天桥).
    static let city = [370_102, 370_103, 370_104, 370_105]

    /// A region for someone born in `birthYear` who lives in the township.
    func resident(birthYear: Int, random: inout SynthRandom) -> Int {
        let draw = random.unit()
        if draw < 0.70 {
            if birthYear < 1987, random.chance(0.45) { return random.pick(Self.homeBefore1987) }
            return Self.home
        }
        if draw < 0.86 { return random.pick(Self.city) }
        return elsewhere(birthYear: birthYear, random: &random)
    }

    /// A code listed in the year the person was first registered (at birth, or in 1985 when
    /// the first cards were issued), mostly from 山东.
    func elsewhere(birthYear: Int, random: inout SynthRandom) -> Int {
        let pool = random.chance(0.6) ? shandong : counties
        let year = max(birthYear, 1985)
        var entry = random.pick(pool)
        for _ in 0..<12 where !entry.covers(year) {
            entry = random.pick(pool)
        }
        return entry.code
    }

    /// A code that was never in the table, as a typo in the region part with a recomputed check
    /// digit gives.
    func unknown(random: inout SynthRandom) -> Int {
        while true {
            let code = 370_100 + random.int(in: 20...99)
            if names[code] == nil { return code }
        }
    }

    /// The place a code names, province first (河南省郑州市金水区).
    func place(_ code: Int) -> String {
        let province = names[code / 10_000 * 10_000] ?? ""
        let prefecture = names[code / 100 * 100].map { $0 == "市辖区" || $0 == "县" ? "" : $0 } ?? ""
        let county = names[code] ?? ""
        return province + (prefecture == province ? "" : prefecture) + county
    }
}
