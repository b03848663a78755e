import ArgumentParser
import Foundation
import Logging
import VoterRollKit
import VoterRollPostgres

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one job the way `check` and `run` both need: the lock on the output folder, logging,
/// a progress line on a terminal, the store, the printed summary and the exit status.
enum JobRunner {
    /// - Parameter readFiles: files the job reads besides `inputs` (the pipeline file), which
    ///   must not be outputs either.
    static func run(
        name: String, inputs: CheckInputs, options: CheckOptions, outputDirectory: String, storePath: String?,
        job: JobOptions, readFiles: [(role: String, path: String)] = []
    ) throws {
        let logger = makeLogger(job)
        var options = options
        options.maskIDs = job.maskIDs
        // The reproducible-builds convention: a fixed time makes report.html byte-identical.
        if let clock = ReportClock.sourceDateEpoch(ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"]) {
            options.reportClock = clock
        }
        // One as-of day for the whole run (the rules, the report and the lists agree on it).
        if options.asOf == nil { options.asOf = options.calendar.asOf }
        let storeLocation = job.noStore ? nil : storePath ?? outputDirectory + "/voterroll.sqlite"
        // Before anything is read or created: a system folder is never an output folder, and no
        // output may be one of the files the run reads.
        do {
            var files = inputs.all.map { ($0.role == "roll" ? "register" : "\($0.role) list", $0.source.path) } + readFiles
            if let key = options.hashedKeyFile { files.append(("hashed key file", key)) }
            try OutputFolder.check(
                outputDirectory, inputs: files,
                store: storeLocation.flatMap { PostgresRunStore.isPostgres($0) ? nil : $0 })
        } catch {
            StandardError.fail("\(error.description)")
            throw ExitCode(2)
        }
        // Only regular files are read: a FIFO as the register would hang the run while it
        // holds the lock (every later cron run would then exit 4), a device reads forever.
        do throws(IngestError) {
            for (_, source) in inputs.all { try SpreadsheetInput.requireRegularFile(path: source.path) }
            if let previous = options.previous { try SpreadsheetInput.requireRegularFile(path: previous) }
        } catch {
            StandardError.fail(error.description)
            throw ExitCode(3)
        }
        let lock: RunLock
        do {
            lock = try RunLock(directory: outputDirectory)
        } catch let held as RunLock.Held {
            StandardError.fail("\(held.description)")
            throw ExitCode(4)
        } catch {
            // Not a usage error: the folder could not be created or written (permission, a file
            // in the way, the disk).
            StandardError.fail("\(outputDirectory): cannot write in the output folder: \(error.localizedDescription)")
            throw ExitCode(3)
        }
        defer { withExtendedLifetime(lock) {} }
        let cleared = OutputLeftovers.remove(in: outputDirectory)
        if cleared.restored {
            logger.warning("an interrupted run's outputs were taken back: the previous outputs are in place again", metadata: ["files": "\(cleared.removed.joined(separator: " "))"])
        } else if !cleared.isEmpty {
            logger.warning("removed what an interrupted run left", metadata: ["files": "\(cleared.removed.joined(separator: " "))"])
        }
        let progress = isatty(STDERR_FILENO) == 1 && !job.quiet ? progressLine : nil
        var summary: RunSummary?
        // A township's run that another township's run overtook (both kept one person, the
        // other recorded first) was rolled back whole; it runs again, now seeing that claim.
        let attempts = 3
        for attempt in 1...attempts where summary == nil {
            do {
                if let storeLocation {
                    let store = try openStore(storeLocation)
                    let run = CheckRun(
                        inputs: inputs, options: options, outputDirectory: outputDirectory, name: name, logger: logger,
                        lastRun: lastRun(in: store, name: name, township: options.township, logger: logger))
                    summary = try record(run, in: store, progress: progress)
                } else {
                    let run = CheckRun(inputs: inputs, options: options, outputDirectory: outputDirectory, name: name, logger: logger)
                    summary = try run.run(progress: progress)
                }
            } catch CheckRunError.race(let race) where attempt < attempts {
                logger.warning("running again", metadata: ["reason": "\(race)", "attempt": "\(attempt + 1)"])
            } catch let error as CheckRunError {
                if progress != nil { FileHandle.standardError.write(Data("\n".utf8)) }
                var message = error.description
                if case .store = error, let storeLocation { message = "\(shown(storeLocation)): " + message }
                StandardError.fail("\(message)")
                throw ExitCode(error.exitStatus)
            }
        }
        guard let summary else { throw ExitCode(4) }
        if progress != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if !job.quiet {
            print(SummaryText.describe(summary, language: options.language, outputDirectory: outputDirectory), terminator: "")
        }
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }

    /// Runs inside the store's transaction, which commits only once every output is in place;
    /// if it does not commit, the previous outputs are put back. So the store's record and the
    /// outputs agree: both this run's, or both the last one's.
    private static func record(
        _ run: CheckRun, in store: any RunStore, progress: (@Sendable (CheckRun.Progress) -> Void)?
    ) throws(CheckRunError) -> RunSummary {
        var swapped: OutputSwap?
        let summary: RunSummary
        do {
            summary = try store.record { recorder in
                let (summary, swap) = try run.stage(recorder: recorder, progress: progress)
                swapped = swap
                do throws(OutputError) {
                    try FaultInjection.fail(at: "stored", path: run.outputDirectory)
                } catch {
                    throw CheckRunError.output(error)
                }
                return summary
            }
        } catch let error as CheckRunError {
            swapped?.undo()
            throw error
        } catch {
            // The commit itself failed.
            swapped?.undo()
            throw .store("\(error)")
        }
        swapped?.finish()
        return summary
    }

    /// The job's last recorded run (same job name and township), for the cron guard
    /// `input.rows-dropped`; nil when there is none or the store cannot say.
    private static func lastRun(in store: any RunStore, name: String, township: String?, logger: Logger) -> CheckRun.LastRun? {
        do {
            let last = try store.history().last { entry in
                entry.exitStatus != nil && entry.pipeline == name && (entry.township ?? "") == (township ?? "")
            }
            return last.map { CheckRun.LastRun(run: $0.id, startedAt: $0.startedAt, people: $0.kept + $0.excluded) }
        } catch {
            logger.warning("the run store's history could not be read", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// A store's location as messages show it (no password).
    private static func shown(_ location: String) -> String {
        PostgresRunStore.isPostgres(location) ? PostgresRunStore.redact(location) : location
    }

    /// The store a `--store` value names: PostgreSQL for a postgres:// URL, else an SQLite file.
    static func openStore(_ location: String) throws -> any RunStore {
        do {
            if PostgresRunStore.isPostgres(location) { return try PostgresRunStore(url: location) }
            return try SQLiteRunStore(path: location)
        } catch {
            StandardError.fail("cannot open the run store \(shown(location)): \(error)")
            throw ExitCode(2)
        }
    }

    /// Whether a store exists to read (`history`, `explain`): a PostgreSQL store is asked.
    static func checkStoreExists(_ location: String) throws {
        guard !PostgresRunStore.isPostgres(location) else { return }
        guard FileManager.default.fileExists(atPath: location) else {
            throw ValidationError("no run store at \(location); a run writes one to <out>/voterroll.sqlite")
        }
    }

    private static func makeLogger(_ job: JobOptions) -> Logger {
        let format = LogFormat(rawValue: job.logFormat) ?? .text
        var logger = Logger(label: "voterroll") { label in LineLogHandler(label: label, format: format) }
        // Quiet: errors only. Otherwise the run's milestones go to standard error as logs.
        logger.logLevel = job.quiet ? .error : (isatty(STDERR_FILENO) == 1 && format == .text ? .warning : .info)
        return logger
    }

    private static let progressLine: @Sendable (CheckRun.Progress) -> Void = { progress in
        let rate = progress.seconds > 0 ? Double(progress.rows) / progress.seconds : 0
        let line = String(format: "\r\u{1B}[K%@: %d rows, %.0f rows/s, %.1f s", progress.stage, progress.rows, rate, progress.seconds)
        FileHandle.standardError.write(Data(line.utf8))
    }
}
