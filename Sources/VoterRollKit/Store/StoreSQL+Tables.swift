extension StoreSQL {
    /// A table rows are appended to, or a temporary key table a run fills: its name and its
    /// columns, in the order a row's values come in. Each table's row is built beside its
    /// columns below, so the two cannot drift apart and neither database spells them again.
    public struct Table: Sendable, Hashable {
        public let name: String
        public let columns: [String]
        /// `INSERT INTO name (columns) VALUES (?, …)`.
        public let insert: String

        init(_ name: String, _ columns: [String]) {
            self.name = name
            self.columns = columns
            insert = "INSERT INTO \(name) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        }

        /// The columns of a temporary key table: text, the first the key.
        public var keyDefinition: String {
            columns.enumerated().map { $0.offset == 0 ? "\($0.element) TEXT PRIMARY KEY" : "\($0.element) TEXT NOT NULL" }
                .joined(separator: ", ")
        }

        /// One person's decision in one run (`decisionRow`).
        public static let decisions = Table(
            "decisions", ["run_id", "id_number", "name", "outcome", "input_id", "sheet", "row", "constituency", "codes"])

        /// One finding in one run (`findingRow`). `file` is set only for a source the run did not
        /// declare as an input; `subject` is what since-last-run compares (`subject(of:)`).
        public static let findings = Table(
            "findings",
            [
                "run_id", "code", "severity", "input_id", "file", "sheet", "row", "column_name", "cell", "value", "name",
                "id_number", "evidence", "subject",
            ])

        /// One row a township's run excluded because another township holds the person (`exclusionRow`).
        public static let townshipConflicts = Table(
            "township_conflicts",
            [
                "election_day", "id_number", "kept_township", "excluded_township", "run_id", "file", "sheet", "row",
                "column_number", "column_name", "value", "name",
            ])

        /// The run's people, asked about before the register is read (`holders`).
        public static let candidate = Table("candidate", ["id_number"])

        /// The people the run keeps, with the row it keeps them on (`release`, `claim`, `lost`).
        public static let claim = Table("claim", ["id_number", "row_reference"])
    }

    /// A decision's values in the order of `Table.decisions`.
    static func decisionRow(_ decision: DecisionRecord, run: Int64, input: Int64) -> [StoreValue] {
        [
            .integer(run), StoreValue(decision.idNumber), StoreValue(decision.name), .text(decision.outcome.rawValue),
            .integer(input), StoreValue(decision.source.sheet), StoreValue(decision.source.row), .text(decision.constituency),
            .text(decision.codes.map(\.rawValue).joined(separator: ";")),
        ]
    }

    /// A finding's values in the order of `Table.findings`; `input` is nil when its file is not
    /// one of the run's inputs, and the file is then named in full.
    static func findingRow(_ finding: Finding, run: Int64, input: Int64?) -> [StoreValue] {
        let address = finding.address
        return [
            .integer(run), .text(finding.code.rawValue), .text(finding.severity.rawValue), StoreValue(input),
            input == nil ? .text(address.file) : .null, StoreValue(address.sheet), StoreValue(address.row),
            StoreValue(finding.columnName), .text(address.cell), .text(finding.value), StoreValue(finding.name),
            StoreValue(finding.idNumber), StoreValue(finding.evidence), .text(subject(of: finding)),
        ]
    }

    /// An excluded row's values in the order of `Table.townshipConflicts`.
    static func exclusionRow(
        _ excluded: TownshipRegistry.Exclusion, electionDay: String, township: String, run: Int64
    ) -> [StoreValue] {
        let finding = excluded.finding
        return [
            .text(electionDay), StoreValue(finding.idNumber), .text(excluded.holder.township), .text(township), .integer(run),
            .text(finding.address.file), StoreValue(finding.address.sheet), StoreValue(finding.address.row),
            StoreValue(finding.address.column), StoreValue(finding.columnName), .text(finding.value), StoreValue(finding.name),
        ]
    }
}
