import Foundation

/// Diffs this run's clean roll against the previous roll by ID number and writes
/// `changes.csv`, with one `change.*` finding per change.
///
/// - `change.added`: on this roll, not on the previous one; why: moved in (流入), political
///   rights restored, turned 18 since the previous election day, or new.
/// - `change.removed`: on the previous roll, not on this one; why: the codes that excluded
///   them this time (from rejected.csv), or not in this register at all.
/// - `change.moved`: same ID, another constituency. `change.renamed`: same ID, a name whose
///   match key differs (a 繁体 or spacing difference is not a rename).
///
/// Fed row by row from roll.csv and then rejected.csv; the findings go to a findings file of
/// their own in a private temporary folder, merged into findings.csv/jsonl by `finish`.
final class ChangeTracker {
    /// What the report shows of the changes.
    struct Digest: Sendable {
        var previousFile: String
        var previousCounts: RowCounts
        var previousPeople: Int
        var previousRowsWithoutID: Int
        var previousRepeatedRows: Int
        var previousElectionDay: CivilDate
        var counts: [FindingCode: Int] = [:]
        /// Reason code → (text, count), for additions and removals.
        var reasons: [FindingCode: [String: (text: String, count: Int)]] = [:]
        /// The first `sampleLimit` changes of each kind, in file order.
        var samples: [FindingCode: [RollChange]] = [:]
        /// Change findings per constituency (this roll's, or the previous roll's for removals).
        var byConstituency: [String: Int] = [:]

        static let sampleLimit = 5_000
    }

    private let previous: PreviousRoll
    private let names: NameNormalizer
    private let language: Language
    private let leapDayRule: LeapDayRule
    private let previousElectionDay: CivilDate
    private let movedInFile: Substring?
    private let sources: SourceReference
    private let csv: CSVWriter
    private let temporaryDirectory: String
    private let findings: FindingsWriter
    private var removedReasons: [Int: ChangeReason] = [:]
    private(set) var digest: Digest

    /// - Parameters:
    ///   - movedInList: the moved_in list's path, to tell in-migrants apart.
    ///   - inputs: every input's path, to turn sources back into addresses.
    init(
        previous: PreviousRoll, directory: String, options: CheckOptions, names: NameNormalizer, movedInList: String?,
        inputs: [String]
    ) throws(OutputError) {
        self.previous = previous
        self.names = names
        language = options.language
        leapDayRule = options.leapDayRule
        previousElectionDay = options.previousElectionDay ?? ChangeTracker.oneTermBefore(options.electionDay)
        movedInFile = movedInList.map { CellAddress(file: $0, row: 1).fileName }
        sources = SourceReference(inputs: inputs)
        csv = try CSVWriter(
            path: directory + "/changes.csv", encoding: options.outputEncoding, isPrivate: true,
            header: RollChange.header)
        temporaryDirectory = directory + "/.changes-\(getpid())"
        try? FileManager.default.removeItem(atPath: temporaryDirectory)
        do {
            try FileManager.default.createDirectory(
                atPath: temporaryDirectory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw OutputError(path: temporaryDirectory, message: "cannot create: \(error.localizedDescription)")
        }
        findings = try FindingsWriter(
            directory: temporaryDirectory, encoding: options.outputEncoding, language: options.language,
            maskIDs: options.maskIDs)
        digest = Digest(
            previousFile: previous.file, previousCounts: previous.counts, previousPeople: previous.people.count,
            previousRowsWithoutID: previous.rowsWithoutID, previousRepeatedRows: previous.repeatedRows,
            previousElectionDay: previousElectionDay)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: temporaryDirectory)
    }

    /// The same day one term (five years) earlier; 29 February becomes 28 February.
    static func oneTermBefore(_ day: CivilDate) -> CivilDate {
        CivilDate(year: day.year - 5, month: day.month, day: day.day)
            ?? CivilDate(year: day.year - 5, month: day.month, day: day.day - 1) ?? day
    }

    /// A row of this run's roll.csv.
    func current(_ row: RollFile.Row) throws(OutputError) {
        guard let id = ResidentID(canonical: row.idNumber) else { return }
        guard let position = previous.position(of: id) else {
            try record(
                RollChange(
                    code: .changeAdded, reason: addedReason(row), name: row.name, previousName: "", gender: row.gender,
                    birthDate: row.birthDate, idNumber: row.idNumber, constituency: row.constituency,
                    previousConstituency: "", voterGroup: row.voterGroup, source: row.source, previousSource: ""),
                at: sources.address(row.source), constituency: row.constituency)
            return
        }
        previous.markOnCurrentRoll(position)
        let before = previous.people[position]
        let previousConstituency = previous.text(before.constituency)
        let previousSource = previous.address(before).rowReference
        if previousConstituency != row.constituency {
            try record(
                RollChange(
                    code: .changeMoved, reason: nil, name: row.name, previousName: before.name, gender: row.gender,
                    birthDate: row.birthDate, idNumber: row.idNumber, constituency: row.constituency,
                    previousConstituency: previousConstituency, voterGroup: row.voterGroup, source: row.source,
                    previousSource: previousSource),
                at: sources.address(row.source), constituency: row.constituency)
        }
        // The same text is the same name; different text may still be (張三 and 张三, 王 五).
        if row.name != before.name, names.normalize(row.name).matchKey != names.normalize(before.name).matchKey {
            try record(
                RollChange(
                    code: .changeRenamed, reason: nil, name: row.name, previousName: before.name, gender: row.gender,
                    birthDate: row.birthDate, idNumber: row.idNumber, constituency: row.constituency,
                    previousConstituency: previousConstituency, voterGroup: row.voterGroup, source: row.source,
                    previousSource: previousSource),
                at: sources.address(row.source), constituency: row.constituency)
        }
    }

    /// A row of this run's rejected.csv: the reason for a removal, if the person was on the
    /// previous roll and is not on this one.
    func rejected(_ row: RollFile.Row) {
        guard let id = ResidentID.parse(row.idNumber).id, let position = previous.position(of: id),
            !previous.onCurrentRoll[position], removedReasons[position] == nil
        else { return }
        removedReasons[position] = .excluded(codes: row.codes, at: row.source)
    }

    /// Writes the removals, commits changes.csv, and appends the change findings to
    /// findings.csv and findings.jsonl in `directory`.
    func finish(directory: String, encoding: OutputEncoding) throws(OutputError) -> Digest {
        for position in previous.people.indices where !previous.onCurrentRoll[position] {
            let before = previous.people[position]
            let id = previous.ids[position]
            let constituency = previous.text(before.constituency)
            try record(
                RollChange(
                    code: .changeRemoved, reason: removedReasons[position] ?? .notInRegister,
                    name: names.normalize(before.name).canonical, previousName: before.name, gender: StatedFactsCheck.label(id.gender),
                    birthDate: id.birthDate.iso8601, idNumber: id.canonical, constituency: "",
                    previousConstituency: constituency, voterGroup: previous.text(before.voterGroup), source: "",
                    previousSource: previous.address(before).rowReference),
                at: previous.address(before), constituency: constituency)
        }
        try csv.commit()
        try findings.commit()
        try FindingsMerge.append(from: temporaryDirectory, into: directory, encoding: encoding)
        return digest
    }

    private func addedReason(_ row: RollFile.Row) -> ChangeReason {
        if let movedInFile, SourceReference.fileName(row.source) == movedInFile { return .movedIn }
        if row.codes.split(separator: ";").contains(Substring(FindingCode.rightsRestored.rawValue)) { return .restored }
        if let birth = CivilDate(row.birthDate), let adult = birth.anniversary(CivilDate.votingAge, rule: leapDayRule),
            adult > previousElectionDay
        {
            return .turnedEighteen(on: adult)
        }
        return .new
    }

    private func record(_ change: RollChange, at address: CellAddress, constituency: String) throws(OutputError) {
        try csv.writeRow(change.cells(language))
        let value: String
        switch change.code {
        case .changeMoved: value = change.constituency
        case .changeRenamed: value = change.name
        default: value = ""
        }
        var evidence = change.reason?.evidence
        if change.code == .changeMoved { evidence = "previous: \(change.previousConstituency) (\(change.previousSource))" }
        if change.code == .changeRenamed { evidence = "previous: \(change.previousName) (\(change.previousSource))" }
        try findings.write(
            Finding(
                code: change.code, address: address, value: value, name: change.name, idNumber: change.idNumber,
                evidence: evidence))
        digest.counts[change.code, default: 0] += 1
        digest.byConstituency[constituency, default: 0] += 1
        if let reason = change.reason {
            let key = reason.code
            let known = digest.reasons[change.code]?[key]
            digest.reasons[change.code, default: [:]][key] = (
                known?.text ?? ChangeTracker.reasonLabel(reason, language), (known?.count ?? 0) + 1
            )
        }
        if digest.samples[change.code, default: []].count < Digest.sampleLimit {
            digest.samples[change.code, default: []].append(change)
        }
    }

    /// The reason without the per-person detail (the birthday), for counting.
    private static func reasonLabel(_ reason: ChangeReason, _ language: Language) -> String {
        switch reason {
        case .turnedEighteen: language == .zh ? "年满十八周岁" : "turned 18"
        default: reason.text(language)
        }
    }
}
