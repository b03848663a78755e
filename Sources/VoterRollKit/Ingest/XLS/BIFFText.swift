/// The text of BIFF records, as UTF-8.
///
/// BIFF8 strings are UTF-16, each run of characters either "compressed" (one byte a character:
/// the low byte, the high byte being zero) or not ([MS-XLS] 2.5.293 XLUnicodeRichExtendedString).
/// A string too long for its record goes on in CONTINUE records, and each CONTINUE that carries
/// on a string's characters starts with a byte that says afresh whether they are compressed.
/// BIFF5 strings are bytes in the workbook's code page (CODEPAGE; 936 is GBK), decoded through
/// ICU like a CSV in that encoding.
enum BIFFText {
    /// Appends a compressed character run (each byte U+0000–U+00FF).
    @inline(__always)
    static func appendLatin1(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else {
                output.append(0xC0 | byte >> 6)
                output.append(0x80 | byte & 0x3F)
            }
        }
    }

    /// Appends UTF-16LE code units; `high` carries a lead surrogate whose pair may come later
    /// (past a CONTINUE). A lone surrogate becomes U+FFFD.
    static func appendUTF16(_ bytes: UnsafeRawBufferPointer, high: inout UInt32?, to output: inout [UInt8]) {
        var index = 0
        while index + 1 < bytes.count {
            let unit = UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8
            index += 2
            if let lead = high {
                high = nil
                if (0xDC00...0xDFFF).contains(unit) {
                    appendScalar(0x10000 + ((lead - 0xD800) << 10) + (unit - 0xDC00), to: &output)
                    continue
                }
                appendScalar(0xFFFD, to: &output)
            }
            switch unit {
            case 0xD800...0xDBFF: high = unit
            case 0xDC00...0xDFFF: appendScalar(0xFFFD, to: &output)
            default: appendScalar(unit, to: &output)
            }
        }
    }

    /// Ends a string: a lead surrogate left without its pair becomes U+FFFD.
    static func finish(high: inout UInt32?, output: inout [UInt8]) {
        if high != nil { appendScalar(0xFFFD, to: &output) }
        high = nil
    }

    @inline(__always)
    static func appendScalar(_ value: UInt32, to output: inout [UInt8]) {
        switch value {
        case ..<0x80:
            output.append(UInt8(value))
        case ..<0x800:
            output.append(UInt8(0xC0 | value >> 6))
            output.append(UInt8(0x80 | value & 0x3F))
        case ..<0x10000:
            output.append(UInt8(0xE0 | value >> 12))
            output.append(UInt8(0x80 | value >> 6 & 0x3F))
            output.append(UInt8(0x80 | value & 0x3F))
        default:
            output.append(UInt8(0xF0 | value >> 18))
            output.append(UInt8(0x80 | value >> 12 & 0x3F))
            output.append(UInt8(0x80 | value >> 6 & 0x3F))
            output.append(UInt8(0x80 | value & 0x3F))
        }
    }
}

/// Turns BIFF5 byte strings into text in the workbook's code page.
final class BIFFCodePage {
    /// The CODEPAGE record's value; 0 until the workbook names one.
    private(set) var number: UInt16 = 0
    private var converter: CharsetConverter?

    /// Sets the code page a CODEPAGE record names.
    func set(_ value: UInt16) {
        number = value
        converter = nil
    }

    /// The text of `bytes` in the code page. Without a CODEPAGE record, or with one ICU does not
    /// know, GB18030 (a superset of GBK, what Chinese Windows writes) is assumed.
    func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if number == 1200 {
            var output: [UInt8] = []
            var high: UInt32?
            BIFFText.appendUTF16(bytes, high: &high, to: &output)
            BIFFText.finish(high: &high, output: &output)
            return String(decoding: output, as: UTF8.self)
        }
        if number == 65001 { return String(decoding: bytes, as: UTF8.self) }
        if converter == nil {
            let names = number == 0 || number == 936 ? ["GB18030"] : ["windows-\(number)", "cp\(number)", "GB18030"]
            converter = names.lazy.compactMap { try? CharsetConverter(charset: $0) }.first
        }
        guard let converter, let decoded = try? converter.decode(Array(bytes)) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        return decoded.text
    }
}

/// A record with its CONTINUE records, read as one run of bytes that knows where each CONTINUE
/// began (an SST, a long STRING).
struct BIFFContinuedBytes {
    private(set) var bytes: [UInt8] = []
    /// Where each CONTINUE's body starts in `bytes`, in order.
    private var boundaries: [Int] = []
    private var position = 0
    private var nextBoundary = 0

    /// Reads the current record of `reader` and every CONTINUE after it.
    init(_ reader: BIFFRecordReader) throws(IngestError) {
        bytes.append(contentsOf: reader.body)
        while try reader.next() {
            guard reader.type == 0x003C else {
                reader.unread()
                break
            }
            boundaries.append(bytes.count)
            bytes.append(contentsOf: reader.body)
        }
    }

    var remaining: Int { bytes.count - position }

    mutating func u8() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func u16() -> UInt16? {
        guard let low = u8(), let high = u8() else { return nil }
        return UInt16(low) | UInt16(high) << 8
    }

    mutating func u32() -> UInt32? {
        guard let low = u16(), let high = u16() else { return nil }
        return UInt32(low) | UInt32(high) << 16
    }

    /// Skips `count` bytes (formatting runs, phonetic data: no flag byte at a CONTINUE for them).
    mutating func skip(_ count: Int) -> Bool {
        guard count <= remaining else {
            position = bytes.count
            return false
        }
        position += count
        return true
    }

    /// Appends `count` characters as UTF-8, compressed or not as `flags` bit 0 says at first and
    /// as the flag byte of each CONTINUE they run into says from there; false when the bytes end
    /// first.
    mutating func characters(_ count: Int, flags: UInt8, to output: inout [UInt8]) -> Bool {
        var left = count
        var wide = flags & 1 != 0
        var high: UInt32?
        defer { BIFFText.finish(high: &high, output: &output) }
        while left > 0 {
            // Characters still to come at a CONTINUE's start: its first byte is their flag. (A
            // string that ends exactly at a CONTINUE never gets here, so the next string's header
            // is not taken for a flag.)
            if boundary(atOrAfter: position) == position {
                guard let flag = u8() else { return false }
                wide = flag & 1 != 0
                continue
            }
            let limit = boundary(atOrAfter: position) ?? bytes.count
            let width = wide ? 2 : 1
            let take = min(left, (limit - position) / width)
            guard take > 0 else {
                // Half a character before a CONTINUE (a damaged record): skip to it.
                if limit >= bytes.count { return false }
                position = limit
                continue
            }
            bytes.withUnsafeBytes { raw in
                let run = UnsafeRawBufferPointer(rebasing: raw[position..<position + take * width])
                if wide {
                    BIFFText.appendUTF16(run, high: &high, to: &output)
                } else {
                    BIFFText.appendLatin1(run, to: &output)
                }
            }
            position += take * width
            left -= take
        }
        return true
    }

    /// The first CONTINUE boundary at or after `at`. Positions only grow, so the search goes
    /// on from where it stopped: a storm of empty CONTINUEs costs one step each.
    private mutating func boundary(atOrAfter at: Int) -> Int? {
        while nextBoundary < boundaries.count, boundaries[nextBoundary] < at { nextBoundary += 1 }
        return nextBoundary < boundaries.count ? boundaries[nextBoundary] : nil
    }
}
