/// How the encoding of a text file was decided, for `inspect` and for findings' evidence.
public enum TextEncodingSource: String, Sendable, Codable {
    /// The user named it (`--encoding`).
    case override
    /// A byte order mark at the start of the file.
    case byteOrderMark = "byte order mark"
    /// No byte order mark, and the first megabytes are well-formed UTF-8.
    case validUTF8 = "valid UTF-8"
    /// No byte order mark and not UTF-8: GB18030, what Excel and WPS write on Chinese Windows.
    case notUTF8 = "not valid UTF-8"
    /// No byte order mark, and the first megabytes are UTF-8 but for a few rows in another
    /// encoding (each of them an `input.encoding` finding).
    case mostlyUTF8 = "mostly valid UTF-8"
    /// No byte order mark, but zero bytes in every other position: UTF-16 text.
    case utf16Pattern = "UTF-16 without byte order mark"
}

/// Decides a text file's encoding from its first bytes: byte order mark first, then whether
/// the sample is well-formed UTF-8, else GB18030.
///
/// GB18030 text is almost never well-formed UTF-8 (its lead bytes 0x81–0xFE are followed by
/// bytes UTF-8 forbids there), so a clean UTF-8 sample is a reliable sign.
enum EncodingDetector {
    /// How much of a file is sniffed; a later undecodable sequence becomes a finding.
    static let sampleLimit = 4 << 20

    /// The encoding a byte order mark at the start of `bytes` announces, and the mark's length.
    static func byteOrderMark(_ bytes: some Collection<UInt8>) -> (encoding: TextEncoding, length: Int)? {
        let prefix = Array(bytes.prefix(3))
        if prefix.count >= 3, prefix[0] == 0xEF, prefix[1] == 0xBB, prefix[2] == 0xBF { return (.utf8, 3) }
        if prefix.count >= 2, prefix[0] == 0xFF, prefix[1] == 0xFE { return (.utf16LE, 2) }
        if prefix.count >= 2, prefix[0] == 0xFE, prefix[1] == 0xFF { return (.utf16BE, 2) }
        return nil
    }

    /// The encoding of a file whose first bytes are `sample` (`isWholeFile` when that is all).
    static func detect(sample: [UInt8], isWholeFile: Bool) -> (encoding: TextEncoding, source: TextEncodingSource) {
        if let mark = byteOrderMark(sample) { return (mark.encoding, .byteOrderMark) }
        if let utf16 = utf16WithoutMark(sample) { return (utf16, .utf16Pattern) }
        if isWellFormedUTF8(sample, isWholeFile: isWholeFile) { return (.utf8, .validUTF8) }
        return isMostlyUTF8(sample) ? (.utf8, .mostlyUTF8) : (.gb18030, .notUTF8)
    }

    /// Whether the runs of non-ASCII bytes in `sample` (the text of a cell, up to an ASCII
    /// byte) are UTF-8 text four times as often as they are not UTF-8: a UTF-8 register with a
    /// row saved in GB18030, which is then a finding on that row, rather than a file whose
    /// every UTF-8 row would be read as GB18030 and reported.
    ///
    /// GB18030 text is not UTF-8 in almost every run; the few that are (女 is Ů) hold no
    /// three-byte sequence, which UTF-8 Chinese always does, so they do not count.
    static func isMostlyUTF8(_ sample: [UInt8]) -> Bool {
        sample.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return false }
            var utf8Runs = 0
            var otherRuns = 0
            var index = 0
            while index < bytes.count {
                guard base[index] >= 0x80 else {
                    index += 1
                    continue
                }
                var end = index + 1
                var hasLongSequence = base[index] >= 0xE0
                while end < bytes.count, base[end] >= 0x80 {
                    if base[end] >= 0xE0 { hasLongSequence = true }
                    end += 1
                }
                let run = UnsafeBufferPointer(start: base + index, count: end - index)
                switch UTF8Scanner.firstProblem(in: run, from: 0) {
                case nil where hasLongSequence: utf8Runs += 1
                case nil: break
                case .some((_, .incomplete)) where end == bytes.count: break
                case .some: otherRuns += 1
                }
                index = end
            }
            return utf8Runs >= 4 && utf8Runs >= 4 * otherRuns
        }
    }

    /// Whether `sample` is UTF-8 (NUL bytes allowed; a sequence cut by the sample's end too,
    /// unless the sample is the whole file).
    static func isWellFormedUTF8(_ sample: [UInt8], isWholeFile: Bool) -> Bool {
        sample.withUnsafeBufferPointer { bytes in
            var index = 0
            while let (at, problem) = UTF8Scanner.firstProblem(in: bytes, from: index) {
                switch problem {
                case .nul: index = at + 1
                case .incomplete: return !isWholeFile
                case .invalid: return false
                }
            }
            return true
        }
    }

    /// UTF-16 without a byte order mark: ASCII characters leave a zero byte in every other
    /// position, and a register is full of digits and commas.
    static func utf16WithoutMark(_ sample: [UInt8]) -> TextEncoding? {
        let pairs = min(sample.count, 4096) / 2
        guard pairs >= 4 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for pair in 0..<pairs {
            if sample[2 * pair] == 0 { evenZeros += 1 }
            if sample[2 * pair + 1] == 0 { oddZeros += 1 }
        }
        if oddZeros * 10 >= pairs * 3, evenZeros * 20 <= pairs { return .utf16LE }
        if evenZeros * 10 >= pairs * 3, oddZeros * 20 <= pairs { return .utf16BE }
        return nil
    }

    /// Why the start of a file does not look like text, or nil when it does.
    ///
    /// Text in any encoding read here has no NUL bytes (outside UTF-16) and almost no control
    /// characters other than tab, line feed and carriage return.
    static func binaryReason(_ sample: [UInt8]) -> String? {
        if let mark = byteOrderMark(sample), mark.encoding != .utf8 { return nil }
        if utf16WithoutMark(sample) != nil { return nil }
        let window = sample.prefix(4096)
        guard !window.isEmpty else { return nil }
        var zeros = 0
        var controls = 0
        for byte in window {
            if byte == 0 {
                zeros += 1
            } else if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C, byte != 0x1A {
                controls += 1
            }
        }
        if zeros == window.count {
            return "holds nothing but zero (NUL) bytes: a damaged or incomplete copy; copy or export the file again"
        }
        let odd = zeros + controls
        if odd >= 4, odd * 50 > window.count {
            return "is binary data, not a spreadsheet (\(zeros) zero bytes and \(controls) control bytes in the first \(window.count)); export it from Excel or WPS as .xlsx or CSV"
        }
        return nil
    }
}
