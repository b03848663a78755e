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
    static func run(
        name: String, inputs: CheckInputs, options: CheckOptions, outputDirectory: String, storePath: String?,
        job: JobOptions
    ) throws {
        let logger = makeLogger(job)
        var options = options
        options.maskIDs = job.maskIDs
        // The reproducible-builds convention: a fixed time makes report.html byte-identical.
        if let clock = ReportClock.sourceDateEpoch(ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"]) {
            options.reportClock = clock
        }
        let lock: RunLock
        do {
            lock = try RunLock(directory: outputDirectory)
        } catch let held as RunLock.Held {
            FileHandle.standardError.write(Data("voterroll: \(held.description)\n".utf8))
            throw ExitCode(4)
        } catch {
            FileHandle.standardError.write(Data("voterroll: cannot use the output folder \(outputDirectory): \(error.localizedDescription)\n".utf8))
            throw ExitCode(2)
        }
        defer { withExtendedLifetime(lock) {} }
        let leftovers = OutputLeftovers.remove(in: outputDirectory)
        if !leftovers.isEmpty {
            logger.warning("removed what an interrupted run left", metadata: ["files": "\(leftovers.joined(separator: " "))"])
        }
        let run = CheckRun(inputs: inputs, options: options, outputDirectory: outputDirectory, name: name, logger: logger)
        let progress = isatty(STDERR_FILENO) == 1 && !job.quiet ? progressLine : nil
        var summary: RunSummary?
        // A township's run that another township's run overtook (both kept one person, the
        // other recorded first) was rolled back whole; it runs again, now seeing that claim.
        let attempts = 3
        for attempt in 1...attempts where summary == nil {
            do {
                if job.noStore {
                    summary = try run.run(progress: progress)
                } else {
                    let store = try openStore(storePath ?? outputDirectory + "/voterroll.sqlite")
                    summary = try store.record { recorder in try run.run(recorder: recorder, progress: progress) }
                }
            } catch CheckRunError.race(let race) where attempt < attempts {
                logger.warning("running again", metadata: ["reason": "\(race)", "attempt": "\(attempt + 1)"])
            } catch let error as CheckRunError {
                if progress != nil { FileHandle.standardError.write(Data("\n".utf8)) }
                FileHandle.standardError.write(Data("voterroll: \(error.description)\n".utf8))
                if case .input = error { throw ExitCode(3) }
                if case .race = error { throw ExitCode(4) }
                throw ExitCode(2)
            }
        }
        guard let summary else { throw ExitCode(4) }
        if progress != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if !job.quiet {
            print(SummaryText.describe(summary, language: options.language, outputDirectory: outputDirectory), terminator: "")
        }
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }

    /// The store a `--store` value names: PostgreSQL for a postgres:// URL, else an SQLite file.
    static func openStore(_ location: String) throws -> any RunStore {
        do {
            if PostgresRunStore.isPostgres(location) { return try PostgresRunStore(url: location) }
            return try SQLiteRunStore(path: location)
        } catch {
            let shown = PostgresRunStore.isPostgres(location) ? PostgresRunStore.redact(location) : location
            FileHandle.standardError.write(Data("voterroll: cannot open the run store \(shown): \(error)\n".utf8))
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
