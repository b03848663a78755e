import ArgumentParser
import VoterRollKit

/// Options every job (`check`, `run`) shares: how it talks and where it records.
struct JobOptions: ParsableArguments {
    @Flag(help: "Print nothing but errors (for cron).")
    var quiet = false

    @Option(help: "Log lines on standard error as text or json (one JSON object per line).")
    var logFormat: String = "text"

    @Option(help: "Run store (SQLite file) recording every run and decision; default <out>/voterroll.sqlite.")
    var store: String?

    @Flag(help: "Do not record this run in the store.")
    var noStore = false

    @Flag(name: .customLong("mask-ids"), help: "Mask ID numbers in findings.csv and findings.jsonl (371102********123X).")
    var maskIDs = false

    func validate() throws {
        guard LogFormat(rawValue: logFormat) != nil else {
            throw ValidationError("--log-format '\(logFormat)' is not known; use text or json")
        }
    }
}
