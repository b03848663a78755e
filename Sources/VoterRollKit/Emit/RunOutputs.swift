import Foundation

/// Every output of one run, fed as the run decides people and reports findings, and
/// committed together at the end. Nothing is read back from the files it writes.
///
/// - roll.csv, rejected.csv, findings.csv/.jsonl and changes.csv are written as the run goes,
///   under temporary names, and renamed into place by `commit`;
/// - what the outputs for people need is kept in memory as the run goes, bounded by what they
///   print: the published lists (about 32 bytes a person), the age pyramid (counts), the
///   findings needing action (at most `ActionRows.limit`), counts by constituency, and the
///   change digest;
/// - `commit` then writes summary.json, roll.xlsx, the published lists and report.html.
///
/// Outputs of this kind that the run does not write (no `--previous` this time, `xlsx` no
/// longer asked for) are removed, so no stale file is taken for current.
final class RunOutputs {
    let directory: String
    private let options: CheckOptions
    private let roll: RollWriter
    private let rejected: RejectedWriter
    private let findings: FindingsWriter
    private let changes: CSVWriter?
    private var changeDigest: ChangeDigest?
    private let published = PublishedLists()
    private var pyramid = AgePyramid()
    private var actions = ActionRows()
    /// The constituency of each row in `actions` (errors, then warnings), nil for list rows.
    private var errorConstituencies: [String?] = []
    private var warningConstituencies: [String?] = []
    private var findingCounts = ConstituencyFindings()
    private var listFindings = SeverityCounts()

    /// - Parameter previous: the previous roll and its election day, when the run compares
    ///   against one (changes.csv).
    init(directory: String, options: CheckOptions, previous: (roll: PreviousRoll, electionDay: CivilDate)?) throws(OutputError) {
        self.directory = directory
        self.options = options
        roll = try RollWriter(directory: directory, encoding: options.outputEncoding)
        rejected = try RejectedWriter(directory: directory, encoding: options.outputEncoding)
        findings = try FindingsWriter(
            directory: directory, encoding: options.outputEncoding, language: options.language, maskIDs: options.maskIDs)
        if let previous {
            changes = try CSVWriter(
                path: directory + "/changes.csv", encoding: options.outputEncoding, isPrivate: true, header: RollChange.header)
            changeDigest = ChangeDigest(previous: previous.roll, previousElectionDay: previous.electionDay)
        } else {
            changes = nil
        }
    }

    /// Adds a kept person to the roll and the outputs built from it; returns their roll position.
    func keep(_ person: PersonRecord) throws(OutputError) -> Int {
        let position = try roll.add(person)
        let gender = person.id?.gender.label ?? ""
        let birthDate = person.id?.birthDate.iso8601 ?? ""
        published.add(
            constituency: person.constituency, voterGroup: person.voterGroup,
            name: person.name?.canonical ?? person.rawName.trimmed, gender: gender, birthDate: birthDate)
        pyramid.add(birthDate: birthDate, gender: gender, electionDay: options.electionDay, rule: options.leapDayRule)
        return position
    }

    /// Adds an excluded person to rejected.csv.
    func reject(_ person: PersonRecord) throws(OutputError) {
        try rejected.add(person)
    }

    /// Writes a finding. `constituency` is its row's (nil for a list row); `rollRow` a kept
    /// row decided earlier whose flags gain the finding's code; `deferred` findings (changes)
    /// are listed after every other.
    func write(_ finding: Finding, constituency: String?, rollRow: Int?, deferred: Bool) throws(OutputError) {
        let written = try findings.write(finding, deferred: deferred)
        if let rollRow { roll.addFlag(finding.code, toRow: rollRow) }
        let severity = finding.severity
        if let constituency {
            findingCounts.count(severity, constituency: constituency)
        } else {
            listFindings.add(severity)
        }
        guard severity != .info else { return }
        guard actions.keeps(severity) else {
            actions.count(severity)
            return
        }
        if severity == .error {
            errorConstituencies.append(constituency)
        } else {
            warningConstituencies.append(constituency)
        }
        actions.add(FindingsFile.Line(written))
    }

    /// Writes a change's row of changes.csv (its finding goes through `write`).
    func change(_ change: RollChange) throws(OutputError) {
        try changes?.writeRow(change.cells(options.language))
        changeDigest?.add(change, language: options.language)
    }

    /// Commits every output: the core files first (roll, rejected, findings, changes,
    /// summary.json), then roll.xlsx, the published lists and report.html.
    ///
    /// - Parameter digests: each input's size and SHA-256 (and the previous roll's), for the
    ///   report.
    func commit(summary: RunSummary, digests: [String: FileDigest]) throws {
        var rollWorkbook: XLSXWriter?
        if options.formats.contains(.xlsx) {
            let workbook = try XLSXWriter(
                path: directory + "/roll.xlsx", sheetName: options.language == .zh ? "选民名单" : "roll", isPrivate: true,
                columnWidths: [14, 12, 12, 6, 12, 21, 8, 28, 18, 24], autoFilter: true)
            try workbook.writeRow(RollWriter.header.map { .text($0) }, style: .header)
            rollWorkbook = workbook
        }
        try roll.commit(workbook: rollWorkbook)
        try rejected.commit()
        try findings.commit()
        if let changes {
            try changes.commit()
        } else {
            try? FileManager.default.removeItem(atPath: directory + "/changes.csv")
        }
        try SummaryFile.write(summary, directory: directory)
        if let rollWorkbook {
            try rollWorkbook.commit()
        } else {
            try? FileManager.default.removeItem(atPath: directory + "/roll.xlsx")
        }
        let lists = try published.write(
            directory: directory, order: options.publishedOrder, formats: options.formats,
            encoding: options.outputEncoding, electionDay: options.electionDay)

        let content = ReportContent(
            summary: summary, options: options, runTime: options.reportClock.now, inputs: inputs(summary, digests),
            actions: actions, actionConstituencies: Array((errorConstituencies + warningConstituencies).prefix(ActionRows.limit)),
            findingsByConstituency: findingCounts.byConstituency, listFindings: listFindings, pyramid: pyramid,
            changes: changeDigest, published: lists)
        let page = ReportPage(content)
        let file = try AtomicFile(path: directory + "/report.html", isPrivate: true)
        try file.write(page.render())
        try file.commit()
    }

    /// Every input in the order of summary.json's inputs, then the previous roll.
    private func inputs(_ summary: RunSummary, _ digests: [String: FileDigest]) -> [ReportContent.Input] {
        var inputs: [ReportContent.Input] = []
        for (index, input) in summary.inputs.enumerated() {
            if let digest = digests[input.file] {
                inputs.append(ReportContent.Input(role: input.role, digest: digest, summaryIndex: index))
            }
        }
        if let previous = options.previous, let digest = digests[previous] {
            inputs.append(ReportContent.Input(role: "previous", digest: digest, summaryIndex: nil))
        }
        return inputs
    }
}

/// Findings counted by severity per constituency, by the name's bytes (`TextInterner`).
private struct ConstituencyFindings {
    private var names = TextInterner()
    private var counts: [SeverityCounts] = []

    mutating func count(_ severity: Severity, constituency: String) {
        let position = names.number(constituency)
        if position == counts.count { counts.append(SeverityCounts()) }
        counts[position].add(severity)
    }

    var byConstituency: [String: SeverityCounts] {
        var result: [String: SeverityCounts] = [:]
        for (name, count) in zip(names.texts, counts) { result[name, default: SeverityCounts()].add(count) }
        return result
    }
}
