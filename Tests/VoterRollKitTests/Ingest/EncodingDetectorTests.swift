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
