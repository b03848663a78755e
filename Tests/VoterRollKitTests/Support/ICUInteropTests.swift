import Testing

@testable import VoterRollKit

/// Proves that every ICU service VoterRoll relies on works through the CVoterRoll shim.
@Suite struct ICUInteropTests {
    @Test(arguments: [
        ("張三", "张三"),
        ("劉德華", "刘德华"),
        ("王小明", "王小明"),
    ])
    func traditionalToSimplified(input: String, expected: String) throws {
        let transliterator = try Transliterator(id: "Traditional-Simplified")
        #expect(try transliterator.transform(input) == expected)
    }

    @Test func icuTraditionalSimplifiedChangesCharactersUsedInNames() throws {
        // Why names need an exception table: ICU folds 乾 into 干.
        let transliterator = try Transliterator(id: "Traditional-Simplified")
        #expect(try transliterator.transform("乾隆") == "干隆")
    }

    @Test func hanToLatinForNames() throws {
        let transliterator = try Transliterator(id: "Han-Latin/Names")
        let pinyin = try transliterator.transform("单")
        #expect(pinyin == "shàn")
    }

    @Test func unknownTransliteratorIsAnError() {
        #expect(throws: ICUError.self) { try Transliterator(id: "No-Such-Transform") }
    }

    @Test func strokeCollationOrdersByStrokes() throws {
        let collator = try Collator(locale: "zh@collation=stroke")
        // 丁 (2 strokes) < 王 (4) < 欧 (8).
        #expect(collator.compare("丁", "王") < 0)
        #expect(collator.compare("王", "欧阳") < 0)
        #expect(collator.compare("王", "王") == 0)
        let sorted = ["欧阳明", "王五", "丁一"].sorted { collator.sortKey($0).lexicographicallyPrecedes(collator.sortKey($1)) }
        #expect(sorted == ["丁一", "王五", "欧阳明"])
    }

    @Test func gb18030DecodesToUTF8() throws {
        let converter = try CharsetConverter(charset: "GB18030")
        // "张三,1" in GB18030; 张 = D5 C5, 三 = C8 FD.
        let (text, invalid) = try converter.decode([0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0x31])
        #expect(text == "张三,1")
        #expect(invalid.isEmpty)
    }

    @Test func gb18030DecodesFourByteSequencesOutsideGBK() throws {
        let converter = try CharsetConverter(charset: "GB18030")
        let encoded = try converter.encode("𠮷")
        #expect(encoded.count == 4)
        #expect(try converter.decode(encoded).text == "𠮷")
    }

    @Test func gb18030ReportsOffsetOfFirstUndecodableSequence() throws {
        let converter = try CharsetConverter(charset: "GB18030")
        // 0xFF is never valid in GB18030; it sits at byte offset 4.
        let (text, invalid) = try converter.decode([0xD5, 0xC5, 0x41, 0x42, 0xFF, 0x43])
        #expect(invalid.first?.offset == 4)
        #expect(text == "张AB\u{FFFD}C")
    }

    @Test func streamingDecodeKeepsSequencesSplitAcrossChunks() throws {
        let converter = try CharsetConverter(charset: "GB18030")
        var output: [UInt8] = []
        let first: [UInt8] = [0x41, 0xD5]
        let second: [UInt8] = [0xC5, 0x42]
        let invalidFirst = try first.withUnsafeBufferPointer { (p) throws(ICUError) in try converter.decode(p, flush: false, into: &output) }
        let invalidSecond = try second.withUnsafeBufferPointer { (p) throws(ICUError) in try converter.decode(p, flush: true, into: &output) }
        #expect(invalidFirst.isEmpty && invalidSecond.isEmpty)
        #expect(String(decoding: output, as: UTF8.self) == "A张B")
    }

    @Test func truncatedFinalSequenceIsReported() throws {
        let converter = try CharsetConverter(charset: "GB18030")
        let (_, invalid) = try converter.decode([0x41, 0xD5])
        #expect(invalid == [CharsetConverter.InvalidSequence(offset: 1, length: 1, outputOffset: 1)])
    }

    @Test func gbkCannotEncodeCharactersOutsideIt() throws {
        let gbk = try CharsetConverter(charset: "GBK")
        #expect(gbk.canEncode("张三"))
        #expect(!gbk.canEncode("𠮷"))
    }

    @Test func nfcComposes() throws {
        #expect(try UnicodeNormalizer.nfc("e\u{301}") == "\u{E9}")
    }
}
