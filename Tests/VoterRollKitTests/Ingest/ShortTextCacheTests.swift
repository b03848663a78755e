import Testing

@testable import VoterRollKit

/// The cache of short cells' strings must give back exactly the text of the bytes asked for,
/// whatever was cached before in the same slot.
@Suite struct ShortTextCacheTests {
    @Test func givesBackTheTextOfTheBytesEveryTime() {
        var cache = ShortTextCache()
        // Texts that differ in one byte, in length only, or by a character split across words.
        var texts = ["第一选区", "第一选区x", "第一选区", "第二选区", "男", "女", "汉族", "汉族 ", "壮族", "买买提·艾力", "张三", "张三三", "张三三三三"]
        for index in 0..<5000 { texts.append("王\(index)") }
        texts += texts.reversed()
        for text in texts {
            let bytes = Array(text.utf8) + [UInt8](repeating: 0x2C, count: 16)
            let read = bytes.withUnsafeBufferPointer { cache.text($0.baseAddress!, length: text.utf8.count, available: $0.count) }
            #expect(read == text)
        }
    }

    /// Too long, ASCII, or too near the end of the buffer to read 16 bytes: made directly.
    @Test(arguments: [("北京市东城区景山前街4号", 64), ("1963/5/16", 64), ("张三", 6)])
    func othersAreMadeDirectly(text: String, available: Int) {
        var cache = ShortTextCache()
        let bytes = Array(text.utf8) + [UInt8](repeating: 0x2C, count: 64)
        let read = bytes.withUnsafeBufferPointer { cache.text($0.baseAddress!, length: text.utf8.count, available: min(available, $0.count)) }
        #expect(read == text)
    }
}
