import Foundation
import Testing

@testable import VoterRollKit

/// Headers as offices write them (`fixtures/headers/headers.tsv`, made by its script): each
/// must name its field in a file of its role, and the near misses must name nothing, another
/// field, or be refused as ambiguous.
@Suite struct HeaderTableTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var role: HeaderRole
        var header: String
        /// A field's raw value; "-" for nothing, "?" for an ambiguity.
        var field: String
        var testDescription: String { "\(role) \(header.debugDescription) → \(field)" }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let cases: [Case] = {
        let url = root.appendingPathComponent("fixtures/headers/headers.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let role = HeaderRole(name: parts[0]) else { return nil }
            return Case(role: role, header: parts[1].replacingOccurrences(of: "\\n", with: "\n"), field: parts[2])
        }
    }()

    /// The fields the list rules and the register need, each with at least 60 headers; and
    /// at least 30 near misses.
    @Test func theTableIsLargeEnough() {
        var perField: [String: Int] = [:]
        for item in Self.cases { perField[item.field, default: 0] += 1 }
        for field in ["id_number", "name", "start", "end", "certificate_issued", "certificate_number", "constituency", "principal_id", "agent_id"] {
            #expect(perField[field, default: 0] >= 60, "\(field): \(perField[field, default: 0]) headers")
        }
        let nearMisses = Self.cases.filter { item in
            item.field == "-" || item.field == "?"
                || !["id_number", "name", "start", "end", "certificate_issued", "certificate_number", "constituency", "principal_id", "agent_id"]
                    .contains(item.field)
        }
        #expect(nearMisses.count >= 30)
    }

    @Test(arguments: cases)
    func headerNamesItsField(_ item: Case) {
        let match = HeaderAliases.standard.match(item.header, role: item.role)
        let got = match.map { $0.fields.count > 1 ? "?" : $0.fields[0].rawValue } ?? "-"
        #expect(got == item.field, "\(item.role) \(item.header.debugDescription): \(match?.fields.map(\.rawValue) ?? [])")
    }

    /// How each header matched: the pipeline's alias, then a built-in alias, then words.
    @Test func exactAliasesOutrankWordsAndThePipelineOutranksBoth() {
        let aliases = HeaderAliases(extra: [.end: ["剥夺期限"], .name: ["身份证号"]])
        #expect(aliases.match("终止日期", role: .list(.deprived)) == HeaderMatch(fields: [.end], how: .exactAlias))
        #expect(aliases.match("剥夺政治权利终止日期", role: .list(.deprived)) == HeaderMatch(fields: [.end], how: .words))
        #expect(aliases.match("剥夺期限", role: .list(.deprived)) == HeaderMatch(fields: [.end], how: .pipelineAlias))
        #expect(aliases.match("身份证号", role: .register) == HeaderMatch(fields: [.name], how: .pipelineAlias))
    }

    /// A list's fields are looked for in that list only: 截止日期 is nothing by its words in
    /// a register, and 日期 is the date of death only in a deceased list.
    @Test func theRoleIsTheContext() {
        #expect(HeaderAliases.standard.match("剥夺政治权利期满日", role: .register) == nil)
        #expect(HeaderAliases.standard.match("剥夺政治权利期满日", role: .list(.deprived))?.fields == [.end])
        #expect(HeaderAliases.standard.match("日期", role: .list(.deceased))?.fields == [.deathDate])
        #expect(HeaderAliases.standard.match("日期", role: .list(.suspended))?.fields == [.decidedDate])
        #expect(HeaderAliases.standard.match("日期", role: .register) == nil)
    }

    private static func reader(_ lines: [String], role: HeaderRole, language: Language = .zh) throws -> MappedRowReader {
        let path = try SpreadsheetTestSupport.write(lines.joined(separator: "\n") + "\n", name: "\(role).csv")
        return MappedRowReader(
            reader: try CSVReader(path: path), needed: NeededColumns.of(role), role: role, language: language)
    }

    /// Two columns equally named for one field, or one column named for two: refused, naming
    /// both, in Chinese and in English.
    @Test func ambiguityIsRefusedNamingBothColumns() throws {
        let id = "11010119900307133X"
        let twoIDs = try Self.reader(["姓名,身份证号码（本人）,本人身份证,选区", "张三,\(id),\(id),第一选区"], role: .register)
        do {
            _ = try twoIDs.next()
            Issue.record("two ID columns were read")
        } catch {
            #expect(error.kind == .missingColumns)
            #expect(error.message.contains("B「身份证号码（本人）」和C「本人身份证」两列都像是公民身份号码"), "\(error.message)")
        }
        let period = try Self.reader(["姓名,公民身份号码,剥夺政治权利起止日期", "张三,\(id),2020-01-01至2030-01-01"], role: .list(.deprived), language: .en)
        do {
            _ = try period.next()
            Issue.record("a start-and-end column was read")
        } catch {
            #expect(error.message.contains("column C「剥夺政治权利起止日期」 reads as both"), "\(error.message)")
            #expect(error.message.contains("start") && error.message.contains("end"))
        }
    }

    /// The list's needed column missing: refused before any row, the message naming the file,
    /// the field, every header seen and the pipeline line.
    @Test func aListWithoutItsNeededColumnIsRefused() throws {
        let reader = try Self.reader(["姓名,公民身份号码,剥夺开始日期,剥夺期限", "张三,11010119900307133X,2020-01-01,五年"], role: .list(.deprived))
        do {
            _ = try reader.next()
            Issue.record("read without an end column")
        } catch {
            #expect(error.file.hasSuffix("deprived.csv"))
            for part in ["剥夺政治权利名单缺少必需的列", "结束日期 (end)", "姓名、公民身份号码、剥夺开始日期、剥夺期限", "columns: {end: [\"…\"]}"] {
                #expect(error.message.contains(part), "\(part) in \(error.message)")
            }
        }
    }

    /// A header that names nothing is reported once, on the header row, with its column.
    @Test func ignoredColumnsAreReportedOnce() throws {
        let reader = try Self.reader(
            ["姓名,公民身份号码,选区,文化程度,审判机关", "张三,11010119900307133X,第一选区,初中,某法院", "李四,110101198506120354,第一选区,高中,某法院"],
            role: .register)
        while try reader.next() != nil {}
        expectProduces(.inputColumnIgnored, reader.headerFindings)
        #expect(reader.headerFindings.map(\.address.column) == [4, 5])
        #expect(reader.headerFindings.allSatisfy { $0.address.row == 1 })
        #expect(reader.headerFindings.map(\.columnName) == ["文化程度", "审判机关"])
    }
}
