import Testing

@testable import VoterRollKit

/// Deciding a text file's encoding, and the UTF-8 check under the reader's hot loop.
@Suite struct EncodingDetectorTests {
    @Test(arguments: [
        ([0xEF, 0xBB, 0xBF, 0x61], TextEncoding.utf8, TextEncodingSource.byteOrderMark),
        ([0xFF, 0xFE, 0x61, 0x00], .utf16LE, .byteOrderMark),
        ([0xFE, 0xFF, 0x00, 0x61], .utf16BE, .byteOrderMark),
        (Array("姓名,身份证\n".utf8), .utf8, .validUTF8),
        ([0xD0, 0xD5, 0xC3, 0xFB, 0x2C], .gb18030, .notUTF8),  // 姓名, in GB18030
        (Array("plain ascii,1\n".utf8), .utf8, .validUTF8),
        (Array("a,1\nb,2\nc,3\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), .utf16LE, .utf16Pattern),
        (Array("a,1\nb,2\nc,3\n".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }), .utf16BE, .utf16Pattern),
    ] as [([UInt8], TextEncoding, TextEncodingSource)])
    func detects(sample: [UInt8], encoding: TextEncoding, source: TextEncodingSource) {
        let detected = EncodingDetector.detect(sample: sample, isWholeFile: true)
        #expect(detected.encoding == encoding)
        #expect(detected.source == source)
    }

    /// A UTF-8 register with a row in GB18030 is UTF-8 (the row is then a finding); a GB18030
    /// register with a row in UTF-8 stays GB18030 (the row is read as UTF-8 and is a finding).
    @Test func theEncodingOfMostOfTheTextWins() throws {
        let gb = try CharsetConverter(charset: "GB18030")
        let register = CSVReaderTests.register.map { $0.joined(separator: ",") + "\n" }
        let utf8 = Array(register.joined().utf8) + (try gb.encode("4,赵六,女,汉族\n"))
        #expect(EncodingDetector.detect(sample: utf8, isWholeFile: true) == (.utf8, .mostlyUTF8))
        let gb18030 = (try gb.encode(register.joined())) + Array("4,赵六,女,汉族\n".utf8)
        #expect(EncodingDetector.detect(sample: gb18030, isWholeFile: true) == (.gb18030, .notUTF8))
        // GB18030's 女 (C5 AE) is UTF-8 (Ů), but not UTF-8 Chinese text: it does not count.
        let women = try gb.encode(String(repeating: "女,王芳\n", count: 10))
        #expect(EncodingDetector.detect(sample: women, isWholeFile: true) == (.gb18030, .notUTF8))
    }

    @Test func aSequenceCutByTheEndOfTheSampleStillCountsAsUTF8() {
        let sample = Array("张三".utf8) + [0xE6, 0x9D]
        #expect(EncodingDetector.detect(sample: sample, isWholeFile: false).encoding == .utf8)
        #expect(EncodingDetector.detect(sample: sample, isWholeFile: true).encoding == .gb18030)
    }

    @Test(arguments: [
        "utf-8", "UTF8", "utf_8", "gb18030", "GBK", "gb2312", "cp936", "utf-16le", "UTF-16BE", "unicode",
    ])
    func namesAUserMayType(name: String) {
        #expect(TextEncoding(name: name) != nil)
    }

    @Test func gb2312AndGBKAreReadAsGB18030() {
        #expect(TextEncoding(name: "gb2312") == .gb18030)
        #expect(TextEncoding(name: "GBK") == .gb18030)
        #expect(TextEncoding(name: "big5") == nil)
        #expect(TextEncoding(name: "latin1") == nil)
    }

    @Test(arguments: [
        ([0x61, 0x62], nil),
        ([0x61, 0x00, 0x62], UTF8Scanner.Problem.nul),
        ([0xC0, 0xAF], .invalid(length: 1)),  // overlong
        ([0xED, 0xA0, 0x80], .invalid(length: 1)),  // a surrogate
        ([0xF4, 0x90, 0x80, 0x80], .invalid(length: 1)),  // past U+10FFFF
        ([0xE5, 0xBC, 0x41], .invalid(length: 2)),
        ([0xF0, 0x9F, 0x98], .incomplete),
        ([0x80], .invalid(length: 1)),
        ([0xFF], .invalid(length: 1)),
        (Array("0123456789abcdef张三123456789".utf8), nil),
    ] as [([UInt8], UTF8Scanner.Problem?)])
    func scansUTF8(bytes: [UInt8], problem: UTF8Scanner.Problem?) {
        let found = bytes.withUnsafeBufferPointer { UTF8Scanner.firstProblem(in: $0, from: 0) }
        #expect(found?.problem == problem)
    }

    @Test func findsAProblemAfterALongASCIIRun() {
        let bytes = Array(String(repeating: "a", count: 37).utf8) + [0xFF] + Array("bc".utf8)
        let found = bytes.withUnsafeBufferPointer { UTF8Scanner.firstProblem(in: $0, from: 0) }
        #expect(found?.index == 37)
    }
}
