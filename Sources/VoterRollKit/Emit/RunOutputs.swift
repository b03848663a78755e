import Foundation

/// Every output of one run, fed as the run decides people and reports findings, and
/// committed together at the end. Nothing is read back from the files it writes.
///
/// - every file is written in the run's staging folder inside the output folder
///   (`StagedFolder`): roll.csv, rejected.csv, findings.csv/.jsonl and changes.csv as the run
///   goes, the rest by `commit`;
/// - what the outputs for people need is kept in memory as the run goes, bounded by what they
///   print: the published lists (about 32 bytes a person), the age pyramid (counts), the
///   findings needing action (at most `ActionRows.limit`), counts by constituency, and the
///   change digest;
/// - `commit` then writes summary.json, statistics.csv/.xlsx (the statistics form that
///   summary.json carries), roll.xlsx, the published lists, report.html and the manifest, and
///   swaps the whole set in at once.
///
/// A previous output that the run does not write again (no `--previous` this time, `xlsx` no
/// longer asked for, a constituency that is gone) is removed with the swap, so no stale file
/// is taken for current, but only when the last run's manifest names it: a file someone else
/// put in the folder is never removed.
final class RunOutputs {
    let directory: String
    private let staging: StagedFolder
    private let options: CheckOptions
    private let roll: RollWriter
    private let rejected: RejectedWriter
    private let findings: FindingsWriter
    private let changes: CSVWriter?
    private var changeDigest: ChangeDigest?
    private let published = PublishedLists()
    /// The lists posted after the first (补充名单): from the changes when there is a previous
    /// roll, else from the upheld appeals.
    private let supplement = SupplementaryList()
    /// Who an appeal took off, once each however many rows carry their ID.
    private var removedByAppeal: Set<String> = []
    /// Voters away without a certificate, for absent.csv and the letters.
    private let absent = AbsentVoters()
    /// In-migrants from another county, for the notices to their home offices.
    private let notices = HomeOfficeNotices()
    /// Voter cards, when asked for (`--formats …,cards`).
    private let cards: VoterCards?
    /// Voter certificates due to voters away who register where they live.
    private let certificates = VoterCertificates()
    /// The principals of the proxies list: a voter away who appointed a proxy gets no letter.
    var proxyPrincipals: Set<ResidentID> = []
    private var pyramid = AgePyramid()
    private var actions = ActionRows()
    /// The constituency of each row in `actions` (errors, then warnings), nil for list rows.
    private var errorConstituencies: [String?] = []
    private var warningConstituencies: [String?] = []
    private var findingCounts = ConstituencyFindings()
    /// The findings' cells in each input, for `annotated/` (with `--formats …,annotated`).
    var annotations: FindingMarks?
    private var listFindings = SeverityCounts()

    /// - Parameter previous: the previous roll and its election day, when the run compares
    ///   against one (changes.csv).
    init(directory: String, options: CheckOptions, previous: (roll: PreviousRoll, electionDay: CivilDate)?) throws(OutputError) {
        self.directory = directory
        self.options = options
        cards = options.formats.contains(.cards) ? VoterCards() : nil
        staging = try StagedFolder(in: directory)
        let folder = staging.path
        roll = try RollWriter(directory: folder, encoding: options.outputEncoding)
        rejected = try RejectedWriter(directory: folder, encoding: options.outputEncoding)
        findings = try FindingsWriter(
            directory: folder, encoding: options.outputEncoding, language: options.language, maskIDs: options.maskIDs)
        if let previous {
            changes = try CSVWriter(
                file: AtomicFile(path: folder + "/changes.csv", isPrivate: true, staged: true), encoding: options.outputEncoding)
            try changes?.writeRow(RollChange.header)
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
            name: person.rollName, gender: gender, birthDate: birthDate)
        pyramid.add(birthDate: birthDate, gender: gender, electionDay: options.electionDay, rule: options.leapDayRule)
        absent.add(person)
        notices.add(person)
        cards?.add(person)
        if changes == nil, person.findings.contains(where: { $0.code == .appealAdded }) {
            supplement.add(
                .added, constituency: person.constituency, voterGroup: person.voterGroup,
                name: person.rollName, gender: gender, birthDate: birthDate)
        }
        return position
    }

    /// Adds an excluded person to rejected.csv.
    func reject(_ person: PersonRecord) throws(OutputError) {
        try rejected.add(person)
        certificates.add(person)
        if changes == nil, person.findings.contains(where: { $0.code == .appealRemoved }),
            removedByAppeal.insert(person.displayID ?? "").inserted
        {
            supplement.add(
                .removed, constituency: person.constituency, voterGroup: person.voterGroup,
                name: person.rollName, gender: person.id?.gender.label ?? "",
                birthDate: person.id?.birthDate.iso8601 ?? "")
        }
    }

    /// Writes a finding. `constituency` is its row's (nil for a list row); `rollRow` a kept
    /// row decided earlier whose flags gain the finding's code; `deferred` findings (changes)
    /// are listed after every other.
    func write(_ finding: Finding, constituency: String?, rollRow: Int?, deferred: Bool) throws(OutputError) {
        let written = try findings.write(finding, deferred: deferred)
        annotations?.add(finding)
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
        supplement.add(change)
    }

    /// Writes the rest of the outputs into the staging folder (summary.json, roll.xlsx, the
    /// published lists, report.html, the manifest), then swaps the set in; returns the swap,
    /// which keeps the previous outputs aside until `OutputSwap.finish`.
    ///
    /// - Parameter digests: each input's size and SHA-256 (and the previous roll's), for the
    ///   report.
    /// - Parameter numbers: the store's numbering of documents (`RunRecorder.documentNumbers`);
    ///   nil without a store, when no certificate is issued (the report says how many are due).
    func commit(
        summary: RunSummary, digests: [String: FileDigest], numbers: ((DocumentKind, [DocumentHolder]) throws -> [String])?
    ) throws -> OutputSwap {
        let folder = staging.path
        var written = ["roll.csv", "rejected.csv", "findings.csv", "findings.jsonl"]
        var rollWorkbook: XLSXWriter?
        if options.formats.contains(.xlsx) {
            let workbook = try XLSXWriter(
                path: folder + "/roll.xlsx", sheetName: options.language == .zh ? "选民名单" : "roll", isPrivate: true,
                columnWidths: [14, 12, 12, 6, 12, 21, 8, 28, 18, 24], autoFilter: true)
            try workbook.writeRow(RollWriter.header.map { .text($0) }, style: .header)
            rollWorkbook = workbook
        }
        try roll.commit(workbook: rollWorkbook)
        try rejected.commit()
        try findings.commit()
        if let changes {
            try changes.commit()
            written.append("changes.csv")
        }
        if let rollWorkbook {
            try rollWorkbook.commit()
            written.append("roll.xlsx")
        }
        try SummaryFile.write(summary, directory: folder)
        written.append("summary.json")
        if let statistics = summary.statistics {
            written += try StatisticsTable.write(
                statistics, folder: folder, language: options.language, encoding: options.outputEncoding, xlsx: true)
        }
        let calendar = options.calendar
        let lists = try published.write(
            directory: folder, order: options.publishedOrder, formats: options.formats,
            encoding: options.outputEncoding, calendar: calendar)
            + supplement.write(
                folder: folder + "/" + PublishedLists.folder, order: options.publishedOrder, formats: options.formats,
                encoding: options.outputEncoding, calendar: calendar)

        let documents = try absent.write(
            directory: folder, principals: proxyPrincipals, calendar: calendar, encoding: options.outputEncoding)
        let noticesWritten = try notices.write(directory: folder, calendar: calendar, encoding: options.outputEncoding)
        let committee = options.committeeName
        var cardsWritten: DocumentsWritten?
        var certificatesWritten: DocumentsWritten?
        var certificatesUnnumbered = 0
        if let numbers {
            cardsWritten = try cards?.write(
                directory: folder, committee: committee, calendar: calendar, encoding: options.outputEncoding
            ) { try numbers(.card, $0) }
            certificatesWritten = try certificates.write(
                directory: folder, committee: committee, calendar: calendar, encoding: options.outputEncoding
            ) { try numbers(.certificate, $0) }
        } else {
            certificatesUnnumbered = certificates.due
        }

        let content = ReportContent(
            summary: summary, options: options, runTime: options.reportClock.now, inputs: inputs(summary, digests),
            actions: actions, actionConstituencies: Array((errorConstituencies + warningConstituencies).prefix(ActionRows.limit)),
            findingsByConstituency: findingCounts.byConstituency, listFindings: listFindings, pyramid: pyramid,
            changes: changeDigest, published: lists, absentVoters: documents, notices: noticesWritten, cards: cardsWritten,
            certificates: certificatesWritten, certificatesUnnumbered: certificatesUnnumbered)
        let page = ReportPage(content)
        let file = try AtomicFile(path: folder + "/report.html", isPrivate: true, staged: true)
        try file.write(page.render())
        try file.commit()
        written.append("report.html")

        let listFiles = lists.flatMap(\.files).map { PublishedLists.folder + "/" + $0 }
        let previous = OutputManifest.read(in: directory)
        var folders = [PublishedLists.folder]
        var documentFiles: [String] = []
        // A folder of outputs is swapped in when this run writes it, and (empty) when the last
        // run did and this one does not: old letters or workbooks are not left behind as current.
        func swapIn(_ name: String, written: Bool) throws {
            guard written || !(previous?.names(inside: name).isEmpty ?? true) else { return }
            if !written { try PublishedFileName.makeFolder(folder + "/" + name, mode: 0o700) }
            folders.append(name)
        }
        let annotated = try annotations.map { marks in
            try AnnotatedWorkbooks.write(marks, directory: folder, options: options).map { AnnotatedWorkbooks.folder + "/" + $0 }
        }
        documentFiles += annotated ?? []
        try swapIn(AnnotatedWorkbooks.folder, written: annotated != nil)
        for (file, documentFolder, done) in [
            (AbsentVoters.fileName, AbsentVoters.folder, documents), (HomeOfficeNotices.fileName, HomeOfficeNotices.folder, noticesWritten),
            (VoterCards.fileName, VoterCards.folder, cardsWritten),
            (VoterCertificates.fileName, VoterCertificates.folder, certificatesWritten),
        ] {
            if let done {
                written.append(file)
                documentFiles += done.files.filter { $0 != file }
            }
            try swapIn(documentFolder, written: done != nil)
        }
        try OutputManifest(run: staging.marker, paths: written + listFiles + documentFiles, in: folder).write(into: folder)
        return try staging.swapIn(
            entries: written + folders + [OutputManifest.fileName],
            retiring: (previous?.topLevel ?? []).filter { !written.contains($0) && !folders.contains($0) },
            keeping: Dictionary(uniqueKeysWithValues: folders.map { ($0, ownFiles(in: $0, previous: previous)) }))
    }

    /// The names in the current `folder` (`published/`, `letters/`) that the previous run did
    /// not write: someone's own files, which stay there.
    private func ownFiles(in folder: String, previous: OutputManifest?) -> [String] {
        let ours = Set(previous?.names(inside: folder) ?? [])
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/" + folder)) ?? []
        return names.filter { !ours.contains($0) }
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
