/// The workbook's shared strings, which sheet cells point at by index (`<c t="s"><v>12</v>`).
///
/// They must be held in memory: any cell may point at any string. A register of a million people
/// has millions of distinct strings (every name, ID and address), so they are kept as one UTF-8
/// buffer plus one end offset each — about the size of the text plus 4 bytes a string, against
/// some 50 bytes of overhead for an array of `String`s. A cell's `String` is made when the cell
/// is read.
///
/// An `.xls` workbook's shared string table (SST) is held the same way (`read(_:)` for a
/// `BIFFRecordReader`, in `XLS/XLSSharedStrings.swift`).
struct XLSXSharedStrings {
    /// The strings' UTF-8, one after another (a reader appends a string's bytes, then `endString`).
    var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    var count: Int { ends.count }

    /// The string at a 0-based index, its first `maxBytes` bytes at most; nil when there is none.
    func string(at index: Int, maxBytes: Int = .max) -> String? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : Int(ends[index - 1])
        let end = Int(ends[index]) - start > maxBytes ? start + maxBytes : Int(ends[index])
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        }
    }

    /// The length in bytes of UTF-8 of the string at a 0-based index; nil when there is none.
    func byteCount(at index: Int) -> Int? {
        guard index >= 0, index < ends.count else { return nil }
        return Int(ends[index]) - (index == 0 ? 0 : Int(ends[index - 1]))
    }

    /// Reads `<sst>`: each `<si>` is the text of its `<t>`s, rich-text runs (`<r><t>`) joined and
    /// phonetic guides (`<rPh>`) left out.
    static func read(_ reader: XLSXPart) throws(IngestError) -> XLSXSharedStrings {
        var strings = XLSXSharedStrings()
        let xml = reader.xml
        var inItem = false
        var inText = false
        var phoneticDepth = 0
        var itemStart = 0
        while let type = try reader.next() {
            switch type {
            case 1:
                let element = xml.withLocalName(Element.init)
                switch element {
                case .item:
                    inItem = true
                    itemStart = strings.bytes.count
                    if xml.isEmptyElement {
                        try strings.finishItem(from: itemStart, file: reader.file)
                        inItem = false
                    }
                case .text:
                    inText = inItem && phoneticDepth == 0 && !xml.isEmptyElement
                case .phonetic:
                    if !xml.isEmptyElement { phoneticDepth += 1 }
                case .other:
                    break
                }
            case 3:
                if inText {
                    xml.withValue { strings.bytes.append(contentsOf: $0) }
                }
            case 15:
                let element = xml.withLocalName(Element.init)
                switch element {
                case .item:
                    if inItem { try strings.finishItem(from: itemStart, file: reader.file) }
                    inItem = false
                    inText = false
                case .text:
                    inText = false
                case .phonetic:
                    phoneticDepth = max(0, phoneticDepth - 1)
                case .other:
                    break
                }
            default:
                continue
            }
        }
        strings.bytes = XLSXSharedStrings.trimmed(strings.bytes)
        strings.ends = XLSXSharedStrings.trimmed(strings.ends)
        return strings
    }

    /// A copy without the spare capacity growth left (up to half the buffer), when that is worth it.
    private static func trimmed<Element>(_ array: [Element]) -> [Element] {
        guard array.capacity - array.count > array.count / 8 else { return array }
        return [Element](unsafeUninitializedCapacity: array.count) { buffer, count in
            count = array.withUnsafeBufferPointer { source in
                _ = buffer.initialize(from: source)
                return source.count
            }
        }
    }

    private mutating func finishItem(from start: Int, file: String) throws(IngestError) {
        if let unescaped = bytes.withUnsafeBufferPointer({
            XLSXSharedStrings.unescape(UnsafeBufferPointer(rebasing: $0[start...]))
        }) {
            bytes.removeSubrange(start...)
            bytes.append(contentsOf: unescaped)
        }
        try endString(file: file)
    }

    /// Ends the string whose bytes were appended to `bytes` since the last one.
    mutating func endString(file: String) throws(IngestError) {
        guard let end = UInt32(exactly: bytes.count) else {
            throw IngestError(.tooLarge, file: file, message: "the shared strings hold more than 4 GiB of text; refusing to read them")
        }
        ends.append(end)
    }

    /// Room for about `strings` strings of `bytes` bytes in all.
    mutating func reserve(strings: Int, bytes count: Int) {
        ends.reserveCapacity(strings)
        bytes.reserveCapacity(count)
    }

    private enum Element {
        case item, text, phonetic, other

        init(_ name: UnsafeBufferPointer<UInt8>) {
            switch name.count {
            case 1: self = name[0] == UInt8(ascii: "t") ? .text : .other
            case 2: self = name[0] == UInt8(ascii: "s") && name[1] == UInt8(ascii: "i") ? .item : .other
            case 3:
                self =
                    name[0] == UInt8(ascii: "r") && name[1] == UInt8(ascii: "P") && name[2] == UInt8(ascii: "h")
                    ? .phonetic : .other
            default: self = .other
            }
        }
    }

    // MARK: Escapes

    /// The text with OOXML's `_xHHHH_` escapes decoded, or nil when it has none.
    ///
    /// Excel writes characters XML cannot carry (control characters, a CR it must keep) as
    /// `_x000D_`, and a literal `_x` as `_x005F_x`. Surrogate pairs come as two escapes; a lone
    /// surrogate becomes U+FFFD.
    static func unescape(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard text.count >= 7, text.contains(UInt8(ascii: "_")) else { return nil }
        var output: [UInt8] = []
        var index = 0
        var changed = false
        var pendingHigh: UInt32?
        func flushHigh() {
            if pendingHigh != nil {
                append(0xFFFD, to: &output)
                pendingHigh = nil
            }
        }
        output.reserveCapacity(text.count)
        while index < text.count {
            if let unit = escape(in: text, at: index) {
                changed = true
                index += 7
                if (0xD800...0xDBFF).contains(unit) {
                    flushHigh()
                    pendingHigh = unit
                } else if (0xDC00...0xDFFF).contains(unit) {
                    if let high = pendingHigh {
                        append(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &output)
                        pendingHigh = nil
                    } else {
                        append(0xFFFD, to: &output)
                    }
                } else {
                    flushHigh()
                    append(unit, to: &output)
                }
                continue
            }
            flushHigh()
            output.append(text[index])
            index += 1
        }
        flushHigh()
        return changed ? output : nil
    }

    /// The UTF-16 unit of an `_xHHHH_` escape starting at `index`, if there is one.
    private static func escape(in text: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index + 7 <= text.count, text[index] == UInt8(ascii: "_"), text[index + 1] == UInt8(ascii: "x"),
            text[index + 6] == UInt8(ascii: "_")
        else { return nil }
        var value: UInt32 = 0
        for offset in 2..<6 {
            let byte = text[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func append(_ scalar: UInt32, to output: inout [UInt8]) {
        let value = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        UTF8.encode(value) { output.append($0) }
    }
}
