import Foundation

/// One run of the checks: lists loaded, the register streamed through the stages, every row
/// decided and written, and the post-register checks (in-migrants, proxies, unmatched list
/// entries) done. `voterroll check` and `voterroll run` both drive this engine.
public final class CheckRun: Sendable {
    public let inputs: CheckInputs
    public let options: CheckOptions
    public let outputDirectory: String

    public init(inputs: CheckInputs, options: CheckOptions, outputDirectory: String) {
        self.inputs = inputs
        self.options = options
        self.outputDirectory = outputDirectory
    }

    /// Runs the checks and writes every output; returns the summary (also in summary.json).
    public func run() throws(CheckRunError) -> RunSummary {
        do {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw .setup("cannot create the output folder \(outputDirectory): \(error.localizedDescription)")
        }
        let names: NameNormalizer
        do {
            names = try NameNormalizer()
        } catch {
            throw .setup("cannot load ICU's name data: \(error)")
        }
        var extra: [CanonicalField: [String]] = [:]
        for (field, aliases) in options.extraAliases {
            if let canonical = CanonicalField(rawValue: field) { extra[canonical] = aliases }
        }
        let aliases = HeaderAliases(extra: extra)
        let context = CheckContext(options: options, lists: ListIndex(), names: names)
        var state = RunState(summary: RunSummary(electionDay: options.electionDay.iso8601))
        do {
            try loadLists(context: context, aliases: aliases, state: &state)
            let writers = try Writers(directory: outputDirectory, options: options)
            for finding in context.lists.findings { try state.record(finding, writers: writers) }
            var duplicates = DuplicateCheck()
            try checkRegister(context: context, aliases: aliases, duplicates: &duplicates, writers: writers, state: &state)
            try addInMigrants(context: context, duplicates: &duplicates, writers: writers, state: &state)
            context.lateFindings += duplicates.probableFindings(in: context)
            try writeLateFindings(context: context, writers: writers, state: &state)
            try reportUnmatched(context: context, writers: writers, state: &state)
            try ProxyCheck().check(context.lists.proxies, onCleanRoll: duplicates.isOnCleanRoll).forEach {
                (finding) throws(OutputError) in try state.record(finding, writers: writers)
            }
            state.finish(failOn: options.failOn)
            try writers.commit(summary: state.summary)
        } catch let error as IngestError {
            throw .input(error)
        } catch let error as OutputError {
            throw .output(error)
        } catch {
            throw .setup("\(error)")
        }
        return state.summary
    }

    private func stages() -> [any RowCheck] {
        [
            IDValidityCheck(), NameCheck(), StatedFactsCheck(), AgeCheck(),
            ListCheck(kind: .deprived, rule: DeprivedRule()),
            ListCheck(kind: .incapacitated, rule: IncapacitatedRule()),
            ListCheck(kind: .suspended, rule: SuspendedRule()),
            ListCheck(kind: .deceased, rule: DeceasedRule()),
            ListCheck(kind: .movedOut, rule: MovedOutRule()),
        ]
    }

    private func loadLists(context: CheckContext, aliases: HeaderAliases, state: inout RunState) throws(IngestError) {
        let loader = ListLoader(context: context, encoding: options.inputEncoding, aliases: aliases)
        for kind in ListKind.allCases {
            guard let path = inputs.lists[kind] else { continue }
            let counts = try loader.load(kind, path: path, into: context.lists)
            state.summary.inputs.append(.init(file: path, role: kind.rawValue, rows: counts, kept: 0, excluded: 0))
        }
    }

    private func checkRegister(
        context: CheckContext, aliases: HeaderAliases, duplicates: inout DuplicateCheck, writers: Writers,
        state: inout RunState
    ) throws {
        var stages = stages()
        for path in inputs.rolls {
            let reader = MappedRowReader(
                reader: try SpreadsheetInput.open(path: path, encoding: options.inputEncoding, sheet: nil),
                required: CanonicalField.rollRequired, aliases: aliases)
            var input = RunSummary.InputCounts(file: path, role: "roll", rows: RowCounts(), kept: 0, excluded: 0)
            while let row = try reader.next() {
                var person = PersonRecord(row)
                person.findings = row.findings
                for index in stages.indices { stages[index].check(&person, in: context) }
                context.currentRowIndex = person.isKept ? writers.roll.count : -1
                duplicates.check(&person, in: context)
                try state.decide(person, fromRegister: true, writers: writers)
                try writeLateFindings(context: context, writers: writers, state: &state)
                if person.isKept { input.kept += 1 } else { input.excluded += 1 }
            }
            input.rows = reader.counts
            state.summary.rows += reader.counts
            state.summary.inputs.append(input)
        }
    }

    /// In-migrants with a voter certificate join the roll in their constituency, checked like
    /// register rows; those already on it are noted; those without a certificate are not added.
    private func addInMigrants(
        context: CheckContext, duplicates: inout DuplicateCheck, writers: Writers, state: inout RunState
    ) throws(OutputError) {
        guard let entries = context.lists.entries[.movedIn] else { return }
        var stages = stages()
        var taken = 0
        for entry in entries {
            guard case .movedIn(let certificate, var person) = entry.details else { continue }
            if let id = entry.id, let first = duplicates.firstAddress(of: id, in: context) {
                try state.record(entry.finding(.migrantInAlreadyListed, at: entry.rawID, evidence: first.cell), writers: writers)
                taken += 1
                continue
            }
            if certificate.isEmpty {
                person.report(.migrantInNoCertificate, at: entry.rawID)
            } else {
                for index in stages.indices { stages[index].check(&person, in: context) }
                context.currentRowIndex = person.isKept ? writers.roll.count : -1
                duplicates.check(&person, in: context)
            }
            try state.decide(person, fromRegister: false, writers: writers)
            try writeLateFindings(context: context, writers: writers, state: &state)
            if person.isKept { taken += 1 }
        }
        if let position = state.summary.inputs.firstIndex(where: { $0.role == ListKind.movedIn.rawValue }) {
            state.summary.inputs[position].kept = taken
            state.summary.inputs[position].excluded = entries.count - taken
        }
    }

    /// List entries whose ID is on no roll row: the list may name someone registered elsewhere.
    private func reportUnmatched(context: CheckContext, writers: Writers, state: inout RunState) throws(OutputError) {
        for kind in [ListKind.deprived, .incapacitated, .suspended, .deceased, .movedOut] {
            guard let entries = context.lists.entries[kind] else { continue }
            let unmatched = context.lists.unmatched(kind)
            for entry in unmatched where entry.id != nil {
                try state.record(entry.finding(.listUnmatched, at: entry.rawID, evidence: kind.rawValue), writers: writers)
            }
            if let position = state.summary.inputs.firstIndex(where: { $0.role == kind.rawValue }) {
                state.summary.inputs[position].kept = entries.count - unmatched.count
                state.summary.inputs[position].excluded = unmatched.count
            }
        }
        if let position = state.summary.inputs.firstIndex(where: { $0.role == ListKind.proxies.rawValue }) {
            state.summary.inputs[position].kept = context.lists.proxies.count
        }
    }

    /// Writes findings about rows decided earlier (kept small: flushed after every row).
    private func writeLateFindings(context: CheckContext, writers: Writers, state: inout RunState) throws(OutputError) {
        for (rowIndex, finding) in context.lateFindings {
            try state.record(finding, writers: writers)
            if rowIndex >= 0 { writers.roll.addFlag(finding.code, toRow: rowIndex) }
        }
        context.lateFindings.removeAll()
    }
}

extension PersonRecord {
    /// A person from a mapped register row.
    init(_ row: MappedRow) {
        self.init(
            source: row.row.address(), rawID: row.rawValue(.idNumber), rawName: row.rawValue(.name),
            rawBirthDate: row.rawValue(.birthDate), rawGender: row.rawValue(.gender),
            rawEthnicity: row.rawValue(.ethnicity), rawConstituency: row.rawValue(.constituency),
            rawVoterGroup: row.rawValue(.voterGroup), rawAddress: row.rawValue(.address))
    }
}
