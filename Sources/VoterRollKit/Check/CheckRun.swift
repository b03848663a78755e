import Foundation
public import Logging

/// One run of the checks: lists loaded, the register streamed through the stages, every row
/// decided and written, and the post-register checks (in-migrants, proxies, unmatched list
/// entries) done. `voterroll check` and `voterroll run` both drive this engine.
public final class CheckRun: Sendable {
    public let inputs: CheckInputs
    public let options: CheckOptions
    public let outputDirectory: String
    /// The job's name in logs and the store (the pipeline's name, or "check").
    public let name: String
    public let logger: Logger

    /// How far a run has got, for a progress line on a terminal.
    public struct Progress: Sendable {
        public var stage: String
        public var rows: Int
        public var seconds: Double
    }

    public init(
        inputs: CheckInputs, options: CheckOptions, outputDirectory: String, name: String = "check",
        logger: Logger = Logger(label: "voterroll", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.inputs = inputs
        self.options = options
        self.outputDirectory = outputDirectory
        self.name = name
        self.logger = logger
    }

    /// Runs the checks and writes every output; returns the summary (also in summary.json).
    ///
    /// With a `recorder` every decision and finding also goes to the store, and the summary
    /// gains what changed since the last recorded run. `progress` is called every 50,000 rows.
    public func run(
        recorder: (any RunRecorder)? = nil, progress: (@Sendable (Progress) -> Void)? = nil
    ) throws(CheckRunError) -> RunSummary {
        let started = DispatchTime.now()
        let seconds = { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        do {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw .setup("cannot create the output folder \(outputDirectory): \(error.localizedDescription)")
        }
        let names: NameNormalizer
        do {
            // 65,536 cached names: a larger cache saved no time on a million-row register and
            // cost 65 MB (measured with voterroll-bench check).
            names = try NameNormalizer(cacheLimit: 1 << 16, pinyin: false)
        } catch {
            throw .setup("cannot load ICU's name data: \(error)")
        }
        var extra: [CanonicalField: [String]] = [:]
        for (field, aliases) in options.extraAliases {
            if let canonical = CanonicalField(rawValue: field) { extra[canonical] = aliases }
        }
        let aliases = HeaderAliases(extra: extra)
        var hasher: IDHasher?
        if let keyFile = options.hashedKeyFile {
            do {
                hasher = try IDHasher(keyFile: keyFile)
            } catch {
                throw .setup("--hashed-key-file \(error.description)")
            }
        }
        let context = CheckContext(options: options, lists: ListIndex(), names: names, hasher: hasher)
        var state = RunState(summary: RunSummary(electionDay: options.electionDay.iso8601), recorder: recorder)
        logger.info("run started", metadata: ["job": "\(name)", "election_day": "\(options.electionDay.iso8601)", "inputs": "\(inputs.all.count)", "out": "\(outputDirectory)"])
        do {
            try checkAndWrite(context: context, aliases: aliases, state: &state, recorder: recorder, progress: progress, seconds: seconds)
            // Report, published lists, roll.xlsx and changes, built from the committed outputs once
            // the engine's indexes and writers are gone (their memory is not needed any more).
            state.summary = try PostRunOutputs(inputs: inputs, options: options, directory: outputDirectory)
                .write(summary: state.summary)
        } catch let error as IngestError {
            logger.error("input could not be read", metadata: ["error": "\(error)"])
            throw .input(error)
        } catch let error as OutputError {
            logger.error("output could not be written", metadata: ["error": "\(error)"])
            throw .output(error)
        } catch let error as CheckRunError {
            throw error
        } catch let race as TownshipRegistry.Race {
            throw .race(race)
        } catch {
            logger.error("run failed", metadata: ["error": "\(error)"])
            throw .setup("\(error)")
        }
        let summary = state.summary
        logger.info(
            "run finished",
            metadata: [
                "rows_read": "\(summary.rows.rowsRead)", "kept": "\(summary.kept)", "excluded": "\(summary.excluded)",
                "added": "\(summary.added)", "errors": "\(summary.bySeverity["error", default: 0])",
                "warnings": "\(summary.bySeverity["warning", default: 0])", "exit_status": "\(summary.exitStatus)",
                "seconds": "\(String(format: "%.3f", seconds()))",
            ])
        return summary
    }

    /// Everything up to the committed core outputs: lists, register, in-migrants, duplicates,
    /// unmatched list entries and proxies. Its locals (the duplicate index, the writers) end
    /// with it.
    private func checkAndWrite(
        context: CheckContext, aliases: HeaderAliases, state: inout RunState, recorder: (any RunRecorder)?,
        progress: (@Sendable (Progress) -> Void)?, seconds: @escaping () -> Double
    ) throws {
        if let recorder { try recorder.begin(facts()) }
        progress?(Progress(stage: "lists", rows: 0, seconds: seconds()))
        try loadLists(context: context, aliases: aliases, state: &state)
        if let recorder, let township = options.township {
            context.registry = try recorder.registry(township: township, candidates: try candidateIDs(context: context, aliases: aliases))
        }
        let writers = try Writers(directory: outputDirectory, options: options)
        for finding in context.lists.findings { try state.record(finding, writers: writers) }
        var duplicates = DuplicateCheck()
        try checkRegister(
            context: context, aliases: aliases, duplicates: &duplicates, writers: writers, state: &state,
            progress: progress.map { report in { rows in report(Progress(stage: "register", rows: rows, seconds: seconds())) } })
        try addInMigrants(context: context, duplicates: &duplicates, writers: writers, state: &state)
        for finding in context.registry?.findingsForKeptPeople() ?? [] { try state.record(finding, writers: writers) }
        context.lateFindings += duplicates.probableFindings(in: context)
        try writeLateFindings(context: context, writers: writers, state: &state)
        try reportUnmatched(context: context, writers: writers, state: &state)
        for finding in ProxyCheck().check(context.lists.proxies, onCleanRoll: duplicates.isOnCleanRoll) {
            try state.record(finding, writers: writers)
        }
        state.finish(failOn: options.failOn)
        if let recorder { state.summary.sinceLastRun = try recorder.finish(state.summary) }
        progress?(Progress(stage: "outputs", rows: state.summary.rows.rowsRead, seconds: seconds()))
        try writers.commit(summary: state.summary)
    }

    /// The inputs with their sizes and SHA-256, and the options, for the record.
    private func facts() throws -> RunFacts {
        var digests: [(role: String, digest: FileDigest)] = []
        for (role, source) in inputs.all {
            do {
                digests.append((role, try FileDigest.of(path: source.path)))
            } catch {
                throw IngestError(.unreadable, file: source.path, message: "cannot read the file (\(error.localizedDescription))")
            }
        }
        let stamp = ISO8601DateFormatter().string(from: Date())
        return RunFacts(
            pipeline: name, electionDay: options.electionDay, startedAt: stamp, inputs: digests,
            options: [
                "leap_day": options.leapDayRule.rawValue, "lang": options.language.rawValue,
                "output_encoding": options.outputEncoding.rawValue, "fail_on": options.failOn?.rawValue ?? "never",
                "input_encoding": options.inputEncoding ?? "detect",
            ], township: options.township)
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
            guard let source = inputs.lists[kind] else { continue }
            let counts = try loader.load(kind, source: source, into: context.lists)
            state.summary.inputs.append(.init(file: source.path, role: kind.rawValue, rows: counts, kept: 0, excluded: 0))
        }
    }

    /// The valid ID numbers of the register and the moved_in list, read ahead so that the store
    /// is asked about these people only: a township's run then costs the same however many
    /// people the county's other townships hold.
    private func candidateIDs(context: CheckContext, aliases: HeaderAliases) throws -> [String] {
        var ids = Set<String>()
        for source in inputs.rolls {
            let reader = try openRegister(source, aliases: aliases)
            var columns: PersonColumns?
            while let row = try reader.next() {
                if columns?.identity != row.mapping.identity { columns = PersonColumns(row.mapping) }
                guard var person = columns?.person(row) else { continue }
                IDValidityCheck().check(&person, in: context)
                if let id = person.id { ids.insert(id.canonical) }
            }
        }
        for entry in context.lists.entries[.movedIn] ?? [] {
            if let id = entry.id { ids.insert(id.canonical) }
        }
        return ids.sorted()
    }

    private func openRegister(_ source: InputSource, aliases: HeaderAliases) throws -> MappedRowReader {
        MappedRowReader(
            reader: try SpreadsheetInput.open(path: source.path, encoding: source.encoding ?? options.inputEncoding, sheet: source.sheet),
            required: CanonicalField.rollRequired, aliases: aliases)
    }

    private func checkRegister(
        context: CheckContext, aliases: HeaderAliases, duplicates: inout DuplicateCheck, writers: Writers,
        state: inout RunState, progress: ((Int) -> Void)?
    ) throws {
        var stages = stages()
        var rows = 0
        for source in inputs.rolls {
            let reader = try openRegister(source, aliases: aliases)
            var input = RunSummary.InputCounts(file: source.path, role: "roll", rows: RowCounts(), kept: 0, excluded: 0)
            var columns: PersonColumns?
            while let row = try reader.next() {
                if columns?.identity != row.mapping.identity { columns = PersonColumns(row.mapping) }
                guard var person = columns?.person(row) else { continue }
                for index in stages.indices { stages[index].check(&person, in: context) }
                context.currentRowIndex = person.isKept ? writers.roll.count : -1
                duplicates.check(&person, in: context)
                // Only excluded rows show their other cells (in rejected.csv).
                if !person.isKept, let columns { person.otherCells = columns.otherCells(row.row) }
                try state.decide(person, fromRegister: true, writers: writers)
                try writeLateFindings(context: context, writers: writers, state: &state)
                if person.isKept { input.kept += 1 } else { input.excluded += 1 }
                rows += 1
                if rows % 50_000 == 0 { progress?(rows) }
            }
            input.rows = reader.counts
            state.summary.rows += reader.counts
            state.summary.inputs.append(input)
            logger.info(
                "register read",
                metadata: ["file": "\(source.path)", "rows_read": "\(reader.counts.rowsRead)", "kept": "\(input.kept)", "excluded": "\(input.excluded)"])
        }
    }

    /// In-migrants with a voter certificate join the roll in their constituency, checked like
    /// register rows; those already on it are noted; those without a certificate are not added.
    private func addInMigrants(
        context: CheckContext, duplicates: inout DuplicateCheck, writers: Writers, state: inout RunState
    ) throws {
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
                IDValidityCheck().check(&person, in: context)
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
    private func reportUnmatched(context: CheckContext, writers: Writers, state: inout RunState) throws {
        for kind in [ListKind.deprived, .incapacitated, .suspended, .deceased, .movedOut] {
            guard let entries = context.lists.entries[kind] else { continue }
            let unmatched = context.lists.unmatched(kind)
            for entry in unmatched where entry.id != nil || entry.hashedID != nil {
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
    private func writeLateFindings(context: CheckContext, writers: Writers, state: inout RunState) throws {
        for (rowIndex, finding) in context.lateFindings {
            try state.record(finding, writers: writers)
            if rowIndex >= 0 { writers.roll.addFlag(finding.code, toRow: rowIndex) }
        }
        context.lateFindings.removeAll()
    }
}
