import Foundation
import Testing

@testable import VoterRollKit

/// Rare characters through `voterroll check`: registers carrying the 24 GB 18030-2005 Private
/// Use characters (fixtures/rare/, made by make-rare-fixtures.py) come out with the standard
/// characters on the roll, the published list and the report.
@Suite struct RareCharacterTests {
    static let fixtures = VoterRollProcess.repositoryRoot.appendingPathComponent("fixtures/rare")

    /// The names each register's 24 rows must come out as: 王 + the standard character + 明.
    static let expectedNames = GB18030PrivateUse.entries.map { "王" + String(Character(Unicode.Scalar($0.standard)!)) + "明" }

    static func containsPrivateUse(_ text: String) -> Bool {
        text.unicodeScalars.contains { NameCharacters.isPrivateUse($0.value) }
    }

    func check(_ register: String, _ extra: [String] = []) throws -> URL {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("rare-\(UUID().uuidString)")
        let result = try VoterRollProcess.run(
            ["check", Self.fixtures.appendingPathComponent(register).path, "--election-day", "2026-12-01",
             "--out", out.path, "--no-store", "--quiet"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return out
    }

    @Test(arguments: ["register-gb18030.csv", "register-utf8.csv"])
    func everyOutputHoldsTheStandardCharacters(register: String) throws {
        let out = try check(register)
        defer { try? FileManager.default.removeItem(at: out) }

        let roll = try CheckCommandTests.readCSV(out.appendingPathComponent("roll.csv"))
        #expect(roll.map { $0["name"] ?? "" } == Self.expectedNames)

        let published = try CheckCommandTests.readCSV(out.appendingPathComponent("published/第一选区.csv"))
        #expect(Set(published.map { $0["姓名"] ?? "" }) == Set(Self.expectedNames))
        let html = try String(contentsOf: out.appendingPathComponent("published/第一选区.html"), encoding: .utf8)
        #expect(!Self.containsPrivateUse(html))
        for name in Self.expectedNames {
            #expect(html.contains(name), "\(name) missing from the printed list")
        }

        // The report shows the raw value as written (原值) and the name as the roll holds it.
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let withoutRawValues = report.replacing(/<td class="value">[^<]*<\/td>/, with: "")
        #expect(!Self.containsPrivateUse(withoutRawValues))
        #expect(Self.containsPrivateUse(report), "the raw values keep what the register wrote")

        let findings = try CheckCommandTests.readCSV(out.appendingPathComponent("findings.csv"))
        let mapped = findings.filter { $0["code"] == "name.pua-mapped" }
        #expect(mapped.count == 24)
        #expect(mapped.map { $0["name"] ?? "" } == Self.expectedNames)
        #expect(mapped.allSatisfy { Self.containsPrivateUse($0["value"] ?? "") })
        #expect(!findings.contains { $0["code"] == "name.private-use" || $0["code"] == "name.normalized" })
        #expect(mapped.first?["evidence"] == "U+E78D → \u{FE10} U+FE10")
    }

    /// The same people, exported by a GB 18030-2005 system and as UTF-8 with Private Use code
    /// points, come out as the same roll.
    @Test func bothRegistersGiveTheSameRoll() throws {
        let fromGB = try check("register-gb18030.csv")
        let fromUTF8 = try check("register-utf8.csv")
        defer {
            try? FileManager.default.removeItem(at: fromGB)
            try? FileManager.default.removeItem(at: fromUTF8)
        }
        let gbRoll = try CheckCommandTests.readCSV(fromGB.appendingPathComponent("roll.csv")).map { [$0["name"], $0["id_number"]] }
        let utfRoll = try CheckCommandTests.readCSV(fromUTF8.appendingPathComponent("roll.csv")).map { [$0["name"], $0["id_number"]] }
        #expect(gbRoll == utfRoll)
    }

    /// GB18030 output writes GB 18030-2022 codes: the two-byte code for the 18 characters 2022
    /// gave one (FE59 for U+9FB4), the four-byte code for the Extension B ones (95 32 90 31 for
    /// 𠂇). Read back with this machine's GB 18030-2005 decoder and the Private Use table, or
    /// with a 2022 decoder, every name is the standard one.
    @Test func gb18030OutputWritesTheStandardsCodes() throws {
        let out = try check("register-utf8.csv", ["--output-encoding", "gb18030"])
        defer { try? FileManager.default.removeItem(at: out) }
        let bytes = try [UInt8](Data(contentsOf: out.appendingPathComponent("roll.csv")))
        let converter = try CharsetConverter(charset: "GB18030")
        let wang = try converter.encode("王")
        let ming = try converter.encode("明")
        for entry in GB18030PrivateUse.entries {
            let written: [UInt8] =
                entry.standardHasTwoByteCode
                ? [UInt8(entry.code >> 8), UInt8(entry.code & 0xFF)]
                : try converter.encode(String(Character(Unicode.Scalar(entry.standard)!)))
            #expect(written.count == (entry.standardHasTwoByteCode ? 2 : 4))
            let name = wang + written + ming
            #expect(bytes.indices.contains { bytes[$0...].starts(with: name) }, "U+\(String(entry.standard, radix: 16, uppercase: true))")
        }
        let decoded = try converter.decode(bytes)
        #expect(decoded.invalid.isEmpty)
        var text = String.UnicodeScalarView()
        for scalar in decoded.text.unicodeScalars {
            text.append(GB18030PrivateUse.standard(for: scalar.value).flatMap(Unicode.Scalar.init) ?? scalar)
        }
        for name in Self.expectedNames {
            #expect(String(text).contains(name))
        }
    }

    /// The fonts a printed page asks for, in order, from its first `font-family` line.
    static func fontStack(_ html: String) throws -> [String] {
        let line = try #require(html.firstMatch(of: /font-family: ([^;]+);/)?.1)
        return line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
    }

    /// A printed list and the report with names outside the BMP (𠂇 U+20087, 𪛖 U+2A6D6, the
    /// last of Extension B): the characters are in the page as they are, not replaced, and the
    /// pages name fonts that carry Extension B ahead of the generic family.
    @Test func printedPagesCarryExtensionBNames() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rare-ext-b-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = ["王𠂇明", "李\u{2A6D6}", "张\u{2A6D6}1"]
        var text = "选区,选民小组,姓名,性别,出生日期,公民身份号码\n"
        for (index, name) in names.enumerated() {
            let body = String(format: "11010119%02d0101%03d", 60 + index, 11 + 2 * index)
            text += "第一选区,第1组,\(name),男,,\(body)\(ReportTests.checkDigit(body))\n"
        }
        let register = folder.appendingPathComponent("register.csv")
        try text.write(to: register, atomically: false, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let result = try VoterRollProcess.run(
            ["check", register.path, "--election-day", "2026-12-01", "--out", out.path, "--no-store", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")

        let list = try String(contentsOf: out.appendingPathComponent("published/第一选区.html"), encoding: .utf8)
        for name in names {
            #expect(list.contains(name), "\(name) missing from the printed list")
        }
        #expect(!list.contains("\u{FFFD}"))
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("张\u{2A6D6}1"), "the suspicious name is in the report's table")

        for page in [list, report] {
            let fonts = try Self.fontStack(page)
            let generic = try #require(fonts.firstIndex { $0 == "serif" || $0 == "sans-serif" })
            #expect(generic == fonts.count - 1)
            for extB in ["SimSun-ExtB", "MingLiU-ExtB", "Noto Serif CJK SC", "Source Han Serif SC"] {
                let position = try #require(fonts.firstIndex(of: extB), "\(extB) not named")
                #expect(position < generic)
            }
        }
    }
}
