/// The output files of one run, committed together at the end.
///
/// Nothing replaces the previous outputs until the run has finished: a run that fails midway
/// leaves yesterday's files as they were.
final class Writers {
    let directory: String
    let roll: RollWriter
    let rejected: RejectedWriter
    let findings: FindingsWriter

    init(directory: String, options: CheckOptions) throws(OutputError) {
        self.directory = directory
        roll = try RollWriter(directory: directory, encoding: options.outputEncoding)
        rejected = try RejectedWriter(directory: directory, encoding: options.outputEncoding)
        findings = try FindingsWriter(
            directory: directory, encoding: options.outputEncoding, language: options.language, maskIDs: options.maskIDs)
    }

    func commit(summary: RunSummary) throws(OutputError) {
        try roll.commit()
        try rejected.commit()
        try findings.commit()
        try SummaryFile.write(summary, directory: directory)
    }
}
