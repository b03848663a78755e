/// Decodes GB18030 to UTF-8 from tables built once from ICU.
///
/// ICU converts through UTF-16 one call per chunk and took a fifth of the time to read a
/// million-row register; a table of the 23,940 two-byte codes (built at first use by passing
/// every code through ICU once, so the mapping is ICU's) lets the hot loop write UTF-8 directly.
/// ASCII is copied eight bytes at a time. Four-byte codes are computed (planes 1–16) or asked of
/// ICU and remembered (the BMP ones, which follow ICU's range table).
final class GB18030Decoder {
    /// UTF-8 of each two-byte code, indexed `(lead - 0x81) * 191 + (trail - 0x40)`: the bytes in
    /// the low 24 bits (first byte lowest), the length in the top 8; 0 when ICU cannot decode it.
    private static let pairs: [UInt32]? = buildPairs()

    private let converter: CharsetConverter
    private let pairs: [UInt32]
    /// Four-byte BMP codes met so far, and their UTF-8 (packed as in `pairs`; 0: undecodable).
    private var fourByte: [UInt32: UInt32] = [:]

    /// nil when ICU cannot build the table (the caller then decodes through ICU directly).
    init?() {
        guard let pairs = GB18030Decoder.pairs, let converter = try? CharsetConverter(charset: "GB18030") else { return nil }
        self.pairs = pairs
        self.converter = converter
    }

    private static func buildPairs() -> [UInt32]? {
        guard let converter = try? CharsetConverter(charset: "GB18030") else { return nil }
        // Every two-byte code followed by a line feed, decoded in one call.
        var input: [UInt8] = []
        input.reserveCapacity(126 * 191 * 3)
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                input += [UInt8(lead), UInt8(trail), 0x0A]
            }
        }
        guard let (text, _) = try? converter.decode(input) else { return nil }
        var pairs = [UInt32](repeating: 0, count: 126 * 191)
        var pieces = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).makeIterator()
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                guard let piece = pieces.next() else { return nil }
                let bytes = Array(piece)
                // A replacement character means ICU could not decode the code.
                guard bytes.count <= 3, bytes != [0xEF, 0xBF, 0xBD] else { continue }
                var packed = UInt32(bytes.count) << 24
                for (index, byte) in bytes.enumerated() { packed |= UInt32(byte) << (8 * index) }
                pairs[(lead - 0x81) * 191 + (trail - 0x40)] = packed
            }
        }
        return pairs
    }

    /// Decodes `bytes` (whose first byte is at `fileOffset` in the file), appending UTF-8 to
    /// `output` and a mark for each replacement; returns how many trailing bytes to carry over
    /// (an incomplete code at the end of a chunk that is not the last).
    func decode(_ bytes: UnsafeBufferPointer<UInt8>, isLast: Bool, fileOffset: Int, into output: inout [UInt8], marks: inout [TextDecoder.Mark]) -> Int {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        let count = bytes.count
        let start = output.count
        // Room for the worst case (every byte a replacement character), trimmed afterwards.
        output.append(contentsOf: repeatElement(0, count: 3 * count + 4))
        var carried = 0
        let written = output.withUnsafeMutableBufferPointer { buffer -> Int in
            guard let target = buffer.baseAddress.map({ $0 + start }) else { return 0 }
            var out = 0
            var index = 0
            @inline(__always) func replace(_ length: Int, nul: Bool = false) {
                marks.append(TextDecoder.Mark(index: start + out, fileOffset: fileOffset + index, length: length, isNUL: nul))
                target[out] = 0xEF
                target[out + 1] = 0xBF
                target[out + 2] = 0xBD
                out += 3
                index += length
            }
            @inline(__always) func write(_ packed: UInt32) {
                let length = Int(packed >> 24)
                target[out] = UInt8(truncatingIfNeeded: packed)
                if length > 1 { target[out + 1] = UInt8(truncatingIfNeeded: packed >> 8) }
                if length > 2 { target[out + 2] = UInt8(truncatingIfNeeded: packed >> 16) }
                out += length
            }
            while index < count {
                // ASCII without NUL, eight bytes at a time.
                while index + 8 <= count {
                    let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                    let high: UInt64 = 0x8080_8080_8080_8080
                    if word & high != 0 || (word &- 0x0101_0101_0101_0101) & ~word & high != 0 { break }
                    UnsafeMutableRawPointer(target + out).storeBytes(of: word, as: UInt64.self)
                    index += 8
                    out += 8
                }
                guard index < count else { break }
                let lead = source[index]
                if lead < 0x80 {
                    if lead == 0 {
                        replace(1, nul: true)
                    } else {
                        target[out] = lead
                        out += 1
                        index += 1
                    }
                    continue
                }
                guard lead != 0x80, lead != 0xFF else {
                    replace(1)
                    continue
                }
                guard index + 1 < count else {
                    if isLast { replace(1) } else { carried = 1; index = count }
                    continue
                }
                let second = source[index + 1]
                if second >= 0x40, second != 0x7F, second != 0xFF {
                    let packed = pairs[(Int(lead) - 0x81) * 191 + Int(second) - 0x40]
                    if packed == 0 {
                        replace(2)
                    } else {
                        write(packed)
                        index += 2
                    }
                    continue
                }
                guard second >= 0x30, second <= 0x39 else {
                    // A lead byte with a bad second byte: as ICU does, 0xFF goes with the lead
                    // byte, anything else is read again on its own.
                    replace(second == 0xFF ? 2 : 1)
                    continue
                }
                guard index + 3 < count else {
                    if isLast {
                        replace(count - index)
                    } else {
                        carried = count - index
                        index = count
                    }
                    continue
                }
                let third = source[index + 2]
                let fourth = source[index + 3]
                guard third >= 0x81, third <= 0xFE, fourth >= 0x30, fourth <= 0x39 else {
                    replace(1)
                    continue
                }
                let code = UInt32(lead) << 24 | UInt32(second) << 16 | UInt32(third) << 8 | UInt32(fourth)
                let scalar = fourByteUTF8(code, lead: lead, second: second, third: third, fourth: fourth)
                if scalar == 0 {
                    replace(4)
                } else {
                    let length = Int(scalar >> 24)
                    if length == 4 {
                        // Planes 1–16: the packed form has no room for a fourth byte and a length.
                        writeSupplementary(scalar & 0x1F_FFFF, to: target + out)
                        out += 4
                    } else {
                        write(scalar)
                    }
                    index += 4
                }
            }
            return out
        }
        output.removeLast(3 * count + 4 - written)
        return carried
    }

    /// UTF-8 of a four-byte code, packed (length 4: the low 21 bits hold the scalar instead).
    private func fourByteUTF8(_ code: UInt32, lead: UInt8, second: UInt8, third: UInt8, fourth: UInt8) -> UInt32 {
        let linear = ((Int(lead) - 0x81) * 10 + Int(second) - 0x30) * 1260 + (Int(third) - 0x81) * 10 + Int(fourth) - 0x30
        // 0x90308130 is U+10000; planes 1–16 follow in order.
        let supplementaryStart = ((0x90 - 0x81) * 10) * 1260
        if linear >= supplementaryStart {
            let scalar = linear - supplementaryStart + 0x10000
            return scalar <= 0x10FFFF ? (4 << 24) | UInt32(scalar) : 0
        }
        if let known = fourByte[code] { return known }
        var packed: UInt32 = 0
        if let (text, invalid) = try? converter.decode([lead, second, third, fourth]), invalid.isEmpty {
            let bytes = Array(text.utf8)
            if bytes.count <= 3 {
                packed = UInt32(bytes.count) << 24
                for (index, byte) in bytes.enumerated() { packed |= UInt32(byte) << (8 * index) }
            } else if let scalar = text.unicodeScalars.first {
                packed = (4 << 24) | scalar.value
            }
        }
        fourByte[code] = packed
        return packed
    }

    @inline(__always)
    private func writeSupplementary(_ scalar: UInt32, to target: UnsafeMutablePointer<UInt8>) {
        target[0] = UInt8(0xF0 | (scalar >> 18))
        target[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
        target[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
        target[3] = UInt8(0x80 | (scalar & 0x3F))
    }
}
