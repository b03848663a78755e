// voterroll-bench: measured speed of the hot paths, on generated data.
//
//   swift run -c release voterroll-bench names [COUNT]      normalise COUNT names (~20% distinct)
//   swift run -c release voterroll-bench read-csv [ROWS]    read a GB18030 register of ROWS rows,
//                                                           next to `iconv -f GB18030 -t UTF-8`
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

func benchReadCSV(_ rows: Int) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("voterroll-bench-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let utf8Path = directory.appendingPathComponent("register-utf8.csv").path
    let path = directory.appendingPathComponent("register.csv").path
    var random = SplitMix64(state: 7)
    var text = "序号,选区,选民小组,姓名,性别,民族,出生日期,公民身份号码,住址,备注\n"
    let handle = try FileHandle(forWritingTo: { FileManager.default.createFile(atPath: utf8Path, contents: nil); return URL(fileURLWithPath: utf8Path) }())
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    for row in 1...rows {
        let year = 1930 + Int(random.next() % 90), month = 1 + Int(random.next() % 12), day = 1 + Int(random.next() % 28)
        let body = String(format: "370102%04d%02d%02d%03d", year, month, day, Int(random.next() % 1000))
        let sum = zip(body.utf8, weights).reduce(0) { $0 + Int($1.0 - 48) * $1.1 }
        let check = Array("10X98765432")[sum % 11]
        var name = random.pick(surnames)
        name += random.pick(givenCharacters)
        text += "\(row),第\(1 + row % 5)选区,第\(1 + row % 9)组,\(name),男,汉族,\(year)-\(month)-\(day),\(body)\(check),某某镇某某村\(row % 300)号,\n"
        if text.utf8.count > 1 << 20 {
            handle.write(Data(text.utf8))
            text = ""
        }
    }
    handle.write(Data(text.utf8))
    try handle.close()
    let convert = Process()
    convert.executableURL = URL(fileURLWithPath: "/bin/sh")
    convert.arguments = ["-c", "iconv -f UTF-8 -t GB18030 '\(utf8Path)' > '\(path)'"]
    try convert.run()
    convert.waitUntilExit()
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let iconvTime = try seconds {
        let iconv = Process()
        iconv.executableURL = URL(fileURLWithPath: "/bin/sh")
        iconv.arguments = ["-c", "iconv -f GB18030 -t UTF-8 '\(path)' > /dev/null"]
        try iconv.run()
        iconv.waitUntilExit()
    }
    var dataRows = 0
    let time = try seconds {
        let reader = MappedRowReader(reader: try SpreadsheetInput.open(path: path))
        while let row = try reader.next() { dataRows += row.row.cells.count > 0 ? 1 : 0 }
    }
    print(String(format: "read-csv: %d rows (%.1f MB GB18030) in %.3f s = %.0f rows/s; iconv %.3f s; ratio %.2f×; peak RSS %.0f MB",
                 dataRows, Double(size) / 1e6, time, Double(dataRows) / time, iconvTime, time / iconvTime, peakRSSMegabytes()))
}

let arguments = CommandLine.arguments.dropFirst()
let mode = arguments.first ?? "names"
let count = arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000_000
do {
    switch mode {
    case "names": try benchNames(count)
    case "read-csv": try benchReadCSV(count)
    default:
        FileHandle.standardError.write(Data("usage: voterroll-bench names|read-csv [COUNT]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("voterroll-bench: \(error)\n".utf8))
    exit(1)
}
