import ArgumentParser
import Foundation
import VoterRollKit

/// Options every job (`check`, `run`) shares: how it talks and where it records.
struct JobOptions: ParsableArguments {
    @Flag(help: "Print nothing but errors (for cron).")
    var quiet = false

    @Option(help: "Log lines on standard error as text or json (one JSON object per line).")
    var logFormat: String = "text"

    @Option(help: """
        Run store recording every run and decision: an SQLite file (default <out>/voterroll.sqlite), \
        or postgres://user@host:port/database for a store that several townships share.
        """)
    var store: String?

    @Option(help: """
        The township (乡镇) this register belongs to, when townships share a store: a person another \
        township already keeps for the same election is excluded here (dup.same-id). Overrides 'township' in a pipeline.
        """)
    var township: String?

    @Flag(help: "Do not record this run in the store.")
    var noStore = false

    @Flag(name: .customLong("mask-ids"), help: "Mask ID numbers in findings.csv and findings.jsonl (371102********123X).")
    var maskIDs = false

    func validate() throws {
        guard LogFormat(rawValue: logFormat) != nil else {
            throw ValidationError("--log-format '\(logFormat)' is not known; use text or json")
        }
        if let township, township.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--township needs a name, e.g. --township 城关镇")
        }
        if township != nil && noStore {
            throw ValidationError("--township needs the store (it is where townships see each other); drop --no-store")
        }
    }
}
