/// Findings counted by severity (for a constituency, or for the list rows).
struct SeverityCounts: Sendable, Equatable {
    var errors = 0
    var warnings = 0
    var notes = 0

    mutating func add(_ severity: Severity, count: Int = 1) {
        switch severity {
        case .error: errors += count
        case .warning: warnings += count
        case .info: notes += count
        }
    }

    mutating func add(_ other: SeverityCounts) {
        errors += other.errors
        warnings += other.warnings
        notes += other.notes
    }

    var total: Int { errors + warnings + notes }
}
