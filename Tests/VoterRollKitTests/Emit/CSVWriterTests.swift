import Foundation
import Testing

@testable import VoterRollKit

@Suite struct CSVWriterTests {
    @Test(arguments: [
        ("张三", "张三"),
        ("=1+1", "'=1+1"),
        ("+86", "'+86"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
    ])
    func escapesCells(cell: String, expected: String) {
        #expect(CSVWriter.escaped(cell) == expected)
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvwriter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesUTF8WithBOMAndCRLF() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("out.csv").path
        let writer = try CSVWriter(path: path, encoding: .utf8BOM, isPrivate: false, header: ["姓名", "性别"])
        try writer.writeRow(["张三", "男"])
        try writer.commit()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == "姓名,性别\r\n张三,男\r\n")
    }

    @Test func writesGB18030() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("out.csv").path
        let writer = try CSVWriter(path: path, encoding: .gb18030, isPrivate: false, header: ["张三"])
        try writer.commit()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes == [0xD5, 0xC5, 0xC8, 0xFD, 0x0D, 0x0A])
    }

    @Test func privateFilesAreOwnerOnly() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("roll.csv").path
        let writer = try CSVWriter(path: path, encoding: .utf8BOM, isPrivate: true, header: ["id_number"])
        try writer.commit()
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func nothingAppearsUntilCommitAndAnAbandonedFileLeavesNoTrace() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("roll.csv").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let writer = try CSVWriter(path: path, encoding: .utf8BOM, isPrivate: false, header: ["a"])
            try writer.writeRow(["b"])
            // Dropped without commit, as when a run fails midway.
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["roll.csv"])
    }
}
