/// The findings a person must act on, for the report's first table: errors, then warnings,
/// each in file order, at most `limit` in all (the counts say how many there are).
///
/// A register with a systematic problem (a column of IDs saved as numbers) can have a
/// finding on every row; the page stays openable, and findings.csv has them all.
struct ActionRows: Sendable {
    static let limit = 5_000

    private(set) var errors: [FindingsFile.Line] = []
    private(set) var warnings: [FindingsFile.Line] = []
    private(set) var errorCount = 0
    private(set) var warningCount = 0

    /// Whether a finding of `severity` would be kept in the table (else it is only counted).
    func keeps(_ severity: Severity) -> Bool {
        switch severity {
        case .error: errors.count < ActionRows.limit
        case .warning: warnings.count < ActionRows.limit
        case .info: false
        }
    }

    /// Counts a finding not kept in the table (`keeps` said no).
    mutating func count(_ severity: Severity) {
        switch severity {
        case .error: errorCount += 1
        case .warning: warningCount += 1
        case .info: break
        }
    }

    mutating func add(_ line: FindingsFile.Line) {
        switch line.severity {
        case .error:
            errorCount += 1
            if errors.count < ActionRows.limit { errors.append(line) }
        case .warning:
            warningCount += 1
            if warnings.count < ActionRows.limit { warnings.append(line) }
        case .info:
            break
        }
    }

    /// The rows shown: errors first, then warnings, at most `limit`.
    var shown: [FindingsFile.Line] {
        Array((errors + warnings).prefix(ActionRows.limit))
    }

    /// Whether some findings needing action are not shown.
    var isTruncated: Bool { errorCount + warningCount > ActionRows.limit }
}
