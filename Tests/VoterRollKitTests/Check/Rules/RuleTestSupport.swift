import Foundation
import Testing

@testable import VoterRollKit

/// The rules' tests, one suite per rule as the rules are one file each (`Check/Rules/`), so
/// that `swift test --filter Rules` runs them all.
@Suite enum Rules {}

/// What the rule tests share: valid ID numbers, a run's context, register rows and list files
/// read the way the engine reads them, and the engine's path for one person (`RuleHarness`)
/// without the output files.
enum RuleTestSupport {
    /// The election day of most tests.
    static let electionDay = "2026-06-01"

    /// A day written `YYYY-MM-DD`.
    static func day(_ text: String) -> CivilDate {
        guard let day = CivilDate(text) else { preconditionFailure("not a day: \(text)") }
        return day
    }

    /// A valid ID number: region, birth date (`YYYY-MM-DD`), sequence (odd for a man) and the
    /// GB 11643-1999 check digit, computed by the tests' own implementation.
    static func id(born: String, sequence: Int = 123, region: String = "370102") -> String {
        let body = region + born.filter(\.isNumber) + String(String(sequence + 1000).dropFirst())
        return body + String(ResidentIDPropertyTests.check(body.compactMap(\.wholeNumberValue)))
    }

    /// The number with its check digit replaced by a wrong one.
    static func wrongCheckDigit(_ id: String) -> String {
        String(id.dropLast()) + (id.last == "1" ? "2" : "1")
    }

    /// A context as a run builds it: the options, empty lists, the normalisers.
    static func context(
        electionDay: String = RuleTestSupport.electionDay, leapDay: LeapDayRule = .february28,
        previousElectionDay: String? = nil, hasher: IDHasher? = nil
    ) throws -> CheckContext {
        var options = CheckOptions(electionDay: day(electionDay), leapDayRule: leapDay)
        options.previousElectionDay = previousElectionDay.map(day)
        return CheckContext(
            options: options, lists: ListIndex(), names: try NameNormalizer(cacheLimit: 256, pinyin: false), hasher: hasher)
    }

    /// A register row as `PersonColumns` makes it from the fixtures' header
    /// (序号,选区,选民小组,姓名,性别,民族,出生日期,公民身份号码,住址): the ID number in column H,
    /// the name in D, the birth date in G, the gender in E.
    static func person(
        _ id: String, name: String = "张伟", row: Int = 2, file: String = "roll.csv", sheet: String? = nil,
        birthDate: String = "", gender: String = "", constituency: String = "第一选区", voterGroup: String = "第一组",
        idKind: Cell.Kind = .string, birthDateKind: Cell.Kind = .string, idColumn: Int = 8
    ) -> PersonRecord {
        func raw(_ text: String, _ column: Int, _ header: String, _ kind: Cell.Kind = .string) -> RawValue {
            RawValue(text: text, kind: kind, column: column, header: header)
        }
        return PersonRecord(
            source: CellAddress(file: file, sheet: sheet, row: row), rawID: raw(id, idColumn, "公民身份号码", idKind),
            rawName: raw(name, 4, "姓名"), rawBirthDate: raw(birthDate, 7, "出生日期", birthDateKind),
            rawGender: raw(gender, 5, "性别"), rawConstituency: raw(constituency, 2, "选区"),
            rawVoterGroup: raw(voterGroup, 3, "选民小组"))
    }

    /// Runs `rules` on `person` in the order given (keep the registry's order).
    static func check(_ person: PersonRecord, _ rules: [any RowRule], in context: CheckContext) -> PersonRecord {
        var person = person
        for rule in rules { rule.check(&person, in: context) }
        return person
    }

    /// Writes `lines` as a UTF-8 CSV file called `name` in a fresh folder; returns its path.
    static func csv(_ name: String, _ lines: [String]) throws -> String {
        try SpreadsheetTestSupport.write(lines.joined(separator: "\n") + "\n", name: name)
    }

    /// Loads a list file into the context the way a run does: `ListLoader` with the registry's
    /// readers of list details. The file is called `<kind>.csv` unless `name` says otherwise.
    @discardableResult
    static func load(_ kind: ListKind, _ lines: [String], into context: CheckContext, name: String? = nil) throws -> RowCounts {
        let path = try csv(name ?? "\(kind.rawValue).csv", lines)
        let loader = ListLoader(
            context: context, encoding: nil, aliases: .standard,
            readers: RuleRegistry(options: context.options, previous: nil).listDetails)
        return try loader.load(kind, source: InputSource(path: path), into: context.lists)
    }

    /// The register rows of a CSV file, read the way a run reads them (`PersonColumns`).
    static func register(_ name: String, _ lines: [String]) throws -> [PersonRecord] {
        let path = try csv(name, lines)
        let reader = MappedRowReader(reader: try SpreadsheetInput.open(path: path), required: CanonicalField.rollRequired)
        var people: [PersonRecord] = []
        var columns: PersonColumns?
        while let row = try reader.next() {
            if columns?.identity != row.mapping.identity { columns = PersonColumns(row.mapping) }
            if let person = columns?.person(row) { people.append(person) }
        }
        return people
    }

    /// The row rules of a run, in the registry's order.
    static func rowRules(_ context: CheckContext) -> [any RowRule] {
        RuleRegistry(options: context.options, previous: nil).row
    }
}

/// The engine's path for one person, as `RunSink` takes it, without the output files: the row
/// rules in order, then the decision (kept unless a finding excludes; the first row of an ID
/// noted in `context.people`), then the decision rules. Records every decision, every finding
/// and every change reported to it.
final class RuleHarness: FindingSink, PersonPath {
    let context: CheckContext
    let rowRules: [any RowRule]
    let decisionRules: [any DecisionRule]
    private(set) var decisions: [(person: PersonRecord, decision: Decision)] = []
    private(set) var reports: [(finding: Finding, row: FindingRow)] = []
    private(set) var changes: [(change: RollChange, finding: Finding, constituency: String)] = []
    private var rollRows = 0

    init(_ context: CheckContext, rows: [any RowRule], decisions: [any DecisionRule] = []) {
        self.context = context
        rowRules = rows
        decisionRules = decisions
    }

    /// The findings reported through the sink, in order.
    var reported: [Finding] { reports.map(\.finding) }

    func check(_ person: inout PersonRecord) {
        for rule in rowRules { rule.check(&person, in: context) }
    }

    @discardableResult
    func decide(_ person: PersonRecord, origin: PersonOrigin) throws -> Decision {
        let isKept = person.action == .keep
        var rollRow: Int?
        if isKept {
            rollRow = rollRows
            rollRows += 1
        }
        var isFirst = false
        if origin != .inMigrantWithoutCertificate, let id = person.id {
            isFirst = context.people.note(person, id: id, rollRow: rollRow, sources: context.sources)
        }
        let decision = Decision(isKept: isKept, origin: origin, rollRow: rollRow, isFirstOccurrence: isFirst)
        decisions.append((person, decision))
        for rule in decisionRules { try rule.decided(person, decision, in: context, sink: self) }
        return decision
    }

    /// Checks and decides register rows in order, as the register streams; returns them checked.
    @discardableResult
    func register(_ people: [PersonRecord], origin: PersonOrigin = .register) throws -> [PersonRecord] {
        try people.map { person in
            var person = person
            check(&person)
            try decide(person, origin: origin)
            return person
        }
    }

    /// Runs closing rules, in order, reporting to this harness.
    func close(_ rules: [any ClosingRule]) throws {
        for rule in rules { try rule.close(in: context, sink: self) }
    }

    func report(_ finding: Finding, on row: FindingRow) throws {
        reports.append((finding, row))
    }

    func report(_ change: RollChange, finding: Finding, constituency: String) throws {
        changes.append((change, finding, constituency))
    }
}

/// A finding in brief, for tables of expected findings: code, cell, value and evidence.
struct Brief: Equatable, CustomStringConvertible {
    var code: FindingCode
    var cell: String
    var value: String
    var evidence: String?

    init(_ code: FindingCode, _ cell: String, _ value: String, _ evidence: String? = nil) {
        self.code = code
        self.cell = cell
        self.value = value
        self.evidence = evidence
    }

    init(_ finding: Finding) {
        self.init(finding.code, finding.address.cell, finding.value, finding.evidence)
    }

    var description: String { "\(code.rawValue) \(cell) “\(value)” [\(evidence ?? "-")]" }
}

extension Array where Element == Finding {
    var briefs: [Brief] { map(Brief.init) }
    var codes: [FindingCode] { map(\.code) }
}
