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
    /// The last recorded run of this job, for the cron guard `input.rows-dropped`.
    public let lastRun: LastRun?

    /// What the store recorded of the job's last run: enough to tell that the register shrank.
    public struct LastRun: Sendable {
        public var run: Int64
        public var startedAt: String
        /// People decided: register rows kept and excluded, in-migrants added and not added.
        public var people: Int

        public init(run: Int64, startedAt: String, people: Int) {
            self.run = run
            self.startedAt = startedAt
            self.people = people
        }
    }

    /// How far a run has got, for a progress line on a terminal.
    public struct Progress: Sendable {
        public var stage: String
        public var rows: Int
        public var seconds: Double
    }

    public init(
        inputs: CheckInputs, options: CheckOptions, outputDirectory: String, name: String = "check",
        logger: Logger = Logger(label: "voterroll", factory: { _ in SwiftLogNoOpLogHandler() }), lastRun: LastRun? = nil
    ) {
        self.inputs = inputs
        self.options = options
        self.outputDirectory = outputDirectory
        self.name = name
        self.logger = logger
        self.lastRun = lastRun
    }

    /// Runs the checks and writes every output; returns the summary (also in summary.json).
    ///
    /// With a `recorder` every decision and finding also goes to the store, and the summary
    /// gains what changed since the last recorded run. `progress` is called every 50,000 rows.
    /// The outputs are final when it returns: a caller whose store commits after the run
    /// returns uses `stage` instead.
    public func run(
        recorder: (any RunRecorder)? = nil, progress: (@Sendable (Progress) -> Void)? = nil
    ) throws(CheckRunError) -> RunSummary {
        let (summary, outputs) = try stage(recorder: recorder, progress: progress)
        outputs.finish()
        return summary
    }

    /// Runs the checks and swaps every output into place, keeping the previous outputs aside:
    /// `OutputSwap.finish` once the store's record is committed, `undo` if it is not, so the
    /// outputs and the store agree. Killed before either, the next run undoes the swap.
    public func stage(
        recorder: (any RunRecorder)? = nil, progress: (@Sendable (Progress) -> Void)? = nil
    ) throws(CheckRunError) -> (RunSummary, OutputSwap) {
        let started = DispatchTime.now()
        let seconds = { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        do {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw .output(OutputError(path: outputDirectory, message: "cannot create the output folder: \(error.localizedDescription)"))
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
        logger.info("run started", metadata: ["job": "\(name)", "election_day": "\(options.electionDay.iso8601)", "inputs": "\(inputs.all.count)", "out": "\(outputDirectory)"])
        // A voter card keeps its number only in the store: without one, cards would be renumbered
        // on every run and no longer match the ones handed out.
        if options.formats.contains(.cards) && recorder == nil {
            throw .setup("voter cards (--formats cards) need the run store, which keeps each voter's card number; drop --no-store")
        }
        let summary: RunSummary
        let swap: OutputSwap
        do {
            // The engine's memory (lists, people, rules, name cache) ends with `decideEveryone`,
            // before the outputs for people are written: the published lists' sort and the
            // report then do not add to the register pass's peak.
            let (outputs, decided, digests) = try decideEveryone(
                context: CheckContext(options: options, lists: ListIndex(), names: try nameNormalizer(), hasher: hasher),
                aliases: aliases, extraAliases: extra, recorder: recorder.map(StoreFailures.init), progress: progress,
                seconds: seconds)
            progress?(Progress(stage: "outputs", rows: decided.rows.rowsRead, seconds: seconds()))
            let store = recorder.map(StoreFailures.init)
            let township = options.township ?? ""
            swap = try outputs.commit(
                summary: decided, digests: digests,
                numbers: store.map { store in { kind, holders in try store.documentNumbers(kind, township: township, holders: holders) } })
            summary = decided
        } catch let error as IngestError {
            logger.error("input could not be read", metadata: ["error": "\(error)"])
            throw .input(error)
        } catch var error as OutputError {
            error.path = StagedFolder.outputPath(error.path)
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
        logger.info(
            "run finished",
            metadata: [
                "rows_read": "\(summary.rows.rowsRead)", "kept": "\(summary.kept)", "excluded": "\(summary.excluded)",
                "added": "\(summary.added)", "errors": "\(summary.bySeverity["error", default: 0])",
                "warnings": "\(summary.bySeverity["warning", default: 0])", "exit_status": "\(summary.exitStatus)",
                "seconds": "\(String(format: "%.3f", seconds()))",
            ])
        return (summary, swap)
    }

    /// The run's name normaliser (its cache ends with the run's engine).
    private func nameNormalizer() throws(CheckRunError) -> NameNormalizer {
        do {
            // 65,536 cached names: a larger cache saved no time on a million-row register and
            // cost 65 MB (measured with voterroll-bench check).
            return try NameNormalizer(cacheLimit: 1 << 16, pinyin: false)
        } catch {
            throw .setup("cannot load ICU's name data: \(error)")
        }
    }

    /// The run up to its outputs, stage by stage (docs/ARCHITECTURE.md): read the previous roll
    /// and the lists, stream the register through the rules, admit in-migrants, close, finish
    /// the accounting. Returns the outputs to commit, the summary and the inputs' digests.
    private func decideEveryone(
        context: CheckContext, aliases: HeaderAliases, extraAliases: [CanonicalField: [String]],
        recorder: (any RunRecorder)?, progress: (@Sendable (Progress) -> Void)?, seconds: @escaping () -> Double
    ) throws -> (RunOutputs, RunSummary, [String: FileDigest]) {
        // Every input's size and SHA-256 (for the record and the report) on the second core
        // while the previous roll and the lists are read.
        let digests = ConcurrentResults<[String: FileDigest]>(count: 1)
        let hashing = DispatchGroup()
        DispatchQueue.global().async(group: hashing) { [self] in digests.fill(0) { try inputDigests() } }
        defer { hashing.wait() }

        // Read first: a previous roll or a list that cannot be read fails the run before
        // anything is written.
        let previous = try options.previous.map { path in
            try PreviousRoll(path: path, encoding: options.inputEncoding, extraAliases: extraAliases)
        }
        let rules = RuleRegistry(options: options, previous: previous, register: inputs.rolls.first?.path)
        var tally = Tally(electionDay: options.electionDay)
        progress?(Progress(stage: "lists", rows: 0, seconds: seconds()))
        try loadLists(context: context, aliases: aliases, rules: rules, tally: &tally)
        hashing.wait()
        let digest = try digests.values()[0]
        if let recorder {
            try recorder.begin(facts(digest))
            if let township = options.township {
                context.registry = try recorder.registry(township: township, candidates: try candidateIDs(context: context, aliases: aliases, rules: rules))
            }
        }
        let outputs = try RunOutputs(
            directory: outputDirectory, options: options,
            previous: previous.map { ($0, options.previousElectionDay ?? ChangeRule.oneTermBefore(options.electionDay)) })
        if options.formats.contains(.annotated) { outputs.annotations = FindingMarks(inputs: inputs.all) }
        let sink = RunSink(context: context, rules: rules, outputs: outputs, recorder: recorder, tally: tally)
        for finding in context.lists.findings { try sink.report(finding, on: .list) }
        context.lists.findings = []
        try checkRegister(
            context: context, aliases: aliases, sink: sink,
            progress: progress.map { report in { rows in report(Progress(stage: "register", rows: rows, seconds: seconds())) } })
        for rule in rules.admission { try rule.admit(in: context, path: sink, sink: sink) }
        try guardAgainstShrinking(sink: sink)
        for rule in rules.closing { try rule.close(in: context, sink: sink) }
        outputs.proxyPrincipals = context.lists.principals
        return (outputs, try sink.finish(failOn: options.failOn), digest)
    }

    /// The cron guard: a register with more than a fifth fewer people than the job's last
    /// recorded run gets `input.rows-dropped` (a warning), naming both counts. A nightly run on
    /// a half-exported register otherwise passes quietly with half the township gone.
    private func guardAgainstShrinking(sink: RunSink) throws {
        guard let lastRun, lastRun.people > 0, let register = inputs.rolls.first else { return }
        let summary = sink.tally.summary
        let people = summary.kept + summary.excluded + summary.added + summary.notAdded
        guard people * 5 < lastRun.people * 4 else { return }
        let evidence =
            options.language == .zh
            ? "上次运行（#\(lastRun.run)，\(lastRun.startedAt)）\(lastRun.people) 人，本次 \(people) 人"
            : "last run (#\(lastRun.run), \(lastRun.startedAt)): \(lastRun.people) people; this run: \(people)"
        try sink.report(
            Finding(code: .inputRowsDropped, address: CellAddress(file: register.path, row: 1), value: String(people), evidence: evidence),
            on: .list)
    }

    /// Size and SHA-256 of every input and of the previous roll, by path.
    private func inputDigests() throws -> [String: FileDigest] {
        var digests: [String: FileDigest] = [:]
        for path in inputs.all.map(\.source.path) + (options.previous.map { [$0] } ?? []) where digests[path] == nil {
            do {
                digests[path] = try FileDigest.of(path: path)
            } catch {
                throw IngestError(.unreadable, file: path, message: "cannot read the file (\(error.localizedDescription))")
            }
        }
        return digests
    }

    /// The inputs with their sizes and SHA-256, and the options, for the record.
    private func facts(_ digests: [String: FileDigest]) -> RunFacts {
        let stamp = ISO8601DateFormatter().string(from: Date())
        return RunFacts(
            pipeline: name, electionDay: options.electionDay, startedAt: stamp,
            inputs: inputs.all.compactMap { role, source in digests[source.path].map { (role, $0) } },
            options: [
                "leap_day": options.leapDayRule.rawValue, "lang": options.language.rawValue,
                "output_encoding": options.outputEncoding.rawValue, "fail_on": options.failOn?.rawValue ?? "never",
                "input_encoding": options.inputEncoding ?? "detect",
            ], township: options.township)
    }

    private func loadLists(context: CheckContext, aliases: HeaderAliases, rules: RuleRegistry, tally: inout Tally) throws(IngestError) {
        let loader = ListLoader(context: context, encoding: options.inputEncoding, aliases: aliases, readers: rules.listDetails)
        for kind in ListKind.allCases {
            guard let source = inputs.lists[kind] else { continue }
            let counts = try loader.load(kind, source: source, into: context.lists)
            tally.listRead(kind, file: source.path, rows: counts)
        }
    }

    /// The valid ID numbers of the register and the moved_in list, read ahead so that the store
    /// is asked about these people only: a township's run then costs the same however many
    /// people the county's other townships hold.
    private func candidateIDs(context: CheckContext, aliases: HeaderAliases, rules: RuleRegistry) throws -> [String] {
        var ids = Set<String>()
        for source in inputs.rolls {
            let reader = try openRegister(source, aliases: aliases)
            var columns: PersonColumns?
            while let row = try reader.next() {
                if columns?.identity != row.mapping.identity { columns = PersonColumns(row.mapping) }
                guard let person = columns?.person(row) else { continue }
                let raw = person.rawID
                if let id = ResidentID.parse(raw.text, cellIsNumeric: raw.kind == .number, referenceDay: context.electionDay).id {
                    ids.insert(id.canonical)
                }
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
            needed: RuleRegistry.registerColumns, role: .register, aliases: aliases, language: options.language)
    }

    /// Streams the register: each row through the row rules, then decided.
    private func checkRegister(context: CheckContext, aliases: HeaderAliases, sink: RunSink, progress: ((Int) -> Void)?) throws {
        var rows = 0
        for source in inputs.rolls {
            let reader = try openRegister(source, aliases: aliases)
            sink.registerStarted(file: source.path)
            var columns: PersonColumns?
            while let row = try reader.next() {
                if columns?.identity != row.mapping.identity { columns = PersonColumns(row.mapping) }
                guard var person = columns?.person(row) else { continue }
                sink.check(&person)
                // Only excluded rows show their other cells (in rejected.csv).
                if !person.isKept, let columns { person.otherCells = columns.otherCells(row.row) }
                try sink.decide(person, origin: .register)
                rows += 1
                if rows % 50_000 == 0 { progress?(rows) }
            }
            // A register with a header and no one under it is an export gone wrong, not a
            // township without voters: run on, it would empty the roll and the lists.
            guard reader.counts.dataRows > 0 else {
                throw IngestError(
                    .malformed, file: source.path,
                    message: "has a header but no rows of people; the previous outputs are left as they were. "
                        + "Export the register again")
            }
            for finding in reader.headerFindings { try sink.report(finding, on: .list) }
            let input = sink.registerFinished(rows: reader.counts)
            logger.info(
                "register read",
                metadata: ["file": "\(source.path)", "rows_read": "\(reader.counts.rowsRead)", "kept": "\(input?.kept ?? 0)", "excluded": "\(input?.excluded ?? 0)"])
        }
    }
}

/// The recorder as the run sees it: a store's failure (disk full, the connection lost) is
/// `CheckRunError.store`, told apart from the tool's own failures; a lost race stays a race.
private final class StoreFailures: RunRecorder {
    private let store: any RunRecorder

    init(_ store: any RunRecorder) {
        self.store = store
    }

    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let race as TownshipRegistry.Race {
            throw race
        } catch let error as CheckRunError {
            throw error
        } catch {
            throw CheckRunError.store("\(error)")
        }
    }

    func begin(_ facts: RunFacts) throws { try guarded { try store.begin(facts) } }
    func record(_ decision: DecisionRecord) throws { try guarded { try store.record(decision) } }
    func record(_ finding: Finding) throws { try guarded { try store.record(finding) } }
    func finish(_ summary: RunSummary) throws -> SinceLastRun? { try guarded { try store.finish(summary) } }
    func registry(township: String, candidates: [String]) throws -> TownshipRegistry? {
        try guarded { try store.registry(township: township, candidates: candidates) }
    }
    func documentNumbers(_ kind: DocumentKind, township: String, holders: [DocumentHolder]) throws -> [String] {
        try guarded { try store.documentNumbers(kind, township: township, holders: holders) }
    }
}
