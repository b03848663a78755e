import Foundation

/// The published lists (选民榜): one per constituency, in `published/`, as HTML to print and
/// post, CSV and (with `--formats xlsx`) Excel.
///
/// A public list shows name, gender, birth year-month and voter group, and never the ID
/// number. People are collected from the clean roll as it is read back (16 bytes each, names
/// interned), then ordered by surname strokes or pinyin (`NameOrdering`) and written.
///
/// The ordering is done once for the distinct names of the whole roll (a million people
/// have a few hundred thousand distinct names), which gives each name a rank; a constituency
/// is then ordered by rank, ties in roll order. So each name is normalised and collated
/// once, however many constituencies there are. (Two different spellings with equal
/// collation keys keep the order of their first appearance rather than interleaving.)
final class PublishedLists {
    /// One person on a list.
    struct Entry {
        /// Index into `names`.
        var name: Int32
        /// 1 male, 2 female, 0 unknown.
        var gender: UInt8
        /// `year * 100 + month`, 0 when unknown.
        var birthMonth: Int32
        var group: Int32
    }

    /// What was written for one constituency, for the report.
    struct Written: Sendable, Equatable {
        var constituency: String
        var title: String
        var count: Int
        /// File names inside `published/`.
        var files: [String]
    }

    private var constituencyIndex: [String: Int] = [:]
    private var constituencies: [String] = []
    private var entries: [[Entry]] = []
    private var groupIndex: [String: Int32] = [:]
    private var groups: [String] = []
    /// Names are the roll's canonical (NFC) forms, so byte equality is equality, and hashing
    /// bytes skips the normalisation a `String` key hashes through.
    private var nameIndex: [NameCacheKey: Int32] = [:]
    private var names: [String] = []

    /// The folder name inside the output folder.
    static let folder = "published"

    /// The last constituency and group added: registers list people by constituency and group,
    /// so most rows repeat the previous row's and skip the look-up.
    private var last: (constituency: String, position: Int, group: String, index: Int32)?

    /// Adds a person from the clean roll.
    func add(constituency: String, voterGroup: String, name: String, gender: String, birthDate: String) {
        let position: Int
        if let last, NameCacheKey.sameBytes(last.constituency, constituency) || last.constituency == constituency {
            position = last.position
        } else if let known = constituencyIndex[constituency] {
            position = known
        } else {
            position = constituencies.count
            constituencyIndex[constituency] = position
            constituencies.append(constituency)
            entries.append([])
        }
        let group: Int32
        if let last, NameCacheKey.sameBytes(last.group, voterGroup) || last.group == voterGroup {
            group = last.index
        } else if let known = groupIndex[voterGroup] {
            group = known
        } else {
            group = Int32(groups.count)
            groupIndex[voterGroup] = group
            groups.append(voterGroup)
        }
        last = (constituency, position, voterGroup, group)
        let interned: Int32
        let key = NameCacheKey(name)
        if let known = nameIndex[key] {
            interned = known
        } else {
            interned = Int32(names.count)
            nameIndex[key] = interned
            names.append(name)
        }
        entries[position].append(
            Entry(
                name: interned, gender: PublishedLists.genderCode(gender),
                birthMonth: PublishedLists.birthMonth(birthDate), group: group))
    }

    /// The roll's gender (男, 女 or empty) as 1, 2 or 0, read as the checks read it.
    static func genderCode(_ text: String) -> UInt8 {
        switch ResidentID.Gender(stated: text) {
        case .male: 1
        case .female: 2
        case nil: 0
        }
    }

    /// `1980-01-01` → 198001; 0 when the text is not a date.
    static func birthMonth(_ text: String) -> Int32 {
        var value: Int32 = 0
        var count = 0
        for byte in text.utf8.prefix(7) {
            count += 1
            if count == 5 {
                guard byte == UInt8(ascii: "-") else { return 0 }
                continue
            }
            guard (0x30...0x39).contains(byte) else { return 0 }
            value = value * 10 + Int32(byte - 0x30)
        }
        return count == 7 ? value : 0
    }

    /// Writes every list into `directory/published/`, a folder it creates: the run's staging
    /// folder, swapped in whole with the other outputs (`RunOutputs.commit`), so no rename per
    /// file and no mix of this run's lists with the last run's.
    func write(
        directory: String, order: NameOrdering.Order, formats: Set<OutputFormat>, encoding: OutputEncoding,
        calendar: ElectionCalendar
    ) throws -> [Written] {
        let ranks = try PublishedLists.ranks(of: names, order: order)
        nameIndex = [:]
        let folder = directory + "/" + PublishedLists.folder
        // 0777 less the umask: the folder is posted or shared as the office chooses.
        try PublishedFileName.makeFolder(folder, mode: 0o777)
        // File names first, in constituency order (a clash gets a suffix), then the lists are
        // written on two threads: each list is its own files, so the bytes are the same as
        // written one after another; results and the first failure are taken in order.
        let (constituencies, entries, names, groups) = (self.constituencies, self.entries, self.names, self.groups)
        let positions = constituencies.indices.sorted { constituencies[$0] < constituencies[$1] }
        let jobs = Array(zip(positions, PublishedFileName.uniqueBases(positions.map { constituencies[$0] })))
        let results = ConcurrentResults<Written>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: PublishedLists.threads) { thread in
            for job in stride(from: thread, to: jobs.count, by: PublishedLists.threads) {
                let (position, base) = jobs[job]
                let constituency = constituencies[position]
                let list = entries[position]
                let sorted = list.indices.sorted { lhs, rhs in
                    let left = ranks[Int(list[lhs].name)], right = ranks[Int(list[rhs].name)]
                    return left != right ? left < right : lhs < rhs
                }
                results.fill(job) {
                    let files = try PublishedLists.writeList(
                        list, order: sorted, names: names, groups: groups, constituency: constituency, base: base,
                        folder: folder, ordering: order, formats: formats, encoding: encoding, calendar: calendar)
                    return Written(
                        constituency: constituency, title: PublishedLists.title(constituency), count: list.count,
                        files: files)
                }
            }
        }
        // Written: their people are not needed any more.
        self.entries = []
        return try results.values()
    }

    /// Threads writing lists: the machine this is made for has two cores.
    private static let threads = 2

    /// Each distinct name's place in the order (equal names, equal places).
    static func ranks(of names: [String], order: NameOrdering.Order) throws -> [Int32] {
        // Each name is normalised once: no cache needed; pinyin only when it orders.
        let normalizer = try NameNormalizer(cacheLimit: 1, pinyin: order == .pinyin)
        let people = names.map(normalizer.normalize)
        var ranks = [Int32](repeating: 0, count: names.count)
        for (rank, index) in try NameOrdering(order).sortedIndices(people).enumerated() {
            ranks[index] = Int32(rank)
        }
        return ranks
    }

    /// Writes one constituency's list in each format; returns the file names.
    private static func writeList(
        _ list: [Entry], order: [Int], names: [String], groups: [String], constituency: String, base: String, folder: String,
        ordering: NameOrdering.Order, formats: Set<OutputFormat>, encoding: OutputEncoding, calendar: ElectionCalendar
    ) throws(OutputError) -> [String] {
        let title = PublishedLists.title(constituency)
        // Each row's cells once, for every format.
        var months: [Int32: String] = [:]
        let rows = order.map { index in
            let entry = list[index]
            let month = months[entry.birthMonth] ?? PublishedLists.birthMonthText(entry.birthMonth)
            months[entry.birthMonth] = month
            return [
                names[Int(entry.name)], entry.gender == 1 ? "男" : entry.gender == 2 ? "女" : "", month,
                groups[Int(entry.group)],
            ]
        }
        let page = PublishedListPage(title: title, calendar: calendar, order: ordering, count: list.count)
        return try writeFiles(
            rows, header: PublishedLists.header, page: page, sheet: constituency, base: base, folder: folder, formats: formats,
            encoding: encoding)
    }

    /// Writes one list's rows (without 序号, which is added) as HTML (`page`), CSV and, with
    /// `formats` asking, XLSX; returns the file names. Shared by the first list and the
    /// supplementary list (`SupplementaryList`), whose rows carry one more cell.
    static func writeFiles(
        _ rows: [[String]], header: [String], page: PublishedListPage, sheet: String, base: String, folder: String,
        formats: Set<OutputFormat>, encoding: OutputEncoding
    ) throws(OutputError) -> [String] {
        var files: [String] = []
        try page.write(path: folder + "/" + base + ".html", staged: true) { (emit) throws(OutputError) in
            for (number, cells) in rows.enumerated() {
                try emit(number + 1, cells)
            }
        }
        files.append(base + ".html")
        if formats.contains(.csv) {
            let csv = try CSVWriter(
                file: AtomicFile(path: folder + "/" + base + ".csv", isPrivate: false, staged: true), encoding: encoding)
            try csv.writeRow(header)
            for (number, cells) in rows.enumerated() {
                try csv.writeRow([String(number + 1)] + cells)
            }
            try csv.commit()
            files.append(base + ".csv")
        }
        if formats.contains(.xlsx) {
            let xlsx = try XLSXWriter(
                path: folder + "/" + base + ".xlsx", sheetName: sheet.isEmpty ? page.title : sheet,
                isPrivate: false, columnWidths: Array([8, 16, 6, 12, 16, 8].prefix(header.count)),
                print: .init(title: page.title, footer: "第 &P 页，共 &N 页"))
            try xlsx.writeRow(header.map { .text($0) }, style: .boxedHeader)
            for (number, cells) in rows.enumerated() {
                try xlsx.writeRow([.number(number + 1)] + cells.map { .text($0) }, style: .boxed)
            }
            try xlsx.commit()
            // The workbook writer sets 0644 on what is not private; a list honours the umask.
            chmod(folder + "/" + base + ".xlsx", AtomicFile.sharedMode)
            files.append(base + ".xlsx")
        }
        return files
    }

    static let header = ["序号", "姓名", "性别", "出生年月", "选民小组"]

    /// 198001 → `1980.01`, as Chinese forms write 出生年月.
    static func birthMonthText(_ value: Int32) -> String {
        guard value > 0 else { return "" }
        let month = value % 100
        return "\(value / 100).\(month < 10 ? "0" : "")\(month)"
    }

    /// `第一选区` → `第一选区选民名单`; `东街` → `东街选区选民名单`.
    static func title(_ constituency: String) -> String {
        if constituency.isEmpty { return "未分选区选民名单" }
        return constituency.hasSuffix("选区") ? constituency + "选民名单" : constituency + "选区选民名单"
    }

    /// A file name for a constituency (`PublishedFileName`).
    static func fileBase(_ constituency: String) -> String {
        PublishedFileName.base(constituency)
    }
}
