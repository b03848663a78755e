import Foundation

/// Constituencies of about equal size (选举法, the chapter on constituencies: 选区的大小，按照每一
/// 选区选一名至三名代表划分; 各选区每一代表所代表的人口数应当大致相等), when the pipeline names
/// each constituency's seats (`constituencies:`). The law speaks of population; the roll gives
/// voters, which is what the township can check before the election (issue 21).
///
/// - `constituency.seats-invalid` (error): a constituency whose seats are outside 1–3, or a
///   constituency on the roll that the table does not name (no seats at all), at the table's
///   line in the pipeline file;
/// - `constituency.unbalanced` (warning): voters per seat differ from the township's average
///   by more than the allowed share (`options.balance_share`, 30% unless set).
///
/// Counts the people kept per constituency as they are decided, and judges at the close
/// (`ConstituencyBalance`, which the report's table uses too). Without a table it does nothing.
final class ConstituencyBalanceRule: DecisionRule, ClosingRule {
    private let table: [ConstituencySeats]
    private let shareBasisPoints: Int
    /// Where a constituency missing from the table is reported: the table's first entry.
    private let tableStart: CellAddress?
    private var names = TextInterner()
    private var voters: [Int] = []

    init(options: CheckOptions) {
        table = options.constituencySeats
        shareBasisPoints = options.balanceShareBasisPoints
        tableStart = options.constituencySeats.first?.source
    }

    func decided(_ person: PersonRecord, _ decision: Decision, in context: CheckContext, sink: any FindingSink) throws {
        guard !table.isEmpty, decision.isKept else { return }
        let position = names.number(person.constituency)
        if position == voters.count { voters.append(0) }
        voters[position] += 1
    }

    func close(in context: CheckContext, sink: any FindingSink) throws {
        guard let tableStart else { return }
        for finding in check(Array(zip(names.texts, voters)), tableStart: tableStart, language: context.options.language) {
            try sink.report(finding, on: .person(constituency: finding.value, rollRow: nil))
        }
    }

    /// The findings for these voters per constituency; each finding's value is the
    /// constituency's name.
    func check(_ voters: [(String, Int)], tableStart: CellAddress, language: Language) -> [Finding] {
        let balance = ConstituencyBalance(
            voters: voters.map { (constituency: $0.0, voters: $0.1) }, table: table, shareBasisPoints: shareBasisPoints)
        var findings: [Finding] = []
        for line in balance.lines {
            let address = line.source ?? tableStart
            guard line.seatsValid else {
                let seats = line.seats.map(String.init) ?? (language == .zh ? "未列入代表名额表" : "not in the table")
                findings.append(
                    Finding(
                        code: .constituencySeatsInvalid, address: address, columnName: "constituencies", value: line.constituency,
                        evidence: language == .zh ? "代表名额：\(seats)" : "seats: \(seats)"))
                continue
            }
            guard balance.isUnbalanced(line), let perSeat = line.votersPerSeat, let average = balance.average,
                let deviation = balance.deviation(line)
            else { continue }
            let numbers = (
                perSeat: String(format: "%.1f", perSeat), average: String(format: "%.1f", average),
                deviation: String(format: "%+.1f%%", deviation * 100), allowed: Self.percent(shareBasisPoints)
            )
            findings.append(
                Finding(
                    code: .constituencyUnbalanced, address: address, columnName: "constituencies", value: line.constituency,
                    evidence: language == .zh
                        ? "选民 \(line.voters) 人，代表名额 \(line.seats ?? 0) 名，每名代表 \(numbers.perSeat) 人；全乡镇平均 \(numbers.average) 人，相差 \(numbers.deviation)（允许 \(numbers.allowed)）"
                        : "\(line.voters) voters, \(line.seats ?? 0) seats, \(numbers.perSeat) per seat; township average \(numbers.average), \(numbers.deviation) (allowed \(numbers.allowed))"))
        }
        return findings
    }

    /// Basis points as a percentage: 3000 → "30%", 1250 → "12.5%".
    static func percent(_ basisPoints: Int) -> String {
        basisPoints % 100 == 0 ? "\(basisPoints / 100)%" : String(format: "%.2f", Double(basisPoints) / 100).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression) + "%"
    }
}
