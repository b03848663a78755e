import Foundation

/// The outputs for people, written after the core outputs are committed: `changes.csv` (with
/// a previous roll), `roll.xlsx`, the published lists (`published/`) and `report.html`.
///
/// Built from the run's own committed files rather than from the engine's memory: the
/// findings are read back from findings.jsonl, the roll from roll.csv, the rejected rows from
/// rejected.csv, one row at a time. Memory is what the outputs need by nature: the published
/// lists (about 32 bytes a person), the previous roll's index, and one small entry per row
/// with findings. The change findings are appended to findings.csv/jsonl and counted in
/// summary.json, so every count on the page is the count in summary.json.
///
/// Outputs of this kind that the run does not write (no `--previous` this time, `xlsx` no
/// longer asked for) are removed, so no stale file is taken for current.
struct PostRunOutputs {
    let inputs: CheckInputs
    let options: CheckOptions
    let directory: String

    /// Writes the outputs; returns the summary with the change findings counted.
    func write(summary: RunSummary) throws -> RunSummary {
        var summary = summary
        var aliases: [CanonicalField: [String]] = [:]
        for (field, more) in options.extraAliases {
            if let canonical = CanonicalField(rawValue: field) { aliases[canonical] = more }
        }
        // Read first: a previous roll that cannot be read fails the run before anything is written.
        let previous = try options.previous.map { path in
            let roll = try PreviousRoll(path: path, encoding: options.inputEncoding, extraAliases: aliases)
            return (roll: roll, names: try NameNormalizer(cacheLimit: 1 << 12, pinyin: false))
        }
        // The inputs' SHA-256 (a pass over every input file) on the second core while the
        // outputs are read back; waited for before anything is committed.
        let digests = ConcurrentResults<[ReportContent.Input]>(count: 1)
        let hashing = DispatchGroup()
        DispatchQueue.global().async(group: hashing) { [self, summary] in digests.fill(0) { try inputFacts(summary) } }

        let tracker = try previous.map {
            try ChangeTracker(
                previous: $0.roll, directory: directory, options: options, names: $0.names,
                movedInList: inputs.lists[.movedIn]?.path,
                inputs: inputs.rolls.map(\.path) + inputs.lists.values.map(\.path).sorted())
        }
        let published = PublishedLists()
        var pyramid = AgePyramid()
        var rollWorkbook: XLSXWriter?
        if options.formats.contains(.xlsx) {
            let workbook = try XLSXWriter(
                path: directory + "/roll.xlsx", sheetName: options.language == .zh ? "选民名单" : "roll", isPrivate: true,
                columnWidths: [14, 12, 12, 6, 12, 21, 8, 28, 18, 24], autoFilter: true)
            try workbook.writeRow(RollWriter.header.map { .text($0) }, style: .header)
            rollWorkbook = workbook
        }
        var actions = ActionRows()
        var findingsByConstituency: [String: FindingsByRow.Tally]
        let listFindings: FindingsByRow.Tally
        let actionConstituencies: [String?]
        do {
            // One entry per row with findings: dropped once the constituencies are known.
            let byRow = FindingsByRow()
            let findings = try FindingsFile(path: directory + "/findings.jsonl")
            findings.notesInFull = false
            while let line = try findings.next() {
                byRow.add(line)
                actions.add(line)
            }
            let roll = try RollFile.roll(in: directory, encoding: options.outputEncoding)
            while let row = try roll.next() {
                published.add(
                    constituency: row.constituency, voterGroup: row.voterGroup, name: row.name, gender: row.gender,
                    birthDate: row.birthDate)
                pyramid.add(
                    birthDate: row.birthDate, gender: row.gender, electionDay: options.electionDay,
                    rule: options.leapDayRule)
                byRow.resolve(source: row.source, constituency: row.constituency)
                try tracker?.current(row)
                try rollWorkbook?.writeRow(roll.cells.map { .text($0) })
            }
            let rejected = try RollFile.rejected(in: directory, encoding: options.outputEncoding)
            while let row = try rejected.next() {
                byRow.resolve(
                    source: row.source,
                    constituency: RawValue(text: row.constituency, kind: .string, column: nil, header: nil).trimmed)
                tracker?.rejected(row)
            }
            byRow.finish()
            findingsByConstituency = byRow.byConstituency
            listFindings = byRow.lists
            actionConstituencies = actions.shown.map { byRow.constituency(of: $0.rowReference) }
        }
        hashing.wait()
        let facts = try digests.values()[0]

        var changes: ChangeTracker.Digest?
        if let tracker {
            let digest = try tracker.finish(directory: directory, encoding: options.outputEncoding)
            for (code, count) in digest.counts {
                summary.byCode[code.rawValue, default: 0] += count
                summary.bySeverity[code.severity.rawValue, default: 0] += count
            }
            for (constituency, count) in digest.byConstituency {
                findingsByConstituency[constituency, default: FindingsByRow.Tally()].add(.info, count: count)
            }
            var state = RunState(summary: summary)
            state.finish(failOn: options.failOn)
            summary = state.summary
            try SummaryFile.write(summary, directory: directory)
            changes = digest
        } else {
            try? FileManager.default.removeItem(atPath: directory + "/changes.csv")
        }
        if let rollWorkbook {
            try rollWorkbook.commit()
        } else {
            try? FileManager.default.removeItem(atPath: directory + "/roll.xlsx")
        }
        let lists = try published.write(
            directory: directory, order: options.publishedOrder, formats: options.formats,
            encoding: options.outputEncoding, electionDay: options.electionDay)

        let content = ReportContent(
            summary: summary, options: options, runTime: options.reportClock.now, inputs: facts,
            actions: actions, actionConstituencies: actionConstituencies,
            findingsByConstituency: findingsByConstituency, listFindings: listFindings, pyramid: pyramid,
            changes: changes, published: lists)
        let page = ReportPage(content)
        let file = try AtomicFile(path: directory + "/report.html", isPrivate: true)
        try file.write(page.render())
        try file.commit()
        return summary
    }

    /// Size and SHA-256 of every input, in the order of summary.json's inputs, then the
    /// previous roll.
    private func inputFacts(_ summary: RunSummary) throws -> [ReportContent.Input] {
        var facts: [ReportContent.Input] = []
        for (index, input) in summary.inputs.enumerated() {
            facts.append(
                ReportContent.Input(role: input.role, digest: try digest(input.file), summaryIndex: index))
        }
        if let previous = options.previous {
            facts.append(ReportContent.Input(role: "previous", digest: try digest(previous), summaryIndex: nil))
        }
        return facts
    }

    private func digest(_ path: String) throws(IngestError) -> FileDigest {
        do {
            return try FileDigest.of(path: path)
        } catch {
            throw IngestError(.unreadable, file: path, message: "cannot be read again for its SHA-256: \(error)")
        }
    }
}
