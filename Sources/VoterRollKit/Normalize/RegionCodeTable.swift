/// Every GB/T 2260 code past and present, read once from `RegionCodeTable.data`.
///
/// The data is a string literal compiled into the library (see scripts/make-region-codes.py)
/// so that the tool has no resource files to lose; it is parsed on first use, which takes a
/// few milliseconds, and looking a code up is then one dictionary probe.
struct RegionCodeTable: Sendable {
    /// The table, parsed on first use (a `static let` is initialised once, thread-safely).
    static let shared = RegionCodeTable(parsing: data)

    private let periodsByCode: [Int32: [RegionCode.Period]]

    /// Parses `code<TAB>name<TAB>firstYear<TAB>lastYear` lines; a malformed line is skipped
    /// (the generator checks the data, and a test checks that every line was read).
    init(parsing text: String) {
        var table: [Int32: [RegionCode.Period]] = [:]
        table.reserveCapacity(8192)
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 4, let code = RegionCode(String(fields[0])) else { continue }
            let period = RegionCode.Period(
                name: String(fields[1]),
                firstYear: Int(fields[2]),
                lastYear: Int(fields[3])
            )
            table[Int32(code.value), default: []].append(period)
        }
        periodsByCode = table
    }

    /// The number of codes.
    var count: Int { periodsByCode.count }

    /// The number of (code, name) periods.
    var periodCount: Int { periodsByCode.values.reduce(0) { $0 + $1.count } }

    func contains(_ code: Int) -> Bool {
        periodsByCode[Int32(truncatingIfNeeded: code)] != nil
    }

    func periods(of code: Int) -> [RegionCode.Period] {
        periodsByCode[Int32(truncatingIfNeeded: code)] ?? []
    }
}
