import Foundation
import Testing

@testable import VoterRollKit

#if canImport(Glibc)
    import Glibc
#endif

/// report.html: well-formed, every number equal to summary.json, the rows needing action
/// first; the outputs byte-identical across runs; a killed run leaves the previous outputs.
@Suite struct ReportTests {
    static let fixtures = CheckCommandTests.fixtures

    /// `voterroll check` on the hand-made fixture set with every list, into a new folder.
    static func runCheck(_ extra: [String] = [], roll: String? = nil, out: URL? = nil) throws -> (VoterRollProcess.Result, URL) {
        let out = out ?? FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        var arguments = [
            "check", roll ?? fixtures.appendingPathComponent("roll.csv").path, "--election-day", "2026-12-01",
            "--out", out.path, "--no-store",
        ]
        for (option, role) in CheckCommandTests.listOptions {
            arguments += [option, fixtures.appendingPathComponent("\(role).csv").path]
        }
        return (try VoterRollProcess.run(arguments + extra), out)
    }

    /// An element of the page that carries a summary.json number.
    struct Tagged {
        var key: String
        var value: String?
        var text: String
    }

    /// Parses a page as XML (it must be well-formed) and returns the `data-summary` elements.
    static func tagged(_ path: URL) throws -> [Tagged] {
        let reader = try XMLStreamReader(path: path.path)
        var found: [Tagged] = []
        var open: [(depth: Int, index: Int)] = []
        while try reader.read() {
            switch reader.nodeType {
            case .element:
                if let key = reader.attribute("data-summary") {
                    found.append(Tagged(key: key, value: reader.attribute("data-value"), text: ""))
                    if !reader.isEmptyElement { open.append((reader.depth, found.count - 1)) }
                }
            case .text, .significantWhitespace:
                for (_, index) in open { found[index].text += reader.value ?? "" }
            case .endElement:
                if let last = open.last, last.depth == reader.depth { open.removeLast() }
            default:
                break
            }
        }
        return found
    }

    /// summary.json's numbers by path (`by_code.id.checksum`, `inputs.2.rows.rows_read`).
    static func flatten(_ value: Any, prefix: String = "") -> [String: String] {
        var result: [String: String] = [:]
        if let object = value as? [String: Any] {
            for (key, member) in object {
                result.merge(flatten(member, prefix: prefix.isEmpty ? key : prefix + "." + key)) { $1 }
            }
        } else if let array = value as? [Any] {
            for (index, member) in array.enumerated() {
                result.merge(flatten(member, prefix: prefix + ".\(index)")) { $1 }
            }
        } else if prefix == "accounting_closes", let flag = value as? Bool {
            // The one boolean: JSONSerialization gives it as a number.
            result[prefix] = flag ? "true" : "false"
        } else if let number = value as? NSNumber {
            result[prefix] = number.stringValue
        } else if let text = value as? String {
            result[prefix] = text
        }
        return result
    }

    static func summary(_ out: URL) throws -> [String: String] {
        let data = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        return flatten(try JSONSerialization.jsonObject(with: data))
    }

    @Test func everyNumberOnThePageIsTheNumberInSummaryJSON() throws {
        let (result, out) = try Self.runCheck(["--previous", "fixtures/changes/previous.csv"])
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(result.status == 1, "\(result.stderr)")
        let onPage = try Self.expectPageMatchesSummary(out)
        #expect(onPage["by_code.change.added"] == ["4"])
    }

    @Test func aRecordedRunShowsWhatChangedSinceTheLastOne() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("since-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        var arguments = ["check", Self.fixtures.appendingPathComponent("roll.csv").path, "--election-day", "2026-12-01"]
        arguments += ["--out", out.path, "--quiet"]
        _ = try VoterRollProcess.run(arguments)
        _ = try VoterRollProcess.run(arguments + ["--deceased", Self.fixtures.appendingPathComponent("deceased.csv").path])
        let summary = try Self.summary(out)
        #expect(summary["since_last_run.new_exclusions"] == "1")
        let onPage = try Self.expectPageMatchesSummary(out)
        #expect(onPage["since_last_run.new_exclusions"] == ["1"])
    }

    /// Holds report.html in `out` to summary.json there; returns the page's tagged values.
    @discardableResult
    static func expectPageMatchesSummary(_ out: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Set<String>] {
        let summary = try Self.summary(out)
        let tagged = try Self.tagged(out.appendingPathComponent("report.html"))
        var onPage: [String: Set<String>] = [:]
        for element in tagged {
            onPage[element.key, default: []].insert(element.value ?? element.text)
        }
        // Every number the page tags is the number in summary.json …
        for (key, values) in onPage {
            if key == "election_day" {
                #expect(values == ["2026年12月1日"] && summary[key] == "2026-12-01", sourceLocation: sourceLocation)
                continue
            }
            #expect(
                values == [summary[key] ?? "missing"], "\(key): page \(values), summary.json \(summary[key] ?? "none")",
                sourceLocation: sourceLocation)
        }
        // … and every count in summary.json is on the page.
        let shown = summary.keys.filter { key in
            if key == "election_day" { return false }
            if key.hasPrefix("inputs.") {
                // Per input: rows read, data rows, kept and excluded (a proxies list excludes nothing).
                let kept = key.hasSuffix(".kept") || key.hasSuffix(".rows.rows_read") || key.hasSuffix(".rows.data_rows")
                let excluded = key.hasSuffix(".excluded") && summary[key.replacingOccurrences(of: ".excluded", with: ".role")] != "proxies"
                return kept || excluded
            }
            return !key.hasSuffix(".file") && !key.hasSuffix(".role")
        }
        for key in shown.sorted() {
            #expect(onPage[key] != nil, "\(key) = \(summary[key] ?? "") is not on the page", sourceLocation: sourceLocation)
        }
        return onPage
    }

    @Test func rowsNeedingActionComeFirstWithTheirCellValueAndFix() throws {
        let (_, out) = try Self.runCheck()
        defer { try? FileManager.default.removeItem(at: out) }
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let table = try #require(html.range(of: "<table id=\"action-table\">"))
        let body = html[table.upperBound...]
        let end = try #require(body.range(of: "</table>"))
        let rows = body[..<end.lowerBound].components(separatedBy: "<tr class=\"").dropFirst()
        let severities = rows.map { String($0.prefix { $0 != "\"" }) }
        // 25, and the 7 proxies whose principals are at home (proxy.principal-not-away).
        #expect(severities.count == 32)
        #expect(severities == severities.sorted { $0 == "error" && $1 == "warning" })
        let mangled = try #require(rows.first { $0.contains("id.excel-mangled") })
        #expect(mangled.contains("roll.csv:28:H"))
        #expect(mangled.contains("3.70102E+17"))
        #expect(mangled.contains(FindingCode.idExcelMangled.message(.zh)))
        #expect(mangled.contains("韩梅"))
        #expect(html.contains("id=\"filter\""))
        #expect(html.range(of: "<h2>需要处理的行</h2>")!.lowerBound < html.range(of: "<h2>图表</h2>")!.lowerBound)
    }

    @Test func theReportIsInEnglishWithLangEnAndOwnerOnly() throws {
        let (_, out) = try Self.runCheck(["--lang", "en"])
        defer { try? FileManager.default.removeItem(at: out) }
        let path = out.appendingPathComponent("report.html")
        let html = try String(contentsOf: path, encoding: .utf8)
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<h1>Voter registration report</h1>"))
        #expect(html.contains(FindingCode.dupSameId.message(.en)))
        #expect(!html.contains("需要处理的行"))
        _ = try Self.tagged(path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path.path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
    }

    @Test func theReportNamesEveryInputWithItsSizeAndSHA256() throws {
        let (_, out) = try Self.runCheck(["--previous", "fixtures/changes/previous.csv"])
        defer { try? FileManager.default.removeItem(at: out) }
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        for name in ["roll.csv", "deprived.csv", "moved_in.csv", "proxies.csv"] {
            let digest = try FileDigest.of(path: Self.fixtures.appendingPathComponent(name).path)
            #expect(html.contains(digest.sha256), "\(name)")
            #expect(html.contains("title=\"\(digest.size) bytes\""), "\(name)")
        }
        let previous = try FileDigest.of(path: VoterRollProcess.repositoryRoot.appendingPathComponent("fixtures/changes/previous.csv").path)
        #expect(html.contains(previous.sha256))
    }

    /// In-process, with a fixed report clock: two runs on the same inputs give the same bytes
    /// in every output, the report included.
    @Test func sameInputsGiveByteIdenticalOutputs() throws {
        var lists: [ListKind: String] = [:]
        for (_, role) in CheckCommandTests.listOptions {
            lists[ListKind(rawValue: role)!] = Self.fixtures.appendingPathComponent("\(role).csv").path
        }
        var options = CheckOptions(electionDay: try #require(CivilDate("2026-12-01")))
        options.previous = VoterRollProcess.repositoryRoot.appendingPathComponent("fixtures/changes/previous.csv").path
        options.formats = [.csv, .xlsx]
        options.reportClock = .fixed(Date(timeIntervalSince1970: 1_780_000_000))
        var outputs: [[String: Data]] = []
        for _ in 0..<2 {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("identical-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: out) }
            let run = CheckRun(
                inputs: CheckInputs(rolls: [Self.fixtures.appendingPathComponent("roll.csv").path], lists: lists),
                options: options, outputDirectory: out.path)
            _ = try run.run()
            var files: [String: Data] = [:]
            let walker = try #require(FileManager.default.enumerator(atPath: out.path))
            for case let name as String in walker where !name.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                let path = out.appendingPathComponent(name).path
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[name] = try Data(contentsOf: URL(fileURLWithPath: path))
                }
            }
            outputs.append(files)
        }
        #expect(outputs[0].keys.sorted() == outputs[1].keys.sorted())
        #expect(Set(outputs[0].keys).isSuperset(of: [
            "roll.csv", "rejected.csv", "findings.csv", "findings.jsonl", "summary.json", "report.html", "changes.csv",
            "roll.xlsx", "published/第一选区.html", "published/第一选区.csv", "published/第一选区.xlsx",
        ]))
        for name in outputs[0].keys.sorted() {
            #expect(outputs[0][name] == outputs[1][name], "\(name) differs between two runs")
        }
    }

    @Test func sourceDateEpochFixesTheReportTime() throws {
        #expect(ReportClock.sourceDateEpoch("1780000000")?.now == Date(timeIntervalSince1970: 1_780_000_000))
        #expect(ReportClock.sourceDateEpoch("soon") == nil)
        #expect(ReportClock.sourceDateEpoch(nil) == nil)
    }

    /// A run killed while it writes leaves every output either as the previous run wrote it
    /// or as this run wrote it whole: never half-written.
    @Test func aKilledRunLeavesNoHalfWrittenOutput() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("killed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // A register big enough that the run is still writing when it is killed.
        let big = scratch.appendingPathComponent("big.csv")
        try Self.register(rows: 40_000).write(to: big, atomically: false, encoding: .utf8)
        let small = Self.fixtures.appendingPathComponent("roll.csv").path
        func arguments(_ roll: String, _ out: URL) -> [String] {
            ["check", roll, "--election-day", "2026-12-01", "--out", out.path, "--no-store", "--quiet", "--formats", "csv,xlsx"]
        }
        let out = scratch.appendingPathComponent("out")
        let reference = scratch.appendingPathComponent("reference")
        _ = try VoterRollProcess.run(arguments(small, out))
        _ = try VoterRollProcess.run(arguments(big.path, reference))
        let before = try Self.files(out)

        for attempt in 0..<3 {
            // What an earlier killed attempt left behind (never an output's own name).
            for name in (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
            where name.contains(".tmp-") || name.contains(".spill-") || name.hasPrefix(".changes-") {
                try? FileManager.default.removeItem(at: out.appendingPathComponent(name))
            }
            let process = Process()
            process.executableURL = VoterRollProcess.executable
            process.arguments = arguments(big.path, out)
            process.currentDirectoryURL = VoterRollProcess.repositoryRoot
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until it is writing (a temporary output file exists), then kill it.
            let deadline = Date().addingTimeInterval(60)
            var sawTemporary = false
            while process.isRunning, Date() < deadline {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
                if names.contains(where: { $0.contains(".tmp-") || $0.contains(".spill-") }) {
                    sawTemporary = true
                    // Later attempts kill later in the run.
                    usleep(useconds_t(attempt * 150_000))
                    break
                }
                usleep(2_000)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(sawTemporary || attempt > 0, "the run finished before it could be killed")
            let after = try Self.files(out)
            let whole = try Self.files(reference)
            for (name, bytes) in after where !name.contains(".tmp-") && !name.contains(".spill-") && !name.hasPrefix(".") {
                // The report's run time differs between runs: compare what it counts instead.
                if name == "report.html" { continue }
                #expect(bytes == before[name] || bytes == whole[name], "\(name) is half-written (attempt \(attempt))")
            }
            for name in ["roll.csv", "summary.json", "findings.csv", "report.html"] {
                #expect(after[name] != nil, "\(name) is gone")
            }
        }
    }

    /// Every file under `folder` by relative path.
    static func files(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return files }
        for case let name as String in walker {
            var isDirectory: ObjCBool = false
            let path = folder.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    /// A register of `rows` valid people in five constituencies.
    static func register(rows: Int) -> String {
        var text = "选区,选民小组,姓名,性别,出生日期,公民身份号码\n"
        let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
        for row in 0..<rows {
            let year = 1940 + row % 60, month = 1 + row % 12, day = 1 + row % 28
            let body = String(format: "370102%04d%02d%02d%03d", year, month, day, row % 1000)
            let id = body + String(checkDigit(body))
            text += "第\(1 + row % 5)选区,第\(1 + row % 9)组,\(surnames[row % surnames.count])\(row),\(row % 2 == 1 ? "男" : "女"),,\(id)\n"
        }
        return text
    }

    /// GB 11643-1999's check character for 17 digits.
    static func checkDigit(_ body: String) -> Character {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body.utf8, weights).reduce(0) { $0 + Int($1.0 - 48) * $1.1 }
        return Array("10X98765432")[sum % 11]
    }
}
