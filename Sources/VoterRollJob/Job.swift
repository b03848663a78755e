import Foundation
public import Logging
public import VoterRollKit
import VoterRollPostgres

/// One job as `voterroll check`, `voterroll run` and `voterroll serve` all run it: the checks on
/// the output folder and inputs, the lock on the output folder, the store, the run recorded in
/// the store's transaction with the output swap, and the runs again after a race between
/// townships. What the caller does with the outcome (printing, exit codes, a web page) is its own.
public enum Job: Sendable {
    /// Why a job did not produce a summary: what to tell a person, and the exit status the
    /// command line gives it (DESIGN.md's contract).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// Nil when there is nothing to add to what was logged (a run overtaken too often).
        public var message: String?
        public var exitStatus: Int32
        /// Whether the run had started (a progress line may be on the terminal).
        public var duringRun: Bool

        public init(message: String?, exitStatus: Int32, duringRun: Bool = false) {
            self.message = message
            self.exitStatus = exitStatus
            self.duringRun = duringRun
        }

        public var description: String { message ?? "the run did not finish (exit status \(exitStatus))" }
    }

    /// Runs one job and returns its summary (its exit status says whether findings reached
    /// `fail_on`).
    ///
    /// - Parameters:
    ///   - storeLocation: an SQLite file or a postgres:// URL; nil for no store.
    ///   - readFiles: files the job reads besides `inputs` (the pipeline file), which must not
    ///     be outputs either.
    public static func run(
        name: String, inputs: CheckInputs, options: CheckOptions, outputDirectory: String, storeLocation: String?,
        readFiles: [(role: String, path: String)] = [], logger: Logger,
        progress: (@Sendable (CheckRun.Progress) -> Void)? = nil
    ) throws(Failure) -> RunSummary {
        var options = options
        // The reproducible-builds convention: a fixed time makes report.html byte-identical.
        if let clock = ReportClock.sourceDateEpoch(ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"]) {
            options.reportClock = clock
        }
        // One as-of day for the whole run (the rules, the report and the lists agree on it).
        if options.asOf == nil { options.asOf = options.calendar.asOf }
        // Before anything is read or created: a system folder is never an output folder, and no
        // output may be one of the files the run reads.
        do {
            var files = inputs.all.map { ($0.role == "roll" ? "register" : "\($0.role) list", $0.source.path) } + readFiles
            if let key = options.hashedKeyFile { files.append(("hashed key file", key)) }
            try OutputFolder.check(
                outputDirectory, inputs: files,
                store: storeLocation.flatMap { PostgresRunStore.isPostgres($0) ? nil : $0 })
        } catch {
            throw Failure(message: "\(error.description)", exitStatus: 2)
        }
        // Only regular files are read: a FIFO as the register would hang the run while it
        // holds the lock (every later cron run would then exit 4), a device reads forever.
        do throws(IngestError) {
            for (_, source) in inputs.all { try SpreadsheetInput.requireRegularFile(path: source.path) }
            if let previous = options.previous { try SpreadsheetInput.requireRegularFile(path: previous) }
        } catch {
            throw Failure(message: error.description, exitStatus: 3)
        }
        let lock: RunLock
        do {
            lock = try RunLock(directory: outputDirectory)
        } catch let held as RunLock.Held {
            throw Failure(message: "\(held.description)", exitStatus: 4)
        } catch {
            // Not a usage error: the folder could not be created or written (permission, a file
            // in the way, the disk).
            throw Failure(message: "\(outputDirectory): cannot write in the output folder: \(error.localizedDescription)", exitStatus: 3)
        }
        defer { withExtendedLifetime(lock) {} }
        let cleared = OutputLeftovers.remove(in: outputDirectory)
        if cleared.restored {
            logger.warning("an interrupted run's outputs were taken back: the previous outputs are in place again", metadata: ["files": "\(cleared.removed.joined(separator: " "))"])
        } else if !cleared.isEmpty {
            logger.warning("removed what an interrupted run left", metadata: ["files": "\(cleared.removed.joined(separator: " "))"])
        }
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
                var message = error.description
                if case .store = error, let storeLocation { message = "\(shown(storeLocation)): " + message }
                throw Failure(message: message, exitStatus: error.exitStatus, duringRun: true)
            } catch let failure as Failure {
                throw failure
            } catch {
                throw Failure(message: "\(error)", exitStatus: 3, duringRun: true)
            }
        }
        guard let summary else { throw Failure(message: nil, exitStatus: 4, duringRun: true) }
        return summary
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
    public static func shown(_ location: String) -> String {
        PostgresRunStore.isPostgres(location) ? PostgresRunStore.redact(location) : location
    }

    /// The store a `--store` value names: PostgreSQL for a postgres:// URL, else an SQLite file.
    public static func openStore(_ location: String) throws(Failure) -> any RunStore {
        do {
            if PostgresRunStore.isPostgres(location) { return try PostgresRunStore(url: location) }
            return try SQLiteRunStore(path: location)
        } catch {
            throw Failure(message: "cannot open the run store \(shown(location)): \(error)", exitStatus: 2)
        }
    }

    /// The county's reader of a store (`county-report`, the server's admin page): read-only.
    public static func openCountyStore(_ location: String) throws -> any CountyStore {
        PostgresRunStore.isPostgres(location) ? try PostgresCountyStore(url: location) : try SQLiteCountyStore(path: location)
    }
}
