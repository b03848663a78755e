/// What `voterroll check` must do with one data row of a generated file: the row's decision and
/// the exact finding codes it gets, one line of `expected.jsonl`.
struct SynthExpectation {
    /// What becomes of a row.
    enum Decision: String {
        /// A register row on the clean roll.
        case kept
        /// A register row in rejected.csv.
        case excluded
        /// An in-migrant put on the roll.
        case added = "added"
        /// An in-migrant left off it.
        case notAdded = "not-added"
        /// A list row, which is never a voter itself.
        case list
        /// A header row: its findings are about the file's columns (one column not read).
        case header
    }

    var file: String
    var row: Int
    var decision: Decision
    var codes: [FindingCode]

    /// A register row decided by its codes: excluded when any code excludes (a row's action is
    /// the strictest action among its findings).
    static func person(file: String, row: Int, codes: [FindingCode]) -> SynthExpectation {
        SynthExpectation(file: file, row: row, decision: excludes(codes) ? .excluded : .kept, codes: codes)
    }

    /// An in-migrant's decision by the same rule.
    static func inMigrant(_ codes: [FindingCode]) -> Decision {
        excludes(codes) ? .notAdded : .added
    }

    static func excludes(_ codes: [FindingCode]) -> Bool {
        codes.contains { $0.action == .exclude }
    }

    /// The JSON line (with its line feed): codes sorted, keys in a fixed order.
    var jsonLine: String {
        let sorted = codes.map(\.rawValue).sorted()
        let list = sorted.map { "\"\($0)\"" }.joined(separator: ",")
        return "{\"file\":\"\(file)\",\"row\":\(row),\"decision\":\"\(decision.rawValue)\",\"codes\":[\(list)]}\n"
    }
}
