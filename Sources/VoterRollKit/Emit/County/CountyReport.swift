import Foundation

/// The county's view of one election day (`voterroll county-report`): one row per township
/// from its latest run, the townships of the county list that have not run, and the county's
/// totals; written as county.csv, county.xlsx and county.html.
public struct CountyReport: Sendable {
    /// Where a township stands.
    public enum Status: String, Sendable {
        /// Its latest run found no error.
        case ok
        /// Its latest run found errors (or exited non-zero): the roll is not ready.
        case failing
        /// Named in the county list, no run recorded for the election day.
        case notRun = "not-run"

        func label(_ language: Language) -> String {
            switch (self, language) {
            case (.ok, .zh): "正常"
            case (.ok, .en): "ok"
            case (.failing, .zh): "有错误"
            case (.failing, .en): "errors"
            case (.notRun, .zh): "未运行"
            case (.notRun, .en): "not run"
            }
        }
    }

    public struct Township: Sendable {
        public var name: String
        public var status: Status
        /// Its latest run, nil when it has not run.
        public var run: CountyRun?
        /// Whether the county list names it (always, without a list).
        public var listed: Bool

        public var errors: Int { run?.summary?.bySeverity[Severity.error.rawValue] ?? 0 }
        public var warnings: Int { run?.summary?.bySeverity[Severity.warning.rawValue] ?? 0 }
        /// People on the clean roll (register rows kept and in-migrants added).
        public var kept: Int { run?.summary?.registered ?? 0 }
        /// Register rows excluded and in-migrants not added.
        public var excluded: Int { (run?.summary?.excluded ?? 0) + (run?.summary?.notAdded ?? 0) }
        public var statistics: StatisticsForm.Row? { run?.summary?.statistics?.total }
    }

    public var electionDay: String
    public var townships: [Township]
    /// The sum of the townships' statistics totals.
    public var total: StatisticsForm.Row

    /// - Parameters:
    ///   - runs: each township's latest run for the election day (`CountyStore.latestRuns`).
    ///   - county: the county's townships in its order (`--townships`); nil: the townships that ran.
    public init(electionDay: String, runs: [CountyRun], county: [String]?) {
        self.electionDay = electionDay
        var byName: [String: CountyRun] = [:]
        for run in runs { byName[run.township] = run }
        var townships: [Township] = []
        var seen = Set<String>()
        for name in county ?? [] where !seen.contains(name) {
            seen.insert(name)
            townships.append(Township(name: name, status: .notRun, run: byName[name], listed: true))
        }
        for run in runs.sorted(by: { $0.township < $1.township }) where !seen.contains(run.township) {
            seen.insert(run.township)
            townships.append(Township(name: run.township, status: .notRun, run: run, listed: county == nil))
        }
        for index in townships.indices {
            guard let run = townships[index].run else { continue }
            townships[index].status = townships[index].errors > 0 || (run.exitStatus ?? 0) != 0 ? .failing : .ok
        }
        self.townships = townships
        let rows = townships.compactMap(\.statistics)
        total = StatisticsForm.total(
            of: rows, comparesPrevious: rows.contains { $0.additions != nil }, hasEthnicity: rows.contains { $0.minorities != nil })
    }

    public func count(_ status: Status) -> Int { townships.filter { $0.status == status }.count }
    public var errors: Int { townships.reduce(0) { $0 + $1.errors } }
    public var warnings: Int { townships.reduce(0) { $0 + $1.warnings } }
    public var kept: Int { townships.reduce(0) { $0 + $1.kept } }
    public var excluded: Int { townships.reduce(0) { $0 + $1.excluded } }
    /// Cross-township duplicates: rows excluded because another township holds the person
    /// (each counted once, at the township that excluded it).
    public var crossTownship: Int { townships.reduce(0) { $0 + ($1.run?.excludedHeldElsewhere ?? 0) } }

    /// Reads a county list: one township a line (the first column of a CSV or a plain text
    /// file; a BOM, blank lines and a header 乡镇/township are skipped).
    public static func readTownships(path: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(decoding: data, as: UTF8.self)
        var names: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            var cell = String(line.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            cell = CellWhitespace.trimmed(cell.replacingOccurrences(of: "\u{FEFF}", with: ""))
            if cell.hasPrefix("\""), cell.hasSuffix("\""), cell.count >= 2 { cell = String(cell.dropFirst().dropLast()) }
            guard !cell.isEmpty, !["乡镇", "乡镇名称", "township"].contains(cell.lowercased()) else { continue }
            names.append(cell)
        }
        return names
    }
}
