import ArgumentParser
import Foundation
import Logging
import VoterRollJob
import VoterRollKit
import VoterRollPostgres

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one job for `check` and `run`: the job itself (`Job.run`, the same for `serve`), and what
/// the command line adds: logging, a progress line on a terminal, the printed summary and the
/// exit status.
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
        let storeLocation = job.noStore ? nil : storePath ?? outputDirectory + "/voterroll.sqlite"
        let progress = isatty(STDERR_FILENO) == 1 && !job.quiet ? progressLine : nil
        let summary: RunSummary
        do {
            summary = try Job.run(
                name: name, inputs: inputs, options: options, outputDirectory: outputDirectory,
                storeLocation: storeLocation, readFiles: readFiles, logger: logger, progress: progress)
        } catch {
            if error.duringRun, error.message != nil, progress != nil { FileHandle.standardError.write(Data("\n".utf8)) }
            if let message = error.message { StandardError.fail(message) }
            throw ExitCode(error.exitStatus)
        }
        if progress != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if !job.quiet {
            print(SummaryText.describe(summary, language: options.language, outputDirectory: outputDirectory), terminator: "")
        }
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }

    /// The store a `--store` value names: PostgreSQL for a postgres:// URL, else an SQLite file.
    static func openStore(_ location: String) throws -> any RunStore {
        do {
            return try Job.openStore(location)
        } catch {
            StandardError.fail(error.description)
            throw ExitCode(error.exitStatus)
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
