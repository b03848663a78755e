/// Counts findings per row and, once the roll and the rejected rows have been read back,
/// per constituency: findings.jsonl names a row (`roll.csv:12`), not its constituency.
///
/// Holds one small entry per row that has findings, not per row of the register.
final class FindingsByRow {
    /// Findings by severity.
    struct Tally: Sendable, Equatable {
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

        mutating func add(_ other: Tally) {
            errors += other.errors
            warnings += other.warnings
            notes += other.notes
        }

        var total: Int { errors + warnings + notes }
    }

    private struct Entry {
        var errors: Int32 = 0
        var warnings: Int32 = 0
        var notes: Int32 = 0
        /// Index into `constituencies`, -1 until the row is met on the roll or rejected.
        var constituency: Int32 = -1
    }

    private var rows: [String: Entry] = [:]
    private var constituencies: [String] = []
    private var constituencyIndex: [String: Int32] = [:]
    private(set) var byConstituency: [String: Tally] = [:]
    /// Findings about rows of no constituency: list entries (unmatched, proxies).
    private(set) var lists = Tally()

    // Each row is looked up once: the keys are paths with a row number (`…/roll.csv:12`),
    // and hashing them twice per row was most of the cost of these two calls.
    func add(_ line: FindingsFile.Line) {
        switch line.severity {
        case .error: rows[line.rowReference, default: Entry()].errors += 1
        case .warning: rows[line.rowReference, default: Entry()].warnings += 1
        case .info: rows[line.rowReference, default: Entry()].notes += 1
        }
    }

    /// A roll or rejected row: its findings count for its constituency.
    func resolve(source: String, constituency: String) {
        guard let position = rows.index(forKey: source), rows.values[position].constituency < 0 else { return }
        let index: Int32
        if let known = constituencyIndex[constituency] {
            index = known
        } else {
            index = Int32(constituencies.count)
            constituencyIndex[constituency] = index
            constituencies.append(constituency)
        }
        rows.values[position].constituency = index
        let entry = rows.values[position]
        byConstituency[constituency, default: Tally()].add(
            Tally(errors: Int(entry.errors), warnings: Int(entry.warnings), notes: Int(entry.notes)))
    }

    /// Counts what was never resolved as list findings; call once, after the reads.
    func finish() {
        for entry in rows.values where entry.constituency < 0 {
            lists.add(Tally(errors: Int(entry.errors), warnings: Int(entry.warnings), notes: Int(entry.notes)))
        }
    }

    /// The constituency of a row with findings, once resolved.
    func constituency(of source: String) -> String? {
        guard let index = rows[source]?.constituency, index >= 0 else { return nil }
        return constituencies[Int(index)]
    }
}
