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
        let summary: RunSummary
        do {
            // The engine's memory (lists, people, rules, name cache) ends with `decideEveryone`,
            // before the outputs for people are written: the published lists' sort and the
            // report then do not add to the register pass's peak.
            let (outputs, decided, digests) = try decideEveryone(
                context: CheckContext(options: options, lists: ListIndex(), names: try nameNormalizer(), hasher: hasher),
                aliases: aliases, extraAliases: extra, recorder: recorder, progress: progress, seconds: seconds)
            progress?(Progress(stage: "outputs", rows: decided.rows.rowsRead, seconds: seconds()))
            try outputs.commit(summary: decided, digests: digests)
            summary = decided
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
        let rules = RuleRegistry(options: options, previous: previous)
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
        let sink = RunSink(context: context, rules: rules, outputs: outputs, recorder: recorder, tally: tally)
        for finding in context.lists.findings { try sink.report(finding, on: .list) }
        context.lists.findings = []
        try checkRegister(
            context: context, aliases: aliases, sink: sink,
            progress: progress.map { report in { rows in report(Progress(stage: "register", rows: rows, seconds: seconds())) } })
        for rule in rules.admission { try rule.admit(in: context, path: sink, sink: sink) }
        for rule in rules.closing { try rule.close(in: context, sink: sink) }
        return (outputs, try sink.finish(failOn: options.failOn), digest)
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
            for finding in reader.headerFindings { try sink.report(finding, on: .list) }
            let input = sink.registerFinished(rows: reader.counts)
            logger.info(
                "register read",
                metadata: ["file": "\(source.path)", "rows_read": "\(reader.counts.rowsRead)", "kept": "\(input?.kept ?? 0)", "excluded": "\(input?.excluded ?? 0)"])
        }
    }
}
