import Foundation
import Testing

@testable import VoterRollKit

/// Row accounting closes for random registers: whatever a small CSV holds — titles, blank
/// rows, repeated headers, ragged rows, broken quotes, bad IDs, duplicates — a check run counts
/// every row read exactly once: rows read = kept + excluded + blank + header + title + skipped.
@Suite struct AccountingPropertyTests {
    static let seeds: [UInt64] = Array(31...54)

    static let header = ["序号", "选区", "选民小组", "姓名", "性别", "民族", "出生日期", "公民身份号码", "住址"]

    /// A register as CSV lines, and how many rows the reader must yield when no quote is broken.
    struct Register {
        var lines: [String] = []
        var records = 0
        var brokenQuotes = false
    }

    static func register(_ random: inout SynthRandom) -> Register {
        var register = Register()
        func add(_ line: String, records: Int = 1) {
            register.lines.append(line)
            register.records += records
        }
        for _ in 0..<random.int(in: 0...2) {
            add(random.pick(["某某镇第一选区选民登记表", "2026年6月", "填表人：张三,,,,", ""]))
        }
        add(header.joined(separator: ","))
        var ids: [String] = []
        for number in stride(from: 1, through: random.int(in: 0...25), by: 1) {
            let roll = random.below(20)
            switch roll {
            case 0:
                add(random.pick(["", ",,,,,,,,", " , , ", "\u{3000}"]))
            case 1:
                add(header.joined(separator: ","))  // a header repeated on a new page
            case 2:
                // Ragged: cells missing or extra.
                add("\(number),第一选区,第一组,赵\(number)" + (random.chance(0.5) ? "" : ",男,汉族,1990-01-01,1,地址,多余,更多"))
            case 3:
                // A quote that opens and never closes on its line.
                register.brokenQuotes = true
                add("\(number),第一选区,\"第一组,钱\(number),男,汉族,1980-01-01,110101198001010010,地址")
            case 4:
                // A quoted address over two lines: one record.
                let id = ResidentIDPropertyTests.generate(&random).canonical
                register.lines.append("\(number),第二选区,第二组,孙\(number),女,汉族,,\(id),\"北京市\n东城区\"")
                register.records += 1
            case 5:
                // A duplicate of an earlier ID, or a broken one.
                let id = ids.isEmpty || random.chance(0.5) ? random.pick(["1.10101199003071E+17", "12345", "", "11010119900307133Y"]) : random.pick(ids)
                add("\(number),第一选区,第一组,李\(number),男,汉族,1990-03-07,\(id),地址")
            default:
                let generated = ResidentIDPropertyTests.generate(&random)
                ids.append(generated.canonical)
                let name = NamePropertyTests.name(&random)
                    .filter { $0 != "," && $0 != "\"" && $0 != "\t" }
                let birth = random.chance(0.8) ? generated.birth.iso8601 : random.pick(["", "1990/3/7", "不详", "32939"])
                add("\(number),\(random.pick(["第一选区", "第二选区", ""])),第\(random.int(in: 1...3))组,\(name),\(random.pick(["男", "女", ""])),汉族,\(birth),\(generated.canonical),某某镇\(number)号")
            }
        }
        return register
    }

    @Test(arguments: seeds)
    func rowsReadAreKeptExcludedBlankHeaderTitleOrSkipped(seed: UInt64) throws {
        var random = SynthRandom(seed: seed)
        let register = Self.register(&random)
        let lineEnd = random.pick(["\n", "\r\n"])
        var bytes = Array(register.lines.joined(separator: lineEnd).utf8)
        var expectedRecords = register.records
        if random.chance(0.5) {
            bytes += Array(lineEnd.utf8)
        } else if register.lines.last == "" {
            expectedRecords -= 1  // an empty last line with no line end is no line at all
        }
        if random.chance(0.3) { bytes = [0xEF, 0xBB, 0xBF] + bytes }

        let directory = try SpreadsheetTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("roll.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let run = CheckRun(
            inputs: CheckInputs(rolls: [path]), options: CheckOptions(electionDay: CivilDate(unchecked: 2026, 6, 1)),
            outputDirectory: directory.appendingPathComponent("out").path)
        let context = "seed \(seed):\n\(register.lines.joined(separator: "\n"))"
        let outcome = Result { () throws(CheckRunError) -> RunSummary in try run.run() }
        if case .failure(.input(let error)) = outcome, error.message.contains("no rows of people") {
            // A register without one data row is refused, not counted (RunSafetyTests).
            #expect(error.file == path, "\(context)")
            return
        }
        let summary: RunSummary = try outcome.get()
        let rows = summary.rows
        let people: Int = summary.kept + summary.excluded
        let notPeople: Int = rows.blankRows + rows.headerRows + rows.titleRows + rows.skippedRows
        #expect(rows.rowsRead == people + notPeople, "\(rows) kept \(summary.kept) excluded \(summary.excluded); \(context)")
        #expect(rows.dataRows == summary.kept + summary.excluded, "\(context)")
        #expect(summary.accountingCloses, "\(context)")
        // The reader yields one row per record; a broken quote never takes more than its line.
        if register.brokenQuotes {
            #expect(rows.rowsRead <= register.lines.count + 1, "\(context)")
        } else {
            #expect(rows.rowsRead == expectedRecords, "\(context)")
        }
    }
}
