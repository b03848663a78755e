import Testing

@testable import VoterRollKit

/// The table-driven GB18030 decoder must say exactly what ICU says.
@Suite struct GB18030DecoderTests {
    static func decode(_ bytes: [UInt8], isLast: Bool = true) throws -> (text: String, marks: [TextDecoder.Mark], carried: Int) {
        let decoder = try #require(GB18030Decoder())
        var output: [UInt8] = []
        var marks: [TextDecoder.Mark] = []
        let carried = bytes.withUnsafeBufferPointer { decoder.decode($0, isLast: isLast, fileOffset: 100, into: &output, marks: &marks) }
        return (String(decoding: output, as: UTF8.self), marks, carried)
    }

    @Test func everyTwoByteCodeDecodesAsICUDecodesIt() throws {
        let icu = try CharsetConverter(charset: "GB18030")
        var input: [UInt8] = []
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F { input += [UInt8(lead), UInt8(trail)] }
        }
        let expected = try icu.decode(input)
        let table = try Self.decode(input)
        #expect(table.text == expected.text)
        #expect(table.marks.map { $0.fileOffset - 100 } == expected.invalid.map(\.offset))
    }

    @Test(arguments: [
        "张三,李秀英,王㛃", "买买提·艾力", "𠮷野家 𪚥", "ＡＢＣ１２３ａ", "€ ‰ ¥ — …", "\u{E5E5}\u{FFFD}", "㐀䶵", "ABC,123\r\n",
    ])
    func roundTripsThroughICUsEncoder(text: String) throws {
        let encoded = try CharsetConverter(charset: "GB18030").encode(text)
        let decoded = try Self.decode(encoded)
        #expect(decoded.text == text)
        #expect(decoded.marks.isEmpty)
    }

    @Test func damagedTextIsMarkedWhereICUMarksIt() throws {
        let icu = try CharsetConverter(charset: "GB18030")
        let good = try icu.encode("序号,姓名,公民身份号码\r\n1,张三,11010119900307133X\r\n2,王㛃,𠮷\r\n")
        // Every single-byte corruption of every position: 0x80, 0xFF, a stray lead byte, NUL-free.
        for position in 0..<good.count {
            for replacement: UInt8 in [0x80, 0xFF, 0xD5, 0x2C, 0x30, 0x81] {
                var bytes = good
                bytes[position] = replacement
                let expected = try icu.decode(bytes)
                let table = try Self.decode(bytes)
                #expect(table.text == expected.text, "byte \(position) = \(replacement)")
                #expect(table.marks.map { $0.fileOffset - 100 } == expected.invalid.map(\.offset), "byte \(position) = \(replacement)")
            }
        }
    }

    @Test func anIncompleteCodeAtTheEndOfAChunkIsCarried() throws {
        let bytes: [UInt8] = [0x41, 0xD5]
        #expect(try Self.decode(bytes, isLast: false).carried == 1)
        #expect(try Self.decode([0x41, 0x81, 0x30], isLast: false).carried == 2)
        let last = try Self.decode(bytes, isLast: true)
        #expect(last.text == "A\u{FFFD}")
        #expect(last.marks == [TextDecoder.Mark(index: 1, fileOffset: 101, length: 1, kind: .undecodable)])
    }

    @Test func nulIsMarked() throws {
        let decoded = try Self.decode([0x41, 0x00, 0x42])
        #expect(decoded.text == "A\u{FFFD}B")
        #expect(decoded.marks == [TextDecoder.Mark(index: 1, fileOffset: 101, length: 1, kind: .nul)])
    }

    // MARK: UTF-8 in a GB18030 file

    /// 张三 saved as UTF-8 reads as 寮犱笁 in GB18030, without a single undecodable byte.
    @Test func aRunOfUTF8HanIsReadAsUTF8AndMarked() throws {
        let bytes = Array("1,".utf8) + Array("张三".utf8) + Array(",2\n".utf8)
        let decoded = try Self.decode(bytes)
        #expect(decoded.text == "1,张三,2\n")
        #expect(decoded.marks == [TextDecoder.Mark(index: 2, fileOffset: 102, length: 6, kind: .utf8InGB18030(gb18030: "寮犱笁"))])
    }

    /// The run is decoded again with the next chunk when a chunk ends inside it, so that where
    /// chunks end changes nothing.
    @Test func aRunOpenAtTheEndOfAChunkIsCarried() throws {
        let bytes = Array("A,".utf8) + Array("张三".utf8)
        let open = try Self.decode(bytes, isLast: false)
        #expect(open.text == "A,")
        #expect(open.carried == 6)
        #expect(open.marks.isEmpty)
        #expect(try Self.decode(bytes, isLast: true).text == "A,张三")
    }

    /// One Han character is too little to tell; UTF-8 without Han characters is not Chinese text.
    @Test(arguments: ["张", "Zürich Müller"])
    func shortOrNonHanUTF8IsLeftAsGB18030(text: String) throws {
        let utf8 = Array(text.utf8)
        let decoded = try Self.decode(utf8)
        #expect(decoded.text == (try CharsetConverter(charset: "GB18030").decode(utf8)).text)
        #expect(!decoded.marks.contains { $0.kind != .undecodable })
    }

    /// Real GB18030 text is not taken for UTF-8: every name and address of a synthetic register,
    /// and every pair of GB2312's first 400 Han characters.
    @Test func gb18030TextIsNotTakenForUTF8() throws {
        let gb = try CharsetConverter(charset: "GB18030")
        var common: [String] = []
        for lead in 0xB0...0xB4 {
            for trail in 0xA1...0xFE { common.append(try gb.decode([UInt8(lead), UInt8(trail)]).text) }
        }
        var text = ""
        for first in common { for second in common.prefix(80) { text += first + second + "," } }
        for row in CSVReaderTests.register { text += row.joined(separator: ",") + "\n" }
        let decoded = try Self.decode(try gb.encode(text))
        #expect(decoded.text == text)
        #expect(decoded.marks.isEmpty)
    }
}
