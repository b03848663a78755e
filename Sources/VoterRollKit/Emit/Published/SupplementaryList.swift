import Foundation

/// The lists posted after the first (补充名单 / 更正名单): per constituency, the people added to
/// and taken off the roll since the first posting, each marked 增补 or 删除, ordered like the
/// first list, with no ID number and no reason (the reasons stay in the internal report).
///
/// Since the first posting means: against the previous roll when the run has one (`--previous`,
/// the roll as first posted: every addition, removal and move between constituencies), else
/// the upheld appeals of this run (漏登 added, 不应登记 / 重登 / 错登 removed). Written as
/// `published/<选区>-补充名单.html` and `.csv` (`.xlsx` with `--formats xlsx`).
final class SupplementaryList {
    enum Change: String, Sendable {
        case added = "增补"
        case removed = "删除"
    }

    struct Entry {
        var constituency: String
        var voterGroup: String
        var name: String
        var gender: String
        var birthMonth: Int32
        var change: Change
    }

    private var entries: [Entry] = []

    /// The file name's suffix after the constituency's base name.
    static let suffix = "-补充名单"

    /// Notes a person added to or taken off `constituency`'s list.
    func add(_ change: Change, constituency: String, voterGroup: String, name: String, gender: String, birthDate: String) {
        entries.append(
            Entry(
                constituency: constituency, voterGroup: voterGroup, name: name, gender: gender,
                birthMonth: PublishedLists.birthMonth(birthDate), change: change))
    }

    /// A change against the previous roll: an addition, a removal, or a move (删除 from the old
    /// constituency, 增补 to the new). A renaming is a correction of the first list, not a change
    /// of who is on it.
    func add(_ change: RollChange) {
        switch change.code {
        case .changeAdded:
            add(.added, constituency: change.constituency, voterGroup: change.voterGroup, name: change.name, gender: change.gender, birthDate: change.birthDate)
        case .changeRemoved:
            add(.removed, constituency: change.previousConstituency, voterGroup: change.voterGroup, name: change.name, gender: change.gender, birthDate: change.birthDate)
        case .changeMoved:
            add(.removed, constituency: change.previousConstituency, voterGroup: "", name: change.name, gender: change.gender, birthDate: change.birthDate)
            add(.added, constituency: change.constituency, voterGroup: change.voterGroup, name: change.name, gender: change.gender, birthDate: change.birthDate)
        default:
            break
        }
    }

    /// `第一选区选民名单` → `第一选区选民补充名单`.
    static func title(_ constituency: String) -> String {
        let first = PublishedLists.title(constituency)
        return first.hasSuffix("选民名单") ? String(first.dropLast(4)) + "选民补充名单" : first + "（补充名单）"
    }

    /// Writes one list per constituency with changes into `folder` (the staged `published/`).
    func write(
        folder: String, order: NameOrdering.Order, formats: Set<OutputFormat>, encoding: OutputEncoding, calendar: ElectionCalendar
    ) throws -> [PublishedLists.Written] {
        guard !entries.isEmpty else { return [] }
        let names = Array(Set(entries.map(\.name))).sorted()
        let rankOf = Dictionary(uniqueKeysWithValues: zip(names, try PublishedLists.ranks(of: names, order: order)))
        var byConstituency: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() { byConstituency[entry.constituency, default: []].append(index) }
        var written: [PublishedLists.Written] = []
        let constituencies = byConstituency.keys.sorted()
        for (constituency, name) in zip(constituencies, PublishedFileName.uniqueBases(constituencies)) {
            let indices = (byConstituency[constituency] ?? []).sorted { lhs, rhs in
                let left = rankOf[entries[lhs].name] ?? 0, right = rankOf[entries[rhs].name] ?? 0
                return left != right ? left < right : lhs < rhs
            }
            let base = name + SupplementaryList.suffix
            let rows = indices.map { index in
                let entry = entries[index]
                return [entry.name, entry.gender, PublishedLists.birthMonthText(entry.birthMonth), entry.voterGroup, entry.change.rawValue]
            }
            let title = SupplementaryList.title(constituency)
            let page = PublishedListPage(title: title, calendar: calendar, order: order, count: rows.count, changeColumn: true)
            let files = try PublishedLists.writeFiles(
                rows, header: SupplementaryList.header, page: page, sheet: constituency, base: base, folder: folder,
                formats: formats, encoding: encoding)
            written.append(PublishedLists.Written(constituency: constituency, title: title, count: rows.count, files: files))
        }
        return written
    }

    static let header = PublishedLists.header + ["变动"]
}
