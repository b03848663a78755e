import Foundation
import Testing

@testable import VoterRollKit

@Suite struct PipelineLoaderTests {
    /// A folder with the files a pipeline names, so paths resolve.
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("data"), withIntermediateDirectories: true)
        for name in ["roll.csv", "roll2.xlsx", "deprived.csv"] {
            _ = FileManager.default.createFile(atPath: url.appendingPathComponent("data/\(name)").path, contents: Data("x".utf8))
        }
        return url
    }

    private func parse(_ text: String, in base: URL) throws(PipelineError) -> Pipeline {
        try PipelineLoader.parse(text, file: "test.yaml", baseDirectory: base.path)
    }

    @Test func readsEveryKeyWithPathsRelativeToThePipeline() throws {
        let base = try folder()
        let pipeline = try parse("""
            version: 1
            name: 测试镇
            election_day: 2026-12-01
            roll:
              - path: data/roll.csv
                encoding: gb18030
              - path: data/roll2.xlsx
                sheet: 选民
            lists:
              deprived: data/deprived.csv
            previous: data/roll2.xlsx
            previous_election_day: 2021-11-15
            columns:
              id_number: [身份证件号]
            options:
              duplicate_policy: keep_first
              leap_day: mar1
              published_order: pinyin
              lang: en
            outputs:
              dir: out
              encoding: gb18030
              formats: [csv, xlsx]
            fail_on: warning
            store: out/runs.sqlite
            """, in: base)
        #expect(pipeline.name == "测试镇")
        #expect(pipeline.options.electionDay == CivilDate(year: 2026, month: 12, day: 1))
        #expect(pipeline.inputs.rolls.map(\.path) == [base.path + "/data/roll.csv", base.path + "/data/roll2.xlsx"])
        #expect(pipeline.inputs.rolls[0].encoding == "gb18030")
        #expect(pipeline.inputs.rolls[1].sheet == "选民")
        #expect(pipeline.inputs.lists[.deprived]?.path == base.path + "/data/deprived.csv")
        #expect(pipeline.options.extraAliases["id_number"] == ["身份证件号"])
        #expect(pipeline.options.previous == base.path + "/data/roll2.xlsx")
        #expect(pipeline.options.previousElectionDay == CivilDate(year: 2021, month: 11, day: 15))
        #expect(pipeline.options.leapDayRule == .march1)
        #expect(pipeline.options.language == .en)
        #expect(pipeline.options.outputEncoding == .gb18030)
        #expect(pipeline.options.failOn == .warning)
        #expect(pipeline.outputDirectory == base.path + "/out")
        #expect(pipeline.store == base.path + "/out/runs.sqlite")
        #expect(pipeline.options.publishedOrder == .pinyin)
        #expect(pipeline.options.formats == [.csv, .xlsx])
    }

    @Test(arguments: [
        // (pipeline text, expected line, words the message must contain)
        ("version: 1\nelection_day: 2026-12-01\nroll: data/roll.csv\noutputs: {dir: out}\nfial_on: error\n", 5, "unknown key 'fial_on'"),
        ("version: 1\nelection_day: 2026-12-01\nroll: data/roll.csv\noutputs:\n  dir: out\n  colour: red\n", 6, "unknown key 'colour'"),
        ("version: 2\nelection_day: 2026-12-01\nroll: data/roll.csv\noutputs: {dir: out}\n", 1, "version 2 is not supported"),
        ("version: 1\nelection_day: 2026-13-01\nroll: data/roll.csv\noutputs: {dir: out}\n", 2, "'election_day' is '2026-13-01'"),
        ("version: 1\nelection_day: 2026-12-01\nroll: data/missing.csv\noutputs: {dir: out}\n", 3, "no file at data/missing.csv"),
        ("version: 1\nelection_day: 2026-12-01\nroll: data/roll.csv\nlists:\n  dead: data/deprived.csv\noutputs: {dir: out}\n", 5, "unknown key 'dead'"),
        ("version: 1\nelection_day: 2026-12-01\nroll: data/roll.csv\noptions:\n  leap_day: feb29\noutputs: {dir: out}\n", 5, "'leap_day' is 'feb29'"),
        ("version: 1\nelection_day: 2026-12-01\nroll: data/roll.csv\noutputs: {dir: out}\nfail_on: sometimes\n", 5, "'fail_on' is 'sometimes'"),
        ("version: 1\nelection_day: 2026-12-01\nroll: data/roll.csv\noutputs:\n  dir: out\n  formats: csv\n", 6, "'formats' must be a list"),
        ("version: 1\nelection_day: [2026]\nroll: data/roll.csv\noutputs: {dir: out}\n", 2, "must be a single value"),
        ("version: 1\nelection_day: 2026-12-01\nroll: data/roll.csv\noutputs: {dir: out}\ntownship: ' '\n", 5, "'township' needs a name"),
    ])
    func errorsNameTheKeyAndItsLine(text: String, line: Int, words: String) throws {
        let base = try folder()
        do {
            _ = try parse(text, in: base)
            Issue.record("expected an error for:\n\(text)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.description.contains(words), "\(error)")
            #expect(error.description.hasPrefix("test.yaml:\(line):"))
        }
    }

    @Test func aCountyPipelineNamesItsTownshipAndAPostgresStore() throws {
        let base = try folder()
        let pipeline = try parse("""
            version: 1
            election_day: 2026-12-01
            roll: data/roll.csv
            outputs: {dir: out}
            township: 城关镇
            store: postgres://clerk@county-db:5432/voterroll
            """, in: base)
        #expect(pipeline.options.township == "城关镇")
        #expect(pipeline.store == "postgres://clerk@county-db:5432/voterroll", "a URL is not a path beside the pipeline")
        let plain = try parse("version: 1\nelection_day: 2026-12-01\nroll: data/roll.csv\noutputs: {dir: out}\n", in: base)
        #expect(plain.options.township == nil, "no township: no part in the cross-township check")
    }

    @Test func missingRequiredKeysAreNamed() throws {
        let base = try folder()
        for (text, key) in [
            ("election_day: 2026-12-01\nroll: data/roll.csv\noutputs: {dir: out}\n", "version"),
            ("version: 1\nroll: data/roll.csv\noutputs: {dir: out}\n", "election_day"),
            ("version: 1\nelection_day: 2026-12-01\noutputs: {dir: out}\n", "roll"),
            ("version: 1\nelection_day: 2026-12-01\nroll: data/roll.csv\n", "outputs"),
        ] {
            #expect(throws: PipelineError.self) { _ = try parse(text, in: base) }
            do { _ = try parse(text, in: base) } catch { #expect(error.message.contains("'\(key)"), "\(error)") }
        }
    }

    @Test func notYAMLIsAClearError() throws {
        let base = try folder()
        do {
            _ = try parse("version: [1\n", in: base)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("not valid YAML"))
        }
    }
}
