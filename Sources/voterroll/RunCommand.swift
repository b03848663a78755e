import ArgumentParser
import Foundation
import VoterRollKit

extension VoterRollCommand {
    /// `voterroll run PIPELINE.yaml`: the job a pipeline file describes, for people and cron.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the job a pipeline file describes (pipelines/*.yaml): the same checks and outputs as 'check'.",
            discussion: """
                Paths in the pipeline are relative to the pipeline file. Exit status: 0 nothing at or above \
                fail_on; 1 findings at or above it; 2 bad usage or a bad pipeline file (an output folder that is a \
                system folder or would overwrite an input included); 3 an input could not be read, or an output \
                could not be written (the previous outputs are then left as they were); 4 another run holds the \
                lock on the output folder.
                """
        )

        @Argument(help: "The pipeline file (YAML, version: 1).")
        var pipeline: String

        @Option(help: "Output folder instead of the pipeline's outputs.dir.")
        var out: String?

        @Option(help: "Lowest severity that makes the exit status 1: error, warning or never (overrides fail_on).")
        var failOn: String?

        @Option(help: "Language of messages: zh or en (overrides options.lang).")
        var lang: String?

        @Option(help: "The day the voter list is posted (选民名单公布日), YYYY-MM-DD (overrides posting_day).")
        var postingDay: String?

        @Option(help: "The day deadlines are judged by, YYYY-MM-DD (overrides as_of; default: today).")
        var asOf: String?

        @OptionGroup var job: JobOptions

        func validate() throws {
            if let failOn, failOn != "never", Severity(rawValue: failOn) == nil {
                throw ValidationError("--fail-on '\(failOn)' is not known; use error, warning or never")
            }
            if let lang, Language(rawValue: lang) == nil {
                throw ValidationError("--lang '\(lang)' is not known; use zh or en")
            }
            if let postingDay, CivilDate(postingDay) == nil {
                throw ValidationError("--posting-day '\(postingDay)' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-10")
            }
            if let asOf, CivilDate(asOf) == nil {
                throw ValidationError("--as-of '\(asOf)' is not a date; write it as YYYY-MM-DD")
            }
        }

        func run() throws {
            var loaded: Pipeline
            do {
                loaded = try PipelineLoader.load(path: pipeline)
            } catch {
                StandardError.fail("\(error.description)")
                throw ExitCode(2)
            }
            if let out { loaded.outputDirectory = out }
            if let failOn { loaded.options.failOn = Severity(rawValue: failOn) }
            if let lang, let language = Language(rawValue: lang) { loaded.options.language = language }
            if let township = job.township { loaded.options.township = township }
            if let day = postingDay.flatMap(CivilDate.init) { loaded.options.postingDay = day }
            if let day = asOf.flatMap(CivilDate.init) { loaded.options.asOf = day }
            try JobRunner.run(
                name: loaded.name, inputs: loaded.inputs, options: loaded.options,
                outputDirectory: loaded.outputDirectory, storePath: job.store ?? loaded.store, job: job,
                readFiles: [("pipeline file", pipeline)])
        }
    }
}
