// voterroll-bench: measured speed of the hot paths, on generated data.
//
//   swift run -c release voterroll-bench names [COUNT]      normalise COUNT names (~20% distinct)
//   swift run -c release voterroll-bench read-csv [ROWS]    read a GB18030 register of ROWS rows,
//                                                           next to `iconv -f GB18030 -t UTF-8`
//   swift run -c release voterroll-bench check [ROWS]       full `check` with every list (ROWS/100
//                                                           entries each) and every output
//   swift run -c release voterroll-bench check-store [ROWS] the same, recorded in the run store
//
// Prints wall time, rate and peak RSS. Data is generated with a fixed seed, so runs compare.
import Foundation
import VoterRollKit

#if canImport(Glibc)
    import Glibc
#endif

/// A deterministic generator (SplitMix64), so every run measures the same data.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}

let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤").map(String.init)
    + ["欧阳", "司马", "上官", "诸葛", "张 ", "張"]
let givenCharacters = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅新民永春海燕雪晨浩宇子轩欣怡梓涵一诺佳琪乾於").map(String.init)

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func makeNames(_ count: Int) -> [String] {
    var random = SplitMix64(state: 42)
    var distinct: [String] = []
    for _ in 0..<max(count / 5, 1) {
        var name = random.pick(surnames)
        for _ in 0..<(1 + Int(random.next() % 2)) { name += random.pick(givenCharacters) }
        distinct.append(name)
    }
    return (0..<count).map { _ in random.pick(distinct) }
}

func benchNames(_ count: Int) throws {
    let names = makeNames(count)
    let normalizer = try NameNormalizer()
    var checksum = 0
    let time = seconds {
        for name in names { checksum &+= normalizer.normalize(name).matchKey.utf8.count }
    }
    print(String(format: "names: %d names (%d distinct) in %.3f s = %.0f names/s; peak RSS %.0f MB (checksum %d)",
                 count, Set(names).count, time, Double(count) / time, peakRSSMegabytes(), checksum))
}

/// A generated register: the GB18030 file and, for building lists, some of its IDs and names.
struct Register {
    var path: String
    var size: Int
    var sample: [(id: String, name: String)]
}

func checkDigit(_ body: String) -> Character {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let sum = zip(body.utf8, weights).reduce(0) { $0 + Int($1.0 - 48) * $1.1 }
    return Array("10X98765432")[sum % 11]
}

/// Writes a register of `rows` rows in GB18030 (via iconv), keeping every `sampleEvery`th person.
func makeRegister(rows: Int, in directory: URL, sampleEvery: Int = 0) throws -> Register {
    let utf8Path = directory.appendingPathComponent("register-utf8.csv").path
    let path = directory.appendingPathComponent("register.csv").path
    var random = SplitMix64(state: 7)
    var sample: [(id: String, name: String)] = []
    var text = "序号,选区,选民小组,姓名,性别,民族,出生日期,公民身份号码,住址,备注\n"
    FileManager.default.createFile(atPath: utf8Path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: utf8Path))
    for row in 1...rows {
        let year = 1930 + Int(random.next() % 90), month = 1 + Int(random.next() % 12), day = 1 + Int(random.next() % 28)
        let sequence = Int(random.next() % 1000)
        let body = String(format: "370102%04d%02d%02d%03d", year, month, day, sequence)
        let id = body + String(checkDigit(body))
        var name = random.pick(surnames)
        name += random.pick(givenCharacters)
        if sampleEvery > 0, row % sampleEvery == 0 { sample.append((id, name)) }
        text += "\(row),第\(1 + row % 5)选区,第\(1 + row % 9)组,\(name),\(sequence % 2 == 1 ? "男" : "女"),汉族,\(year)-\(month)-\(day),\(id),某某镇某某村\(row % 300)号,\n"
        if text.utf8.count > 1 << 20 {
            handle.write(Data(text.utf8))
            text = ""
        }
    }
    handle.write(Data(text.utf8))
    try handle.close()
    try shell("iconv -f UTF-8 -t GB18030 '\(utf8Path)' > '\(path)'")
    try FileManager.default.removeItem(atPath: utf8Path)
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    return Register(path: path, size: size, sample: sample)
}

func shell(_ command: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    try process.run()
    process.waitUntilExit()
}

/// Seconds `iconv` needs just to decode the file: the yardstick across machines.
func iconvSeconds(_ path: String) throws -> Double {
    try seconds { try shell("iconv -f GB18030 -t UTF-8 '\(path)' > /dev/null") }
}

func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("voterroll-bench-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

func benchReadCSV(_ rows: Int) throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let register = try makeRegister(rows: rows, in: directory)
    let iconvTime = try iconvSeconds(register.path)
    var dataRows = 0
    let time = try seconds {
        let reader = MappedRowReader(reader: try SpreadsheetInput.open(path: register.path))
        while let row = try reader.next() { dataRows += row.row.cells.count > 0 ? 1 : 0 }
    }
    print(String(format: "read-csv: %d rows (%.1f MB GB18030) in %.3f s = %.0f rows/s; iconv %.3f s; ratio %.2f×; peak RSS %.0f MB",
                 dataRows, Double(register.size) / 1e6, time, Double(dataRows) / time, iconvTime, time / iconvTime, peakRSSMegabytes()))
}

/// Full `check` with every list (about `rows / 100` entries each) and every output.
func benchCheck(_ rows: Int, recorded: Bool) throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let listSize = max(rows / 100, 10)
    let register = try makeRegister(rows: rows, in: directory, sampleEvery: max(rows / (listSize * 8), 1))
    var sample = register.sample[...]
    func take(_ count: Int) -> ArraySlice<(id: String, name: String)> {
        let taken = sample.prefix(count)
        sample = sample.dropFirst(count)
        return taken
    }
    func writeList(_ name: String, _ header: String, _ lines: [String]) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try (header + "\n" + lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }
    var lists: [ListKind: String] = [:]
    lists[.deprived] = try writeList("deprived.csv", "姓名,公民身份号码,开始日期,结束日期", take(listSize).map { "\($0.name),\($0.id),2020-01-01,2030-01-01" })
    lists[.incapacitated] = try writeList("incapacitated.csv", "姓名,公民身份号码,确认日期", take(listSize).map { "\($0.name),\($0.id),2026-01-01" })
    lists[.suspended] = try writeList("suspended.csv", "姓名,公民身份号码,决定日期", take(listSize).map { "\($0.name),\($0.id),2026-01-01" })
    lists[.deceased] = try writeList("deceased.csv", "姓名,公民身份号码,死亡日期", take(listSize).map { "\($0.name),\($0.id),2026-01-01" })
    lists[.movedOut] = try writeList("moved_out.csv", "姓名,公民身份号码,现居住地,是否开具选民资格证明", take(listSize).enumerated().map { "\($1.name),\($1.id),深圳,\($0 % 2 == 0 ? "是" : "否")" })
    let principals = Array(take(listSize))
    let agents = Array(take(listSize / 3 + 1))
    lists[.proxies] = try writeList("proxies.csv", "委托人姓名,委托人身份证号,受托人姓名,受托人身份证号", principals.enumerated().map { "\($1.name),\($1.id),\(agents[$0 / 3].name),\(agents[$0 / 3].id)" })
    var random = SplitMix64(state: 11)
    lists[.movedIn] = try writeList("moved_in.csv", "姓名,公民身份号码,性别,出生日期,户籍地,选民资格证明编号,选区,选民小组", (0..<listSize).map { index in
        let body = String(format: "110101%04d%02d%02d%03d", 1950 + Int(random.next() % 50), 1 + Int(random.next() % 12), 1 + Int(random.next() % 28), Int(random.next() % 1000))
        return "流入\(random.pick(givenCharacters)),\(body)\(checkDigit(body)),男,,北京,C-\(index),第一选区,第一组"
    })
    let iconvTime = try iconvSeconds(register.path)
    let out = directory.appendingPathComponent("out").path
    guard let day = CivilDate("2026-12-01") else { return }
    var summary: RunSummary?
    let time = try seconds {
        let run = CheckRun(inputs: CheckInputs(rolls: [register.path], lists: lists), options: CheckOptions(electionDay: day), outputDirectory: out)
        if recorded {
            let store = try RunStore(path: out + "/voterroll.sqlite")
            summary = try store.record { recorder in try run.run(recorder: recorder) }
        } else {
            summary = try run.run()
        }
    }
    let read = summary?.rows.rowsRead ?? 0
    print(String(format: "check%@: %d rows (%.1f MB GB18030) + 7 lists of %d in %.3f s = %.0f rows/s; iconv %.3f s; ratio %.2f×; peak RSS %.0f MB; kept %d, excluded %d, findings %d",
                 recorded ? " (with store)" : "", read, Double(register.size) / 1e6, listSize, time, Double(read) / time, iconvTime, time / iconvTime, peakRSSMegabytes(),
                 summary?.kept ?? 0, summary?.excluded ?? 0, summary?.bySeverity.values.reduce(0, +) ?? 0))
    let codes = (summary?.byCode ?? [:]).sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }
    print("  findings by code: " + codes.joined(separator: ", "))
}

let arguments = CommandLine.arguments.dropFirst()
let mode = arguments.first ?? "names"
let count = arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000_000
do {
    switch mode {
    case "names": try benchNames(count)
    case "read-csv": try benchReadCSV(count)
    case "check": try benchCheck(count, recorded: false)
    case "check-store": try benchCheck(count, recorded: true)
    default:
        FileHandle.standardError.write(Data("usage: voterroll-bench names|read-csv|check|check-store [COUNT]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("voterroll-bench: \(error)\n".utf8))
    exit(1)
}
